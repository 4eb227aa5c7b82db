/**
 * A month of facts for the availability bench (October 2026), as events.
 *
 * Every event is produced by the domain's own deciders (`decide` then `evolve`, command after
 * command, exactly as the CommandRunner does), wrapped in the envelope the CommandRunner writes
 * (`{ actor, correlationId, causationId, occurredAt, schemaVersion }`), one stream per entity.
 * Nothing goes through HTTP: the bench appends the streams through the event-store port.
 *
 * The shape (sizes from the options, proportions fixed here and printed by `describeData`):
 *  - REGION_IDS.length regions, 3 plans (targets 99.5 / 99.9 / 99.95);
 *  - customers c000001…, each in 1 region (70 %) or 2 (30 %), on one of the plans; most
 *    onboarded at a random minute between 2025-01-01 and the end of September 2026; JOIN_SHARE
 *    onboard at a random minute of October; LEAVE_SHARE of the others are offboarded in October;
 *    MOVE_SHARE change regions in October;
 *  - outages: PLATFORM_SHARE platform-wide, the rest on 1 region (mostly) or 2; DEGRADED_SHARE
 *    degraded; EXCLUDED_SHARE classified with a §2 exclusion cause; SUBPROCESSOR_SHARE name the
 *    region's provider; all ended, 1–10 min mostly, some up to 1 h, a few up to 4 h;
 *  - maintenances: windows of 1–4 h in October, noticed 8–14 days ahead (in time) or, for
 *    LATE_SHARE, the day before with acceptAsDowntime; OVERRUN_SHARE run past their window;
 *    CANCEL_SHARE are cancelled; SECOND_NOTICE_SHARE get a second notice to the whole scope;
 *  - a few emergency maintenances on one region, 30–90 min.
 * A quiet slot at the end of the month (QUIET_SLOT) is left for the bench's own platform outage.
 */
import {
  customerDecider,
  emergencyMaintenanceDecider,
  EXCLUSION_CAUSES,
  fromEpochSeconds,
  maintenanceDecider,
  outageDecider,
  planDecider,
  regionDecider,
  streams,
  toEpochSeconds,
  type CalendarConfig,
  type Region,
  type Scope,
} from '#domain';
import type { NewEvent } from '#event-store';
import { EntityWriter } from '../support/entity-writer.js';
import { SAMPLE_PLANS as PLANS } from '../support/sample-plans.js';

export const MONTH = '2026-10';
const OCT_START = toEpochSeconds('2026-10-01T00:00:00Z');
const OCT_END = toEpochSeconds('2026-11-01T00:00:00Z');
const HISTORY_START = toEpochSeconds('2025-01-01T00:00:00Z');

const JOIN_SHARE = 0.02;
const LEAVE_SHARE = 0.01;
const MOVE_SHARE = 0.003;
const TWO_REGIONS_SHARE = 0.3;
const PLATFORM_SHARE = 0.05;
const TWO_REGION_OUTAGE_SHARE = 0.15;
const DEGRADED_SHARE = 0.15;
const EXCLUDED_SHARE = 0.08;
const SUBPROCESSOR_SHARE = 0.1;
const LATE_SHARE = 0.15;
const OVERRUN_SHARE = 0.2;
const CANCEL_SHARE = 0.05;
const SECOND_NOTICE_SHARE = 0.1;

/** Left free of generated outages, maintenances and emergencies: the bench's own outage goes here. */
export const QUIET_SLOT = { start: '2026-10-31T21:00:00Z', end: '2026-10-31T21:30:00Z' } as const;
/** Changes of customers (joins, leaves, moves) happen before this, so all of them are settled by the quiet slot. */
const CHANGES_UNTIL = toEpochSeconds('2026-10-29T00:00:00Z');
/** Generated incidents end before this. */
const INCIDENTS_UNTIL = toEpochSeconds('2026-10-31T20:00:00Z');

export const REGION_IDS = ['fra', 'par', 'ams', 'lon', 'sin', 'iad'] as const;
const PROVIDERS = ['Equinix Metal', 'OVHcloud', 'Scaleway', 'Hetzner', 'Equinix Metal', 'Cogent'];


export interface DataOptions {
  customers: number;
  outages: number;
  maintenances: number;
  emergencies: number;
  seed: number;
  /** Calendar of the notice check (the app's: legal zone and holiday country). */
  calendar: CalendarConfig;
  /** Record time of every command (the deciders refuse facts after it). */
  now: string;
}

export interface GeneratedStream {
  stream: string;
  events: NewEvent[];
}

export interface GeneratedMonth {
  streams: GeneratedStream[];
  eventCount: number;
  counts: Record<string, number>;
  customerIds: string[];
  /** Customers subscribed during QUIET_SLOT: the ones the bench's platform outage must reach. */
  subscribedInQuietSlot: Set<string>;
  /**
   * Customers whose history changes (onboarded, offboarded, moved) between the earliest notice of
   * the month's maintenances and the month's end: the month batch cannot share their figures with
   * a group, so it computes each of them alone.
   */
  changingInSpan: number;
  earliestNotice: string;
}

/** mulberry32: small, fast, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTOR = 'bench:availability';
export function generateMonth(options: DataOptions): GeneratedMonth {
  const random = prng(options.seed);
  const between = (from: number, to: number) => from + Math.floor(random() * (to - from));
  const minuteBetween = (from: number, to: number) => Math.floor(between(from, to) / 60) * 60;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const iso = fromEpochSeconds;
  const out: GeneratedStream[] = [];
  const counts: Record<string, number> = {};
  const keep = (stream: string, writer: { events: NewEvent[] }) => {
    out.push({ stream, events: writer.events });
    for (const event of writer.events) counts[event.type] = (counts[event.type] ?? 0) + 1;
  };
  const quietStart = toEpochSeconds(QUIET_SLOT.start);
  const quietEnd = toEpochSeconds(QUIET_SLOT.end);

  // Reference data.
  REGION_IDS.forEach((id, k) => {
    const writer = new EntityWriter(regionDecider, options.now, ACTOR);
    const region: Region = { id, name: id.toUpperCase(), provider: PROVIDERS[k % PROVIDERS.length]! };
    writer.run({ type: 'RegisterRegion', region });
    keep(streams.region(id), writer);
  });
  for (const plan of PLANS) {
    const writer = new EntityWriter(planDecider, options.now, ACTOR);
    writer.run({ type: 'DefinePlan', plan });
    keep(streams.plan(plan.id), writer);
  }

  // Customers.
  const twoRegions = (first: string) => {
    let second = pick(REGION_IDS);
    while (second === first) second = pick(REGION_IDS);
    return [first, second];
  };
  const footprint = () => {
    const first = pick(REGION_IDS);
    return random() < TWO_REGIONS_SHARE ? twoRegions(first) : [first];
  };
  const customerIds: string[] = [];
  const subscribedInQuietSlot = new Set<string>();
  /** Per customer, the latest instant its history changed. */
  const lastChange: number[] = [];
  const width = Math.max(6, String(options.customers).length);
  for (let n = 1; n <= options.customers; n++) {
    const id = `c${String(n).padStart(width, '0')}`;
    customerIds.push(id);
    const writer = new EntityWriter(customerDecider, options.now, ACTOR);
    const joins = random() < JOIN_SHARE;
    const activeFrom = joins ? minuteBetween(OCT_START + 3600, CHANGES_UNTIL - 86_400) : minuteBetween(HISTORY_START, OCT_START);
    const regions = footprint();
    writer.run({
      type: 'OnboardCustomer',
      customerId: id,
      name: `Customer ${n}`,
      email: `ops@${id}.example`,
      planId: pick(PLANS).id,
      regions,
      monthlyFee: { amount: 100 * between(50, 5_000), currency: 'EUR' },
      activeFrom: iso(activeFrom),
    });
    let leaves = false;
    let changed = activeFrom;
    const change = random();
    if (!joins && change < MOVE_SHARE) {
      const next = random() < 0.5 && regions.length === 1 ? twoRegions(regions[0]!) : [pick(REGION_IDS.filter((r) => !regions.includes(r)))];
      changed = minuteBetween(OCT_START + 86_400, CHANGES_UNTIL);
      writer.run({ type: 'ChangeRegions', customerId: id, regions: next, effectiveAt: iso(changed) });
    } else if (!joins && change < MOVE_SHARE + LEAVE_SHARE) {
      leaves = true;
      changed = minuteBetween(OCT_START + 86_400, CHANGES_UNTIL);
      writer.run({ type: 'OffboardCustomer', customerId: id, at: iso(changed) });
    }
    lastChange.push(changed);
    if (!leaves && activeFrom <= quietStart) subscribedInQuietSlot.add(id);
    keep(streams.customer(id), writer);
  }

  // Outages.
  const duration = () => {
    const r = random();
    if (r < 0.75) return 60 * between(1, 11);
    if (r < 0.95) return 60 * between(10, 61);
    return 60 * between(60, 241);
  };
  /** A start such that [start, start + length) ends before INCIDENTS_UNTIL. */
  const incident = (length: number) => {
    const start = minuteBetween(OCT_START, INCIDENTS_UNTIL - length);
    return { start, end: start + length };
  };
  for (let n = 1; n <= options.outages; n++) {
    const id = `o${String(n).padStart(5, '0')}`;
    const writer = new EntityWriter(outageDecider, options.now, ACTOR);
    const r = random();
    const region = pick(REGION_IDS);
    const scope: Scope =
      r < PLATFORM_SHARE
        ? { kind: 'platform' }
        : r < PLATFORM_SHARE + TWO_REGION_OUTAGE_SHARE
          ? { kind: 'regions', regions: twoRegions(region) }
          : { kind: 'regions', regions: [region] };
    const impact = random() < DEGRADED_SHARE ? 'degraded' : 'unavailable';
    const { start, end } = incident(duration());
    const subProcessor = scope.kind === 'regions' && random() < SUBPROCESSOR_SHARE ? PROVIDERS[REGION_IDS.indexOf(region)]! : null;
    writer.run({ type: 'StartOutage', outageId: id, scope, impact, title: `${scope.kind === 'platform' ? 'platform' : scope.regions.join('+')}: ${impact}`, startedAt: iso(start), subProcessor });
    writer.run({ type: 'EndOutage', outageId: id, endedAt: iso(end) });
    if (random() < EXCLUDED_SHARE) {
      writer.run({ type: 'ClassifyOutage', outageId: id, exclusion: pick(EXCLUSION_CAUSES), reason: 'root cause analysis' });
    }
    keep(streams.outage(id), writer);
  }

  // Scheduled maintenances.
  const maintenance = maintenanceDecider(options.calendar);
  let earliestNotice = OCT_START;
  for (let n = 1; n <= options.maintenances; n++) {
    const id = `m${String(n).padStart(4, '0')}`;
    const writer = new EntityWriter(maintenance, options.now, ACTOR);
    const scope: Scope = random() < 0.15 ? { kind: 'platform' } : { kind: 'regions', regions: [pick(REGION_IDS)] };
    const length = 3600 * between(1, 5);
    const window = incident(length + 3600);
    const windowStart = Math.floor(window.start / 3600) * 3600;
    const win = { start: iso(windowStart), end: iso(windowStart + length) };
    const late = random() < LATE_SHARE;
    // 8+ days ahead leaves at least 5 weekdays strictly between: in time whatever the weekday (no French holiday in October).
    const noticeSentAt = late ? windowStart - 86_400 : windowStart - 86_400 * between(8, 15);
    earliestNotice = Math.min(earliestNotice, noticeSentAt);
    writer.run({ type: 'ScheduleMaintenance', maintenanceId: id, scope, title: `maintenance ${id}`, window: win, noticeSentAt: iso(noticeSentAt), acceptAsDowntime: late });
    if (!late && random() < SECOND_NOTICE_SHARE) {
      writer.run({ type: 'SendNotice', maintenanceId: id, sentAt: iso(noticeSentAt + 86_400), customers: null });
    }
    if (random() < CANCEL_SHARE) {
      writer.run({ type: 'CancelMaintenance', maintenanceId: id });
    } else {
      const startedAt = windowStart + 60 * between(0, 6);
      const completedAt = random() < OVERRUN_SHARE ? windowStart + length + 60 * between(10, 61) : windowStart + length - 60 * between(0, 30);
      writer.run({ type: 'StartMaintenance', maintenanceId: id, at: iso(startedAt) });
      writer.run({ type: 'CompleteMaintenance', maintenanceId: id, at: iso(completedAt) });
    }
    keep(streams.maintenance(id), writer);
  }

  // Emergency maintenances.
  for (let n = 1; n <= options.emergencies; n++) {
    const id = `e${String(n).padStart(3, '0')}`;
    const writer = new EntityWriter(emergencyMaintenanceDecider, options.now, ACTOR);
    const { start, end } = incident(60 * between(30, 91));
    writer.run({ type: 'StartEmergencyMaintenance', emergencyId: id, scope: { kind: 'regions', regions: [pick(REGION_IDS)] }, reason: 'security patch', startedAt: iso(start) });
    writer.run({ type: 'EndEmergencyMaintenance', emergencyId: id, endedAt: iso(end) });
    keep(streams.emergencyMaintenance(id), writer);
  }

  // Sanity: nothing generated may touch the quiet slot (the bench's own outage must be the only source there).
  if (INCIDENTS_UNTIL > quietStart || OCT_END < quietEnd) throw new Error('QUIET_SLOT overlaps the generated incidents');

  return {
    streams: out,
    eventCount: out.reduce((sum, s) => sum + s.events.length, 0),
    counts,
    customerIds,
    subscribedInQuietSlot,
    changingInSpan: lastChange.filter((t) => t >= earliestNotice).length,
    earliestNotice: iso(earliestNotice),
  };
}

export function describeData(month: GeneratedMonth): string {
  const order = [
    'RegionRegistered',
    'PlanDefined',
    'CustomerOnboarded',
    'CustomerRegionsChanged',
    'CustomerOffboarded',
    'OutageStarted',
    'OutageEnded',
    'OutageClassified',
    'MaintenanceScheduled',
    'MaintenanceNoticeSent',
    'MaintenanceStarted',
    'MaintenanceCompleted',
    'MaintenanceCancelled',
    'EmergencyMaintenanceStarted',
    'EmergencyMaintenanceEnded',
  ];
  const known = order.filter((type) => month.counts[type]).map((type) => `${type} ${month.counts[type]!.toLocaleString('en-US')}`);
  const other = Object.keys(month.counts).filter((type) => !order.includes(type));
  return `${month.eventCount.toLocaleString('en-US')} events in ${month.streams.length.toLocaleString('en-US')} streams: ${[...known, ...other].join(', ')}`;
}
