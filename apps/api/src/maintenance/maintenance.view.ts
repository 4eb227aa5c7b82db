import { maintenanceDecider, streams, type CalendarConfig, type Maintenance, type MaintenanceCommand } from '#domain';
import type { AppConfig } from '../config.js';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';

export interface MaintenanceView extends Maintenance {
  /** Whether the latest notice leaves enough working days before the current window (R8); null before any notice. */
  noticeInTime: boolean | null;
}

/** The notice policy reads working days in the deployment's legal zone and country (R2). */
export function calendarOf(config: AppConfig): CalendarConfig {
  return { billingTimeZone: config.billingTimeZone, legalTimeZone: config.legalTimeZone, holidayCountry: config.holidayCountry };
}

export function toMaintenanceView(maintenance: Maintenance): MaintenanceView {
  const latest = maintenance.notices.at(-1);
  return {
    ...maintenance,
    noticeInTime: latest ? latest.inTime : null,
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
  return { view: toMaintenanceView(outcome.state!), position: outcome.position };
}
