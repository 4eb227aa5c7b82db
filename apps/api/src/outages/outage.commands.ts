import { outageDecider, streams, type OutageCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import { toOutageView } from './outage.view.js';

/** Every outage command goes through the same decider and answers with the outage as it now is. */
export async function runOutageCommand(runner: CommandRunner, command: OutageCommand, meta: RequestMeta) {
  const outcome = await runner.run(streams.outage(command.outageId), outageDecider, command, meta);
  return { view: toOutageView(outcome.state!), position: outcome.position };
}
