/**
 * Amounts are integers of a currency's minor units everywhere (exact, R11); these turn them into
 * what a person reads, with the currency's own number of digits as Intl knows it: EUR 2, JPY 0,
 * KWD 3. The arithmetic is on integers, so no amount is ever rounded by a float.
 */

export interface MoneyAmount {
  amount: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** How many minor-unit digits the currency has (ISO 4217, as the runtime's Intl data says). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

function split(amount: number, currency: string): { negative: boolean; whole: bigint; fraction: string; digits: number } {
  const digits = currencyDigits(currency);
  const minor = BigInt(Math.trunc(amount));
  const negative = minor < 0n;
  const absolute = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  return { negative, whole: absolute / scale, fraction: digits === 0 ? '' : (absolute % scale).toString().padStart(digits, '0'), digits };
}

/** The amount in major units as a plain decimal string: 200000 EUR -> "2000.00", 300000 JPY -> "300000", 1234 KWD -> "1.234". */
export function majorUnits(money: MoneyAmount): string {
  const { negative, whole, fraction } = split(money.amount, money.currency);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const grouping = new Intl.NumberFormat('en', { useGrouping: true });

/** The amount as a person reads it: "2,000.00 EUR", "300,000 JPY", "1.234 KWD". */
export function formatMoney(money: MoneyAmount): string {
  const { negative, whole, fraction } = split(money.amount, money.currency);
  return `${negative ? '-' : ''}${grouping.format(whole)}${fraction ? `.${fraction}` : ''} ${money.currency}`;
}

/** A Money with its `formatted` form beside it, for answers. */
export function withFormatted<M extends MoneyAmount>(money: M): M & { formatted: string } {
  return { ...money, formatted: formatMoney(money) };
}
