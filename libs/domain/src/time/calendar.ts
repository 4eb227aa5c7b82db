import { DateTime, Info } from 'luxon';
import type { EpochSeconds, Interval } from './intervals.js';

/**
 * Where calendar questions are answered (R2 in docs/rules.md): months of the Coverage Period in the billing zone,
 * working days for the maintenance notice in the legal zone and holiday country.
 */
export interface CalendarConfig {
  billingTimeZone: string;
  legalTimeZone: string;
  /** ISO 3166-1 alpha-2 code understood by date-holidays, e.g. "FR". */
  holidayCountry: string;
}

export const DEFAULT_CALENDAR: CalendarConfig = Object.freeze({
  billingTimeZone: 'UTC',
  legalTimeZone: 'Europe/Paris',
  holidayCountry: 'FR',
});

/** A month written `YYYY-MM`, as the API carries it. */
export type Month = string;

export interface YearMonth {
  year: number;
  month: number;
}

export class InvalidMonthError extends RangeError {
  constructor(readonly input: string) {
    super(`"${input}" is not a month: expected YYYY-MM with a month from 01 to 12, e.g. "2026-10"`);
    this.name = 'InvalidMonthError';
  }
}

export class InvalidTimeZoneError extends RangeError {
  constructor(readonly zone: string) {
    super(`"${zone}" is not a known IANA time zone, e.g. "UTC" or "Europe/Paris"`);
    this.name = 'InvalidTimeZoneError';
  }
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Year 0 does not exist; December 9999 would end in year 10000, which four digits cannot write. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9998;

export function isMonth(input: string): boolean {
  const match = MONTH_PATTERN.exec(input);
  return match !== null && Number(match[1]) >= FIRST_YEAR && Number(match[1]) <= LAST_YEAR;
}

export function parseMonth(input: string): YearMonth {
  if (!isMonth(input)) throw new InvalidMonthError(input);
  const [year, month] = input.split('-').map(Number) as [number, number];
  return { year, month };
}

export function formatMonth({ year, month }: YearMonth): Month {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

// Validating a zone costs luxon a formatter; the answer for a name never changes.
const validZones = new Set<string>();

export function assertTimeZone(zone: string): void {
  if (validZones.has(zone)) return;
  if (!Info.isValidIANAZone(zone)) throw new InvalidTimeZoneError(zone);
  validZones.add(zone);
}

/** Midnight starting the given civil day in `zone` (or the first instant after it, if a DST jump skips it). */
export function startOfDay(year: number, month: number, day: number, zone: string): EpochSeconds {
  assertTimeZone(zone);
  const dt = DateTime.fromObject({ year, month, day }, { zone }).startOf('day');
  if (!dt.isValid) throw new RangeError(`no such day ${year}-${month}-${day} in ${zone}`);
  return dt.toSeconds();
}

/** The instants of a calendar month in `zone`: its length follows the zone's DST changes (R3). */
export function monthRange(month: Month, billingTimeZone: string): Interval {
  const { year, month: m } = parseMonth(month);
  const next = m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
  return {
    start: startOfDay(year, m, 1, billingTimeZone),
    end: startOfDay(next.year, next.month, 1, billingTimeZone),
  };
}

export function monthOf(t: EpochSeconds, zone: string): Month {
  assertTimeZone(zone);
  const dt = DateTime.fromSeconds(t, { zone });
  return formatMonth({ year: dt.year, month: dt.month });
}

export function nextMonth(month: Month): Month {
  const { year, month: m } = parseMonth(month);
  return formatMonth(m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 });
}

/** Every month of `zone` holding at least one instant of the half-open interval, oldest first. */
export function monthsOverlapping(range: Interval, zone: string): Month[] {
  if (!(range.start < range.end)) return [];
  if (!Number.isFinite(range.end)) throw new RangeError('cannot list the months of an unbounded interval');
  const months: Month[] = [];
  // Month boundaries fall on whole seconds, so the month of the last whole second is the last month.
  const last = monthOf(Math.max(range.start, Math.ceil(range.end) - 1), zone);
  for (let m = monthOf(range.start, zone); ; m = nextMonth(m)) {
    months.push(m);
    if (m === last) return months;
  }
}

/** An instant as a person in `zone` reads it: "Sat 5 Dec 00:00 Europe/Paris". */
export function formatLocal(at: EpochSeconds, zone: string): string {
  return `${DateTime.fromSeconds(at, { zone }).setLocale('en-GB').toFormat('ccc d LLL HH:mm')} ${zone}`;
}
