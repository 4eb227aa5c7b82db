import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { businessTimeOf, type DomainEvent } from '#domain';
import { DataDirInUseError, SqlEventStore, type EventStore, type NewEvent, type SqlDatabase, type SqlExecutor } from '#event-store';
import { calendarOf, ConfigError, loadConfig } from '../../api/src/config.js';
import { openStorage, type Storage } from '../../api/src/infrastructure/storage.js';
import { parseSubProcessorList, SHIPPED_LISTS, type ListedSubProcessor } from './sub-processor-lists.js';
import { worldMonths, worldStreams, type WorldStream } from './world.js';

export interface DemoIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const MAX_CUSTOMERS = 1_000_000;
const ACTOR = 'demo';
/** Streams per round of appends: large enough to keep the store busy, small enough to hold few events. */
const BATCH_STREAMS = 2_000;

class DemoError extends Error {}

function customersArgument(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CUSTOMERS) {
    throw new InvalidArgumentError(`the number of customers must be a whole number from 1 to ${MAX_CUSTOMERS.toLocaleString('en-US')}, such as 1000`);
  }
  return n;
}

function seedArgument(value: string): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < -2_147_483_648 || n > 4_294_967_295) {
    throw new InvalidArgumentError('the seed must be a whole number (from -2147483648 to 4294967295), such as 42');
  }
  return n;
}

/** The three published sub-processor lists shipped with the demo, as register entries. */
export function shippedSubProcessors(): ListedSubProcessor[] {
  const here = dirname(fileURLToPath(import.meta.url));
  // From the sources (apps/demo/src) or from the build (dist/apps/demo/src): the lists stay in apps/demo/lists.
  const root = here.includes(join('dist', 'apps')) ? join(here, '..', '..', '..', '..') : join(here, '..', '..', '..');
  const folder = join(root, 'apps', 'demo', 'lists');
  return SHIPPED_LISTS.flatMap(({ file, shape }) => parseSubProcessorList(shape, readFileSync(join(folder, file), 'utf8')));
}

function envelope(event: DomainEvent, correlationId: string, now: string): NewEvent {
  return { id: randomUUID(), type: event.type, data: event.data, metadata: { actor: ACTOR, correlationId, causationId: null, occurredAt: businessTimeOf(event) ?? now, schemaVersion: 1 } };
}

function progressBar(io: DemoIo, total: number) {
  if (!io.stderr.isTTY) return { update: (_n: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: '{bar} {percentage}% | {value}/{total} customers | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(Math.min(n, total)), stop: () => bar.stop() };
}

export interface DemoSummary {
  customers: number;
  streams: number;
  events: number;
  months: string[];
  elapsedMs: number;
}

/**
 * The database as the event store sees it, with its statements sent into the transaction under way
 * when there is one: a round of appends then commits once, not once per stream.
 */
class RoundDatabase implements SqlDatabase {
  current: SqlExecutor | null = null;
  constructor(private readonly database: SqlDatabase) {}
  get kind() {
    return this.database.kind;
  }
  query<Row>(sql: string, params?: unknown[]) {
    return (this.current ?? this.database).query<Row>(sql, params);
  }
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.database.transaction(work);
  }
  exec(sql: string) {
    return this.database.exec(sql);
  }
  async close() {}
}

/** Appends streams through the event-store port, each in one append expecting it not to exist. */
type Writer = (batch: readonly WorldStream[]) => Promise<void>;

function appendAll(events: EventStore, recordTime: string): Writer {
  return async (batch) => {
    for (const { stream, events: list } of batch) {
      const correlationId = randomUUID();
      await events.append(stream, list.map((e) => envelope(e, correlationId, recordTime)), 'no-stream');
    }
  };
}

/**
 * The writers of a round: on the SQL stores, each appends its share of a round through its own
 * SqlEventStore inside one transaction (nothing of the round is visible before it all is); on
 * EventStoreDB, through the configured store.
 */
async function writers(storage: Storage, config: { eventSchema: string; eventStoreConnectionString: string | null; databaseUrl: string | null }, recordTime: string): Promise<Writer[]> {
  if (config.eventStoreConnectionString) return Array.from({ length: 8 }, () => appendAll(storage.events, recordTime));
  // The embedded store has one connection: one writer; PostgreSQL's pool takes several transactions at once.
  const count = config.databaseUrl ? 4 : 1;
  const out: Writer[] = [];
  // One after the other: each store's set-up replaces the append function, which PostgreSQL refuses to do twice at once.
  for (let k = 0; k < count; k++) {
    const database = new RoundDatabase(storage.database);
    const append = appendAll(await SqlEventStore.create(database, { schema: config.eventSchema }), recordTime);
    out.push((batch) =>
      storage.database.transaction(async (tx) => {
        database.current = tx;
        try {
          await append(batch);
        } finally {
          database.current = null;
        }
      }),
    );
  }
  return out;
}

/**
 * Writes the generated world into the configured store in rounds of BATCH_STREAMS streams, each
 * round shared among the writers.
 */
export async function writeWorld(write: Writer[], customers: number, seed: number, now: Date, options: Parameters<typeof worldStreams>[3], onCustomer: (done: number) => void): Promise<{ streams: number; events: number }> {
  let streams = 0;
  let events = 0;
  let done = 0;
  const flush = async (batch: WorldStream[]) => {
    const share = Math.ceil(batch.length / write.length);
    await Promise.all(write.map((w, k) => (batch.length > k * share ? w(batch.slice(k * share, (k + 1) * share)) : undefined)));
    for (const s of batch) {
      streams++;
      events += s.events.length;
      // A customer is written once its billing stream is: it comes right after the customer's own.
      if (s.stream.startsWith('billing-')) done++;
    }
    onCustomer(done);
  };
  let batch: WorldStream[] = [];
  for (const stream of worldStreams(seed, customers, now, options)) {
    batch.push(stream);
    if (batch.length >= BATCH_STREAMS) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  return { streams, events };
}

async function demo(io: DemoIo, customers: number, seed: number): Promise<DemoSummary> {
  const config = loadConfig(io.env);
  const storage = await openStorage(config);
  try {
    const head = await storage.events.headPosition();
    if (head > 0n) {
      const where = config.databaseUrl ? `schema ${config.eventSchema} of DATABASE_URL` : config.dataDirSetting;
      throw new DemoError(
        `the store already holds events (${where}, up to position ${head}): the demo writes only into an empty store, so that it never mixes made-up customers with real ones.\n` +
          (config.databaseUrl
            ? 'Point it at a fresh schema, for example SLA_EVENT_SCHEMA=demo_events SLA_READ_MODEL_SCHEMA=demo_read npm run demo -- --customers 1000, and start the server with the same settings.'
            : 'Point it at a fresh folder, for example DATA_DIR=./demo-data npm run demo -- --customers 1000, and start the server with the same DATA_DIR.'),
      );
    }
    const now = new Date();
    const months = worldMonths(now, config.billingTimeZone).map((m) => m.month);
    io.stdout.write(`Writing a demo world of ${customers.toLocaleString('en-US')} customers (seed ${seed}) over ${months.join(', ')} into ${storage.describe}\n`);
    const started = performance.now();
    const bar = progressBar(io, customers);
    let written: { streams: number; events: number };
    try {
      const recordTime = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
      written = await writeWorld(await writers(storage, config, recordTime), customers, seed, now, { calendar: calendarOf(config), subProcessors: shippedSubProcessors() }, bar.update);
    } finally {
      bar.stop();
    }
    const elapsedMs = performance.now() - started;
    io.stdout.write(
      `Wrote ${written.events.toLocaleString('en-US')} events in ${written.streams.toLocaleString('en-US')} streams in ${(elapsedMs / 1000).toFixed(1)} s.\n` +
        `Start the server on the same store (npm start) and open http://localhost:3000/app: the figures of ${months.at(-1)} are in Availability.\n`,
    );
    return { customers, streams: written.streams, events: written.events, months, elapsedMs };
  } finally {
    await storage.close();
  }
}

/** `npm run demo -- --customers <N> [--seed <S>]`; resolves to the exit code. */
export async function runDemo(argv: string[], io: DemoIo): Promise<number> {
  const program = new Command('demo')
    .description('Writes a generated world (regions, plans, customers, three months of outages, maintenances, invoices and credit requests) into the configured store')
    .requiredOption('--customers <N>', `how many customers (1 to ${MAX_CUSTOMERS.toLocaleString('en-US')})`, customersArgument)
    .option('--seed <S>', 'the same seed writes the same world', seedArgument, 1)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nThe store is the server\'s: DATA_DIR (embedded, default ./data) or DATABASE_URL, with SLA_EVENT_SCHEMA. It must hold no events yet.');
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const { customers, seed } = program.opts<{ customers: number; seed: number }>();
  try {
    await demo(io, customers, seed);
    return 0;
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      io.stderr.write(`${error.message}\nStop the server that has it open, or give the demo another DATA_DIR.\n`);
    } else if (error instanceof ConfigError) {
      io.stderr.write(`configuration error: ${error.message}\n`);
    } else if (error instanceof DemoError) {
      io.stderr.write(`${error.message}\n`);
    } else {
      io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}
