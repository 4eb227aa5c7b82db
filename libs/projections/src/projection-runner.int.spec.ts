import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  businessTimeOf,
  streams,
  type BillingEvent,
  type CustomerEvent,
  type EmergencyMaintenanceEvent,
  type MaintenanceEvent,
  type OutageEvent,
  type PlanEvent,
  type RegionEvent,
  type Scope,
  type SupportEvent,
} from '#domain';
import { SqlEventStore, type RecordedEvent, type SqlDatabase, type SqlExecutor } from '#event-store';
import { entityKinds } from './read-models/entity-kinds.js';
import { describePostgres, freshSchema, openEmbedded, openPostgres, type DatabaseUnderTest } from '../../../test/support/databases.js';
import { until } from '../../../test/support/wait.js';
import { CheckpointConflictError, Checkpoints } from './checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { EntityStatesProjection } from './read-models/entity-states.projection.js';
import { TimelineProjection } from './read-models/timeline.projection.js';

type DomainEvent = PlanEvent | RegionEvent | CustomerEvent | OutageEvent | MaintenanceEvent | EmergencyMaintenanceEvent | BillingEvent | SupportEvent;

interface Append {
  stream: string;
  events: DomainEvent[];
}

/** A small deterministic generator, so a failure replays the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const at = (day: number, minutes: number) => new Date(Date.UTC(2026, 9, day, 0, minutes)).toISOString().replace('.000Z', 'Z');

/**
 * A few hundred events of every kind the product writes, in the shapes the deciders emit, each
 * entity's own events in order but the streams interleaved.
 */
function history(): Append[] {
  const rnd = random(20261005);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const regions = ['fra', 'sin', 'nyc'] as const;
  const perEntity: Append[][] = [];
  const reference: Append[] = [
    { stream: streams.plan('pro'), events: [{ type: 'PlanDefined', data: { id: 'pro', name: 'Pro', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] } }] },
    {
      stream: streams.plan('basic'),
      events: [{ type: 'PlanDefined', data: { id: 'basic', name: 'Basic', availabilityTarget: '99.5', creditPolicy: { kind: 'tiers', tiers: [{ below: '99.5', percent: 10 }] }, responseTimeMinutes: 480, supportHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, supportChannels: ['email', 'phone'] } }],
    },
    ...regions.map((id) => ({ stream: streams.region(id), events: [{ type: 'RegionRegistered' as const, data: { id, name: id.toUpperCase(), provider: id === 'sin' ? null : 'Equinix Metal' } }] })),
  ];
  const customers = Array.from({ length: 20 }, (_, k) => `c${String(k).padStart(2, '0')}`);
  for (const [k, id] of customers.entries()) {
    const own: Append[] = [];
    const customer = (event: CustomerEvent) => own.push({ stream: streams.customer(id), events: [event] });
    customer({ type: 'CustomerOnboarded', data: { customerId: id, name: `Customer ${id}`, email: `ops@${id}.example`, planId: k % 3 ? 'pro' : 'basic', regions: [regions[k % 3]!], monthlyFee: { amount: 100000 + k * 1000, currency: 'EUR' }, activeFrom: '2026-09-01T00:00:00Z' } });
    if (k % 4 === 0) customer({ type: 'CustomerPlanChanged', data: { customerId: id, planId: k % 3 ? 'basic' : 'pro', effectiveAt: at(3, k) } });
    if (k % 5 === 1) customer({ type: 'CustomerRegionsChanged', data: { customerId: id, regions: [regions[(k + 1) % 3]!, regions[(k + 2) % 3]!], effectiveAt: at(7, k) } });
    if (k >= 17) customer({ type: 'CustomerOffboarded', data: { customerId: id, at: at(20, k) } });
    const billing = (event: BillingEvent) => own.push({ stream: streams.billing(id), events: [event] });
    if (k % 2 === 0) {
      billing({ type: 'InvoiceIssued', data: { customerId: id, invoiceId: `inv-${id}`, month: '2026-10', amount: { amount: 100000, currency: 'EUR' }, dueAt: at(30, 0) } });
      if (k % 4 === 0) billing({ type: 'InvoicePaid', data: { customerId: id, invoiceId: `inv-${id}`, paidAt: at(28, k) } });
      billing({ type: 'CreditRequested', data: { customerId: id, month: '2026-10', requestedAt: at(29, k) } });
    }
    const support = (event: SupportEvent) => own.push({ stream: streams.support(id), events: [event] });
    if (k % 3 === 0) {
      support({ type: 'FailureReported', data: { customerId: id, reportId: `r-${id}`, reportedAt: at(5, 600 + k), channel: 'email', outageId: 'o00', description: `${id} cannot reach the API` } });
      if (k % 2 === 0) support({ type: 'FailureReportAcknowledged', data: { customerId: id, reportId: `r-${id}`, at: at(5, 700 + k) } });
    }
    perEntity.push(own);
  }
  const scope = (): Scope => {
    const r = rnd();
    if (r < 0.2) return { kind: 'platform' };
    if (r < 0.7) return { kind: 'regions', regions: [pick(regions)] };
    return { kind: 'customers', customers: [pick(customers), pick(customers)].filter((c, i, all) => all.indexOf(c) === i) };
  };
  for (let k = 0; k < 60; k++) {
    const id = `o${String(k).padStart(2, '0')}`;
    const stream = streams.outage(id);
    const own: Append[] = [];
    const outage = (event: OutageEvent) => own.push({ stream, events: [event] });
    const startedAt = at(1 + (k % 27), 60 * (k % 20));
    outage({ type: 'OutageStarted', data: { outageId: id, scope: scope(), impact: k % 4 ? 'unavailable' : 'degraded', title: `incident ${id}`, startedAt, subProcessor: k % 7 ? null : 'Equinix Metal' } });
    let endedAt: string | null = null;
    if (k % 3 !== 2) {
      endedAt = at(1 + (k % 27), 60 * (k % 20) + 30 + k);
      outage({ type: 'OutageEnded', data: { outageId: id, endedAt } });
    }
    for (let c = 0; c < (k % 4 === 1 ? 2 : k % 4 === 3 ? 1 : 0); c++) {
      const corrected = endedAt && at(1 + (k % 27), 60 * (k % 20) + 10 + c);
      outage({ type: 'OutageCorrected', data: { outageId: id, startedAt, endedAt: corrected, reason: `correction ${c}`, previous: { startedAt, endedAt } } });
      endedAt = corrected;
    }
    if (k % 5 === 0) outage({ type: 'OutageClassified', data: { outageId: id, exclusion: k % 10 ? 'force-majeure' : null, reason: 'after review' } });
    perEntity.push(own);
  }
  for (let k = 0; k < 20; k++) {
    const id = `m${String(k).padStart(2, '0')}`;
    const stream = streams.maintenance(id);
    const own: Append[] = [];
    const maintenanceScope = scope();
    let window = { start: at(10 + k, 60), end: at(10 + k, 180) };
    own.push({
      stream,
      events: [
        { type: 'MaintenanceScheduled', data: { maintenanceId: id, scope: maintenanceScope, title: `maintenance ${id}`, window, acceptedAsDowntime: k % 6 === 5 } },
        { type: 'MaintenanceNoticeSent', data: { maintenanceId: id, sentAt: at(2 + (k % 5), 540), customers: null, window, inTime: k % 6 !== 5 } },
      ],
    });
    if (k % 4 === 1) own.push({ stream, events: [{ type: 'MaintenanceNoticeSent', data: { maintenanceId: id, sentAt: at(3, 600), customers: [pick(customers)], window, inTime: true } }] });
    if (k % 5 === 2) {
      const previousWindow = window;
      window = { start: at(11 + k, 120), end: at(11 + k, 240) };
      own.push({
        stream,
        events: [
          { type: 'MaintenanceRescheduled', data: { maintenanceId: id, window, previousWindow, acceptedAsDowntime: false } },
          { type: 'MaintenanceNoticeSent', data: { maintenanceId: id, sentAt: at(4, 540), customers: null, window, inTime: true } },
        ],
      });
    }
    const maintenance = (event: MaintenanceEvent) => own.push({ stream, events: [event] });
    if (k % 7 === 3) maintenance({ type: 'MaintenanceCancelled', data: { maintenanceId: id, at: at(8, k) } });
    else if (k % 3 !== 0) {
      maintenance({ type: 'MaintenanceStarted', data: { maintenanceId: id, at: window.start } });
      if (k % 3 === 1) maintenance({ type: 'MaintenanceCompleted', data: { maintenanceId: id, at: k % 2 ? window.end : at(11 + k, 300) } });
    }
    perEntity.push(own);
  }
  for (let k = 0; k < 10; k++) {
    const id = `e${String(k).padStart(2, '0')}`;
    const own: Append[] = [];
    const emergency = (event: EmergencyMaintenanceEvent) => own.push({ stream: streams.emergencyMaintenance(id), events: [event] });
    emergency({ type: 'EmergencyMaintenanceStarted', data: { emergencyId: id, scope: scope(), reason: 'security patch', startedAt: at(15 + k, 120) } });
    if (k % 3) emergency({ type: 'EmergencyMaintenanceEnded', data: { emergencyId: id, endedAt: at(15 + k, 150 + k) } });
    perEntity.push(own);
  }
  // Interleaved: each step takes the next append of a randomly chosen entity.
  const appends = [...reference];
  const queues = perEntity.filter((q) => q.length > 0);
  while (queues.length > 0) {
    const k = Math.floor(rnd() * queues.length);
    appends.push(queues[k]!.shift()!);
    if (queues[k]!.length === 0) queues.splice(k, 1);
  }
  return appends;
}

const HISTORY = history();
const EVENT_COUNT = HISTORY.reduce((n, a) => n + a.events.length, 0);

/** Returns the position of the last event: `headPosition` may lag behind it while any transaction of the server is open. */
async function appendAll(store: SqlEventStore, appends: Append[]): Promise<bigint> {
  let last = 0n;
  for (const { stream, events } of appends) {
    ({ position: last } = await store.append(
      stream,
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { actor: 'ops:seed', correlationId: randomUUID(), causationId: null, occurredAt: businessTimeOf(event) ?? '2026-10-31T00:00:00Z', schemaVersion: 1 },
      })),
      'any',
    ));
  }
  return last;
}

type Fault = 'throw' | 'sql-error' | 'after-checkpoint' | 'lost-acknowledgement';

/**
 * Which of a runner's transactions fail, and how: by the number of the transaction, so that each
 * planned fault happens exactly once whatever the batches turn out to be.
 */
class FaultPlan {
  private transactions = 0;
  current: Fault | null = null;
  readonly happened: Fault[] = [];

  constructor(private readonly schedule: ReadonlyMap<number, Fault>) {}

  next(): void {
    this.current = this.schedule.get(++this.transactions) ?? null;
  }

  fire(fault: Fault, message: string): never {
    this.happened.push(fault);
    this.current = null;
    throw new Error(message);
  }
}

/** Writes the first half of its batch inside the transaction, then fails, when the plan says so. */
class FailingMidBatch implements Projection {
  constructor(
    private readonly inner: Projection,
    private readonly plan: FaultPlan,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  setup(db: SqlExecutor) {
    return this.inner.setup(db);
  }

  reset(tx: SqlExecutor) {
    return this.inner.reset(tx);
  }

  async apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    const fault = this.plan.current;
    if (fault !== 'throw' && fault !== 'sql-error') return this.inner.apply(tx, events);
    await this.inner.apply(tx, events.slice(0, Math.ceil(events.length / 2)));
    if (fault === 'throw') this.plan.fire(fault, `${this.name}: crashed in the middle of a batch of ${events.length}`);
    this.plan.happened.push(fault);
    this.plan.current = null;
    await tx.query('SELECT * FROM pg_catalog.no_such_relation_for_this_test');
  }
}

/** Moves the checkpoint, then fails before the commit, when the plan says so. */
class FailingCheckpoints extends Checkpoints {
  constructor(schema: string, private readonly plan: FaultPlan) {
    super(schema);
  }

  override async advance(tx: SqlExecutor, projection: string, from: bigint, to: bigint): Promise<void> {
    await super.advance(tx, projection, from, to);
    if (this.plan.current === 'after-checkpoint') this.plan.fire('after-checkpoint', `${projection}: crashed after moving the checkpoint to ${to}, before the commit`);
  }
}

/** Commits, then tells the runner it failed (the connection dropped before the answer), when the plan says so. */
function planned(db: SqlDatabase, plan: FaultPlan): SqlDatabase {
  return withTransactions(db, async (work) => {
    plan.next();
    const value = await db.transaction(work);
    if (plan.current === 'lost-acknowledgement') plan.fire('lost-acknowledgement', 'the transaction committed, but its acknowledgement was lost');
    return value;
  });
}

/** `db` with its transactions run through `transaction`, everything else as it is. */
function withTransactions(db: SqlDatabase, transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T>): SqlDatabase {
  return { kind: db.kind, query: db.query.bind(db), exec: db.exec.bind(db), close: db.close.bind(db), transaction };
}

/** Holds each batch's transaction open a moment, so that two runners' batches overlap. */
class Slow implements Projection {
  constructor(private readonly inner: Projection) {}

  get name(): string {
    return this.inner.name;
  }

  setup(db: SqlExecutor) {
    return this.inner.setup(db);
  }

  reset(tx: SqlExecutor) {
    return this.inner.reset(tx);
  }

  async apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    await this.inner.apply(tx, events);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface ReadModel {
  entityStates: Record<string, unknown>[];
  timeline: Record<string, unknown>[];
  timelineScopes: Record<string, unknown>[];
  checkpoints: Record<string, unknown>[];
}

async function entityStatesOf(db: SqlExecutor, schema: string): Promise<Record<string, unknown>[]> {
  const sql = `SELECT kind, id, state, event_ids, period_from::text AS period_from, period_to::text AS period_to, position::text AS position FROM ${schema}.entity_states ORDER BY kind, id`;
  return (await db.query<Record<string, unknown>>(sql)).rows;
}

/** Every row of the read models in a fixed order; nothing in them depends on when they were projected. */
async function readModel(db: SqlExecutor, schema: string): Promise<ReadModel> {
  const rows = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;
  return {
    entityStates: await entityStatesOf(db, schema),
    timeline: await rows(
      `SELECT position::text AS position, event_id::text AS event_id, kind, entity_id, type, occurred_at::text AS occurred_at, recorded_at::text AS recorded_at,
              actor, summary, customer_id, scope, data
       FROM ${schema}.timeline ORDER BY position`,
    ),
    timelineScopes: await rows(`SELECT kind, id, scope FROM ${schema}.timeline_scopes ORDER BY kind, id`),
    checkpoints: await rows(`SELECT projection, position::text AS position FROM ${schema}.checkpoints ORDER BY projection`),
  };
}

/** How long runners may take to reach the head: long, for a busy machine; the test's timeout (jest's, 120 s) bounds it too. */
const CATCH_UP_MS = 90_000;

const projectionsFor = (schema: string): Projection[] => [new EntityStatesProjection(schema, entityKinds), new TimelineProjection(schema)];

/** What projecting every event once, without a fault, gives: the reference. */
async function cleanRebuild(db: SqlDatabase, store: SqlEventStore, schema: string, head: bigint): Promise<ReadModel> {
  const runners = projectionsFor(schema).map((projection) => new ProjectionRunner(store, db, new Checkpoints(schema), projection, { batchSize: 1000 }));
  for (const runner of runners) await runner.setup();
  for (const runner of runners) runner.start();
  const reached = await Promise.all(runners.map((runner) => runner.waitFor(head, CATCH_UP_MS)));
  await Promise.all(runners.map((runner) => runner.stop()));
  expect(reached).toEqual([true, true]);
  return readModel(db, schema);
}

interface Harness {
  db: SqlDatabase;
  store: SqlEventStore;
  /** A schema no one else uses, dropped after the test. */
  schema(prefix: string): string;
}

function describeRunnerRecovery(name: string, open: () => Promise<DatabaseUnderTest>) {
  describe(`projection runner recovery [${name}]`, () => {
    // One database for the file, a fresh set of schemas per test: a test sees only its own tables.
    let database: DatabaseUnderTest;
    let cleanups: (() => Promise<void>)[] = [];
    beforeAll(async () => {
      database = await open();
    });
    afterAll(async () => database?.drop());
    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      cleanups = [];
    });

    async function harness(): Promise<Harness> {
      const eventSchema = freshSchema('pr');
      const schemas: string[] = [eventSchema];
      const store = await SqlEventStore.create(database.db, { schema: eventSchema, pollIntervalMs: 20 });
      cleanups.push(async () => {
        await store.close();
        for (const schema of schemas) await database.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      });
      return {
        db: database.db,
        store,
        schema: (prefix) => {
          const schema = freshSchema(prefix);
          schemas.push(schema);
          return schema;
        },
      };
    }

    /** Starts the runners and stops them once the test is over, whatever happens. */
    function started(runners: ProjectionRunner[]): ProjectionRunner[] {
      cleanups.push(async () => {
        await Promise.all(runners.map((runner) => runner.stop()));
      });
      return runners;
    }

    async function allCaughtUp(runners: ProjectionRunner[], head: bigint): Promise<void> {
      const reached = await Promise.all(runners.map((runner) => runner.waitFor(head, CATCH_UP_MS)));
      expect({ head, reached, statuses: runners.map((r) => r.status()) }).toMatchObject({ reached: runners.map(() => true) });
    }

    const SCHEDULE = new Map<number, Fault>([
      [2, 'throw'],
      [4, 'sql-error'],
      [5, 'after-checkpoint'],
      [7, 'lost-acknowledgement'],
      [9, 'throw'],
      [11, 'after-checkpoint'],
      [13, 'sql-error'],
      [14, 'lost-acknowledgement'],
    ]);

    it(
      'crashes in the middle of batches (a thrown error, a failing statement, after the checkpoint moved, after a commit whose answer is lost) and ends equal to a clean rebuild',
      async () => {
        const { db, store, schema } = await harness();
        // Half the history is there before the runners start, half arrives while they run.
        const split = Math.floor(HISTORY.length / 2);
        await appendAll(store, HISTORY.slice(0, split));
        const read = schema('rm');
        const errors: { projection: string; message: string }[] = [];
        const plans = [new FaultPlan(SCHEDULE), new FaultPlan(SCHEDULE)];
        const runners = started(
          projectionsFor(read).map(
            (projection, k) =>
              new ProjectionRunner(store, planned(db, plans[k]!), new FailingCheckpoints(read, plans[k]!), new FailingMidBatch(projection, plans[k]!), {
                batchSize: 13,
                retryDelayMs: 5,
                onError: (projection, error) => errors.push({ projection, message: error instanceof Error ? error.message : String(error) }),
              }),
          ),
        );
        for (const runner of runners) await runner.setup();
        for (const runner of runners) runner.start();
        const head = await appendAll(store, HISTORY.slice(split));
        await allCaughtUp(runners, head);

        // Every planned fault happened, once, and the runner got past each.
        for (const plan of plans) expect([...plan.happened].sort()).toEqual([...SCHEDULE.values()].sort());
        expect(errors).toHaveLength(2 * SCHEDULE.size);
        expect(errors.filter((e) => /no_such_relation/.test(e.message))).toHaveLength(4);

        const reference = await cleanRebuild(db, store, schema('ref'), head);
        const recovered = await readModel(db, read);
        expect(reference.timeline).toHaveLength(EVENT_COUNT);
        expect(reference.entityStates.length).toBeGreaterThan(100);
        expect(recovered).toEqual(reference);
        expect(recovered.checkpoints).toEqual([
          { projection: 'entity-states', position: head.toString() },
          { projection: 'timeline', position: head.toString() },
        ]);
      },
    );

    it('stops when stopped at once after starting, while it reads its checkpoint (it used to wait for ever)', async () => {
      const { db, store, schema } = await harness();
      const read = schema('rm');
      const runner = new ProjectionRunner(store, db, new Checkpoints(read), projectionsFor(read)[0]!);
      await runner.setup();
      runner.start();
      await runner.stop();
      expect(runner.status()).toMatchObject({ running: false, active: false });
    });

    it(
      'restarts a stopped runner from its checkpoint after crashes, without applying an event twice',
      async () => {
        const { db, store, schema } = await harness();
        const head = await appendAll(store, HISTORY);
        const fiftieth = (await store.readAll(null, 50)).at(-1)!.position;
        const read = schema('rm');
        // Every transaction after the first crashes, so the runners are stuck after one batch.
        const stuck = Array.from({ length: 1000 }, (_, k) => [k + 2, k % 2 ? 'throw' : 'sql-error'] as const);
        const plans = [new FaultPlan(new Map(stuck)), new FaultPlan(new Map(stuck))];
        const first = started(projectionsFor(read).map((p, k) => new ProjectionRunner(store, planned(db, plans[k]!), new Checkpoints(read), new FailingMidBatch(p, plans[k]!), { batchSize: 50, retryDelayMs: 5 })));
        for (const runner of first) await runner.setup();
        for (const runner of first) runner.start();
        // Until each runner has crashed again after its first batch, however slow the machine.
        await until(() => plans.every((plan) => plan.happened.length > 1));
        await Promise.all(first.map((runner) => runner.stop()));
        expect(first.map((r) => r.position)).toEqual([fiftieth, fiftieth]);
        for (const plan of plans) expect(plan.happened.length).toBeGreaterThan(1);

        const restarted = started(projectionsFor(read).map((p) => new ProjectionRunner(store, db, new Checkpoints(read), p, { batchSize: 50, retryDelayMs: 5 })));
        for (const runner of restarted) runner.start();
        await allCaughtUp(restarted, head);
        expect(await readModel(db, read)).toEqual(await cleanRebuild(db, store, schema('ref'), head));
      },
    );

    it(
      'writes a batch of entity states in several statements and keeps none of it when one of them fails',
      async () => {
        const { db, store, schema } = await harness();
        const head = await appendAll(store, HISTORY);
        const read = schema('rm');
        // The 3rd, 10th and 17th upsert statements fail, each after others of its batch were written.
        const failAt = new Set([3, 10, 17]);
        let upserts = 0;
        const failing = withTransactions(db, (work) =>
          db.transaction((tx) =>
            work({
              query: (sql, params, options) => {
                const upsert = sql.startsWith(`INSERT INTO ${read}.entity_states`);
                if (upsert && failAt.has(++upserts)) return tx.query('SELECT * FROM pg_catalog.no_such_relation_for_this_test');
                return tx.query(sql, params, options);
              },
            }),
          ),
        );
        const errors: unknown[] = [];
        const [runner] = started([
          new ProjectionRunner(store, failing, new Checkpoints(read), new EntityStatesProjection(read, entityKinds, [], { writeChunk: 2 }), {
            batchSize: 40,
            retryDelayMs: 5,
            onError: (_, error) => errors.push(error),
          }),
        ]);
        await runner!.setup();
        runner!.start();
        await allCaughtUp([runner!], head);

        expect(errors).toHaveLength(failAt.size);
        expect(upserts).toBeGreaterThan(17);
        const reference = await cleanRebuild(db, store, schema('ref'), head);
        expect(await entityStatesOf(db, read)).toEqual(reference.entityStates);
        expect(runner!.position).toBe(head);
      },
    );

    it(
      'lets two runners race on one checkpoint: the loser is refused (CheckpointConflictError), resumes, and both end on the clean read model',
      async () => {
        const { db, store, schema } = await harness();
        const head = await appendAll(store, HISTORY);
        const read = schema('rm');
        const errors: unknown[] = [];
        const runners = started(
          [0, 1].flatMap(() =>
            projectionsFor(read).map((p) => new ProjectionRunner(store, db, new Checkpoints(read), new Slow(p), { batchSize: 20, retryDelayMs: 5, onError: (_, error) => errors.push(error) })),
          ),
        );
        for (const runner of runners) await runner.setup();
        for (const runner of runners) runner.start();
        await allCaughtUp(runners, head);

        expect(errors.length).toBeGreaterThan(0);
        // A loser learns it lost from the checkpoint; PostgreSQL may also pick it as a deadlock victim.
        for (const error of errors) expect(error instanceof CheckpointConflictError || (error as { code?: string }).code === '40P01').toBe(true);
        expect(errors.some((e) => e instanceof CheckpointConflictError)).toBe(true);
        expect(await readModel(db, read)).toEqual(await cleanRebuild(db, store, schema('ref'), head));
      },
    );
  });
}

describeRunnerRecovery('embedded', () => openEmbedded('pr'));
describePostgres('projection runner recovery on PostgreSQL', (url) => describeRunnerRecovery('postgres', () => openPostgres(url, 'pr')));
