import { monthRange, type CalendarConfig } from '../time/calendar.js';
import { intersect, union, type EpochSeconds, type Interval } from '../time/intervals.js';
import { collectSources, computeAvailability, prepareSources, receivedNotices, summarize, unionsOf, type CollectedSources, type PreparedSources, type SourceUnions } from './compute.js';
import type { AvailabilityReport, CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts, Scope } from './model.js';
import { subscriptionIntervals } from './scope.js';

export interface MonthBatchOptions {
  /** Build each report's explaining intervals (heavy); a month's list does without. */
  explain?: boolean;
  /** Groups whose sources are kept at once (GROUPS_KEPT); tests make it small, so that groups are forgotten and computed again. */
  groupsKept?: number;
}

export interface MonthBatchInput {
  month: string;
  customers: { facts: CustomerFacts; target: string }[];
  outages: OutageFacts[];
  maintenances: MaintenanceFacts[];
  emergencies: EmergencyMaintenanceFacts[];
  now: EpochSeconds;
  calendar: CalendarConfig;
}

type Sources = Pick<MonthBatchInput, 'outages' | 'maintenances' | 'emergencies'>;

/**
 * Every customer's report for one month. What the sources do to a customer over the month depends
 * only on its footprint within the month and on which notices reached it; its coverage and target
 * only clip and judge the result. So customers are grouped by those two, the sources are collected
 * once per group, and each customer's figures are the group's clipped to its coverage. Customers
 * named by a scope or a notice are computed alone. A property test holds the answer equal to
 * computing each customer alone.
 */
export function computeMonth(input: MonthBatchInput, options: MonthBatchOptions = {}): AvailabilityReport[] {
  return input.customers.map(monthCalculator(input, options));
}

/**
 * The calculator behind `computeMonth`, one customer at a time, so that a caller can spread a big
 * month over several turns. Customers handed to it one after the other share its groups exactly as
 * `computeMonth`'s do: the same customers in the same order give the same reports.
 */
export function monthCalculator(
  input: Omit<MonthBatchInput, 'customers'>,
  options: MonthBatchOptions = {},
): (customer: MonthBatchInput['customers'][number]) => AvailabilityReport {
  const month = monthRange(input.month, input.calendar.billingTimeZone);
  const named = new Set<string>();
  for (const source of [...input.outages, ...input.maintenances, ...input.emergencies]) {
    if (source.scope.kind === 'customers') for (const id of source.scope.customers) named.add(id);
  }
  for (const maintenance of input.maintenances) for (const notice of maintenance.notices) for (const id of notice.customers ?? []) named.add(id);

  const relevant = relevantSources(input);
  // Each notice carries its judgement (R8, made when it was sent); the in-time ones are picked once.
  const inTimeNotices = new Map<MaintenanceFacts, MaintenanceFacts>();
  const inTime = (m: MaintenanceFacts) => {
    let kept = inTimeNotices.get(m);
    if (!kept) inTimeNotices.set(m, (kept = { ...m, notices: m.acceptedAsDowntime ? [] : m.notices.filter((n) => n.inTime) }));
    return kept;
  };
  const excludedFor = (facts: CustomerFacts, m: MaintenanceFacts) => m.startedAt !== null && receivedNotices(facts, inTime(m)).length > 0;
  // The sources of a group are large (every relevant incident's instants), and customers who join,
  // leave or move during the month make groups of their own by the thousand: the most recently used
  // are kept, so that a month's computation holds a bounded number of them.
  const groups = new RecentlyUsed<PreparedSources>(options.groupsKept ?? GROUPS_KEPT);
  const byFootprint = new RecentlyUsed<{ collected: CollectedSources; unions: SourceUnions }>(options.groupsKept ?? GROUPS_KEPT);
  // Most customers are subscribed the whole month: their figures are the group's, per target.
  const wholeMonth = new Map<string, AvailabilityReport>();
  // Customers subscribed in the same regions, unchanged since before the first notice that matters,
  // are alike in everything the rules look at: one lookup answers them.
  let settledSince = month.start;
  for (const m of input.maintenances) for (const n of m.notices) settledSince = Math.min(settledSince, n.sentAt);
  const settled = new Map<string, AvailabilityReport>();
  const settledKey = (facts: CustomerFacts, target: string): string | null => {
    if (facts.footprint.length !== 1 || facts.subscriptions.length !== 1 || named.has(facts.id)) return null;
    const [subscription, entry] = [facts.subscriptions[0]!, facts.footprint[0]!];
    if (subscription.from > settledSince || entry.from > settledSince || (subscription.to !== null && subscription.to < month.end)) return null;
    return `${[...entry.regions].sort().join(',')}|${target}`;
  };

  return ({ facts, target }) => {
    const fastKey = options.explain ? null : settledKey(facts, target);
    const known = fastKey === null ? undefined : settled.get(fastKey);
    if (known) return { ...known, customerId: facts.id };
    const report = computeOne(facts, target);
    if (fastKey !== null) settled.set(fastKey, report);
    return report;
  };

  function computeOne(facts: CustomerFacts, target: string): AvailabilityReport {
    const coverage = intersect(subscriptionIntervals(facts), [month]);
    // Before its coverage starts nothing counts for the customer: only the regions it then has matter.
    const footprint = footprintWithin(facts, month, coverage[0]?.start ?? month.start);
    const sources = relevant(footprint);
    const alone = () => ({ month: input.month, customer: facts, target, ...sources, now: input.now, calendar: input.calendar });
    if (options.explain || named.has(facts.id) || coverage.length === 0) return computeAvailability(alone(), { explain: options.explain ?? false });
    // A maintenance whose run misses the coverage changes nothing for this customer, whatever its notice.
    const touches = (m: MaintenanceFacts) =>
      m.startedAt !== null && coverage.some((c) => m.startedAt! < c.end && (m.completedAt ?? input.now) > c.start);
    const standings = sources.maintenances.map((m) => (!touches(m) ? '-' : excludedFor(facts, m) ? '1' : '0')).join('');
    const key = `${JSON.stringify(footprint)}|${standings}`;
    const whole = coverage.length === 1 && coverage[0]!.start === month.start && coverage[0]!.end === month.end;
    const shared = whole ? wholeMonth.get(`${key}|${target}`) : undefined;
    if (shared) return { ...shared, customerId: facts.id };
    let collected = groups.get(key);
    if (!collected) {
      // Subscribed all month: clipping to each member's coverage afterwards gives its own figures.
      const geometry: CustomerFacts = {
        id: facts.id,
        subscriptions: [{ from: month.start, to: month.end }],
        footprint: footprint.map(([from, regions]) => ({ from, regions })),
      };
      // Outages and emergencies do not depend on notices: collected once per footprint, shared by its groups.
      const footprintKey = JSON.stringify(footprint);
      let common = byFootprint.get(footprintKey);
      if (!common) {
        const outagesAndEmergencies = collectSources({ ...alone(), maintenances: [] }, geometry, false);
        common = { collected: outagesAndEmergencies, unions: unionsOf(outagesAndEmergencies) };
        byFootprint.set(footprintKey, common);
      }
      collected = merge(common, collectSources({ ...alone(), outages: [], emergencies: [] }, geometry, false));
      groups.set(key, collected);
    }
    const report = summarize(alone(), collected, coverage);
    if (whole) wholeMonth.set(`${key}|${target}`, report);
    return report;
  }
}

/** Groups (and footprints) whose sources a month's computation keeps at once. */
const GROUPS_KEPT = 256;

/** A memo of the `limit` entries used last: what it forgets is computed again, the same. */
class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: the entry moves to the end, the latest used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}

/** Two collections of sources over the same geometry, as one, prepared; the unions of the first are reused. */
function merge(common: { collected: CollectedSources; unions: SourceUnions }, extra: CollectedSources): PreparedSources {
  const { collected: base, unions } = common;
  const merged: CollectedSources = {
    month: base.month,
    counted: [...base.counted, ...extra.counted],
    scheduledExcluded: [...base.scheduledExcluded, ...extra.scheduledExcluded],
    emergencies: [...base.emergencies, ...extra.emergencies],
    causes: [...base.causes, ...extra.causes],
    open: [...base.open, ...extra.open],
    countedOutages: [...base.countedOutages, ...extra.countedOutages],
    contributions: [],
  };
  return prepareSources(merged, {
    counted: union(unions.counted, ...extra.counted),
    scheduledExcluded: union(unions.scheduledExcluded, ...extra.scheduledExcluded),
    emergencies: union(unions.emergencies, ...extra.emergencies),
    causes: union(unions.causes, ...extra.causes),
  });
}

/**
 * The customer's footprint as the month sees it from `since` (its coverage's start): the regions it
 * has then, as if from the month's start, then each change up to the month's end.
 */
function footprintWithin(facts: CustomerFacts, month: Interval, since: EpochSeconds): [number, string[]][] {
  const sorted = facts.footprint.length < 2 ? facts.footprint : [...facts.footprint].sort((a, b) => a.from - b.from);
  const atStart = sorted.filter((f) => f.from <= since).at(-1);
  return [
    ...(atStart ? [[month.start, [...atStart.regions].sort()] as [number, string[]]] : []),
    ...sorted.filter((f) => f.from > since && f.from < month.end).map((f) => [f.from, [...f.regions].sort()] as [number, string[]]),
  ];
}

/**
 * Only the sources whose scope can reach one of the regions the customer has during the month, or
 * the whole platform: the others would intersect to nothing. Customers named by a scope are
 * computed alone, so a customer scope never needs to be kept here.
 */
function relevantSources(input: Sources): (footprint: [number, string[]][]) => Sources {
  const byRegions = new Map<string, Sources>();
  return (footprint) => {
    const regions = new Set(footprint.flatMap(([, r]) => r));
    const key = [...regions].sort().join(',');
    let sources = byRegions.get(key);
    if (!sources) {
      const reaches = (scope: Scope) => scope.kind !== 'regions' || scope.regions.some((r) => regions.has(r));
      sources = {
        outages: input.outages.filter((o) => reaches(o.scope)),
        maintenances: input.maintenances.filter((m) => reaches(m.scope)),
        emergencies: input.emergencies.filter((e) => reaches(e.scope)),
      };
      byRegions.set(key, sources);
    }
    return sources;
  };
}
