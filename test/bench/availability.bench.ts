/**
 * Availability figures at scale, on PostgreSQL, from one run on this machine.
 *
 * The parent (this section, in run.ts's process) creates fresh schemas, generates a month of
 * facts (availability-data.ts: October 2026, BENCH_CUSTOMERS customers, BENCH_OUTAGES outages …)
 * and appends them through SqlEventStore.append, one stream per entity, WRITERS concurrent writers.
 * Then it forks a child (this same file, BENCH_AVAILABILITY_CHILD=1) that is the application
 * process and measures, reporting each step back over IPC (the HTTP requests of (b) and of (c)'s
 * pages are made by the parent, so that reading the answers takes nothing from the server):
 *  (a) the entity-states projection from zero (a ProjectionRunner as the app starts it: same
 *      projection, same entity kinds, same batch size) against a raw ordered read of the same
 *      events in batches of the same size through the same driver; also the store's own readAll;
 *  (b) GET /customers/{id}/availability/2026-10 for random customers, interleaved with GET /health,
 *      once the app's other projection (the timeline, which starts from zero with the app) has
 *      caught up: an app in service, not one rebuilding a read model beside the requests;
 *  (c) the whole month: AvailabilityReader.forMonth the first time (it computes every customer's
 *      figures and stores them), then on the stored month, round after round beside a plain SELECT
 *      of the same result rows (flat, each with its outage ids written out) and a plain SELECT of the
 *      stored rows as they are; then every page of GET /availability/2026-10;
 *  (d) a platform-wide outage through HTTP (start, end) until every subscribed customer's figures
 *      count it as Down Time (a read answered 503 while the projection recomputes the month is
 *      retried, as the API asks a client to);
 * and the child's memory after each step. Throughout, the child samples its own event loop
 * (monitorEventLoopDelay, every 5 ms) and reports the longest stall with each message, and the parent
 * probes the child's GET /health/live one request at a time from the moment it listens: both per
 * phase, so that a stall can be put to the work that caused it. The child is what a server process would be (its peak
 * RSS through (d) is the app's, not the generator's; (c)'s baselines and breakdown run after (d));
 * if it dies (out of memory, say), the parent reports the step it died in and still drops the schemas.
 *
 * Environment: DATABASE_URL; BENCH_CUSTOMERS (100000), BENCH_OUTAGES (2000), BENCH_MAINTENANCES (200),
 * BENCH_EMERGENCIES (5), BENCH_REQUESTS (300, step b), BENCH_PAGES_SECONDS (120: step c stops
 * fetching pages after this long and extrapolates the rest), BENCH_MONTH_SECONDS (150: a single
 * whole-month computation that takes longer is stopped by killing the child, since it is one
 * synchronous call that nothing inside the process can interrupt), BENCH_SEED (1), BENCH_CHILD_ARGS
 * (node flags for the measured process after the server's own, those of `npm run start:prod`; e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
 * SLA_COMPUTE_THREADS (the app's, default 1).
 *
 * The load uses `synchronous_commit=off` on its own connections (the bench's data need not survive
 * a crash; the measured steps use the connection string as given). The tables are vacuumed and
 * analysed after the load, after the projection and after the month is first stored, outside the measurements: on 2 cores, an
 * autovacuum of 100,000 fresh rows running during a measurement would take one core from it.
 */
import { fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ServiceUnavailableException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Customer } from '#domain';
import { PostgresDatabase, SqlEventStore, type SqlDatabase } from '#event-store';
import { Checkpoints, EntityStatesProjection, EntityStatesReader, loadMonthFacts, monthCustomers, monthFigures, ProjectionRunner } from '#projections';
import { serverNodeFlags } from '../support/server-flags.js';
import { describeData, generateMonth, MONTH, QUIET_SLOT } from './availability-data.js';
import { describeError, formatTable, median, positiveInteger, type BenchOptions, type BenchSection } from './section.js';

const CUSTOMERS = positiveInteger('BENCH_CUSTOMERS', 100_000);
const OUTAGES = positiveInteger('BENCH_OUTAGES', 2_000);
const MAINTENANCES = positiveInteger('BENCH_MAINTENANCES', 200);
const EMERGENCIES = positiveInteger('BENCH_EMERGENCIES', 5);
const REQUESTS = positiveInteger('BENCH_REQUESTS', 300);
const PAGES_SECONDS = positiveInteger('BENCH_PAGES_SECONDS', 120);
const SEED = positiveInteger('BENCH_SEED', 1);
const MONTH_SECONDS = positiveInteger('BENCH_MONTH_SECONDS', 150);
/** Node flags for the measured process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes. */
const CHILD_ARGS = (process.env.BENCH_CHILD_ARGS ?? '').split(' ').filter((flag) => flag !== '');
const WRITERS = 8;
/** The ProjectionRunner's default, which the app uses. */
const BATCH = 500;
const WARMUP_REQUESTS = 30;
/** Rounds of (c)'s side-by-side reads: the plain SELECT, then the stored month. */
const STORED_ROUNDS = 5;
const PAGE_LIMIT = 1000;
const CHILD_TIMEOUT_MS = 20 * 60_000;

const GOAL_PROJECTION = 0.25;
const GOAL_CUSTOMER_P99 = 3;
const GOAL_MONTH = 3;
const GOAL_STALL_MS = 50;
const GOAL_PLATFORM_END_S = 5;
const GOAL_LIVE_P99_MS = 20;
/** Pause between two /health/live probes of the app, one at a time. */
const LIVE_PROBE_MS = 20;

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
const ms = (value: number) => (value >= 100 ? fmt(value) : value >= 10 ? fmt(value, 1) : fmt(value, 2));
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------------------------------------
// messages between the section and its child

interface ChildJob {
  databaseUrl: string;
  eventSchema: string;
  readSchema: string;
  customers: number;
  eventCount: number;
  /** Customers subscribed during QUIET_SLOT, whom step (d)'s outage must reach. */
  expected: string[];
}

interface Memory {
  heapUsed: number;
  rss: number;
  /** process.resourceUsage().maxRSS, in bytes. */
  maxRss: number;
}

type StepResult =
  | { step: 'a'; events: number; projectionMs: number; rawMs: number; readAllMs: number; batches: number }
  | {
      step: 'b';
      requests: number;
      /** The app's projections other than entity-states (the timeline) catching up from zero before (b). */
      catchUpMs: number;
      customer: { p50: number; p99: number; max: number };
      health: { p50: number; p99: number; max: number };
      /** /health on its own, before the interleaved run: what the interleaving does to it. */
      healthAlone: { p50: number; p99: number; max: number };
    }
  | {
      step: 'c';
      customers: number;
      /** The month's first read: every customer's figures computed and stored. */
      firstReadMs: number;
      /** Median of STORED_ROUNDS reads of the stored month, each by a reader without a cached list, alternating with the SELECT. */
      forMonthMs: number;
      /** Of a second whole-month computation: the read-model queries, then monthFigures alone (not stored). */
      loadMs: number;
      computeMs: number;
      rowsLoaded: Record<string, number>;
      /** The plain SELECT of the month's result rows, flat (outage ids written out in each row). */
      selectMs: number[];
      /** A plain SELECT of the stored rows as they are (outage lists by key, not read). */
      storedSelectMs: number[];
      pagesFetched: number;
      pagesTotal: number;
      pageMs: number[];
      pagesMs: number;
    }
  | {
      step: 'd';
      expected: number;
      /** A read of the whole month while the platform-wide outage is open, once the read models include its start (a reader without a cached list). */
      openReadMs: number;
      /** The first read that shows it: it waits for the projection to store the month's figures with their growth. */
      firstOpenReadMs: number;
      startMs: number;
      endMs: number;
      /** `showing` -1: the read answered 503 (the read models were still catching up). */
      polls: { ms: number; showing: number }[];
      totalMs: number;
      reached: boolean;
    };

/** HTTP work the parent does against the child's server, so that reading answers costs the server nothing. */
type HttpWork = { work: 'customer-months' } | { work: 'pages'; customers: number };

interface HttpTarget {
  base: string;
  token: string;
  customers: number;
}

type ChildMessage = (
  | { type: 'step'; result: StepResult; memory: Memory }
  /** The app listens: the parent probes its /health/live from now on. */
  | { type: 'listening'; base: string }
  /** Asks the parent to do HTTP work; the parent answers with a ParentMessage. */
  | { type: 'http'; target: HttpTarget; job: HttpWork; step: string; memory: Memory; deadlineMs: number }
  /** `deadlineMs`: the parent kills the child unless its next message comes within this time. */
  | { type: 'progress'; step: string; memory: Memory; deadlineMs?: number }
  | { type: 'done' }
  | { type: 'failed'; error: string }
) & {
  /** The longest the child's event loop was held since its previous message, in ms. */
  stallMs?: number;
};

type ParentMessage = { type: 'http-done'; result: unknown } | { type: 'http-failed'; error: string };

function memory(): Memory {
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss, maxRss: process.resourceUsage().maxRSS * 1024 };
}

// ---------------------------------------------------------------------------------------------
// the section (parent)

/** Appends every stream with `writers` concurrent loops; answers the elapsed milliseconds. */
async function appendAll(store: SqlEventStore, streams: { stream: string; events: Parameters<SqlEventStore['append']>[1] }[], writers: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < streams.length) {
        const { stream, events } = streams[next++]!;
        await store.append(stream, events, 'no-stream');
      }
    }),
  );
  return performance.now() - started;
}

async function benchAvailability(options: BenchOptions): Promise<string[]> {
  const summary: string[] = [];
  const id = randomBytes(4).toString('hex');
  const eventSchema = `bench_avail_ev_${id}`;
  const readSchema = `bench_avail_rm_${id}`;
  const loaderUrl = new URL(options.databaseUrl);
  loaderUrl.searchParams.set('options', '-c synchronous_commit=off');
  const db = new PostgresDatabase(loaderUrl.toString(), { max: WRITERS + 2 });
  const cleanups: (() => Promise<void>)[] = [() => db.close()];
  const memoryRows: string[][] = [];
  const rows: string[][] = [];
  try {
    const { rows: version } = await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    console.log(`PostgreSQL ${version[0]!.version} at ${new URL(options.databaseUrl).host}; schemas ${eventSchema}, ${readSchema} (dropped at the end)`);
    cleanups.unshift(() => db.exec(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${readSchema} CASCADE`));

    // Generate and append.
    let started = performance.now();
    const month = generateMonth({
      customers: CUSTOMERS,
      outages: OUTAGES,
      maintenances: MAINTENANCES,
      emergencies: EMERGENCIES,
      seed: SEED,
      calendar: { billingTimeZone: 'UTC', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' },
      now: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    const generatedMs = performance.now() - started;
    console.log(`generated ${describeData(month)} in ${(generatedMs / 1000).toFixed(1)} s`);
    console.log(
      `${fmt(month.changingInSpan)} customers change (join, leave, move) between the earliest notice (${month.earliestNotice}) and the month's end: ` +
        `the month batch computes each of them alone; the others share at most ${6 + 15} footprints × 3 targets`,
    );
    const store = await SqlEventStore.create(db, { schema: eventSchema });
    const appendMs = await appendAll(store, month.streams, WRITERS);
    await store.close();
    // What autovacuum would soon do anyway; done here so that it does not run during the measurements.
    await db.exec(`VACUUM (ANALYZE) ${eventSchema}.events`);
    await db.exec(`VACUUM (ANALYZE) ${eventSchema}.streams`);
    // The load's dirty pages are written out now, not by a checkpoint in the middle of a measurement
    // (one landing in (a) slowed both the projection and readAll by half). Needs a superuser or
    // pg_checkpoint; without it, the measurements take their chance.
    await db.exec('CHECKPOINT').catch((error: unknown) => console.log(`CHECKPOINT before measuring was refused (${describeError(error)}); measuring anyway`));
    const appendRate = month.eventCount / (appendMs / 1000);
    console.log(`appended in ${(appendMs / 1000).toFixed(1)} s with ${WRITERS} writers: ${fmt(appendRate)} events/s, ${fmt(month.streams.length / (appendMs / 1000))} appends/s`);
    rows.push(['load: append (8 writers, 1 stream/append)', `${fmt(month.eventCount)} events`, `${(appendMs / 1000).toFixed(1)} s`, `${fmt(appendRate)} ev/s`, '-', '-', '-']);
    const parentMemory = memory();
    memoryRows.push(['parent after generate + append', mb(parentMemory.heapUsed), mb(parentMemory.rss), mb(parentMemory.maxRss)]);

    // The measured steps, in the app's process.
    const job: ChildJob = {
      databaseUrl: options.databaseUrl,
      eventSchema,
      readSchema,
      customers: CUSTOMERS,
      eventCount: month.eventCount,
      expected: [...month.subscribedInQuietSlot],
    };
    month.streams.length = 0;
    const results = new Map<string, StepResult>();
    /** The child's peak RSS once the app's own steps are done, before the bench's baselines. */
    let appPeakRss: number | null = null;
    let lastStep = 'start';
    /** Per phase of the child (named by the message that began it): its longest stall and the latencies of /health/live probes. */
    const phases = new Map<string, { stallMs: number; live: number[]; liveFailed: number; app: boolean; listening: boolean }>();
    /** Until the app listens (loading its modules, the bench's own step (a), creating the app), no request can wait for its event loop. */
    let listening = false;
    /** Once step (d) is reported, what the child does is the bench's own work (baselines, a breakdown), not the app's. */
    let appPhases = true;
    const phase = (name: string) => {
      let entry = phases.get(name);
      if (!entry) phases.set(name, (entry = { stallMs: 0, live: [], liveFailed: 0, app: appPhases, listening }));
      return entry;
    };
    let probing = false;
    const probeLiveness = async (base: string) => {
      probing = true;
      while (probing) {
        const label = lastStep;
        const started = performance.now();
        try {
          const response = await fetch(`${base}/health/live`);
          await response.arrayBuffer();
          if (response.status !== 200) phase(label).liveFailed += 1;
          else phase(label).live.push(performance.now() - started);
        } catch {
          if (probing) phase(label).liveFailed += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, LIVE_PROBE_MS));
      }
    };
    const failure = await new Promise<string | null>((resolve) => {
      const child = fork(fileURLToPath(import.meta.url), [], {
        // The measured process runs with the server's own Node flags (npm run start:prod), then the bench's.
        execArgv: [...serverNodeFlags(), ...CHILD_ARGS],
        env: { ...process.env, BENCH_AVAILABILITY_CHILD: '1' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      // The first cause of an end wins; the promise resolves once the child has exited, so that
      // its connections are gone before the schemas are dropped.
      let outcome: string | null | undefined;
      let watchdog: NodeJS.Timeout | undefined;
      const settle = (value: string | null) => {
        if (outcome === undefined) outcome = value;
      };
      const kill = (reason: string) => {
        settle(reason);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      // The child's RSS from outside, once a second: when it is killed or dies, its last figures
      // still make the memory table (Linux /proc; nothing elsewhere).
      let sampled: { rss: number; peak: number } | null = null;
      const sampler = setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
          const sample = { rss: kb('VmRSS'), peak: kb('VmHWM') };
          if (Number.isFinite(sample.rss) && Number.isFinite(sample.peak)) sampled = sample;
        } catch {
          // gone (a killed child not yet reaped has no memory lines either), or no /proc
        }
      }, 1000);
      const timer = setTimeout(() => kill(`the child did not finish within ${CHILD_TIMEOUT_MS / 60_000} min (last step: ${lastStep}); killed`), CHILD_TIMEOUT_MS);
      child.on('message', (message: ChildMessage) => {
        clearTimeout(watchdog);
        if (message.stallMs !== undefined) phase(lastStep).stallMs = Math.max(phase(lastStep).stallMs, message.stallMs);
        if (message.type === 'listening') {
          listening = true;
          void probeLiveness(message.base);
        }
        if ((message.type === 'progress' || message.type === 'http') && message.deadlineMs !== undefined) {
          const step = message.step;
          const deadline = message.deadlineMs;
          watchdog = setTimeout(() => kill(`${step} took more than ${(deadline / 1000).toFixed(0)} s; the child was killed`), deadline);
        }
        if (message.type === 'http') {
          lastStep = message.step;
          memoryRows.push([`child before ${message.step}`, mb(message.memory.heapUsed), mb(message.memory.rss), mb(message.memory.maxRss)]);
          httpWork(message.target, message.job).then(
            (result) => child.send({ type: 'http-done', result } satisfies ParentMessage),
            (error: unknown) => child.send({ type: 'http-failed', error: describeError(error) } satisfies ParentMessage),
          );
        } else if (message.type === 'progress') {
          lastStep = message.step;
          memoryRows.push([`child before ${message.step}`, mb(message.memory.heapUsed), mb(message.memory.rss), mb(message.memory.maxRss)]);
        } else if (message.type === 'step') {
          results.set(message.result.step, message.result);
          if (message.result.step === 'd') {
            appPeakRss = message.memory.maxRss;
            appPhases = false;
          }
          lastStep = `after step (${message.result.step})`;
          memoryRows.push([`child after step (${message.result.step})`, mb(message.memory.heapUsed), mb(message.memory.rss), mb(message.memory.maxRss)]);
        } else if (message.type === 'failed') {
          settle(`the child failed in ${lastStep}: ${message.error}`);
        } else if (message.type === 'done') {
          settle(null);
        }
      });
      child.on('error', (error) => {
        settle(`cannot run the child: ${error.message}`);
        if (child.pid === undefined) resolve(outcome ?? null);
      });
      child.on('exit', (code, signal) => {
        probing = false;
        clearTimeout(timer);
        clearTimeout(watchdog);
        clearInterval(sampler);
        if (outcome !== null) {
          const last = sampled as { rss: number; peak: number } | null;
          if (last) memoryRows.push([`child at its end (last /proc sample, ${lastStep})`, '-', mb(last.rss), mb(last.peak)]);
        }
        settle(`the child exited (code ${code}, signal ${signal}) during ${lastStep}`);
        resolve(outcome ?? null);
      });
      child.send({ type: 'job', job });
    });

    // The table.
    const a = results.get('a') as Extract<StepResult, { step: 'a' }> | undefined;
    if (a) {
      const projected = a.events / (a.projectionMs / 1000);
      const raw = a.events / (a.rawMs / 1000);
      const readAll = a.events / (a.readAllMs / 1000);
      const ratio = projected / raw;
      rows.push([`(a) project from zero (${a.batches} batches of ${BATCH})`, `${fmt(a.events)} events`, `${(a.projectionMs / 1000).toFixed(1)} s`, `${fmt(projected)} ev/s`, `raw read ${fmt(raw)} ev/s`, ratio.toFixed(2), `≥ ${GOAL_PROJECTION}`]);
      rows.push(['    (store.readAll alone, no apply)', '', `${(a.readAllMs / 1000).toFixed(1)} s`, `${fmt(readAll)} ev/s`, '', (readAll / raw).toFixed(2), '']);
      summary.push(`(a) projection from zero ${fmt(projected)} ev/s, raw ordered read ${fmt(raw)} ev/s: ratio ${ratio.toFixed(2)} (goal ≥ ${GOAL_PROJECTION}: ${ratio >= GOAL_PROJECTION ? 'met' : 'NOT met'})`);
    }
    const b = results.get('b') as Extract<StepResult, { step: 'b' }> | undefined;
    if (b) {
      const r50 = b.customer.p50 / b.health.p50;
      const r99 = b.customer.p99 / b.health.p99;
      rows.push(['app start: the timeline projects from zero', `${fmt(a?.events ?? 0)} events`, `${(b.catchUpMs / 1000).toFixed(1)} s`, '', '', '', '']);
      rows.push([`(b) GET customer-month, p50 (${b.requests} req)`, '1 customer', `${ms(b.customer.p50)} ms`, '', `/health ${ms(b.health.p50)} ms`, r50.toFixed(2), '']);
      rows.push(['(b) GET customer-month, p99', '1 customer', `${ms(b.customer.p99)} ms`, '', `/health ${ms(b.health.p99)} ms`, r99.toFixed(2), `≤ ${GOAL_CUSTOMER_P99}`]);
      rows.push([
        '    (/health alone, before: p50 / p99)',
        '',
        `${ms(b.healthAlone.p50)} / ${ms(b.healthAlone.p99)} ms`,
        '',
        'customer-month p99 vs it',
        (b.customer.p99 / b.healthAlone.p99).toFixed(1),
        '',
      ]);
      summary.push(
        `(b) customer-month p50 ${ms(b.customer.p50)} ms / p99 ${ms(b.customer.p99)} ms vs interleaved /health p50 ${ms(b.health.p50)} ms / p99 ${ms(b.health.p99)} ms: ` +
          `p99 ratio ${r99.toFixed(2)} (goal ≤ ${GOAL_CUSTOMER_P99}: ${r99 <= GOAL_CUSTOMER_P99 ? 'met' : 'NOT met'}); p50 ratio ${r50.toFixed(1)}; ` +
          `vs /health measured alone (p99 ${ms(b.healthAlone.p99)} ms) the p99 ratio is ${(b.customer.p99 / b.healthAlone.p99).toFixed(1)}`,
      );
    }
    const c = results.get('c') as Extract<StepResult, { step: 'c' }> | undefined;
    if (c) {
      const select = median(c.selectMs);
      const serviceRatio = c.forMonthMs / select;
      const complete = c.pagesFetched === c.pagesTotal;
      const pagesMs = complete ? c.pagesMs : (c.pagesMs / c.pagesFetched) * c.pagesTotal;
      const pagesRatio = pagesMs / select;
      rows.push([`(c) forMonth, month stored (median of ${STORED_ROUNDS})`, `${fmt(c.customers)} customers`, `${(c.forMonthMs / 1000).toFixed(2)} s`, '', `SELECT ${fmt(c.customers)} rows ${ms(select)} ms`, serviceRatio.toFixed(1), `≤ ${GOAL_MONTH}`]);
      const storedSelect = median(c.storedSelectMs);
      rows.push([
        '    same, against the stored rows alone',
        '',
        '',
        '',
        `SELECT ${fmt(c.customers)} rows ${ms(storedSelect)} ms`,
        (c.forMonthMs / storedSelect).toFixed(1),
        '',
      ]);
      rows.push([`(c) forMonth, first read: computes, stores`, `${fmt(c.customers)} customers`, `${(c.firstReadMs / 1000).toFixed(2)} s`, '', '', (c.firstReadMs / select).toFixed(1), '']);
      rows.push([
        '    of which the read-model queries',
        `${Object.values(c.rowsLoaded).map((n) => fmt(n)).join('+')} rows`,
        `${(c.loadMs / 1000).toFixed(2)} s`,
        '',
        '',
        (c.loadMs / select).toFixed(1),
        '',
      ]);
      console.log(`read-model rows of the month: ${Object.entries(c.rowsLoaded).map(([kind, n]) => `${fmt(n)} ${kind}`).join(', ')}`);
      rows.push(['    of which computing (monthFigures)', '', `${(c.computeMs / 1000).toFixed(2)} s`, '', '', (c.computeMs / select).toFixed(1), '']);
      rows.push(['    the rest (writing the figures)', '', `~${(Math.max(0, c.firstReadMs - c.loadMs - c.computeMs) / 1000).toFixed(2)} s`, '', '', '', '']);
      rows.push([
        `(c) GET /availability, all pages of ${PAGE_LIMIT}`,
        complete ? `${c.pagesTotal} pages` : `${c.pagesFetched}/${c.pagesTotal} pages*`,
        `${complete ? '' : '~'}${(pagesMs / 1000).toFixed(1)} s`,
        `${ms(median(c.pageMs))} ms/page`,
        `SELECT ${fmt(c.customers)} rows ${ms(select)} ms`,
        pagesRatio.toFixed(1),
        `≤ ${GOAL_MONTH}`,
      ]);
      summary.push(
        `(c) forMonth of a stored month ${(c.forMonthMs / 1000).toFixed(2)} s vs plain SELECT of ${fmt(c.customers)} rows ${ms(select)} ms: ratio ${serviceRatio.toFixed(1)} (goal ≤ ${GOAL_MONTH}: ${serviceRatio <= GOAL_MONTH ? 'met' : 'NOT met'}); ` +
          `against a SELECT of the stored rows alone (outage lists by key, ${ms(median(c.storedSelectMs))} ms) ${(c.forMonthMs / median(c.storedSelectMs)).toFixed(1)}; ` +
          `the month's first read, which computes and stores it, ${(c.firstReadMs / 1000).toFixed(2)} s (ratio ${(c.firstReadMs / select).toFixed(1)})`,
        `(c) all ${c.pagesTotal} pages over HTTP ${complete ? '' : `~${(pagesMs / 1000).toFixed(0)} s extrapolated from ${c.pagesFetched} pages (${(c.pagesMs / 1000).toFixed(1)} s)`}${complete ? `${(pagesMs / 1000).toFixed(1)} s` : ''}: ratio ${pagesRatio.toFixed(1)} (goal ≤ ${GOAL_MONTH}: ${pagesRatio <= GOAL_MONTH ? 'met' : 'NOT met'})`,
      );
    }
    const d = results.get('d') as Extract<StepResult, { step: 'd' }> | undefined;
    if (d) {
      rows.push([
        '(d) platform outage end → all figures show it',
        `${fmt(d.expected)} customers`,
        `${(d.totalMs / 1000).toFixed(2)} s`,
        `start ${ms(d.startMs)} + end ${ms(d.endMs)} ms`,
        `${d.polls.length} poll(s): ${d.polls.map((p) => (p.showing < 0 ? `${ms(p.ms)} ms → 503` : `${ms(p.ms)} ms → ${fmt(p.showing)}`)).join(', ')}`,
        '-',
        d.reached ? 'reached' : 'NOT reached',
      ]);
      if (c) {
        const openRatio = d.openReadMs / c.forMonthMs;
        summary.push(
          `(d) the month read while the platform-wide outage is open ${(d.openReadMs / 1000).toFixed(2)} s vs the stored read ${(c.forMonthMs / 1000).toFixed(2)} s: ` +
            `ratio ${openRatio.toFixed(1)} (goal ≤ 1.5: ${openRatio <= 1.5 ? 'met' : 'NOT met'}); the first read after the start, which waits for the projection, ${(d.firstOpenReadMs / 1000).toFixed(2)} s`,
        );
      }
      summary.push(
        `(d) platform outage ended over HTTP (it was started, and read while open, before), then every one of ${fmt(d.expected)} subscribed customers shows it: ${(d.totalMs / 1000).toFixed(2)} s${d.reached ? '' : ' (NOT reached)'} ` +
          `(goal ≤ ${GOAL_PLATFORM_END_S} s: ${d.reached && d.totalMs <= GOAL_PLATFORM_END_S * 1000 ? 'met' : 'NOT met'}); ` +
          `reads while it recomputed: ${d.polls.filter((p) => p.showing < 0).length} answered 503, the slowest after ${ms(Math.max(0, ...d.polls.filter((p) => p.showing < 0).map((p) => p.ms)))} ms`,
      );
    }
    console.log();
    console.log(formatTable(['step', 'size', 'time', 'rate / latency', 'baseline', 'ratio', 'goal'], rows));
    if (c && c.pagesFetched < c.pagesTotal) {
      console.log(`* pages stopped after BENCH_PAGES_SECONDS=${PAGES_SECONDS} s; the total is extrapolated from the pages fetched (each page computes the whole month).`);
    }
    console.log();
    console.log(formatTable(['memory after', 'heap used', 'rss', 'peak rss'], memoryRows));
    // The app's responsiveness in each phase: the longest its event loop was held, and what a liveness probe saw.
    const phaseRows = [...phases.entries()].map(([name, p]) => [
      !p.app ? `${name} (the bench's own work)` : p.listening ? name : `${name} (before the app listens)`,
      `${ms(p.stallMs)} ms`,
      p.live.length > 0 ? `${ms(percentile(p.live, 50))} / ${ms(percentile(p.live, 99))} / ${ms(Math.max(...p.live))} ms` : '-',
      `${p.live.length}${p.liveFailed > 0 ? ` (+${p.liveFailed} failed)` : ''}`,
    ]);
    console.log();
    console.log(formatTable(['phase of the app process', 'longest stall', '/health/live p50 / p99 / max', 'probes'], phaseRows));
    const app = [...phases.entries()].filter(([, p]) => p.app && p.listening);
    const stallMax = Math.max(0, ...app.map(([, p]) => p.stallMs));
    const beforeListening = Math.max(0, ...[...phases.values()].filter((p) => p.app && !p.listening).map((p) => p.stallMs));
    // Every probe counts, the first ones (made as soon as the app listens) included.
    const allLive = [...phases.values()].filter((p) => p.app).flatMap((p) => p.live);
    const worstPhase = [...app].sort((x, y) => y[1].stallMs - x[1].stallMs)[0];
    summary.push(
      `longest event-loop stall of the app process once it listens ${ms(stallMax)} ms${worstPhase ? ` (in ${worstPhase[0]})` : ''} (goal ≤ ${GOAL_STALL_MS} ms: ${stallMax <= GOAL_STALL_MS ? 'met' : 'NOT met'}); ` +
        `before it listens ${ms(beforeListening)} ms (loading, the bench's step (a), creating the app: no request can reach it yet); ` +
        `/health/live p99 ${ms(percentile(allLive, 99))} ms over ${allLive.length} probes from the app's start to the end of (d) (goal ≤ ${GOAL_LIVE_P99_MS} ms: ${percentile(allLive, 99) <= GOAL_LIVE_P99_MS ? 'met' : 'NOT met'})`,
    );
    if (appPeakRss !== null) {
      summary.push(
        `peak RSS of the app process through steps (a)–(d): ${mb(appPeakRss)}, ${mb((appPeakRss / CUSTOMERS) * 10_000)} per 10,000 customers ` +
          `(goal ≤ 512 MB at 100,000: ${appPeakRss <= 512 * 1024 * 1024 ? 'met' : 'NOT met'}; the bench's baselines and breakdown come after, in the same process)`,
      );
    }
    if (failure) {
      console.log(`NOT finished: ${failure}`);
      for (const step of ['a', 'b', 'c', 'd']) if (!results.has(step)) summary.push(`(${step}) not measured`);
      summary.push(`NOT finished: ${failure}`);
    }
    return summary;
  } finally {
    for (const cleanup of cleanups) {
      await cleanup().catch((error: unknown) => console.error(`bench cleanup: ${describeError(error)}`));
    }
  }
}

export const availabilityBench: BenchSection = { name: 'availability', run: benchAvailability };

// ---------------------------------------------------------------------------------------------
// the parent's HTTP client

function client(target: HttpTarget) {
  const headers = { authorization: `Bearer ${target.token}` };
  return async (path: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(target.base + path, { headers });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${body.slice(0, 300)}`);
    return elapsed;
  };
}

async function httpWork(target: HttpTarget, job: HttpWork): Promise<unknown> {
  const get = client(target);
  if (job.work === 'customer-months') {
    // (b) One customer-month, interleaved with /health.
    const width = Math.max(6, String(target.customers).length);
    const randomCustomer = () => `c${String(1 + Math.floor(Math.random() * target.customers)).padStart(width, '0')}`;
    for (let k = 0; k < WARMUP_REQUESTS; k++) {
      await get('/health');
      await get(`/customers/${randomCustomer()}/availability/${MONTH}`);
    }
    const stats = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });
    const alone: number[] = [];
    for (let k = 0; k < REQUESTS; k++) alone.push(await get('/health'));
    const customer: number[] = [];
    const health: number[] = [];
    for (let k = 0; k < REQUESTS; k++) {
      const id = randomCustomer();
      if (k % 2 === 0) {
        health.push(await get('/health'));
        customer.push(await get(`/customers/${id}/availability/${MONTH}`));
      } else {
        customer.push(await get(`/customers/${id}/availability/${MONTH}`));
        health.push(await get('/health'));
      }
    }
    return { step: 'b', requests: REQUESTS, customer: stats(customer), health: stats(health), healthAlone: stats(alone) };
  }
  // (c) Every page of the month.
  const pagesTotal = Math.ceil(job.customers / PAGE_LIMIT);
  const pageMs: number[] = [];
  const started = performance.now();
  for (let page = 0; page < pagesTotal; page++) {
    pageMs.push(await get(`/availability/${MONTH}?limit=${PAGE_LIMIT}&offset=${page * PAGE_LIMIT}`));
    if (performance.now() - started > PAGES_SECONDS * 1000) break;
  }
  return { pagesFetched: pageMs.length, pagesTotal, pageMs, pagesMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------
// the child: the application process

/** Has the parent do HTTP work against this process's server and waits for its answer. */
function askParent<Result>(target: HttpTarget, job: HttpWork, step: string, deadlineMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    process.once('message', (message: ParentMessage) => {
      if (message.type === 'http-done') resolve(message.result as Result);
      else reject(new Error(`the parent's HTTP work failed: ${message.error}`));
    });
    process.send!(stamped({ type: 'http', target, job, step, memory: memory(), deadlineMs }));
  });
}

/** The child's event loop, sampled every 5 ms: its longest delay is the longest stall. */
let loopDelay: ReturnType<typeof monitorEventLoopDelay> | null = null;

/** The message with the longest stall since the previous one. */
function stamped(message: ChildMessage): ChildMessage {
  if (loopDelay) {
    message.stallMs = loopDelay.max / 1e6;
    loopDelay.reset();
  }
  return message;
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(stamped(message), undefined, {}, () => resolve()));
}

async function rawRead(db: SqlDatabase, schema: string): Promise<number> {
  let after = '0';
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ position: string }>(`SELECT * FROM ${schema}.events WHERE position > $1 ORDER BY position LIMIT $2`, [after, BATCH]);
    if (rows.length === 0) return total;
    total += rows.length;
    after = rows[rows.length - 1]!.position;
  }
}

async function childMain(job: ChildJob): Promise<void> {
  const { calendarOf, loadConfig } = await import('../../apps/api/src/config.js');
  const { createApp } = await import('../../apps/api/src/app.js');
  const { AvailabilityReader } = await import('../../apps/api/src/availability/availability.reader.js');
  const { entityKinds } = await import('#projections');
  const { availabilityMonths, ProjectionsService } = await import('../../apps/api/src/infrastructure/projections.service.js');
  const { AsOf } = await import('../../apps/api/src/infrastructure/as-of.js');
  const { ReadSide } = await import('../../apps/api/src/infrastructure/read-side.js');
  const progress = (step: string, deadlineMs?: number) => send({ type: 'progress', step, memory: memory(), deadlineMs });
  loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();

  const token = randomBytes(24).toString('base64url');
  const config = loadConfig({
    DATABASE_URL: job.databaseUrl,
    SLA_EVENT_SCHEMA: job.eventSchema,
    SLA_READ_MODEL_SCHEMA: job.readSchema,
    SLA_ADMIN_TOKEN: token,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
    PORT: '0',
    // The app's default unless the bench is asked otherwise.
    ...(process.env.SLA_COMPUTE_THREADS !== undefined && { SLA_COMPUTE_THREADS: process.env.SLA_COMPUTE_THREADS }),
  });
  await progress('start');

  // (a) Projection from zero against the raw ordered read, on a pool of the app's size.
  const db = new PostgresDatabase(job.databaseUrl);
  let head: bigint;
  try {
    const store = await SqlEventStore.create(db, { schema: job.eventSchema });
    head = await store.headPosition();
    await rawRead(db, job.eventSchema); // warms the cache for all three reads alike
    let started = performance.now();
    const rawCount = await rawRead(db, job.eventSchema);
    const rawMs = performance.now() - started;
    started = performance.now();
    let readAllCount = 0;
    for (let after: bigint | null = null; ; ) {
      const batch = await store.readAll(after, BATCH);
      if (batch.length === 0) break;
      readAllCount += batch.length;
      after = batch[batch.length - 1]!.position;
    }
    const readAllMs = performance.now() - started;
    if (rawCount !== job.eventCount || readAllCount !== job.eventCount) {
      throw new Error(`read ${rawCount} (raw) and ${readAllCount} (readAll) events, expected ${job.eventCount}`);
    }

    const projectionAsTheAppBuildsIt = new EntityStatesProjection(config.readModelSchema, entityKinds, [availabilityMonths(config)]);
    const runner = new ProjectionRunner(store, db, new Checkpoints(config.readModelSchema), projectionAsTheAppBuildsIt, {
      batchSize: BATCH,
      onError: (name, error) => console.error(`projection ${name}: ${describeError(error)}`),
    });
    await runner.setup();
    let batches = 0;
    const projection = runner.projection;
    const apply = projection.apply.bind(projection);
    projection.apply = (tx, events) => {
      batches += 1;
      return apply(tx, events);
    };
    started = performance.now();
    runner.start();
    const reached = await runner.waitFor(head, 10 * 60_000);
    const projectionMs = performance.now() - started;
    await runner.stop();
    await db.exec(`VACUUM (ANALYZE) ${config.readModelSchema}.entity_states`);
    if (!reached) throw new Error(`the projection did not reach ${head} within 10 min (at ${runner.position}; ${runner.status().lastError ?? 'no error'})`);
    await store.close();
    await send({ type: 'step', result: { step: 'a', events: job.eventCount, projectionMs, rawMs, readAllMs, batches }, memory: memory() });
  } finally {
    await db.close();
  }

  // The app, on the read model just built (its runner starts from the checkpoint at the head).
  const running = await createApp(config, { logger: false });
  try {
    await running.app.listen(0, '127.0.0.1');
    const address = running.app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    await send({ type: 'listening', base });
    const headers = { authorization: `Bearer ${token}` };
    const post = async (path: string, body: object): Promise<number> => {
      const started = performance.now();
      const response = await fetch(base + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (response.status >= 300) throw new Error(`POST ${path} → ${response.status} ${text.slice(0, 300)}`);
      return elapsed;
    };
    await progress('app started', 10 * 60_000);

    // The app's other read models (the timeline) start from zero here. (b) is measured once every
    // projection has caught up, as in an app in service, not beside a rebuild of another read model.
    const catchUpStarted = performance.now();
    const caughtUp = await Promise.all(running.app.get(ProjectionsService).runners.map((runner) => runner.waitFor(head, 10 * 60_000)));
    if (!caughtUp.every(Boolean)) throw new Error(`the app's projections did not reach ${head} within 10 min`);
    const catchUpMs = performance.now() - catchUpStarted;

    // (b) One customer-month, interleaved with /health, asked by the parent.
    const target: HttpTarget = { base, token, customers: job.customers };
    const b = await askParent<StepResult>(target, { work: 'customer-months' }, '(b) customer-months', 10 * 60_000);
    await send({ type: 'step', result: { ...b, catchUpMs } as StepResult, memory: memory() });

    // (c) The whole month, first read: every customer's figures computed and stored.
    const reader = running.app.get(AvailabilityReader);
    // A reader of its own per measurement: the app's reader keeps a month's list per read-model version.
    const coldReader = () => new AvailabilityReader(running.app.get(ReadSide), running.app.get(AsOf), config);
    await progress('(c) forMonth, first read', MONTH_SECONDS * 1000);
    let started = performance.now();
    let all: unknown[] | null = await coldReader().forMonth(MONTH);
    const firstReadMs = performance.now() - started;
    const customers = all.length;
    all = null;
    await running.storage.database.exec(`VACUUM (ANALYZE) ${job.readSchema}.availability_months`);

    // (c) Every page over HTTP, asked by the parent.
    const pages = await askParent<{ pagesFetched: number; pagesTotal: number; pageMs: number[]; pagesMs: number }>(
      target,
      { work: 'pages', customers },
      '(c) pages',
      PAGES_SECONDS * 1000 + 2 * firstReadMs + 30_000,
    );

    // (d) A platform-wide outage through HTTP, until every subscribed customer's figures count it.
    const outageId = `bench-platform-${randomBytes(3).toString('hex')}`;
    const expected = new Set(job.expected);
    await progress('(d) platform outage', 10 * (2 * firstReadMs + 10_000));
    started = performance.now();
    const startMs = await post('/outages', { id: outageId, scope: { kind: 'platform' }, impact: 'unavailable', title: 'bench: platform down', startedAt: QUIET_SLOT.start });
    // While it is open, its customers' figures grow with the clock: a read of the month (a reader
    // without a cached list) once the read models include the start, against the stored read of (c).
    // The first read that shows the outage also waits for the projection; the next one is a read
    // while it is open, as every later one is.
    const someone = job.expected[0]!;
    let firstOpenReadMs = Number.NaN;
    for (let tries = 0; tries < 100; tries++) {
      const readStarted = performance.now();
      let views: Awaited<ReturnType<typeof reader.forMonth>>;
      try {
        views = await coldReader().forMonth(MONTH);
      } catch (error) {
        if (!(error instanceof ServiceUnavailableException)) throw error;
        continue;
      }
      const elapsed = performance.now() - readStarted;
      if (views.find((view) => view.customerId === someone)?.downtimeOutageIds.includes(outageId)) {
        firstOpenReadMs = elapsed;
        break;
      }
    }
    // In a function of its own: a list of 100,000 views kept by this long function's frame would count as the app's memory.
    const openReadMs = await (async () => {
      const openReadStarted = performance.now();
      const open = await coldReader().forMonth(MONTH);
      const elapsed = performance.now() - openReadStarted;
      if (!open.find((view) => view.customerId === someone)?.downtimeOutageIds.includes(outageId)) throw new Error('the read while the outage is open does not show it');
      return elapsed;
    })();
    started = performance.now();
    const endMs = await post(`/outages/${outageId}/end`, { endedAt: QUIET_SLOT.end });
    const polls: { ms: number; showing: number }[] = [];
    let reached = false;
    const deadline = performance.now() + 10 * (2 * firstReadMs + 10_000);
    while (!reached && performance.now() < deadline) {
      const pollStarted = performance.now();
      let views: Awaited<ReturnType<typeof reader.forMonth>>;
      try {
        views = await reader.forMonth(MONTH);
      } catch (error) {
        // While the projection recomputes the month, reads wait a bounded time, then answer 503: retry, as a client would.
        if (!(error instanceof ServiceUnavailableException)) throw error;
        polls.push({ ms: performance.now() - pollStarted, showing: -1 });
        continue;
      }
      let showing = 0;
      let wrong = 0;
      for (const [k, view] of views.entries()) {
        // The bench's own check runs in the app's process: it gives the event loop a turn, as the app does, so that its stalls are not put to the app.
        if (k % 2_000 === 1_999) await new Promise((resolve) => setImmediate(resolve));
        // A month's list names the outages that made each customer's Down Time.
        const shows = view.downtimeOutageIds.includes(outageId);
        if (shows && expected.has(view.customerId)) showing += 1;
        else if (shows || expected.has(view.customerId)) wrong += 1;
      }
      polls.push({ ms: performance.now() - pollStarted, showing });
      reached = showing === expected.size && wrong === 0;
    }
    const totalMs = performance.now() - started;
    await send({ type: 'step', result: { step: 'd', expected: expected.size, openReadMs, firstOpenReadMs, startMs, endMs, polls, totalMs, reached }, memory: memory() });

    // What follows is the bench's own work (baselines, a breakdown): the memory up to here is the app's.
    // The baseline holds the month's result rows, flat: every stored figure with the ids of the
    // outages that made its Down Time written out in the row as text (the cheapest form to read).
    await progress('(c) baseline table', 120_000);
    const baseline = `${job.readSchema}.bench_month_rows`;
    const pg = running.storage.database;
    await pg.exec(
      `CREATE TABLE ${baseline} AS
       SELECT f.customer_id, f.month, f.plan_id, f.coverage_seconds, f.downtime_seconds, f.excluded_scheduled, f.excluded_emergency, f.excluded_causes,
              f.availability_rate, f.target, f.below_target, f.ongoing, coalesce(array_to_string(s.outage_ids, ','), '') AS downtime_outage_ids
       FROM ${job.readSchema}.availability_months f LEFT JOIN ${job.readSchema}.availability_month_outage_sets s USING (month, outage_set)
       WHERE f.month = '${MONTH}'`,
    );
    await pg.query(`ANALYZE ${baseline}`);
    await pg.exec(`VACUUM (ANALYZE) ${job.readSchema}.availability_months`);
    // The stored month and the baselines, side by side: round after round, one after the other.
    await progress('(c) forMonth, stored, against the SELECT', MONTH_SECONDS * 1000);
    const selectMs: number[] = [];
    const storedSelectMs: number[] = [];
    const storedMs: number[] = [];
    const selectAll = async (sql: string) => {
      const { rows } = await pg.query(sql);
      if (rows.length !== customers) throw new Error(`the baseline read ${rows.length} rows`);
    };
    const flat = `SELECT * FROM ${baseline}`;
    // The stored rows as they are, without the outage lists they name: what the read itself starts from.
    const stored = `SELECT * FROM ${job.readSchema}.availability_months WHERE month = '${MONTH}'`;
    await selectAll(flat); // warms the cache
    await selectAll(stored);
    for (let k = 0; k < STORED_ROUNDS; k++) {
      started = performance.now();
      await selectAll(flat);
      selectMs.push(performance.now() - started);
      started = performance.now();
      await selectAll(stored);
      storedSelectMs.push(performance.now() - started);
      started = performance.now();
      all = await coldReader().forMonth(MONTH);
      storedMs.push(performance.now() - started);
      if (all.length !== customers) throw new Error(`the stored month has ${all.length} customers, the first read ${customers}`);
      all = null;
    }
    const forMonthMs = median(storedMs);

    // Where the first read's time goes: the read-model queries it makes, then the figures of every
    // customer computed from them (monthFigures, the same call the first read makes), not stored.
    await progress('(c) breakdown', MONTH_SECONDS * 1000);
    const entities = new EntityStatesReader(running.storage.database, job.readSchema);
    const calendar = calendarOf(config);
    started = performance.now();
    let monthCustomerStates: Customer[] | null = await monthCustomers(entities, MONTH, calendar);
    const facts = await loadMonthFacts(entities, MONTH, calendar);
    const loadMs = performance.now() - started;
    const rowsLoaded = {
      customers: monthCustomerStates.length,
      outages: facts.outages.length,
      maintenances: facts.maintenances.length,
      emergencies: facts.emergencies.length,
      plans: facts.plans.length,
    };
    started = performance.now();
    monthFigures({ month: MONTH, customers: monthCustomerStates, facts, now: Math.floor(Date.now() / 1000), calendar }, { explain: false });
    const computeMs = performance.now() - started;
    monthCustomerStates = null;
    await send({
      type: 'step',
      result: { step: 'c', customers, firstReadMs, forMonthMs, loadMs, computeMs, rowsLoaded, selectMs, storedSelectMs, ...pages },
      memory: memory(),
    });
  } finally {
    await running.close();
  }
}

if (process.env.BENCH_AVAILABILITY_CHILD === '1' && process.send) {
  process.once('message', (message: { type: 'job'; job: ChildJob }) => {
    childMain(message.job)
      .then(() => send({ type: 'done' }))
      .catch((error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
      .finally(() => process.disconnect());
  });
}
