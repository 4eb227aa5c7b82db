/**
 * Event-store append throughput, from one run on this machine.
 *
 * Contenders, each under the same workload (workload.ts: writers × batches of BATCH events with
 * expected-revision checks):
 *  - ours:   SqlEventStore.append (one plpgsql call: advisory lock, revision check, insert, stream row)
 *  - raw:    a multi-row INSERT of the same rows (uuid, stream, revision, type, jsonb data, jsonb
 *            metadata) into a plain table with the same indexes, through the same SqlDatabase
 *            (same driver, same pool); no check, no lock: the ceiling for one round trip per batch
 *  - Emmett: @event-driven-io/emmett-postgresql 0.42.0 `appendToStream`, in a child process
 *            (emmett-child.ts), PostgreSQL only
 * on PostgreSQL (DATABASE_URL) and on the embedded PGlite in memory (one connection: its "8 writers"
 * are 8 loops queueing on that connection), at 1 and 8 writers.
 *
 * Single runs vary by ±15–25 % here (more when other work shares the machine), so there are ROUNDS
 * rounds; in each, every contender's measurement is cut into SLICES slices interleaved with the
 * others' (the order alternates), and the table reports medians of the per-round ratios. Every
 * measurement starts on empty tables (TRUNCATE after a short warm-up). All schemas are fresh and
 * dropped at the end.
 *
 * Environment: DATABASE_URL, BENCH_SECONDS (per measurement, default 3), BENCH_ROUNDS (default 3).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { EmbeddedDatabase, PostgresDatabase, SqlEventStore, type SqlDatabase } from '#event-store';
import type { EmmettAnswer, EmmettRequest } from './emmett-child.js';
import { describeError, formatTable, median, positiveInteger, type BenchSection } from './section.js';
import { runWorkload, type AppendBatch, type WorkloadOptions, type WorkloadResult } from './workload.js';

const ROUNDS = positiveInteger('BENCH_ROUNDS', 3);
const DURATION_MS = positiveInteger('BENCH_SECONDS', 3) * 1000;
const WARMUP_MS = 500;
/** Each measurement is split into this many slices, interleaved with the other contenders' slices. */
const SLICES = 3;
const BATCH = 10;
const BATCHES_PER_STREAM = 10;
const WRITER_COUNTS = [1, 8] as const;
const PG_GOAL_AT_8 = 0.6;

type Backend = 'postgres' | 'embedded';
type Contender = 'ours' | 'raw' | 'emmett';

interface Target {
  /** Empties the contender's tables. */
  truncate(): Promise<void>;
  run(options: WorkloadOptions): Promise<WorkloadResult>;
}

function freshSchema(prefix: string): string {
  return `bench_${prefix}_${randomBytes(5).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// ours and raw, in this process

async function ourTarget(db: SqlDatabase, schema: string): Promise<Target> {
  const store = await SqlEventStore.create(db, { schema });
  const append: AppendBatch = async (stream, events, expected) => (await store.append(stream, events, expected)).nextRevision;
  return {
    truncate: () => db.exec(`TRUNCATE ${schema}.events, ${schema}.streams`),
    run: (options) => runWorkload(append, options),
  };
}

/** The same columns and indexes as our events table (event-store-schema.ts), without the streams table or the function. */
async function rawTarget(db: SqlDatabase, schema: string): Promise<Target> {
  await db.exec(`
    CREATE SCHEMA ${schema};
    CREATE SEQUENCE ${schema}.event_position;
    CREATE TABLE ${schema}.events (
      position bigint PRIMARY KEY DEFAULT nextval('${schema}.event_position'),
      event_id uuid NOT NULL UNIQUE,
      stream_id text NOT NULL,
      revision bigint NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (stream_id, revision)
    );`);
  const statements = new Map<number, string>();
  const insertFor = (rows: number) => {
    let sql = statements.get(rows);
    if (!sql) {
      const values = Array.from({ length: rows }, (_, r) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${r * 6 + c}`).join(', ')})`);
      sql = `INSERT INTO ${schema}.events (event_id, stream_id, revision, type, data, metadata) VALUES ${values.join(', ')}`;
      statements.set(rows, sql);
    }
    return sql;
  };
  const append: AppendBatch = async (stream, events, expected) => {
    const first = expected === 'no-stream' ? 0 : expected + 1;
    const params: unknown[] = [];
    events.forEach((event, i) => {
      params.push(event.id, stream, first + i, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
    });
    await db.query(insertFor(events.length), params);
    return first + events.length - 1;
  };
  return {
    truncate: () => db.exec(`TRUNCATE ${schema}.events`),
    run: (options) => runWorkload(append, options),
  };
}

// ---------------------------------------------------------------------------------------------
// Emmett, in its own process

class EmmettChild implements Target {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (answer: EmmettAnswer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private exited: string | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on('error', (error) => console.error(`Emmett child: ${error.message}`));
    child.on('message', (message: EmmettAnswer) => {
      if (!('id' in message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      waiting.resolve(message);
    });
    child.on('exit', (code, signal) => {
      this.exited = `the Emmett child exited (code ${code}, signal ${signal})`;
      for (const [id, waiting] of this.pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(this.exited));
        this.pending.delete(id);
      }
    });
  }

  /** Forks emmett-child.js and waits until Emmett has migrated its schema. */
  static start(connectionString: string, timeoutMs = 60_000): Promise<EmmettChild> {
    const child = fork(fileURLToPath(new URL('./emmett-child.js', import.meta.url)), [], {
      env: { ...process.env, BENCH_EMMETT_URL: connectionString },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise<EmmettChild>((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        child.removeAllListeners();
        child.on('error', () => undefined);
        if (child.exitCode === null && child.pid !== undefined) child.kill();
        reject(new Error(reason));
      };
      const timer = setTimeout(() => fail(`no answer from the Emmett child within ${timeoutMs} ms`), timeoutMs);
      child.once('error', (error) => fail(`cannot start the Emmett child: ${error.message}`));
      child.once('exit', (code, signal) => fail(`the Emmett child exited (code ${code}, signal ${signal}) before it was ready`));
      child.on('message', (message: EmmettAnswer) => {
        if ('id' in message) return;
        if (message.type === 'failed') return fail(message.error);
        clearTimeout(timer);
        child.removeAllListeners();
        resolve(new EmmettChild(child));
      });
    });
  }

  private async request(body: { type: 'run'; options: WorkloadOptions } | { type: 'truncate' } | { type: 'close' }, timeoutMs: number) {
    if (this.exited) throw new Error(this.exited);
    const id = this.nextId++;
    const answer = await new Promise<EmmettAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the Emmett child did not answer "${body.type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ ...body, id } as EmmettRequest);
    });
    if (!('ok' in answer)) throw new Error(`unexpected answer from the Emmett child: ${JSON.stringify(answer)}`);
    if (!answer.ok) throw new Error(`Emmett: ${answer.error}`);
    return answer;
  }

  truncate(): Promise<void> {
    return this.request({ type: 'truncate' }, 30_000).then(() => undefined);
  }

  async run(options: WorkloadOptions): Promise<WorkloadResult> {
    const answer = await this.request({ type: 'run', options }, options.durationMs + 60_000);
    if (!answer.result) throw new Error('the Emmett child answered a run without a result');
    return answer.result;
  }

  /** Asks the child to close its pool and leave; kills it (by its pid) if it does not within 10 s. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ type: 'close' }, 10_000).catch(() => undefined);
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill();
    }, 10_000);
    await gone;
    clearTimeout(timer);
  }
}

/**
 * Emmett 0.42.0 creates each of its functions only if no function of that name exists in ANY schema
 * of the database (pg_proc by name). Its tables follow search_path, but if emt_* functions are left
 * elsewhere, none would be created in our fresh schema and every append would fail: say so instead.
 */
async function emmettFunctionsElsewhere(db: SqlDatabase): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE p.proname LIKE 'emt\\_%' ORDER BY 1 LIMIT 5`,
  );
  return rows.map((row) => row.name);
}

function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// the section

type Rates = Map<string, number[]>; // `${backend}/${writers}/${contender}` → events/s per round

const key = (backend: Backend, writers: number, contender: Contender) => `${backend}/${writers}/${contender}`;

function ratios(rates: Rates, backend: Backend, writers: number, of: Contender, to: Contender): number[] {
  const a = rates.get(key(backend, writers, of)) ?? [];
  const b = rates.get(key(backend, writers, to)) ?? [];
  return a.flatMap((value, round) => (b[round] === undefined ? [] : [value / b[round]!]));
}

const perSecond = (value: number) => (Number.isNaN(value) ? 'n/a' : Math.round(value).toLocaleString('en-US'));
const ratio = (values: number[]) =>
  values.length === 0 ? 'n/a' : `${median(values).toFixed(2)} (${values.map((v) => v.toFixed(2)).join(' ')})`;

async function benchEventStore(options: { databaseUrl: string }): Promise<string[]> {
  const summary: string[] = [];
  const targets = new Map<string, Target>(); // `${backend}/${contender}`
  const cleanups: (() => Promise<void>)[] = [];
  const notMeasured: string[] = [];

  console.log(
    `append throughput: batches of ${BATCH} events, ${BATCHES_PER_STREAM} batches per stream, expected-revision checks; ` +
      `${ROUNDS} rounds; per round and contender ${DURATION_MS / 1000} s in ${SLICES} interleaved slices (after ${WARMUP_MS} ms warm-up), order alternating`,
  );

  try {
    // PostgreSQL: ours and raw in this process, Emmett in a child.
    const pgDb = new PostgresDatabase(options.databaseUrl);
    cleanups.push(() => pgDb.close());
    let pgUp = true;
    try {
      const { rows } = await pgDb.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
      console.log(`PostgreSQL ${rows[0]!.version} at ${new URL(options.databaseUrl).host}; embedded: PGlite in memory`);
    } catch (error) {
      pgUp = false;
      notMeasured.push(`PostgreSQL not measured: ${describeError(error)}`);
    }
    if (pgUp) {
      const ours = freshSchema('es');
      const raw = freshSchema('raw');
      const emmett = freshSchema('emmett');
      cleanups.unshift(() => pgDb.exec(`DROP SCHEMA IF EXISTS ${ours} CASCADE; DROP SCHEMA IF EXISTS ${raw} CASCADE; DROP SCHEMA IF EXISTS ${emmett} CASCADE`));
      targets.set('postgres/ours', await ourTarget(pgDb, ours));
      targets.set('postgres/raw', await rawTarget(pgDb, raw));
      try {
        const leftovers = await emmettFunctionsElsewhere(pgDb);
        if (leftovers.length > 0) {
          throw new Error(
            `Emmett functions already exist in this database (${leftovers.join(', ')}); Emmett 0.42.0 would not create its own in a fresh schema`,
          );
        }
        await pgDb.exec(`CREATE SCHEMA ${emmett}`);
        const child = await EmmettChild.start(withSearchPath(options.databaseUrl, emmett));
        cleanups.unshift(() => child.close());
        targets.set('postgres/emmett', child);
      } catch (error) {
        notMeasured.push(`Emmett not measured: ${describeError(error)}`);
      }
    }

    // Embedded: one PGlite in memory, shared by ours and raw (the same driver).
    const started = performance.now();
    const embedded = await EmbeddedDatabase.open();
    cleanups.push(() => embedded.close());
    console.log(`(PGlite opened in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    targets.set('embedded/ours', await ourTarget(embedded, freshSchema('es')));
    targets.set('embedded/raw', await rawTarget(embedded, freshSchema('raw')));

    for (const line of notMeasured) console.log(line);

    // Interleaved rounds. Within a round, each (backend, writers) cell warms every contender up,
    // empties its tables, then runs SLICES short slices per contender in alternating order
    // (A B C, C B A, A B C…), so that load from elsewhere on the machine falls on all of them alike.
    const rates: Rates = new Map();
    let measurement = 0;
    const runId = randomBytes(3).toString('hex');
    for (let round = 0; round < ROUNDS; round++) {
      const order: Contender[] = round % 2 === 0 ? ['ours', 'raw', 'emmett'] : ['emmett', 'raw', 'ours'];
      const backends: Backend[] = round % 2 === 0 ? ['postgres', 'embedded'] : ['embedded', 'postgres'];
      for (const backend of backends) {
        for (const writers of WRITER_COUNTS) {
          const workload = (durationMs: number): WorkloadOptions => ({
            writers,
            batchSize: BATCH,
            batchesPerStream: BATCHES_PER_STREAM,
            durationMs,
            streamPrefix: `bench${runId}-m${measurement++}`,
          });
          const totals = new Map<Contender, { events: number; elapsedMs: number }>();
          const failed = new Set<Contender>();
          // A contender that breaks drops out of the rest of the run; the others go on.
          const attempt = async (contender: Contender, work: (target: Target) => Promise<void>) => {
            const target = targets.get(`${backend}/${contender}`);
            if (!target || failed.has(contender)) return;
            try {
              await work(target);
            } catch (error) {
              failed.add(contender);
              totals.delete(contender);
              targets.delete(`${backend}/${contender}`);
              notMeasured.push(`${backend} ${contender} stopped in round ${round + 1}: ${describeError(error)}`);
            }
          };
          for (const contender of order) {
            await attempt(contender, async (target) => {
              await target.run(workload(WARMUP_MS));
              await target.truncate();
              totals.set(contender, { events: 0, elapsedMs: 0 });
            });
          }
          for (let slice = 0; slice < SLICES; slice++) {
            for (const contender of slice % 2 === 0 ? order : [...order].reverse()) {
              await attempt(contender, async (target) => {
                const result = await target.run(workload(DURATION_MS / SLICES));
                const total = totals.get(contender)!;
                total.events += result.events;
                total.elapsedMs += result.elapsedMs;
              });
            }
          }
          const line: string[] = [];
          for (const contender of order) {
            const total = totals.get(contender);
            if (total) {
              const eventsPerSecond = total.events / (total.elapsedMs / 1000);
              const list = rates.get(key(backend, writers, contender)) ?? [];
              list[round] = eventsPerSecond;
              rates.set(key(backend, writers, contender), list);
              line.push(`${contender} ${perSecond(eventsPerSecond)}`);
            } else if (failed.has(contender)) {
              line.push(`${contender} FAILED`);
            }
          }
          console.log(`round ${round + 1}/${ROUNDS}  ${backend.padEnd(8)} ${writers} writer(s): ${line.join(', ')} events/s`);
        }
      }
    }

    // The table: medians of events/s, and medians of per-round ratios (each round's ratios in brackets).
    const rows: string[][] = [];
    for (const backend of ['postgres', 'embedded'] as const) {
      for (const writers of WRITER_COUNTS) {
        const med = (contender: Contender) => median(rates.get(key(backend, writers, contender))?.filter((v) => v !== undefined) ?? []);
        rows.push([
          backend === 'embedded' && writers > 1 ? `embedded*` : backend,
          String(writers),
          perSecond(med('ours')),
          perSecond(med('raw')),
          ratio(ratios(rates, backend, writers, 'ours', 'raw')),
          backend === 'postgres' ? perSecond(med('emmett')) : '-',
          backend === 'postgres' ? ratio(ratios(rates, backend, writers, 'ours', 'emmett')) : '-',
        ]);
      }
    }
    console.log();
    console.log(
      formatTable(['backend', 'writers', 'ours ev/s', 'raw ev/s', 'ours/raw median (rounds)', 'Emmett ev/s', 'ours/Emmett median (rounds)'], rows),
    );
    console.log('ev/s: medians over rounds of events appended per second; ratios: medians of the per-round ratios.');
    console.log('* embedded = PGlite in memory, one connection: its 8 writers queue on it, one statement at a time.');
    for (const line of notMeasured) console.log(line);

    // Plain-text summary.
    for (const backend of ['postgres', 'embedded'] as const) {
      for (const writers of WRITER_COUNTS) {
        const raw = ratios(rates, backend, writers, 'ours', 'raw');
        if (raw.length === 0) continue;
        const name = backend === 'postgres' ? 'PostgreSQL' : 'embedded PGlite';
        let line = `${name}, ${writers} writer${writers > 1 ? 's' : ''}: ours/raw ${median(raw).toFixed(2)}`;
        if (backend === 'postgres' && writers === 8) {
          line += median(raw) >= PG_GOAL_AT_8 ? ` (goal ≥ ${PG_GOAL_AT_8}: met)` : ` (goal ≥ ${PG_GOAL_AT_8}: NOT met)`;
        }
        const emmett = backend === 'postgres' ? ratios(rates, backend, writers, 'ours', 'emmett') : [];
        if (emmett.length > 0) line += `, ours/Emmett ${median(emmett).toFixed(2)}`;
        summary.push(line);
      }
    }
    summary.push(...notMeasured);
    return summary;
  } finally {
    for (const cleanup of cleanups) {
      await cleanup().catch((error: unknown) => console.error(`bench cleanup: ${describeError(error)}`));
    }
  }
}

export const eventStoreBench: BenchSection = { name: 'event-store', run: benchEventStore };
