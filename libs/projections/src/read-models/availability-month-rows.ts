import { createHash } from 'node:crypto';
import type { AvailabilityReport, FigureGrowth } from '#domain';
import type { MonthFigure, StoredFigure } from './availability-figures.js';

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
  /** The growth's instants in seconds from the month's start, and its rates as bits (see GROWTH_BITS); null: none. */
  grows_from: number | null;
  grows_until: number | null;
  growth: number | null;
}

/** The bit of each figure that grows one second a second. */
const GROWTH_BITS = { downtime: 1, scheduledMaintenance: 2, emergencyMaintenance: 4, exclusions: 8 } as const;

/** The growth columns of these figures, column by column; instants are stored from the month's start (they fit an integer). */
export function growthColumns(figures: StoredFigure[], monthStart: number): { from: (number | null)[]; until: (number | null)[]; rates: (number | null)[] } {
  const rates = (g: FigureGrowth) =>
    g.downtime * GROWTH_BITS.downtime +
    g.excluded.scheduledMaintenance * GROWTH_BITS.scheduledMaintenance +
    g.excluded.emergencyMaintenance * GROWTH_BITS.emergencyMaintenance +
    g.excluded.exclusions * GROWTH_BITS.exclusions;
  return {
    from: figures.map((f) => (f.growth ? f.growth.from - monthStart : null)),
    until: figures.map((f) => (f.growth ? f.growth.until - monthStart : null)),
    rates: figures.map((f) => (f.growth ? rates(f.growth) : null)),
  };
}

/** A stored row's growth, or null. */
export function growthOf(row: FigureRow, monthStart: number): FigureGrowth | null {
  if (row.grows_from === null || row.grows_until === null || row.growth === null) return null;
  const bit = (b: number) => ((row.growth! & b) === 0 ? 0 : 1);
  return {
    from: monthStart + row.grows_from,
    until: monthStart + row.grows_until,
    downtime: bit(GROWTH_BITS.downtime),
    excluded: {
      scheduledMaintenance: bit(GROWTH_BITS.scheduledMaintenance),
      emergencyMaintenance: bit(GROWTH_BITS.emergencyMaintenance),
      exclusions: bit(GROWTH_BITS.exclusions),
    },
  };
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

/**
 * One copy of each text that many rows repeat (plans, targets, rates): the driver makes a string per
 * row, and a month's list keeps its figures, so 100,000 copies of "99.9" would survive every young
 * collection and be copied by it.
 */
export class SharedTexts {
  private readonly texts = new Map<string, string>();

  of(text: string): string;
  of(text: string | null): string | null;
  of(text: string | null): string | null {
    if (text === null) return null;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }
}

/** The explaining intervals of a stored figure: none (a month's list does without), one frozen array for all. */
export const NO_INTERVALS: AvailabilityReport['intervals'] = Object.freeze([]) as unknown as AvailabilityReport['intervals'];

export function fromRow(month: string, row: FigureRow, outageSets: Map<string, string[]>, texts: SharedTexts = new SharedTexts()): MonthFigure {
  const excludedSeconds = { scheduledMaintenance: row.excluded_scheduled, emergencyMaintenance: row.excluded_emergency, exclusions: row.excluded_causes };
  return {
    planId: texts.of(row.plan_id),
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
      availabilityRate: texts.of(row.availability_rate),
      target: texts.of(row.target),
      belowTarget: row.below_target,
      ongoing: row.ongoing,
      // Shared between the figures of one set: read-only, like every figure handed out.
      downtimeOutageIds: outageSetOf(row, outageSets),
      intervals: NO_INTERVALS,
    },
  };
}

function outageSetOf(row: FigureRow, outageSets: Map<string, string[]>): string[] {
  const ids = outageSets.get(row.outage_set);
  if (!ids) throw new Error(`the outage set ${row.outage_set} of customer ${row.customer_id} is missing from the month's figures`);
  return ids;
}
