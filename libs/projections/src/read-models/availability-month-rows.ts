import { createHash } from 'node:crypto';
import type { MonthFigure } from './availability-figures.js';

/** A stored figure as read back; the outages of its Down Time are a shared set, by key. */
export interface FigureRow {
  customer_id: string;
  plan_id: string;
  coverage_seconds: number;
  downtime_seconds: number;
  excluded_scheduled: number;
  excluded_emergency: number;
  excluded_causes: number;
  availability_rate: string | null;
  target: string;
  below_target: boolean;
  ongoing: boolean;
  outage_set: string;
}

/** The key of the empty list of outages: never stored. */
export const NO_OUTAGES = '';

/**
 * The key of each figure's list of outages (a digest of the ids, the same for equal lists) and the
 * lists to store, comma-joined by key. Figures that share a report share the array: digested once.
 */
export function outageSetsOf(figures: MonthFigure[]): { keys: string[]; stored: Map<string, string> } {
  const byArray = new Map<string[], string>();
  const stored = new Map<string, string>();
  const keys = figures.map(({ report: { downtimeOutageIds: ids } }) => {
    if (ids.length === 0) return NO_OUTAGES;
    let key = byArray.get(ids);
    if (key === undefined) {
      const joined = ids.join(',');
      key = createHash('sha256').update(joined).digest('base64url');
      byArray.set(ids, key);
      stored.set(key, joined);
    }
    return key;
  });
  return { keys, stored };
}

export function fromRow(month: string, row: FigureRow, outageSets: Map<string, string[]>): MonthFigure {
  const excludedSeconds = { scheduledMaintenance: row.excluded_scheduled, emergencyMaintenance: row.excluded_emergency, exclusions: row.excluded_causes };
  return {
    planId: row.plan_id,
    report: {
      customerId: row.customer_id,
      month,
      coveragePeriodSeconds: row.coverage_seconds,
      downtimeSeconds: row.downtime_seconds,
      coveragePeriodMinutes: row.coverage_seconds / 60,
      downtimeMinutes: row.downtime_seconds / 60,
      excludedSeconds,
      excludedMinutes: {
        scheduledMaintenance: row.excluded_scheduled / 60,
        emergencyMaintenance: row.excluded_emergency / 60,
        exclusions: row.excluded_causes / 60,
      },
      availabilityRate: row.availability_rate,
      target: row.target,
      belowTarget: row.below_target,
      ongoing: row.ongoing,
      // Shared between the figures of one set: read-only, like every figure handed out.
      downtimeOutageIds: outageSetOf(row, outageSets),
      intervals: [],
    },
  };
}

function outageSetOf(row: FigureRow, outageSets: Map<string, string[]>): string[] {
  const ids = outageSets.get(row.outage_set);
  if (!ids) throw new Error(`the outage set ${row.outage_set} of customer ${row.customer_id} is missing from the month's figures`);
  return ids;
}
