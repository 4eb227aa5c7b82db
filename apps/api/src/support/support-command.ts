import { streams, supportDecider, type Customer, type SupportCommand } from '#domain';
import type { CommandAnswer } from '../infrastructure/answer.js';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { ReadSide } from '../infrastructure/read-side.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import { toFailureReportViews, type FailureReportView } from './failure-report.view.js';

/** Every support command goes through the same decider and answers with the report it touched. */
export async function runSupportCommand(
  runner: CommandRunner,
  readSide: ReadSide,
  customer: Customer,
  command: SupportCommand,
  meta: RequestMeta,
): Promise<CommandAnswer<FailureReportView>> {
  const outcome = await runner.run(streams.support(command.customerId), supportDecider, command, meta);
  const report = outcome.state!.reports.find((r) => r.reportId === command.reportId)!;
  const [view] = await toFailureReportViews(readSide, customer, [report]);
  return { view: view!, position: outcome.position };
}
