import { isBelowTarget, parsePercent } from '../availability/rate.js';
import type { CreditPolicy } from '../reference-data/plan.js';

/** A fraction of the fee, kept exact until the one rounding at the end (R11). */
interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

/** n / d rounded half up, for n, d ≥ 0. */
function roundHalfUp({ numerator, denominator }: Ratio): bigint {
  const quotient = numerator / denominator;
  return 2n * (numerator % denominator) >= denominator ? quotient + 1n : quotient;
}

export interface CreditFigures {
  coveragePeriodSeconds: number;
  downtimeSeconds: number;
  target: string;
}

export interface CreditAmount {
  /** Integer minor units, capped at the month's fee (R12). */
  amount: number;
  /** Before the cap. */
  uncapped: number;
  capped: boolean;
  /** How the amount was reached, in words finance can check by hand. */
  explanation: string;
}

function tierRatio(policy: Extract<CreditPolicy, { kind: 'tiers' }>, figures: CreditFigures): { ratio: Ratio; tier: string } {
  // The tier that applies is the one with the lowest threshold the AR is strictly below (taken
  // literally: an AR of exactly 99.0 is not below 99.0).
  let best: { below: string; percent: number } | null = null;
  for (const tier of policy.tiers) {
    if (!isBelowTarget(figures.coveragePeriodSeconds, figures.downtimeSeconds, tier.below)) continue;
    if (!best || tier.percent > best.percent) best = tier;
  }
  return best
    ? { ratio: { numerator: BigInt(best.percent), denominator: 100n }, tier: `AR below ${best.below} % → ${best.percent} % of the fee` }
    : { ratio: { numerator: 0n, denominator: 1n }, tier: 'AR is below no tier' };
}

/**
 * The credit for an eligible month (R11, R12 in docs/rules.md), in the fee's minor units:
 * pro-rata-downtime fee × DT / CP; pro-rata-shortfall fee × (target − AR) / 100; tiers P % of fee.
 * `owed` is what the customer owes for the month (its invoices), the ceiling of R12.
 */
export function creditAmount(policy: CreditPolicy, figures: CreditFigures, fee: number, owed: number = fee): CreditAmount {
  if (!Number.isSafeInteger(fee) || fee < 0) throw new RangeError(`the fee must be whole minor units, got ${fee}`);
  if (!Number.isSafeInteger(owed) || owed < 0) throw new RangeError(`the sums owed must be whole minor units, got ${owed}`);
  const cp = BigInt(figures.coveragePeriodSeconds);
  const dt = BigInt(figures.downtimeSeconds);
  if (cp === 0n) return { amount: 0, uncapped: 0, capped: false, explanation: 'no Coverage Period in this month' };
  const f = BigInt(fee);
  let ratio: Ratio;
  let explanation: string;
  switch (policy.kind) {
    case 'pro-rata-downtime':
      ratio = { numerator: dt, denominator: cp };
      explanation = `${fee} × ${figures.downtimeSeconds / 60} min DT / ${figures.coveragePeriodSeconds / 60} min CP`;
      break;
    case 'pro-rata-shortfall': {
      // target − AR = T/10^k − 100·(CP − DT)/CP, over 100.
      const t = parsePercent(figures.target);
      const scale = 10n ** BigInt(t.scale);
      const numerator = t.units * cp - 100n * scale * (cp - dt);
      ratio = { numerator: numerator > 0n ? numerator : 0n, denominator: 100n * scale * cp };
      explanation = `${fee} × (target ${figures.target} − AR) / 100`;
      break;
    }
    case 'tiers': {
      const chosen = tierRatio(policy, figures);
      ratio = chosen.ratio;
      explanation = `${chosen.tier} of ${fee}`;
      break;
    }
    default: {
      const never: never = policy;
      return never;
    }
  }
  const uncapped = roundHalfUp({ numerator: f * ratio.numerator, denominator: ratio.denominator });
  const ceiling = BigInt(owed);
  const capped = uncapped > ceiling;
  const amount = capped ? ceiling : uncapped;
  return {
    amount: Number(amount),
    uncapped: Number(uncapped),
    capped,
    explanation: `${explanation} = ${uncapped}, rounded half up${capped ? `, capped at the ${owed} owed for the month` : ''}`,
  };
}
