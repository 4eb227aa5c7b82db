import { maintenanceDecider, streams, type CalendarConfig, type Customer, type Maintenance, type MaintenanceCommand, type NoticeMailing } from '#domain';
import type { AppConfig } from '../config.js';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import type { ReadSide } from '../infrastructure/read-side.js';

export interface MaintenanceView extends Maintenance {
  /** Whether the latest notice leaves enough working days before the current window (R8); null before any notice. */
  noticeInTime: boolean | null;
}

// The deployment's calendar has one home, config.ts; maintenance commands and the notice check read it.
import { calendarOf as deploymentCalendar } from '../config.js';

/** The notice policy reads working days in the deployment's legal zone and country (R2). */
export const calendarOf: (config: AppConfig) => CalendarConfig = deploymentCalendar;

export function toMaintenanceView(maintenance: Maintenance): MaintenanceView {
  const latest = maintenance.notices.at(-1);
  // Before any email is accepted, the answer is the check made when the window was announced.
  return {
    ...maintenance,
    emails: maintenance.emails ?? [],
    sequence: maintenance.sequence ?? 0,
    noticeCheck: maintenance.noticeCheck ?? null,
    noticeInTime: latest ? latest.inTime : (maintenance.noticeCheck?.inTime ?? null),
  };
}

/**
 * What the decider needs to address notice emails: every customer (it keeps those in scope and
 * subscribed now) and the Message-IDs' domain. Only read when the product is to send them.
 */
export async function noticeMailing(readSide: ReadSide, config: AppConfig): Promise<NoticeMailing> {
  const customers = await (await readSide.entities()).all<Customer>('customer');
  return { customers, mailDomain: config.mail.domain };
}

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
