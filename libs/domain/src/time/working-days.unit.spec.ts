import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CalendarConfig } from './calendar.js';
import {
  UnknownHolidayCountryError,
  earliestCompliantStart,
  isNoticeInTime,
  isWorkingDay,
  legalDayOf,
  workingDaysStrictlyBetween,
} from './working-days.js';

const at = (iso: string): number => Date.parse(iso) / 1000;
const cal: CalendarConfig = { billingTimeZone: 'UTC', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' };

describe('isWorkingDay (R2)', () => {
  it('is Monday to Friday', () => {
    expect(isWorkingDay('2026-10-09', 'FR')).toBe(true); // Friday
    expect(isWorkingDay('2026-10-10', 'FR')).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-11', 'FR')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-12', 'FR')).toBe(true); // Monday
  });

  it("takes out the country's public holidays", () => {
    expect(isWorkingDay('2026-11-11', 'FR')).toBe(false); // Armistice, a Wednesday
    expect(isWorkingDay('2026-05-25', 'FR')).toBe(false); // Lundi de Pentecôte
    expect(isWorkingDay('2026-11-11', 'DE')).toBe(true); // only an observance in Germany
    expect(isWorkingDay('2026-07-14', 'FR')).toBe(false);
    expect(isWorkingDay('2026-07-14', 'fr')).toBe(false);
  });

  it('keeps bank holidays and observances as working days', () => {
    expect(isWorkingDay('2026-12-24', 'DE')).toBe(true); // Heiliger Abend is a bank holiday there
  });

  it('reads an instant in the legal zone', () => {
    expect(isWorkingDay('2026-11-10T23:30:00Z', 'Europe/Paris', 'FR')).toBe(false); // 11 Nov in Paris
    expect(isWorkingDay('2026-11-10T23:30:00Z', 'UTC', 'FR')).toBe(true);
  });

  it('refuses an unknown country and a malformed date', () => {
    expect(() => isWorkingDay('2026-10-09', 'XX')).toThrow(UnknownHolidayCountryError);
    expect(() => isWorkingDay('2026-02-30', 'FR')).toThrow(RangeError);
  });
});

describe('notice in time (R8)', () => {
  it('counts the working days strictly between the notice day and the window day (worked example)', () => {
    // Thu 8 → Wed 14 October: Fri 9, Mon 12, Tue 13.
    expect(workingDaysStrictlyBetween(at('2026-10-08T09:00:00Z'), at('2026-10-14T01:00:00Z'), cal)).toBe(3);
    expect(isNoticeInTime(at('2026-10-08T09:00:00Z'), at('2026-10-14T01:00:00Z'), cal)).toBe(true);
    // Mon 19 → Wed 21 October: Tue 20 only.
    expect(workingDaysStrictlyBetween(at('2026-10-19T09:00:00Z'), at('2026-10-21T01:00:00Z'), cal)).toBe(1);
    expect(isNoticeInTime(at('2026-10-19T09:00:00Z'), at('2026-10-21T01:00:00Z'), cal)).toBe(false);
  });

  it('skips a public holiday (holiday case)', () => {
    const sentAt = at('2026-11-06T10:00:00Z');
    expect(workingDaysStrictlyBetween(sentAt, at('2026-11-13T08:00:00Z'), cal)).toBe(3);
    expect(isNoticeInTime(sentAt, at('2026-11-13T08:00:00Z'), cal)).toBe(true);
    expect(workingDaysStrictlyBetween(sentAt, at('2026-11-12T08:00:00Z'), cal)).toBe(2);
    expect(isNoticeInTime(sentAt, at('2026-11-12T08:00:00Z'), cal)).toBe(false);
  });

  it('takes the notice day in the legal zone: 23:30Z on Wednesday is Thursday in Paris', () => {
    const sentAt = at('2026-10-07T23:30:00Z');
    expect(legalDayOf(sentAt, 'Europe/Paris')).toBe('2026-10-08');
    // Window on Tue 13: Fri 9 and Mon 12 only, although Thu 8 would make 3 in UTC.
    expect(isNoticeInTime(sentAt, at('2026-10-13T01:00:00Z'), cal)).toBe(false);
    expect(isNoticeInTime(sentAt, at('2026-10-13T01:00:00Z'), { ...cal, legalTimeZone: 'UTC' })).toBe(true);
  });

  it('takes the window day in the legal zone: 22:30Z on Tuesday is Wednesday in Paris', () => {
    expect(isNoticeInTime(at('2026-10-08T09:00:00Z'), at('2026-10-13T22:30:00Z'), cal)).toBe(true);
    expect(isNoticeInTime(at('2026-10-08T09:00:00Z'), at('2026-10-13T21:30:00Z'), cal)).toBe(false);
  });

  it('gives none for a notice sent on or after the window day', () => {
    expect(workingDaysStrictlyBetween(at('2026-10-14T00:30:00Z'), at('2026-10-14T01:00:00Z'), cal)).toBe(0);
    expect(workingDaysStrictlyBetween(at('2026-10-20T00:30:00Z'), at('2026-10-14T01:00:00Z'), cal)).toBe(0);
  });
});

describe('earliestCompliantStart (R9)', () => {
  it('is 00:00 Paris on the day after the third working day following the notice', () => {
    expect(earliestCompliantStart(at('2026-10-08T09:00:00Z'), cal)).toBe(at('2026-10-13T22:00:00Z'));
  });

  it('skips the holiday', () => {
    expect(earliestCompliantStart(at('2026-11-06T10:00:00Z'), cal)).toBe(at('2026-11-12T23:00:00Z'));
  });

  it('may fall on a weekend', () => {
    // Mon 5 Oct: Tue 6, Wed 7, Thu 8 → Fri 9; Tue 6 Oct: Wed 7, Thu 8, Fri 9 → Sat 10.
    expect(earliestCompliantStart(at('2026-10-06T09:00:00Z'), cal)).toBe(at('2026-10-09T22:00:00Z'));
  });

  it('starts from the notice day of the legal zone', () => {
    expect(earliestCompliantStart(at('2026-10-07T23:30:00Z'), cal)).toBe(at('2026-10-13T22:00:00Z'));
    expect(earliestCompliantStart(at('2026-10-07T21:30:00Z'), cal)).toBe(at('2026-10-12T22:00:00Z'));
  });

  it('is the boundary of isNoticeInTime for any notice', () => {
    const sentAt = fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z') });
    fc.assert(
      fc.property(sentAt, (t) => {
        const earliest = earliestCompliantStart(t, cal);
        expect(isNoticeInTime(t, earliest, cal)).toBe(true);
        expect(isNoticeInTime(t, earliest - 1, cal)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
