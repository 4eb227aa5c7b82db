/** Instants travel as ISO-8601 strings in UTC; rules compare them as epoch seconds (R1, R7; see docs/rules.md). */
export type Iso = string;

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO-8601 date-time that names its offset and exists on the calendar. */
export function isInstantWithOffset(value: string): boolean {
  if (!WITH_OFFSET.test(value)) return false;
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)!;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d) && !Number.isNaN(Date.parse(value));
}

/** Normalises an instant with offset to UTC, kept to the second. */
export function toUtc(value: string): Iso {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${value}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function toEpochSeconds(value: Iso): number {
  return Math.floor(Date.parse(value) / 1000);
}

const SECONDS_PER_DAY = 86_400;
/** `YYYY-MM-DDT` of a day since the epoch: a month's explanation formats thousands of instants of a few days. */
const dayPrefixes = new Map<number, string>();

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function fromEpochSeconds(seconds: number): Iso {
  if (!Number.isInteger(seconds)) return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 11);
    if (dayPrefixes.size >= 4_096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const inDay = seconds - day * SECONDS_PER_DAY;
  return `${prefix}${twoDigits(Math.floor(inDay / 3_600))}:${twoDigits(Math.floor((inDay % 3_600) / 60))}:${twoDigits(inDay % 60)}Z`;
}

export function isAfter(a: Iso, b: Iso): boolean {
  return toEpochSeconds(a) > toEpochSeconds(b);
}

/**
 * The last millisecond an instant given by a caller designates, for comparisons with record times
 * (stored to the millisecond). `12:00:00Z` names the whole second, so an event recorded at
 * 12:00:00.400 was recorded "at or before 12:00:00Z"; `12:00Z` names the whole minute.
 */
export function recordedUpTo(value: string): Iso {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${value}`);
  const time = /T\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?/.exec(value);
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(value);
  const digits = time?.[1]?.length ?? 0;
  const unit = !hasSeconds ? 60_000 : digits >= 3 ? 1 : 10 ** (3 - digits);
  return new Date(Math.floor(ms / unit) * unit + unit - 1).toISOString();
}
