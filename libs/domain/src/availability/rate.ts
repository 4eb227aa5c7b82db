/**
 * AR arithmetic (R7) in integers: seconds are exact, and a rate compared to a target must not be
 * decided by a float that rounds 99.9 to 99.90000000000001.
 */

export const RATE_DECIMALS = 4;

/** A non-negative decimal as `units / 10^scale`, e.g. "99.95" = 9995 / 10^2. */
export interface ScaledDecimal {
  units: bigint;
  scale: number;
}

export class InvalidPercentError extends RangeError {
  constructor(readonly input: string) {
    super(`"${input}" is not a percentage: expected a decimal between 0 and 100 written with a dot, e.g. "99.9"`);
    this.name = 'InvalidPercentError';
  }
}

const PERCENT_PATTERN = /^(\d{1,3})(?:\.(\d+))?$/;

export function parsePercent(input: string): ScaledDecimal {
  const match = PERCENT_PATTERN.exec(input);
  if (match === null) throw new InvalidPercentError(input);
  const fraction = match[2] ?? '';
  const value = { units: BigInt(match[1] + fraction), scale: fraction.length };
  if (value.units > 100n * 10n ** BigInt(value.scale)) throw new InvalidPercentError(input);
  return value;
}

function toExactSeconds(seconds: number, what: string): bigint {
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new RangeError(`${what} must be a whole, non-negative number of seconds, got ${seconds}`);
  return BigInt(seconds);
}

/** (CP − DT) / CP × 100 with `decimals` decimals, rounded half up. */
export function formatRate(coveragePeriodSeconds: number, downtimeSeconds: number, decimals = RATE_DECIMALS): string {
  const cp = toExactSeconds(coveragePeriodSeconds, 'the Coverage Period');
  const dt = toExactSeconds(downtimeSeconds, 'the Down Time');
  if (cp === 0n) throw new RangeError('the Availability Rate is undefined without a Coverage Period');
  if (dt > cp) throw new RangeError('the Down Time cannot exceed the Coverage Period');
  const scale = 10n ** BigInt(decimals);
  const numerator = (cp - dt) * 100n * scale;
  let scaled = numerator / cp;
  if (2n * (numerator % cp) >= cp) scaled += 1n;
  const whole = (scaled / scale).toString();
  if (decimals === 0) return whole;
  return `${whole}.${(scaled % scale).toString().padStart(decimals, '0')}`;
}

/** AR < target, exactly: (CP − DT) · 100 · 10^k < T · CP with the target T scaled by 10^k. */
export function isBelowTarget(coveragePeriodSeconds: number, downtimeSeconds: number, target: string): boolean {
  const cp = toExactSeconds(coveragePeriodSeconds, 'the Coverage Period');
  const dt = toExactSeconds(downtimeSeconds, 'the Down Time');
  const t = parsePercent(target);
  return (cp - dt) * 100n * 10n ** BigInt(t.scale) < t.units * cp;
}
