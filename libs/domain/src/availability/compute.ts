import { monthRange } from '../time/calendar.js';
import { intersect, measure, overlaps, subtract, subtractFromEach, union, type Interval } from '../time/intervals.js';
import { fromEpochSeconds } from '../shared/instant.js';
import type {
  AvailabilityInput,
  AvailabilityReport,
  CustomerFacts,
  ExcludedBreakdown,
  MaintenanceFacts,
  ReportSource,
  Scope,
} from './model.js';
import { formatRate, isBelowTarget, parsePercent } from './rate.js';
import { affectedIntervals, isInScopeAt, isSubscribedAt, subscriptionIntervals } from './scope.js';
import { compareText, explainSegments, type Contribution } from './segments.js';

/**
 * The Availability Rate of one customer for one month (§3.2; R3–R8 in docs/rules.md), as the product reads it:
 *
 * - CP is the time of the month (billing zone) during which the customer was subscribed. Without any,
 *   there is nothing to measure: AR is null and the customer is not below target.
 * - Each source is only considered over the month and the instants its scope affected the customer
 *   (a region scope follows the footprint the customer had at each instant).
 * - Counted: `unavailable` outages without exclusion cause, from start to end (or now while open);
 *   every maintenance that actually started, for its actual run (or up to now while running), since
 *   any maintenance may interrupt the platform; every emergency maintenance, likewise. A `degraded`
 *   outage never counts: §3.2 counts time the platform is inaccessible.
 * - Excluded: the part of a maintenance's actual run inside its window, when the customer got a notice
 *   of the current window in time (one naming the customer, or sent to the whole scope while the
 *   customer was in scope and subscribed) and the maintenance was not accepted as downtime; an early
 *   start, an overrun, a late or missing notice therefore count. Every emergency maintenance is
 *   excluded as a whole.
 * - An outage with an exclusion cause adds no Down Time, and does not cancel the Down Time of another
 *   source at the same instants: the ambiguity is read in the customer's favour.
 * - DT = |union(counted) − union(excluded)|, overlaps counted once.
 * - The breakdown gives each excluded instant once, in this order: scheduled maintenance, then emergency
 *   maintenance, then exclusion causes (only where nothing else counted or excluded that instant).
 * - AR = (CP − DT) / CP × 100, with 4 decimals rounded half up; below target is decided in integers.
 * - Ongoing when a counted source still open reaches `now` within the month.
 */
export function computeAvailability(input: AvailabilityInput, options: { explain?: boolean } = {}): AvailabilityReport {
  parsePercent(input.target);
  const explain = options.explain ?? true;
  const month = monthRange(input.month, input.calendar.billingTimeZone);
  const coverage = intersect(subscriptionIntervals(input.customer), [month]);
  if (measure(coverage) === 0) return emptyReport(input);
  const collected = collectSources(input, input.customer, explain);
  const report = summarize(input, prepareSources(collected), coverage);
  return explain ? { ...report, intervals: explainSegments(collected.contributions.filter((c) => c.intervals.length > 0)) } : report;
}

/** What every source does to a customer over the month, before it is clipped to the customer's coverage. */
export interface CollectedSources {
  month: Interval;
  counted: Interval[][];
  scheduledExcluded: Interval[][];
  emergencies: Interval[][];
  causes: Interval[][];
  open: Interval[][];
  countedOutages: { id: string; intervals: Interval[] }[];
  contributions: Contribution[];
}

/** The union of each kind of collected instants: what `summarize` clips to each customer's coverage. */
export interface SourceUnions {
  counted: Interval[];
  scheduledExcluded: Interval[];
  emergencies: Interval[];
  causes: Interval[];
}

/** Collected sources with what every customer sharing them needs, worked out once. */
export interface PreparedSources extends CollectedSources {
  unions: SourceUnions;
  /** Each counted outage's instants that no exclusion covers, by outage id. */
  netOutages: { id: string; intervals: Interval[] }[];
}

export function unionsOf(collected: CollectedSources): SourceUnions {
  return {
    counted: union(...collected.counted),
    scheduledExcluded: union(...collected.scheduledExcluded),
    emergencies: union(...collected.emergencies),
    causes: union(...collected.causes),
  };
}

/** The collected sources with their unions (given when a caller has them already) and net outages. */
export function prepareSources(collected: CollectedSources, unions: SourceUnions = unionsOf(collected)): PreparedSources {
  return { ...collected, unions, netOutages: netOutages(collected, unions) };
}

/** Each counted outage's instants that no exclusion covers. */
function netOutages(collected: CollectedSources, unions: SourceUnions) {
  const excluded = union(unions.scheduledExcluded, unions.emergencies);
  const net = subtractFromEach(
    collected.countedOutages.map((o) => o.intervals),
    excluded,
  );
  // In the order the reports list them, once for every customer that shares the collection.
  return collected.countedOutages
    .map((o, k) => ({ id: o.id, intervals: net[k]! }))
    .filter((o) => o.intervals.length > 0)
    .sort((a, b) => compareText(a.id, b.id));
}

/**
 * Collects the sources for `input.customer` (whose notices decide what is excluded), over the
 * instants `geometry`'s footprint and subscriptions are affected. A month's batch passes a geometry
 * subscribed for the whole month and clips afterwards: every operation here commutes with
 * intersecting by the coverage, so customers who differ only in their coverage share the work.
 */
export function collectSources(input: AvailabilityInput, geometry: CustomerFacts, explain: boolean): CollectedSources {
  const { customer, now, calendar } = input;
  const month = monthRange(input.month, calendar.billingTimeZone);
  // Many sources share a scope (a region, the platform): its instants are worked out once. Most
  // scopes name one region, whose id is the key as it is (no string is made per source).
  let platform: Interval[] | undefined;
  const byRegions = new Map<string, Interval[]>();
  const byCustomers = new Map<string, Interval[]>();
  const affectedInMonth = (scope: Scope): Interval[] => {
    if (scope.kind === 'platform') return (platform ??= intersect(affectedIntervals(geometry, scope), [month]));
    const [known, ids] = scope.kind === 'regions' ? [byRegions, scope.regions] : [byCustomers, scope.customers];
    const key = ids.length === 1 ? ids[0]! : ids.join(',');
    let intervals = known.get(key);
    if (!intervals) known.set(key, (intervals = intersect(affectedIntervals(geometry, scope), [month])));
    return intervals;
  };
  const within = (scope: Scope, actual: Interval): Interval[] => {
    const affected = affectedInMonth(scope);
    if (affected.length !== 1) return intersect([actual], affected);
    // The usual case, a scope that reached the customer in one unbroken stretch (often all month):
    // one clip, no lists to walk.
    const start = Math.max(actual.start, affected[0]!.start);
    const end = Math.min(actual.end, affected[0]!.end);
    return start < end ? [{ start, end }] : [];
  };
  const collected: CollectedSources = { month, counted: [], scheduledExcluded: [], emergencies: [], causes: [], open: [], countedOutages: [], contributions: [] };
  const { contributions, counted, open } = collected;

  for (const outage of input.outages) {
    if (outage.impact !== 'unavailable') continue;
    const intervals = within(outage.scope, { start: outage.startedAt, end: outage.endedAt ?? now });
    if (intervals.length === 0) continue;
    if (outage.exclusion === null) {
      counted.push(intervals);
      collected.countedOutages.push({ id: outage.id, intervals });
      if (outage.endedAt === null) open.push(intervals);
      if (explain) contributions.push({ role: 'counted', intervals, source: { kind: 'outage', id: outage.id, eventIds: outage.eventIds, note: 'unavailable outage' } });
    } else {
      collected.causes.push(intervals);
      if (explain) {
        const note = `outage caused by ${outage.exclusion}: excluded (§2)`;
        contributions.push({ role: 'cause', intervals, source: { kind: 'outage', id: outage.id, eventIds: outage.eventIds, note } });
      }
    }
  }

  for (const maintenance of input.maintenances) {
    if (maintenance.startedAt === null) continue;
    const run = within(maintenance.scope, { start: maintenance.startedAt, end: maintenance.completedAt ?? now });
    if (run.length === 0) continue;
    counted.push(run);
    if (maintenance.completedAt === null) open.push(run);
    const { window } = maintenance;
    const inside = intersect(run, [window]);
    const standing = noticeStanding(customer, maintenance);
    if (standing.excluded) collected.scheduledExcluded.push(inside);
    if (explain) {
      const source = (note: string): ReportSource => ({ kind: 'maintenance', id: maintenance.id, eventIds: maintenance.eventIds, note });
      contributions.push(
        { role: 'counted', intervals: subtract(run, [{ start: window.start, end: Number.POSITIVE_INFINITY }]), source: source('early start before the announced window') },
        { role: 'counted', intervals: subtract(run, [{ start: Number.NEGATIVE_INFINITY, end: window.end }]), source: source('overrun past the announced window') },
        { role: standing.excluded ? 'scheduled-excluded' : 'counted', intervals: inside, source: source(standing.note) },
      );
    }
  }

  for (const emergency of input.emergencies) {
    const intervals = within(emergency.scope, { start: emergency.startedAt, end: emergency.endedAt ?? now });
    if (intervals.length === 0) continue;
    counted.push(intervals);
    collected.emergencies.push(intervals);
    if (emergency.endedAt === null) open.push(intervals);
    if (explain) {
      contributions.push({
        role: 'emergency',
        intervals,
        source: { kind: 'emergencyMaintenance', id: emergency.id, eventIds: emergency.eventIds, note: 'emergency maintenance: excluded, no notice needed' },
      });
    }
  }
  return collected;
}

/**
 * The figures of one customer from prepared sources, clipped to its coverage of the month: DT is
 * the counted instants minus the excluded ones, within the coverage. Reads its inputs only.
 */
export function summarize(input: Pick<AvailabilityInput, 'customer' | 'month' | 'target' | 'now'>, collected: PreparedSources, coverage: Interval[]): AvailabilityReport {
  const coveragePeriodSeconds = measure(coverage);
  const { unions } = collected;
  const clip = (set: Interval[]) => intersect(set, coverage);
  const scheduledSet = clip(unions.scheduledExcluded);
  const emergencySet = clip(unions.emergencies);
  const excludedSet = union(scheduledSet, emergencySet);
  const downtimeSet = subtract(clip(unions.counted), excludedSet);
  const excludedSeconds: ExcludedBreakdown = {
    scheduledMaintenance: measure(scheduledSet),
    emergencyMaintenance: measure(subtract(emergencySet, scheduledSet)),
    exclusions: measure(subtract(clip(unions.causes), union(downtimeSet, excludedSet))),
  };
  const downtimeSeconds = measure(downtimeSet);
  const { now, month } = { now: input.now, month: collected.month };
  const monthOpen = month.start <= now && now < month.end;
  return {
    customerId: input.customer.id,
    month: input.month,
    coveragePeriodSeconds,
    downtimeSeconds,
    coveragePeriodMinutes: coveragePeriodSeconds / 60,
    downtimeMinutes: downtimeSeconds / 60,
    excludedSeconds,
    excludedMinutes: inMinutes(excludedSeconds),
    availabilityRate: formatRate(coveragePeriodSeconds, downtimeSeconds),
    target: input.target,
    belowTarget: isBelowTarget(coveragePeriodSeconds, downtimeSeconds, input.target),
    ongoing: monthOpen && collected.open.some((intervals) => intersect(intervals, coverage).at(-1)?.end === now),
    // (o ∩ coverage) − (excluded ∩ coverage) = (o − excluded) ∩ coverage: the differences are the group's.
    downtimeOutageIds: collected.netOutages.filter((o) => overlaps(o.intervals, coverage)).map((o) => o.id),
    intervals: [],
  };
}

/** Whether the run inside the window is excluded for this customer, and the words that say why. */
export function noticeStanding(customer: CustomerFacts, maintenance: MaintenanceFacts): { excluded: boolean; note: string } {
  if (maintenance.acceptedAsDowntime) return { excluded: false, note: 'accepted as downtime when scheduled' };
  const received = receivedNotices(customer, maintenance);
  if (received.length === 0) {
    const unsent = maintenance.undelivered?.find((u) => u.customerId === customer.id);
    if (unsent?.status === 'failed') return { excluded: false, note: `no notice: the email to this customer was refused (${unsent.reason ?? 'no reason given'})` };
    if (unsent) return { excluded: false, note: `no notice: the email to this customer was not accepted yet${unsent.reason ? ` (${unsent.reason})` : ''}` };
    return { excluded: false, note: 'no notice sent to this customer' };
  }
  // The judgement stored with each notice decides; the best one counts.
  const best = received.find((n) => n.inTime) ?? received[0]!;
  const why = [
    ...(best.workingDays === undefined ? [] : [`${best.workingDays} working day${best.workingDays === 1 ? '' : 's'}`]),
    ...(best.email ? [`email accepted at ${fromEpochSeconds(best.sentAt)}`] : []),
  ];
  const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
  return best.inTime ? { excluded: true, note: `announced window, notice in time${detail}` } : { excluded: false, note: `notice late${detail}` };
}

/** The notices that reached the customer (R8): naming it, or sent to the scope while it was in it and subscribed. */
export function receivedNotices(customer: CustomerFacts, maintenance: MaintenanceFacts): MaintenanceFacts['notices'] {
  return maintenance.notices.filter((n) =>
    n.customers === null ? isInScopeAt(customer, maintenance.scope, n.sentAt) && isSubscribedAt(customer, n.sentAt) : n.customers.includes(customer.id),
  );
}

function inMinutes(seconds: ExcludedBreakdown): ExcludedBreakdown {
  return {
    scheduledMaintenance: seconds.scheduledMaintenance / 60,
    emergencyMaintenance: seconds.emergencyMaintenance / 60,
    exclusions: seconds.exclusions / 60,
  };
}

function emptyReport(input: AvailabilityInput): AvailabilityReport {
  const none: ExcludedBreakdown = { scheduledMaintenance: 0, emergencyMaintenance: 0, exclusions: 0 };
  return {
    customerId: input.customer.id,
    month: input.month,
    coveragePeriodSeconds: 0,
    downtimeSeconds: 0,
    coveragePeriodMinutes: 0,
    downtimeMinutes: 0,
    excludedSeconds: none,
    excludedMinutes: { ...none },
    availabilityRate: null,
    target: input.target,
    belowTarget: false,
    ongoing: false,
    downtimeOutageIds: [],
    intervals: [],
  };
}
