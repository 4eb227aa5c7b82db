import { emergencyMaintenanceDecider, streams, type EmergencyMaintenanceCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import { toEmergencyMaintenanceView, type EmergencyMaintenanceView } from './emergency-maintenance.view.js';

/** Every emergency maintenance command goes through the same decider and answers with it as it now is. */
export async function runEmergencyMaintenanceCommand(
  runner: CommandRunner,
  command: EmergencyMaintenanceCommand,
  meta: RequestMeta,
): Promise<CommandAnswer<EmergencyMaintenanceView>> {
  const outcome = await runner.run(streams.emergencyMaintenance(command.emergencyId), emergencyMaintenanceDecider, command, meta);
  return { view: toEmergencyMaintenanceView(outcome.state!), position: outcome.position };
}
