import { emergencyMaintenanceDecider, streams, type EmergencyMaintenance, type EmergencyMaintenanceCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';

export interface EmergencyMaintenanceView extends EmergencyMaintenance {
  ongoing: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedAt: string | null;
}

export function toEmergencyMaintenanceView(emergency: EmergencyMaintenance): EmergencyMaintenanceView {
  const voided = emergency.voided === true;
  return { ...emergency, voided, voidReason: emergency.voidReason ?? null, voidedAt: emergency.voidedAt ?? null, ongoing: emergency.endedAt === null && !voided };
}

/** Every emergency maintenance command goes through the same decider and answers with it as it now is. */
export async function runEmergencyMaintenanceCommand(
  runner: CommandRunner,
  command: EmergencyMaintenanceCommand,
  meta: RequestMeta,
): Promise<CommandAnswer<EmergencyMaintenanceView>> {
  const outcome = await runner.run(streams.emergencyMaintenance(command.emergencyId), emergencyMaintenanceDecider, command, meta);
  return { view: toEmergencyMaintenanceView(outcome.state!), position: outcome.position };
}
