import type { Maintenance } from '#domain';

export interface MaintenanceView extends Maintenance {
  /** Whether the latest notice leaves enough working days before the current window (R8); null before any notice. */
  noticeInTime: boolean | null;
}

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
