import { describe, expect, it } from '@jest/globals';
import { formatLocal, InvalidMonthError, InvalidTimeZoneError, isMonth, monthOf, monthRange, monthsOverlapping, parseMonth } from './calendar.js';

const at = (iso: string): number => Date.parse(iso) / 1000;
const minutesOf = (month: string, zone: string): number => {
  const range = monthRange(month, zone);
  return (range.end - range.start) / 60;
};

describe('monthRange (R3)', () => {
  it('gives October 2026 44,640 minutes in UTC', () => {
    expect(monthRange('2026-10', 'UTC')).toEqual({ start: at('2026-10-01T00:00:00Z'), end: at('2026-11-01T00:00:00Z') });
    expect(minutesOf('2026-10', 'UTC')).toBe(44_640);
  });

  it('gives October 2026 44,700 minutes in Europe/Paris, whose clocks go back on 25 October', () => {
    expect(monthRange('2026-10', 'Europe/Paris')).toEqual({ start: at('2026-09-30T22:00:00Z'), end: at('2026-10-31T23:00:00Z') });
    expect(minutesOf('2026-10', 'Europe/Paris')).toBe(44_700);
  });

  it('gives March 2026 44,580 minutes in Europe/Paris, whose clocks go forward on 29 March', () => {
    expect(minutesOf('2026-03', 'Europe/Paris')).toBe(44_580);
  });

  it('gives February 2026 40,320 minutes', () => {
    expect(minutesOf('2026-02', 'UTC')).toBe(40_320);
    expect(minutesOf('2026-02', 'Europe/Paris')).toBe(40_320);
    expect(minutesOf('2028-02', 'UTC')).toBe(41_760);
  });

  it('crosses the year in December', () => {
    expect(monthRange('2026-12', 'UTC').end).toBe(at('2027-01-01T00:00:00Z'));
  });

  it('refuses an unknown time zone', () => {
    expect(() => monthRange('2026-10', 'Mars/Olympus')).toThrow(InvalidTimeZoneError);
  });
});

describe('isMonth', () => {
  it('takes YYYY-MM from 0001-01 to 9998-12, and nothing else', () => {
    for (const month of ['2026-10', '0001-01', '9998-12']) expect(isMonth(month)).toBe(true);
    // No year 0; December 9999 would end in year 10000.
    for (const month of ['0000-01', '9999-01', '9999-12', '2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '']) expect(isMonth(month)).toBe(false);
  });
});

describe('parseMonth', () => {
  it('reads YYYY-MM', () => {
    expect(parseMonth('2026-10')).toEqual({ year: 2026, month: 10 });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '2026/10', ' 2026-10', '0000-01', ''])('refuses %p', (input) => {
    expect(() => parseMonth(input)).toThrow(InvalidMonthError);
  });
});

describe('monthsOverlapping', () => {
  it('lists the months an interval touches, its end excluded', () => {
    expect(monthsOverlapping({ start: at('2026-10-31T23:00:00Z'), end: at('2026-11-01T01:00:00Z') }, 'UTC')).toEqual(['2026-10', '2026-11']);
    expect(monthsOverlapping({ start: at('2026-10-05T00:00:00Z'), end: at('2026-11-01T00:00:00Z') }, 'UTC')).toEqual(['2026-10']);
    expect(monthsOverlapping({ start: at('2026-11-20T00:00:00Z'), end: at('2027-02-01T00:00:01Z') }, 'UTC')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });

  it('reads the months in the given zone', () => {
    const range = { start: at('2026-10-31T23:00:00Z'), end: at('2026-11-01T01:00:00Z') };
    expect(monthsOverlapping(range, 'Europe/Paris')).toEqual(['2026-11']);
    expect(monthOf(at('2026-09-30T22:30:00Z'), 'Europe/Paris')).toBe('2026-10');
  });

  it('is empty for an empty interval', () => {
    expect(monthsOverlapping({ start: 10, end: 10 }, 'UTC')).toEqual([]);
  });
});

describe('formatLocal', () => {
  it('writes an instant as the legal zone reads it, weekday first', () => {
    // 23:00 UTC on Friday 4 December is midnight in Paris (CET, UTC+1).
    expect(formatLocal(Date.parse('2026-12-04T23:00:00Z') / 1000, 'Europe/Paris')).toBe('Sat 5 Dec 00:00 Europe/Paris');
    // In summer Paris is UTC+2.
    expect(formatLocal(Date.parse('2026-07-01T06:30:00Z') / 1000, 'Europe/Paris')).toBe('Wed 1 Jul 08:30 Europe/Paris');
  });
});
