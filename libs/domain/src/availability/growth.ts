import type { EpochSeconds, Interval } from '../time/intervals.js';
import type { AvailabilityReport, CustomerFacts, EmergencyMaintenanceFacts, ExcludedBreakdown, MaintenanceFacts, OutageFacts } from './model.js';
import { formatRate, isBelowTarget } from './rate.js';

/**
 * How a customer's month figures grow with the clock while the sources reaching it stay open (R5:
 * an open source counts up to now). Between two instants at which nothing is scheduled to change,
 * each second is treated alike: counted, excluded as scheduled or emergency maintenance, excluded by
 * a cause, or none of these. So from `from` to `until` every figure grows by 0 or 1 second a second.
 */
export interface FigureGrowth {
  from: EpochSeconds;
  until: EpochSeconds;
  /** Seconds gained per second, each 0 or 1. */
  downtime: number;
  excluded: ExcludedBreakdown;
}

/**
 * The first instant after `from` at which a second may be treated differently from the one before
 * without any new event: the month's end, a change of the customer's subscription or footprint
 * recorded ahead of its instant, or the start or end of the window of a maintenance still running
 * (inside its window a run is excluded, outside it counts). Outages and emergency maintenances still
 * open treat every second alike until an event ends them.
 */
export function growthHorizon(
  customer: CustomerFacts,
  { outages, maintenances, emergencies }: { outages: readonly OutageFacts[]; maintenances: readonly MaintenanceFacts[]; emergencies: readonly EmergencyMaintenanceFacts[] },
  month: Interval,
  from: EpochSeconds,
): EpochSeconds {
  let until = month.end;
  const consider = (at: EpochSeconds | null) => {
    if (at !== null && at > from && at < until) until = at;
  };
  for (const s of customer.subscriptions) {
    consider(s.from);
    consider(s.to);
  }
  for (const f of customer.footprint) consider(f.from);
  for (const m of maintenances) {
    if (m.startedAt === null || m.completedAt !== null) continue;
    consider(m.startedAt);
    consider(m.window.start);
    consider(m.window.end);
  }
  // A source open from an instant after `from` (a clock behind the one that recorded it) starts counting then.
  for (const o of outages) if (o.endedAt === null) consider(o.startedAt);
  for (const e of emergencies) if (e.endedAt === null) consider(e.startedAt);
  return Math.max(until, from);
}

/**
 * The growth seen between a report as of `from` and the same customer's report one second later,
 * valid until `until`; null when the figures no longer move with the clock: nothing grows and
 * nothing is scheduled before the month ends (`monthEnd`), or the month is over.
 */
export function growthBetween(atFrom: AvailabilityReport, secondLater: AvailabilityReport, from: EpochSeconds, until: EpochSeconds, monthEnd: EpochSeconds): FigureGrowth | null {
  const downtime = secondLater.downtimeSeconds - atFrom.downtimeSeconds;
  const excluded: ExcludedBreakdown = {
    scheduledMaintenance: secondLater.excludedSeconds.scheduledMaintenance - atFrom.excludedSeconds.scheduledMaintenance,
    emergencyMaintenance: secondLater.excludedSeconds.emergencyMaintenance - atFrom.excludedSeconds.emergencyMaintenance,
    exclusions: secondLater.excludedSeconds.exclusions - atFrom.excludedSeconds.exclusions,
  };
  const rates = [downtime, excluded.scheduledMaintenance, excluded.emergencyMaintenance, excluded.exclusions];
  if (rates.some((r) => r !== 0 && r !== 1)) throw new Error(`figures of ${atFrom.customerId} grew by ${rates.join('/')} s in one second: not a growth`);
  if (until <= from || (rates.every((r) => r === 0) && until >= monthEnd)) return null;
  return { from, until, downtime, excluded };
}

/** Whether `grownReport` gives the figures of `now`: from `from` until `until`, and after it when `until` is the month's end. */
export function growthHolds(growth: FigureGrowth, now: EpochSeconds, monthEnd: EpochSeconds): boolean {
  return now >= growth.from && (now < growth.until || growth.until >= monthEnd);
}

/**
 * The report as of `now` (where `growthHolds`) from the report as of `growth.from`:
 * each figure plus its growth, and the rate and the target judged again. The outages behind the Down
 * Time are those already counted at `from`, and whether it is ongoing is unchanged while it grows.
 */
export function grownReport(report: AvailabilityReport, growth: FigureGrowth, now: EpochSeconds): AvailabilityReport {
  if (now < growth.from) throw new RangeError(`a growth from ${growth.from} cannot give the figures of ${now}`);
  const elapsed = Math.min(now, growth.until) - growth.from;
  const downtimeSeconds = report.downtimeSeconds + growth.downtime * elapsed;
  const excludedSeconds: ExcludedBreakdown = {
    scheduledMaintenance: report.excludedSeconds.scheduledMaintenance + growth.excluded.scheduledMaintenance * elapsed,
    emergencyMaintenance: report.excludedSeconds.emergencyMaintenance + growth.excluded.emergencyMaintenance * elapsed,
    exclusions: report.excludedSeconds.exclusions + growth.excluded.exclusions * elapsed,
  };
  const cp = report.coveragePeriodSeconds;
  return {
    ...report,
    downtimeSeconds,
    downtimeMinutes: downtimeSeconds / 60,
    excludedSeconds,
    excludedMinutes: {
      scheduledMaintenance: excludedSeconds.scheduledMaintenance / 60,
      emergencyMaintenance: excludedSeconds.emergencyMaintenance / 60,
      exclusions: excludedSeconds.exclusions / 60,
    },
    availabilityRate: cp === 0 ? null : formatRate(cp, downtimeSeconds),
    belowTarget: cp === 0 ? false : isBelowTarget(cp, downtimeSeconds, report.target),
    ongoing: report.ongoing && now < growth.until,
  };
}
