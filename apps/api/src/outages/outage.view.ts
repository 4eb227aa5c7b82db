import { outageDecider, streams, type Outage, type OutageCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';

export interface OutageView extends Outage {
  ongoing: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedAt: string | null;
}

export function toOutageView(outage: Outage): OutageView {
  const voided = outage.voided === true;
  return { ...outage, voided, voidReason: outage.voidReason ?? null, voidedAt: outage.voidedAt ?? null, ongoing: outage.endedAt === null && !voided };
}

/** Every outage command goes through the same decider and answers with the outage as it now is. */
export async function runOutageCommand(runner: CommandRunner, command: OutageCommand, meta: RequestMeta) {
  const outcome = await runner.run(streams.outage(command.outageId), outageDecider, command, meta);
  return { view: toOutageView(outcome.state!), position: outcome.position };
}
