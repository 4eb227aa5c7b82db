import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  customerDecider,
  DEFAULT_CALENDAR,
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
  type CustomerCommand,
  type Decider,
  type ExclusionCause,
  type Impact,
  type Scope,
} from '#domain';
import { EmbeddedDatabase, PostgresDatabase, SqlEventStore, type NewEvent, type SqlDatabase } from '#event-store';
import { entityKinds } from './entity-kinds.js';
import { describeOnBackends, freshSchema } from '../../../../test/support/databases.js';
import { EntityWriter } from '../../../../test/support/entity-writer.js';
import { SAMPLE_PLANS } from '../../../../test/support/sample-plans.js';
import { buildOnce, REPO_ROOT } from '../../../../test/support/processes.js';
import { Checkpoints } from '../checkpoints.js';
import { ProjectionRunner } from '../projection-runner.js';
import { loadMonthFacts, monthCustomers, monthFigures, type MonthFigure } from './availability-figures.js';
import { AvailabilityMonths } from './availability-months.js';
import { computeOnThisThread, type FigureCompute } from './figure-columns.js';
import { FigureWorkers } from './figure-workers.js';
import { EntityStatesProjection } from './entity-states.projection.js';
import { EntityStatesReader } from './entity-states.reader.js';

/**
 * The stored month figures against the figures computed afresh from the entity states, after every
 * step of a history projected by the entity-states projection: whatever arrives after a month was
 * kept (customers joining, moving, leaving; outages opened, ended, corrected, classified;
 * maintenances run; emergencies), the kept month reads exactly what a fresh computation gives.
 */

/** Record time of every command: every business instant is before it. */
const DECIDED_AT = '2026-11-20T00:00:00Z';
/** The clock of the stored figures: fixed, and earlier than the reads, so a row that should move with the clock shows. */
const CLOCK = () => Date.parse(DECIDED_AT);
/** The time of every read, after every fact. */
const READ_NOW = toEpochSeconds('2026-11-21T00:00:00Z');
const MONTHS = ['2026-10', '2026-11'] as const;

const UTC_BILLING: CalendarConfig = { ...DEFAULT_CALENDAR, billingTimeZone: 'UTC' };
const PARIS_BILLING: CalendarConfig = { ...DEFAULT_CALENDAR, billingTimeZone: 'Europe/Paris' };

const REGIONS = ['fra', 'par', 'sin'] as const;
/** Mixed case, so that the order by code unit differs from a collation's. */
const CUSTOMER_IDS = ['c-a', 'c-B', 'c-c', 'C-d', 'c-e', 'c-F', 'c-g', 'c-H'] as const;


const T = toEpochSeconds;
const SEPT_START = T('2026-09-01T00:00:00Z');
/** The latest start of anything generated. */
const LAST = T('2026-11-19T00:00:00Z');
const NOW_SECONDS = T(DECIDED_AT);
/** The months' starts. */
const BOUNDARIES = ['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'].map(T);
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Generated instants are wall-clock times of the billing zone, written as if in UTC: an instant
 * beside a month boundary is beside it whatever the zone. This gives the instant they name.
 */
type InZone = (wallClock: number) => string;
const inZone =
  (zone: string): InZone =>
  (wallClock) =>
    fromEpochSeconds(DateTime.fromSeconds(wallClock, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toSeconds());

/** One stream's append: the events one command produced. */
interface Append {
  stream: string;
  events: NewEvent[];
}

interface StreamWriter<Command> {
  run(command: Command): void;
  readonly appends: Append[];
}

/** A writer of one stream, whose appends say which stream they go to. */
function writerFor<Command, Event extends { type: string; data: unknown }, State>(decider: Decider<Command, Event, State>, stream: string): StreamWriter<Command> {
  const writer = new EntityWriter(decider, DECIDED_AT, 'ops:availability-months-spec');
  return {
    run: (command: Command) => writer.run(command),
    get appends(): Append[] {
      return writer.appends.map((events) => ({ stream, events }));
    },
  };
}

function referenceData(): Append[] {
  return [
    ...REGIONS.map((id) => {
      const writer = writerFor(regionDecider, streams.region(id));
      writer.run({ type: 'RegisterRegion', region: { id, name: id.toUpperCase(), provider: id === 'sin' ? null : 'Equinix Metal' } });
      return writer.appends[0]!;
    }),
    ...SAMPLE_PLANS.map((plan) => {
      const writer = writerFor(planDecider, streams.plan(plan.id));
      writer.run({ type: 'DefinePlan', plan });
      return writer.appends[0]!;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Generated histories
// ---------------------------------------------------------------------------------------------

const minuteIn = (from: number, to: number) => fc.integer({ min: from / 60, max: to / 60 }).map((m) => m * 60);
/** A month start, or up to an hour either side. */
const nearBoundary = fc.tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -4, max: 4 })).map(([b, k]) => b + k * 900);
/** Mostly anywhere from September on, sometimes at or beside a month boundary. */
const instant = (from = SEPT_START, to = LAST) => fc.oneof({ weight: 2, arbitrary: minuteIn(from, to) }, { weight: 1, arbitrary: nearBoundary.map((t) => clamp(t, from, to)) });
/** Minutes to weeks: some cross a month boundary. */
const duration = fc.oneof(fc.integer({ min: 1, max: 240 }).map((m) => m * 60), fc.integer({ min: 1, max: 20 * 24 }).map((h) => h * 3600));
/** When a source ends: some time after it starts, or beside a month boundary (a quarter of an hour after it starts if that is earlier). */
const ending = fc.oneof({ weight: 3, arbitrary: duration.map((after) => ({ after })) }, { weight: 1, arbitrary: nearBoundary.map((at) => ({ at })) });
type Ending = typeof ending extends fc.Arbitrary<infer T> ? T : never;
const endOf = (start: number, end: Ending) => Math.min(NOW_SECONDS, 'at' in end ? (end.at > start ? end.at : start + 900) : start + end.after);
const regionSet = fc.subarray([...REGIONS], { minLength: 1, maxLength: 2 });
const scope: fc.Arbitrary<Scope> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Scope>({ kind: 'platform' }) },
  { weight: 3, arbitrary: regionSet.map((regions): Scope => ({ kind: 'regions', regions })) },
  // May name a customer that never exists in the run, or only later.
  { weight: 2, arbitrary: fc.subarray([...CUSTOMER_IDS], { minLength: 1, maxLength: 2 }).map((customers): Scope => ({ kind: 'customers', customers })) },
);

const customerSpec = fc.record({
  planId: fc.constantFrom('basic', 'pro'),
  regions: regionSet,
  activeFrom: fc.oneof(
    { weight: 3, arbitrary: minuteIn(SEPT_START, T('2026-09-30T00:00:00Z')) },
    { weight: 2, arbitrary: minuteIn(T('2026-10-10T00:00:00Z'), T('2026-10-20T00:00:00Z')) },
    { weight: 1, arbitrary: minuteIn(T('2026-11-03T00:00:00Z'), T('2026-11-12T00:00:00Z')) },
    { weight: 1, arbitrary: fc.constantFrom(...BOUNDARIES) },
  ),
  changes: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('regions' as const), at: instant(T('2026-09-15T00:00:00Z')), regions: regionSet }),
      fc.record({ kind: fc.constant('plan' as const), at: instant(T('2026-09-15T00:00:00Z')), planId: fc.constantFrom('basic', 'pro') }),
    ),
    { maxLength: 2 },
  ),
  offboardedAt: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: instant(T('2026-09-25T00:00:00Z'), T('2026-11-15T00:00:00Z')) }),
});
type CustomerSpec = typeof customerSpec extends fc.Arbitrary<infer T> ? T : never;

const outageSpec = fc.record({
  scope,
  impact: fc.constantFrom<Impact>('unavailable', 'unavailable', 'degraded'),
  startedAt: instant(),
  /** A quarter are left open. */
  end: fc.option(ending, { freq: 4 }),
  corrections: fc.array(fc.record({ start: fc.option(fc.integer({ min: -48, max: 48 })), end: fc.option(fc.integer({ min: -48, max: 48 })) }), { maxLength: 2 }),
  classified: fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ exclusion: fc.constantFrom<ExclusionCause>(...EXCLUSION_CAUSES), reversed: fc.boolean() }) },
  ),
});
type OutageSpec = typeof outageSpec extends fc.Arbitrary<infer T> ? T : never;

const maintenanceSpec = fc.record({
  scope,
  windowStart: instant(T('2026-09-20T00:00:00Z'), T('2026-11-18T00:00:00Z')),
  hours: fc.integer({ min: 1, max: 6 }),
  /** In time (12 days ahead), short (4 days: in time or not, by the calendar) or late (the day before). */
  notice: fc.constantFrom('in-time', 'short', 'late'),
  namedNotice: fc.option(fc.constantFrom(...CUSTOMER_IDS), { freq: 3 }),
  namedNoticeAfter: fc.constantFrom('schedule', 'start', 'end'),
  run: fc.constantFrom('scheduled', 'cancelled', 'running', 'completed', 'completed'),
  earlyMinutes: fc.integer({ min: -60, max: 60 }),
  overrunMinutes: fc.integer({ min: -120, max: 180 }),
});
type MaintenanceSpec = typeof maintenanceSpec extends fc.Arbitrary<infer T> ? T : never;

const emergencySpec = fc.record({ scope, startedAt: instant(), end: fc.option(ending, { freq: 3 }) });
type EmergencySpec = typeof emergencySpec extends fc.Arbitrary<infer T> ? T : never;

const historySpec = fc.record({
  calendar: fc.constantFrom(UTC_BILLING, PARIS_BILLING),
  customers: fc.array(customerSpec, { minLength: 3, maxLength: CUSTOMER_IDS.length }),
  outages: fc.array(outageSpec, { maxLength: 6 }),
  maintenances: fc.array(maintenanceSpec, { maxLength: 3 }),
  emergencies: fc.array(emergencySpec, { maxLength: 2 }),
  /** Which entity's next append comes next, cycled. */
  interleaving: fc.array(fc.nat({ max: 99 }), { minLength: 1, maxLength: 30 }),
  /** Percent of the entities' appends there before the months are kept. */
  before: fc.integer({ min: 0, max: 100 }),
  /** Appends per step after the months are kept, cycled; each step is projected before the next. */
  steps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }),
  batchSize: fc.constantFrom(1, 2, 500),
});
type HistorySpec = typeof historySpec extends fc.Arbitrary<infer T> ? T : never;

function customerAppends(id: string, spec: CustomerSpec, at: InZone): Append[] {
  const writer = writerFor(customerDecider, streams.customer(id));
  writer.run({
    type: 'OnboardCustomer',
    customerId: id,
    name: `Customer ${id}`,
    email: `ops@${id.toLowerCase()}.example`,
    planId: spec.planId,
    regions: spec.regions,
    monthlyFee: { amount: 100_000, currency: 'EUR' },
    activeFrom: at(spec.activeFrom),
  });
  let last = spec.activeFrom;
  let regions = [...spec.regions].sort().join(',');
  let planId = spec.planId;
  // Changes are recorded in order, from the subscription start on.
  for (const change of [...spec.changes].sort((a, b) => a.at - b.at)) {
    if (change.at < last) continue;
    if (change.kind === 'regions') {
      const next = [...change.regions].sort().join(',');
      if (next === regions) continue;
      writer.run({ type: 'ChangeRegions', customerId: id, regions: change.regions, effectiveAt: at(change.at) });
      regions = next;
    } else {
      if (change.planId === planId) continue;
      writer.run({ type: 'ChangePlan', customerId: id, planId: change.planId, effectiveAt: at(change.at) });
      planId = change.planId;
    }
    last = change.at;
  }
  if (spec.offboardedAt !== null && spec.offboardedAt > spec.activeFrom && spec.offboardedAt >= last) {
    writer.run({ type: 'OffboardCustomer', customerId: id, at: at(spec.offboardedAt) });
  }
  return writer.appends;
}

function outageAppends(id: string, spec: OutageSpec, at: InZone): Append[] {
  const writer = writerFor(outageDecider, streams.outage(id));
  writer.run({ type: 'StartOutage', outageId: id, scope: spec.scope, impact: spec.impact, title: `outage ${id}`, startedAt: at(spec.startedAt), subProcessor: null });
  let start = spec.startedAt;
  let end: number | null = null;
  if (spec.end !== null) {
    end = endOf(start, spec.end);
    writer.run({ type: 'EndOutage', outageId: id, endedAt: at(end) });
  }
  for (const correction of spec.corrections) {
    const newStart = correction.start === null ? start : clamp(start + correction.start * 1800, SEPT_START, LAST);
    const newEnd = end === null || correction.end === null ? end : clamp(end + correction.end * 1800, SEPT_START, NOW_SECONDS);
    if ((newStart === start && newEnd === end) || (newEnd !== null && newEnd <= newStart)) continue;
    writer.run({
      type: 'CorrectOutage',
      outageId: id,
      ...(newStart !== start ? { startedAt: at(newStart) } : {}),
      ...(newEnd !== end && newEnd !== null ? { endedAt: at(newEnd) } : {}),
      reason: 'timeline reviewed',
    });
    start = newStart;
    end = newEnd;
  }
  if (spec.classified) {
    writer.run({ type: 'ClassifyOutage', outageId: id, exclusion: spec.classified.exclusion, reason: 'root cause analysis' });
    if (spec.classified.reversed) writer.run({ type: 'ClassifyOutage', outageId: id, exclusion: null, reason: 'classification withdrawn' });
  }
  return writer.appends;
}

function maintenanceAppends(id: string, spec: MaintenanceSpec, calendar: CalendarConfig, at: InZone): Append[] {
  const writer = writerFor(maintenanceDecider(calendar), streams.maintenance(id));
  const windowEnd = spec.windowStart + spec.hours * 3600;
  const noticeSentAt = spec.windowStart - 86_400 * (spec.notice === 'in-time' ? 12 : spec.notice === 'short' ? 4 : 1);
  writer.run({
    type: 'ScheduleMaintenance',
    maintenanceId: id,
    scope: spec.scope,
    title: `maintenance ${id}`,
    window: { start: at(spec.windowStart), end: at(windowEnd) },
    noticeSentAt: at(noticeSentAt),
    acceptAsDowntime: spec.notice !== 'in-time',
  });
  // A notice naming one customer: ahead of the window, or only once the run started or ended (it changes the reach, not the standing).
  const named = (sentAt: number) => {
    if (spec.namedNotice !== null) writer.run({ type: 'SendNotice', maintenanceId: id, sentAt: at(Math.min(sentAt, NOW_SECONDS)), customers: [spec.namedNotice] });
  };
  const running = spec.run === 'running' || spec.run === 'completed';
  if (spec.namedNoticeAfter === 'schedule' || !running) named(noticeSentAt + 3600);
  if (spec.run === 'cancelled') writer.run({ type: 'CancelMaintenance', maintenanceId: id });
  if (running) {
    const startedAt = clamp(spec.windowStart + spec.earlyMinutes * 60, SEPT_START, LAST + 3600);
    writer.run({ type: 'StartMaintenance', maintenanceId: id, at: at(startedAt) });
    if (spec.namedNoticeAfter === 'start' || (spec.namedNoticeAfter === 'end' && spec.run === 'running')) named(startedAt + 60);
    if (spec.run === 'completed') {
      const completedAt = clamp(windowEnd + spec.overrunMinutes * 60, startedAt + 60, NOW_SECONDS);
      writer.run({ type: 'CompleteMaintenance', maintenanceId: id, at: at(completedAt) });
      if (spec.namedNoticeAfter === 'end') named(completedAt + 60);
    }
  }
  return writer.appends;
}

function emergencyAppends(id: string, spec: EmergencySpec, at: InZone): Append[] {
  const writer = writerFor(emergencyMaintenanceDecider, streams.emergencyMaintenance(id));
  writer.run({ type: 'StartEmergencyMaintenance', emergencyId: id, scope: spec.scope, reason: 'security patch', startedAt: at(spec.startedAt) });
  if (spec.end !== null) writer.run({ type: 'EndEmergencyMaintenance', emergencyId: id, endedAt: at(endOf(spec.startedAt, spec.end)) });
  return writer.appends;
}

interface History {
  /** Appended and projected before the months are kept. */
  before: Append[];
  /** Appended afterwards, one step at a time, each step projected before the next. */
  steps: Append[][];
}

/** The spec as events, each entity's own in order, the entities interleaved. */
function buildHistory(spec: HistorySpec): History {
  const at = inZone(spec.calendar.billingTimeZone);
  const queues: Append[][] = [
    ...spec.customers.map((c, k) => customerAppends(CUSTOMER_IDS[k]!, c, at)),
    ...spec.outages.map((o, k) => outageAppends(`o${k}`, o, at)),
    ...spec.maintenances.map((m, k) => maintenanceAppends(`m${k}`, m, spec.calendar, at)),
    ...spec.emergencies.map((e, k) => emergencyAppends(`e${k}`, e, at)),
  ].filter((queue) => queue.length > 0);
  const appends: Append[] = [];
  for (let n = 0; queues.length > 0; n++) {
    const k = spec.interleaving[n % spec.interleaving.length]! % queues.length;
    appends.push(queues[k]!.shift()!);
    if (queues[k]!.length === 0) queues.splice(k, 1);
  }
  const split = Math.floor((appends.length * spec.before) / 100);
  const steps: Append[][] = [];
  for (let from = split, n = 0; from < appends.length; n++) {
    const size = spec.steps[n % spec.steps.length]!;
    steps.push(appends.slice(from, from + size));
    from += size;
  }
  return { before: [...referenceData(), ...appends.slice(0, split)], steps };
}

// ---------------------------------------------------------------------------------------------
// The read model under test, and the reference
// ---------------------------------------------------------------------------------------------

interface World {
  db: SqlDatabase;
  schema: string;
  calendar: CalendarConfig;
  store: SqlEventStore;
  runner: ProjectionRunner;
  months: AvailabilityMonths;
  drop(): Promise<void>;
}

/** A fresh event store and read model, in schemas of their own. */
async function openWorld(db: SqlDatabase, calendar: CalendarConfig, batchSize = 500, compute: FigureCompute = computeOnThisThread): Promise<World> {
  const schema = freshSchema('am');
  const eventSchema = freshSchema('ev');
  const store = await SqlEventStore.create(db, { schema: eventSchema, pollIntervalMs: 20 });
  const checkpoints = new Checkpoints(schema);
  // Chunks of 2 customers: every whole month is computed over several, as a big one is.
  const months = new AvailabilityMonths(schema, calendar, checkpoints, CLOCK, 2, compute);
  const runner = new ProjectionRunner(store, db, checkpoints, new EntityStatesProjection(schema, entityKinds, [months]), { batchSize });
  await runner.setup();
  return {
    db,
    schema,
    calendar,
    store,
    runner,
    months,
    drop: async () => {
      await store.close();
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${eventSchema} CASCADE`);
    },
  };
}

async function appendAndProject(world: World, appends: Append[]): Promise<void> {
  for (const { stream, events } of appends) await world.store.append(stream, events, 'any');
  await world.runner.catchUp();
}

const byCodeUnit = (a: MonthFigure, b: MonthFigure) => (a.report.customerId < b.report.customerId ? -1 : a.report.customerId > b.report.customerId ? 1 : 0);

/** Every customer's figures for the month, computed afresh from the entity states, by customer id. */
async function reference(world: World, month: string, now = READ_NOW): Promise<MonthFigure[]> {
  const states = new EntityStatesReader(world.db, world.schema);
  const customers = await monthCustomers(states, month, world.calendar);
  const facts = await loadMonthFacts(states, month, world.calendar);
  return monthFigures({ month, customers, facts, now, calendar: world.calendar }, { explain: false }).sort(byCodeUnit);
}

/** The kept month reads exactly the fresh figures: same customers in the same order, same report and plan. */
async function expectAsFresh(world: World, month: string, label: string, now = READ_NOW): Promise<MonthFigure[]> {
  const stored = await world.months.read(world.db, month, now);
  const fresh = await reference(world, month, now);
  const ids = (figures: MonthFigure[]) => figures.map((f) => f.report.customerId);
  expect({ label, month, customers: ids(stored) }).toEqual({ label, month, customers: ids(fresh) });
  const figures = (list: MonthFigure[]) => list.map((f) => ({ planId: f.planId, report: f.report }));
  expect({ label, month, figures: figures(stored) }).toEqual({ label, month, figures: figures(fresh) });
  return fresh;
}

const describeAppends = (appends: Append[]) => appends.map((a) => `${a.stream} ${a.events.map((e) => e.type).join('+')}`).join(', ');

async function openDatabase(backend: 'embedded' | 'postgres'): Promise<SqlDatabase> {
  return backend === 'embedded' ? EmbeddedDatabase.open() : new PostgresDatabase(process.env.DATABASE_URL!);
}

// ---------------------------------------------------------------------------------------------
// Small builders for the examples
// ---------------------------------------------------------------------------------------------

function onboard(id: string, regions: string[], activeFrom: string): StreamWriter<CustomerCommand> {
  const writer = writerFor(customerDecider, streams.customer(id));
  writer.run({ type: 'OnboardCustomer', customerId: id, name: `Customer ${id}`, email: `ops@${id}.example`, planId: 'pro', regions, monthlyFee: { amount: 100_000, currency: 'EUR' }, activeFrom });
  return writer;
}

describeOnBackends('stored month figures against a fresh computation', (backend) => {
  let db: SqlDatabase;
  beforeAll(async () => {
    db = await openDatabase(backend);
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Runs the body on a fresh world and drops it afterwards, whatever happens. */
  async function inWorld<T>(calendar: CalendarConfig, batchSize: number, body: (world: World) => Promise<T>, compute?: FigureCompute): Promise<T> {
    const world = await openWorld(db, calendar, batchSize, compute);
    try {
      return await body(world);
    } finally {
      await world.drop();
    }
  }

  /** The property: whatever the history, every kept month reads as computed afresh after each step. */
  const keptAsFresh = (numRuns: number, compute?: () => FigureCompute) =>
    fc.assert(
      fc.asyncProperty(historySpec, async (spec) => {
        const history = buildHistory(spec);
        await inWorld(
          spec.calendar,
          spec.batchSize,
          async (world) => {
            await appendAndProject(world, history.before);
            for (const month of MONTHS) await world.months.keep(world.db, month);
            for (const month of MONTHS) await expectAsFresh(world, month, 'when kept');
            for (const [k, step] of history.steps.entries()) {
              await appendAndProject(world, step);
              for (const month of MONTHS) await expectAsFresh(world, month, `after step ${k + 1}: ${describeAppends(step)}`);
            }
          },
          compute?.(),
        );
      }),
      { numRuns },
    );

  it(
    'reads every kept month exactly as computed afresh, after each step of a random history',
    () => keptAsFresh(25),
    // 25 histories take about 25 s on an idle machine; a busy one must slow the test, not fail it
    // (a timeout here would also leave its last world being written while the next tests run).
    15 * 60_000,
  );

  it(
    'reads the same when whole months are computed on a worker thread, the compiled worker a server runs',
    async () => {
      await buildOnce();
      const workers = FigureWorkers.start(1, pathToFileURL(join(REPO_ROOT, 'dist', 'libs', 'projections', 'src', 'read-models', 'figure-worker.js')));
      if (!workers) throw new Error('the compiled figure worker is missing from dist/');
      try {
        expect(workers.where).toBe('on 1 worker thread');
        await keptAsFresh(10, () => workers);
      } finally {
        await workers.close();
      }
    },
    15 * 60_000,
  );

  it('stores the figures of an outage once it ends, equal to the fresh ones', async () => {
    await inWorld(UTC_BILLING, 500, async (world) => {
      const customers = [onboard('acme', ['fra'], '2026-09-01T00:00:00Z'), onboard('globex', ['sin'], '2026-09-01T00:00:00Z')];
      await appendAndProject(world, [...referenceData(), ...customers.flatMap((c) => c.appends)]);
      await world.months.keep(world.db, '2026-11');

      const outage = writerFor(outageDecider, streams.outage('o1'));
      outage.run({ type: 'StartOutage', outageId: 'o1', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: '2026-11-10T00:00:00Z', subProcessor: null });
      await appendAndProject(world, outage.appends.splice(0));
      // Open: the figures grow with the time of the read.
      const open = await expectAsFresh(world, '2026-11', 'open');
      expect(open.map((f) => [f.report.customerId, f.report.downtimeSeconds, f.report.ongoing])).toEqual([
        ['acme', READ_NOW - T('2026-11-10T00:00:00Z'), true],
        ['globex', 0, false],
      ]);
      // Stored as of one second after the clock with one second of Down Time a second (bit 1) until November ends, not computed at each read.
      const growing = await world.db.query<{ customer_id: string; grows_from: number | null; grows_until: number | null; growth: number | null }>(
        `SELECT customer_id, grows_from, grows_until, growth FROM ${world.schema}.availability_months WHERE month = '2026-11' ORDER BY customer_id`,
      );
      const november = T('2026-11-01T00:00:00Z');
      expect(growing.rows).toEqual([
        { customer_id: 'acme', grows_from: T(DECIDED_AT) + 1 - november, grows_until: 30 * 86_400, growth: 1 },
        { customer_id: 'globex', grows_from: null, grows_until: null, growth: null },
      ]);
      // Read before the instant it was stored as of, the figure is computed again: 5 days of Down Time on 15 November.
      const earlier = await expectAsFresh(world, '2026-11', 'open, read earlier', T('2026-11-15T00:00:00Z'));
      expect(earlier[0]!.report.downtimeSeconds).toBe(5 * 86_400);

      outage.run({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-11-10T02:00:00Z' });
      await appendAndProject(world, outage.appends.splice(0));
      const ended = await expectAsFresh(world, '2026-11', 'ended');
      const { rows } = await world.db.query<{ customer_id: string; downtime_seconds: number; ongoing: boolean }>(
        `SELECT customer_id, downtime_seconds, ongoing FROM ${world.schema}.availability_months WHERE month = '2026-11' ORDER BY customer_id`,
      );
      expect(rows).toEqual(ended.map((f) => ({ customer_id: f.report.customerId, downtime_seconds: f.report.downtimeSeconds, ongoing: f.report.ongoing })));
      expect(rows.map((r) => r.downtime_seconds)).toEqual([7200, 0]);
    });
  });

  it('drops a customer offboarded before November from the kept November, and keeps its October', async () => {
    await inWorld(UTC_BILLING, 500, async (world) => {
      const acme = onboard('acme', ['fra'], '2026-09-01T00:00:00Z');
      const globex = onboard('globex', ['fra'], '2026-09-01T00:00:00Z');
      await appendAndProject(world, [...referenceData(), ...acme.appends, ...globex.appends]);
      for (const month of MONTHS) await world.months.keep(world.db, month);
      expect((await world.months.read(world.db, '2026-11', READ_NOW)).map((f) => f.report.customerId)).toEqual(['acme', 'globex']);

      globex.run({ type: 'OffboardCustomer', customerId: 'globex', at: '2026-10-20T00:00:00Z' });
      await appendAndProject(world, globex.appends.slice(-1));
      const november = await expectAsFresh(world, '2026-11', 'after the offboarding');
      expect(november.map((f) => f.report.customerId)).toEqual(['acme']);
      const october = await expectAsFresh(world, '2026-10', 'after the offboarding');
      expect(october.map((f) => [f.report.customerId, f.report.coveragePeriodSeconds])).toEqual([
        ['acme', 31 * 86_400],
        ['globex', 19 * 86_400],
      ]);
    });
  });

  it('forgets every kept month on a rebuild, and keeps one again when asked', async () => {
    await inWorld(UTC_BILLING, 500, async (world) => {
      const acme = onboard('acme', ['fra'], '2026-09-01T00:00:00Z');
      const outage = writerFor(outageDecider, streams.outage('o1'));
      outage.run({ type: 'StartOutage', outageId: 'o1', scope: { kind: 'platform' }, impact: 'unavailable', title: 'all down', startedAt: '2026-10-05T10:00:00Z', subProcessor: null });
      outage.run({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T10:30:00Z' });
      await appendAndProject(world, [...referenceData(), ...acme.appends, ...outage.appends]);
      await world.months.keep(world.db, '2026-10');
      await expectAsFresh(world, '2026-10', 'kept');

      await world.runner.rebuild();
      await world.runner.catchUp();
      expect(await world.months.read(world.db, '2026-10', READ_NOW)).toEqual([]);

      await world.months.keep(world.db, '2026-10');
      const october = await expectAsFresh(world, '2026-10', 'kept again');
      expect(october.map((f) => [f.report.customerId, f.report.downtimeSeconds])).toEqual([['acme', 1800]]);
    });
  });
});
