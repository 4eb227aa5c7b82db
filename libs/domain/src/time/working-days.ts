import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { assertTimeZone, startOfDay, type CalendarConfig } from './calendar.js';
import type { EpochSeconds } from './intervals.js';

/**
 * The scheduled-maintenance notice policy (R8, R9 in docs/rules.md): a notice is in time when at least three full
 * working days of the legal zone lie strictly between the day it was sent and the day the window
 * starts. Working days are Monday to Friday minus the country's public holidays as date-holidays
 * publishes them; bank, school, optional and observance days are still working days.
 */
export const NOTICE_WORKING_DAYS = 3;

/** A civil date `YYYY-MM-DD`. */
export type IsoDate = string;

export class UnknownHolidayCountryError extends RangeError {
  constructor(readonly country: string) {
    super(`"${country}" is not a country whose public holidays are known (use an ISO 3166-1 code such as "FR")`);
    this.name = 'UnknownHolidayCountryError';
  }
}

const SECONDS_PER_DAY = 86_400;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Civil days are numbered from 1970-01-01 so that walking the calendar is integer arithmetic,
// free of any time zone: the zone only matters when an instant is turned into its day.
function dayNumberOf(date: IsoDate): number {
  const match = DATE_PATTERN.exec(date);
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    if (isoDateOfDayNumber(ms / 1000 / SECONDS_PER_DAY) === date) return ms / 1000 / SECONDS_PER_DAY;
  }
  throw new RangeError(`"${date}" is not a calendar date: expected YYYY-MM-DD, e.g. "2026-10-08"`);
}

function isoDateOfDayNumber(n: number): IsoDate {
  return new Date(n * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

function isWeekend(dayNumber: number): boolean {
  // Day 0 (1970-01-01) was a Thursday; 0 is Sunday and 6 Saturday below, as in Date#getUTCDay.
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

const holidayInstances = new Map<string, Holidays>();
const publicHolidaysByYear = new Map<string, ReadonlySet<IsoDate>>();
let supportedCountries: ReadonlySet<string> | undefined;

function holidaysFor(country: string): Holidays {
  const code = country.toUpperCase();
  let instance = holidayInstances.get(code);
  if (instance === undefined) {
    // date-holidays silently yields no holiday for an unknown country, which would turn every
    // weekday into a working day: refuse it instead.
    supportedCountries ??= new Set(Object.keys(new Holidays().getCountries()));
    if (!supportedCountries.has(code)) throw new UnknownHolidayCountryError(country);
    instance = new Holidays(code);
    holidayInstances.set(code, instance);
  }
  return instance;
}

function publicHolidays(country: string, year: number): ReadonlySet<IsoDate> {
  const key = `${country.toUpperCase()}:${year}`;
  let days = publicHolidaysByYear.get(key);
  if (days === undefined) {
    const set = new Set<IsoDate>();
    for (const holiday of holidaysFor(country).getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the civil date in the country itself; a holiday may last several days.
      const first = dayNumberOf(holiday.date.slice(0, 10));
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 1000 / SECONDS_PER_DAY));
      for (let n = first; n < first + length; n++) set.add(isoDateOfDayNumber(n));
    }
    days = set;
    publicHolidaysByYear.set(key, days);
  }
  return days;
}

/** Whether a civil date `YYYY-MM-DD` is a public holiday of `country`. */
export function isPublicHoliday(date: IsoDate, country: string): boolean {
  const year = Number(isoDateOfDayNumber(dayNumberOf(date)).slice(0, 4));
  // A holiday lasting several days may begin in the previous year's list (or, rarely, be listed
  // with the next year's), so the neighbouring years are consulted too.
  return [year - 1, year, year + 1].some((y) => publicHolidays(country, y).has(date));
}

function isWorkingDayNumber(dayNumber: number, country: string): boolean {
  return !isWeekend(dayNumber) && !isPublicHoliday(isoDateOfDayNumber(dayNumber), country);
}

/** The calendar day of the legal zone in which the instant falls. */
export function legalDayOf(t: EpochSeconds, legalTimeZone: string): IsoDate {
  assertTimeZone(legalTimeZone);
  const date = DateTime.fromSeconds(t, { zone: legalTimeZone }).toISODate();
  if (date === null) throw new RangeError(`${t} is not an instant`);
  return date;
}

/**
 * Whether a day is a working day of `country`. `date` is a civil date `YYYY-MM-DD`, or an ISO-8601
 * instant with an offset, whose day is then read in `legalTimeZone`.
 */
export function isWorkingDay(date: string, country: string): boolean;
export function isWorkingDay(date: string, legalTimeZone: string | undefined, country: string): boolean;
export function isWorkingDay(date: string, zoneOrCountry: string | undefined, maybeCountry?: string): boolean {
  const country = maybeCountry ?? zoneOrCountry;
  if (country === undefined) throw new UnknownHolidayCountryError('');
  const zone = maybeCountry === undefined ? undefined : zoneOrCountry;
  if (DATE_PATTERN.test(date)) return isWorkingDayNumber(dayNumberOf(date), country);
  const instant = DateTime.fromISO(date, { setZone: true });
  if (!instant.isValid) throw new RangeError(`"${date}" is neither a calendar date nor an ISO-8601 instant`);
  if (zone === undefined) throw new RangeError(`the legal time zone is needed to know the day of "${date}"`);
  return isWorkingDayNumber(dayNumberOf(legalDayOf(instant.toSeconds(), zone)), country);
}

// A month's figures ask the same question for every customer a notice reached: remember answers.
const between = new Map<string, number>();
const BETWEEN_CAPACITY = 50_000;

/** Working days lying strictly between the legal-zone day of `sentAt` and that of `windowStart`. */
export function workingDaysStrictlyBetween(sentAt: EpochSeconds, windowStart: EpochSeconds, cal: CalendarConfig): number {
  const key = `${sentAt}|${windowStart}|${cal.legalTimeZone}|${cal.holidayCountry}`;
  const known = between.get(key);
  if (known !== undefined) return known;
  const from = dayNumberOf(legalDayOf(sentAt, cal.legalTimeZone));
  const to = dayNumberOf(legalDayOf(windowStart, cal.legalTimeZone));
  let count = 0;
  for (let n = from + 1; n < to; n++) if (isWorkingDayNumber(n, cal.holidayCountry)) count++;
  if (between.size >= BETWEEN_CAPACITY) between.clear();
  between.set(key, count);
  return count;
}

export function isNoticeInTime(sentAt: EpochSeconds, windowStart: EpochSeconds, cal: CalendarConfig): boolean {
  return workingDaysStrictlyBetween(sentAt, windowStart, cal) >= NOTICE_WORKING_DAYS;
}

/**
 * The first instant a window may start for a notice sent at `sentAt` to be in time: 00:00 in the
 * legal zone of the day after the third working day following the notice day. That day may be a
 * weekend or a holiday, since only the days in between must be working days.
 */
export function earliestCompliantStart(sentAt: EpochSeconds, cal: CalendarConfig): EpochSeconds {
  let n = dayNumberOf(legalDayOf(sentAt, cal.legalTimeZone));
  for (let found = 0; found < NOTICE_WORKING_DAYS; ) {
    n++;
    if (isWorkingDayNumber(n, cal.holidayCountry)) found++;
  }
  const [year, month, day] = isoDateOfDayNumber(n + 1).split('-').map(Number);
  return startOfDay(year, month, day, cal.legalTimeZone);
}
