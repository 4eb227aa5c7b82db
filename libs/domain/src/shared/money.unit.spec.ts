import { describe, expect, it } from '@jest/globals';
import { currencyDigits, formatMoney, majorUnits, withFormatted } from './money.js';

describe('money for people', () => {
  it("uses each currency's own digits", () => {
    expect([currencyDigits('EUR'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('writes major units exactly, from integer minor units', () => {
    expect(majorUnits({ amount: 200000, currency: 'EUR' })).toBe('2000.00');
    expect(majorUnits({ amount: 2000, currency: 'EUR' })).toBe('20.00');
    expect(majorUnits({ amount: 5, currency: 'EUR' })).toBe('0.05');
    expect(majorUnits({ amount: 300000, currency: 'JPY' })).toBe('300000');
    expect(majorUnits({ amount: 1234, currency: 'KWD' })).toBe('1.234');
    expect(majorUnits({ amount: 0, currency: 'KWD' })).toBe('0.000');
    expect(majorUnits({ amount: -941, currency: 'EUR' })).toBe('-9.41');
    // Past 2^53 / 100 a float division would lose cents; the integers do not.
    expect(majorUnits({ amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' })).toBe('90071992547409.91');
  });

  it('formats with grouping and the currency code', () => {
    expect(formatMoney({ amount: 300000, currency: 'JPY' })).toBe('300,000 JPY');
    expect(formatMoney({ amount: 200000, currency: 'EUR' })).toBe('2,000.00 EUR');
    expect(formatMoney({ amount: 1234567, currency: 'KWD' })).toBe('1,234.567 KWD');
    expect(withFormatted({ amount: 2000, currency: 'EUR' })).toEqual({ amount: 2000, currency: 'EUR', formatted: '20.00 EUR' });
  });
});
