import { isNoticeInTime, maintenanceDecider, streams, toEpochSeconds, type CalendarConfig, type Maintenance, type MaintenanceCommand } from '#domain';
import type { AppConfig } from '../config.js';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../outages/outage.view.js';

export interface MaintenanceView extends Maintenance {
  /** Whether the latest notice leaves enough working days before the current window (R8); null before any notice. */
  noticeInTime: boolean | null;
}

/** The notice policy reads working days in the deployment's legal zone and country (R2). */
export function calendarOf(config: AppConfig): CalendarConfig {
  return { billingTimeZone: config.billingTimeZone, legalTimeZone: config.legalTimeZone, holidayCountry: config.holidayCountry };
}

// The state keeps notices without their verdict, so the view works it out again with the same calendar.
export function toMaintenanceView(maintenance: Maintenance, calendar: CalendarConfig): MaintenanceView {
  const latest = maintenance.notices.at(-1);
  return {
    ...maintenance,
    noticeInTime: latest ? isNoticeInTime(toEpochSeconds(latest.sentAt), toEpochSeconds(maintenance.window.start), calendar) : null,
  };
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
  return { view: toMaintenanceView(outcome.state!, calendar), position: outcome.position };
}
