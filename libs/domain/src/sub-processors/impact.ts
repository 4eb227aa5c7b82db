import type { SourceKind } from '../availability/model.js';
import type { MoneyAmount } from '../shared/money.js';
import { intersect, measure, union, type EpochSeconds, type Interval } from '../time/intervals.js';

/**
 * What a sub-processor's failures cost in a month (R15 in docs/rules.md; docs/sub-processors.md works an
 * example). A sub-processor's failure is no exclusion (§2: it is the provider's own supplier), so
 * its outages make Down Time like any other, and the month's figures already say how much. This only
 * shares that Down Time, and the credit it gave, among its causes:
 *
 * - The causes of a customer's Down Time at an instant are the counted sources then (the month's
 *   explained segments): each registered sub-processor its outages are attributed to is ONE cause,
 *   however many of its outages overlap; every other counted source (an outage attributed to no
 *   one: the provider's own; a maintenance that counts) is a cause of its own. An outage with an
 *   exclusion cause, or a degraded one, is no cause: it made no Down Time.
 * - Where several causes overlap, the instant is split evenly among them: a sub-processor's
 *   customer time is Σ over the customer's Down Time segments of seconds / (causes there), for the
 *   segments it is a cause of.
 * - Its share of a customer's Down Time is that time / the customer's Down Time, and its part of the
 *   customer's credit is credit × share, kept exact and rounded once, half up, to the minor unit
 *   (the credit's own rounding, R11). Each customer's part is rounded on its own and the parts are
 *   summed per currency, never converted: the parts of one credit split among several causes may
 *   add up to a unit or two more or less than the credit.
 * - `minutes` is wall-clock time: the union of its counting outages over the month (open ones up to
 *   now), whoever they reached.
 */

export interface ImpactOutage {
  id: string;
  /** The registered sub-processor it is attributed to, or null (the provider's own, or an unregistered name). */
  subProcessorId: string | null;
  impact: 'unavailable' | 'degraded';
  exclusion: string | null;
  /** Where it ran within the month (open ones up to now); voided outages are left out by the caller. */
  intervals: Interval[];
}

export interface ImpactSegment {
  start: EpochSeconds;
  end: EpochSeconds;
  /** Every source covering the whole segment, as the month's report explains it. */
  sources: { kind: SourceKind; id: string }[];
}

export interface ImpactCustomer {
  customerId: string;
  downtimeSeconds: number;
  /** The month's credit line: its amount, whatever its state. */
  credit: MoneyAmount;
  /** The Down Time segments of its month (disjoint; they add up to `downtimeSeconds`). */
  downtime: ImpactSegment[];
}

export interface ImpactInput {
  /** The entries to report on; each gets a line, with zeros when nothing is attributed to it. */
  subProcessorIds: string[];
  outages: ImpactOutage[];
  customers: ImpactCustomer[];
}

export interface CustomerImpact {
  customerId: string;
  downtimeMinutes: number;
  /** Its Down Time this sub-processor caused (overlaps split evenly), minutes rounded to 2 decimals. */
  causedMinutes: number;
  /** causedMinutes / downtimeMinutes, rounded to 4 decimals (the credit uses the exact share). */
  share: number;
  credit: MoneyAmount;
  /** credit × exact share, rounded half up to the minor unit. */
  atStake: MoneyAmount;
}

export interface OutageImpact {
  id: string;
  /** Its own wall-clock minutes within the month. */
  minutes: number;
  /** Unavailable and without exclusion cause: it made Down Time. */
  counted: boolean;
  /** Customers whose Down Time it was a cause of. */
  customersAffected: number;
}

export interface SubProcessorImpact {
  subProcessorId: string;
  minutes: number;
  customersAffected: number;
  /** Σ causedMinutes over customers, from the exact sum, rounded to 2 decimals. */
  customerMinutes: number;
  /** Σ atStake per currency, by currency code. */
  credits: MoneyAmount[];
  outages: OutageImpact[];
  customers: CustomerImpact[];
}

/** A non-negative rational, exact. */
interface Fraction {
  n: bigint;
  d: bigint;
}

const ZERO: Fraction = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function add(a: Fraction, b: Fraction): Fraction {
  const n = a.n * b.d + b.n * a.d;
  const d = a.d * b.d;
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** n / d rounded half up, for n, d ≥ 0. */
function roundHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return 2n * (n % d) >= d ? q + 1n : q;
}

/** The fraction rounded half up to `decimals` decimals, as a number. */
function decimal(f: Fraction, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number(roundHalfUp(f.n * scale, f.d)) / Number(scale);
}

const SP = 'sub-processor:';

/** The causes of one segment: a key per cause (a sub-processor's key is `sub-processor:<id>`), and the outages behind each. */
function causesOf(segment: ImpactSegment, outages: Map<string, ImpactOutage>): Map<string, string[]> {
  const causes = new Map<string, string[]>();
  for (const source of segment.sources) {
    if (source.kind === 'emergencyMaintenance') continue;
    if (source.kind === 'maintenance') {
      causes.set(`maintenance:${source.id}`, []);
      continue;
    }
    const outage = outages.get(source.id);
    if (outage && (outage.impact !== 'unavailable' || outage.exclusion !== null)) continue;
    const key = outage?.subProcessorId ? `${SP}${outage.subProcessorId}` : `outage:${source.id}`;
    causes.set(key, [...(causes.get(key) ?? []), source.id]);
  }
  return causes;
}

/** Every sub-processor's impact over the month, ranked (see `rankImpacts`). */
export function subProcessorImpacts(input: ImpactInput): SubProcessorImpact[] {
  const outages = new Map(input.outages.map((o) => [o.id, o]));
  // Per sub-processor and customer: the exact time it caused, and the customers each of its outages reached.
  const caused = new Map<string, Map<string, Fraction>>();
  const reached = new Map<string, Set<string>>();
  for (const customer of input.customers) {
    for (const segment of customer.downtime) {
      const causes = causesOf(segment, outages);
      if (causes.size === 0) continue;
      const part: Fraction = { n: BigInt(segment.end - segment.start), d: BigInt(causes.size) };
      for (const [key, outageIds] of causes) {
        if (!key.startsWith(SP)) continue;
        const id = key.slice(SP.length);
        const byCustomer = caused.get(id) ?? new Map<string, Fraction>();
        caused.set(id, byCustomer);
        byCustomer.set(customer.customerId, add(byCustomer.get(customer.customerId) ?? ZERO, part));
        for (const outageId of outageIds) {
          const set = reached.get(outageId) ?? new Set<string>();
          reached.set(outageId, set);
          set.add(customer.customerId);
        }
      }
    }
  }
  const customers = new Map(input.customers.map((c) => [c.customerId, c]));
  const impacts = input.subProcessorIds.map((subProcessorId): SubProcessorImpact & { exact: Fraction } => {
    const own = input.outages.filter((o) => o.subProcessorId === subProcessorId);
    const counting = own.filter((o) => o.impact === 'unavailable' && o.exclusion === null);
    const lines: CustomerImpact[] = [];
    let total = ZERO;
    const credits = new Map<string, number>();
    for (const [customerId, time] of caused.get(subProcessorId) ?? []) {
      const customer = customers.get(customerId)!;
      total = add(total, time);
      const dt = BigInt(customer.downtimeSeconds);
      // credit × (time / DT), one rounding: amount × n / (d × DT).
      const atStake = dt === 0n ? 0 : Number(roundHalfUp(BigInt(customer.credit.amount) * time.n, time.d * dt));
      credits.set(customer.credit.currency, (credits.get(customer.credit.currency) ?? 0) + atStake);
      lines.push({
        customerId,
        downtimeMinutes: customer.downtimeSeconds / 60,
        causedMinutes: decimal({ n: time.n, d: time.d * 60n }, 2),
        share: dt === 0n ? 0 : decimal({ n: time.n, d: time.d * dt }, 4),
        credit: customer.credit,
        atStake: { amount: atStake, currency: customer.credit.currency },
      });
    }
    lines.sort((a, b) => b.atStake.amount - a.atStake.amount || b.causedMinutes - a.causedMinutes || compare(a.customerId, b.customerId));
    return {
      subProcessorId,
      minutes: measure(union(...counting.map((o) => o.intervals))) / 60,
      customersAffected: lines.length,
      customerMinutes: decimal({ n: total.n, d: total.d * 60n }, 2),
      credits: [...credits].map(([currency, amount]) => ({ amount, currency })).sort((a, b) => compare(a.currency, b.currency)),
      outages: own
        .map((o) => ({ id: o.id, minutes: measure(o.intervals) / 60, counted: o.impact === 'unavailable' && o.exclusion === null, customersAffected: reached.get(o.id)?.size ?? 0 }))
        .sort((a, b) => compare(a.id, b.id)),
      customers: lines,
      exact: total,
    };
  });
  return rankImpacts(impacts).map(({ exact: _exact, ...impact }) => impact);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Most costly first: by credits, compared currency by currency in the order of their codes (an
 * amount is never converted into another currency; a currency a line lacks counts as 0), then by
 * the customer time caused, then by id.
 */
export function rankImpacts<I extends Pick<SubProcessorImpact, 'subProcessorId' | 'credits' | 'customerMinutes'> & { exact?: Fraction }>(impacts: I[]): I[] {
  const currencies = [...new Set(impacts.flatMap((i) => i.credits.map((c) => c.currency)))].sort(compare);
  const amount = (i: I, currency: string) => i.credits.find((c) => c.currency === currency)?.amount ?? 0;
  const time = (a: I, b: I) => {
    if (a.exact && b.exact) {
      const left = b.exact.n * a.exact.d;
      const right = a.exact.n * b.exact.d;
      return left < right ? -1 : left > right ? 1 : 0;
    }
    return b.customerMinutes - a.customerMinutes;
  };
  return [...impacts].sort((a, b) => {
    for (const currency of currencies) {
      const difference = amount(b, currency) - amount(a, currency);
      if (difference !== 0) return difference;
    }
    return time(a, b) || compare(a.subProcessorId, b.subProcessorId);
  });
}

/** An outage's run within the month: [startedAt, endedAt or now) clipped to it; empty when it ran outside it. */
export function runInMonth(month: Interval, startedAt: EpochSeconds, endedAt: EpochSeconds | null, now: EpochSeconds): Interval[] {
  const end = endedAt ?? Math.max(now, startedAt);
  return end > startedAt ? intersect([{ start: startedAt, end }], [month]) : [];
}
