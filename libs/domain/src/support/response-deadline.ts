import { DateTime } from 'luxon';
import type { SupportHours } from '../reference-data/plan.js';
import { fromEpochSeconds, toEpochSeconds, type Iso } from '../shared/instant.js';
import { isPublicHoliday } from '../time/working-days.js';

/** Long enough for any real plan; it keeps a misconfigured plan from looping forever. */
const MAX_DAYS = 3_660;

/**
 * R14 (docs/rules.md): the response deadline of a Service Failure report is its plan's response time, counted
 * only inside the plan's support periods. A report made outside them starts counting at the next
 * period's start (§1). Support days are the plan's weekdays minus the public holidays of
 * `holidayCountry`, in the plan's own time zone.
 */
export function responseDeadline(reportedAt: Iso, responseTimeMinutes: number, hours: SupportHours, holidayCountry: string): Iso {
  const start = toEpochSeconds(reportedAt);
  if (hours === 'always') return fromEpochSeconds(start + responseTimeMinutes * 60);
  let remaining = responseTimeMinutes * 60;
  let day = DateTime.fromSeconds(start, { zone: hours.timeZone }).startOf('day');
  const [fromHour, fromMinute] = hours.from.split(':').map(Number) as [number, number];
  const [toHour, toMinute] = hours.to.split(':').map(Number) as [number, number];
  for (let n = 0; n < MAX_DAYS; n++, day = day.plus({ days: 1 }).startOf('day')) {
    if (!hours.days.includes(day.weekday) || isPublicHoliday(day.toISODate()!, holidayCountry)) continue;
    const open = day.set({ hour: fromHour, minute: fromMinute }).toSeconds();
    const close = day.set({ hour: toHour, minute: toMinute }).toSeconds();
    const from = Math.max(open, start);
    if (from >= close) continue;
    if (from + remaining <= close) return fromEpochSeconds(from + remaining);
    remaining -= close - from;
  }
  throw new RangeError(`the support hours of this plan leave no period within ${MAX_DAYS} days`);
}

export type ResponseStatus = 'open' | 'met' | 'breached';

/** Met when acknowledged by the deadline; breached when acknowledged late, or not at all once it passed. */
export function responseStatus(deadline: Iso, acknowledgedAt: Iso | null, now: Iso): ResponseStatus {
  if (acknowledgedAt !== null) return toEpochSeconds(acknowledgedAt) <= toEpochSeconds(deadline) ? 'met' : 'breached';
  return toEpochSeconds(now) > toEpochSeconds(deadline) ? 'breached' : 'open';
}
