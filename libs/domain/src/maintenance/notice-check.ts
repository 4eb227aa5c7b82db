import { fromEpochSeconds, toEpochSeconds, type Iso } from '../shared/instant.js';
import type { CalendarConfig } from '../time/calendar.js';
import { NOTICE_WORKING_DAYS, earliestCompliantStart, workingDaysStrictlyBetween } from '../time/working-days.js';

/** The notice check's whole answer (R8, R9) for a notice sent at `sentAt` and a window starting at `windowStart`. */
export interface NoticeCheck {
  noticeSentAt: Iso;
  windowStart: Iso;
  /** Full working days strictly between the two legal-zone days; 0 when the window starts first. */
  workingDaysOfNotice: number;
  requiredWorkingDays: number;
  inTime: boolean;
  /** The first start a window may have for this notice to be in time. */
  earliestCompliantStart: Iso;
  legalTimeZone: string;
  holidayCountry: string;
}

export function checkNotice(sentAt: Iso, windowStart: Iso, calendar: CalendarConfig): NoticeCheck {
  const workingDaysOfNotice = Math.max(0, workingDaysStrictlyBetween(toEpochSeconds(sentAt), toEpochSeconds(windowStart), calendar));
  return {
    noticeSentAt: sentAt,
    windowStart,
    workingDaysOfNotice,
    requiredWorkingDays: NOTICE_WORKING_DAYS,
    inTime: workingDaysOfNotice >= NOTICE_WORKING_DAYS,
    earliestCompliantStart: fromEpochSeconds(earliestCompliantStart(toEpochSeconds(sentAt), calendar)),
    legalTimeZone: calendar.legalTimeZone,
    holidayCountry: calendar.holidayCountry,
  };
}
