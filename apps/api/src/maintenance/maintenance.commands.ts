import { maintenanceDecider, streams, type Customer, type MaintenanceCommand, type NoticeMailing } from '#domain';
import { calendarOf, type AppConfig } from '../config.js';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import type { ReadSide } from '../infrastructure/read-side.js';
import { toMaintenanceView, type MaintenanceView } from './maintenance.view.js';

/** Every maintenance command goes through the same decider and answers with the maintenance as it now is. */
export async function runMaintenanceCommand(
  runner: CommandRunner,
  config: AppConfig,
  command: MaintenanceCommand,
  meta: RequestMeta,
): Promise<CommandAnswer<MaintenanceView>> {
  const calendar = calendarOf(config);
  const outcome = await runner.run(streams.maintenance(command.maintenanceId), maintenanceDecider(calendar), command, meta);
  return { view: toMaintenanceView(outcome.state!), position: outcome.position };
}

/**
 * What the decider needs to address notice emails: every customer (it keeps those in scope and
 * subscribed now) and the Message-IDs' domain. Only read when the product is to send them.
 */
export async function noticeMailing(readSide: ReadSide, config: AppConfig): Promise<NoticeMailing> {
  const customers = await (await readSide.entities()).all<Customer>('customer');
  return { customers, mailDomain: config.mail.domain };
}
