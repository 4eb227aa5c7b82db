/**
 * Capacity: what one API process spends per request and per event, and what an event costs on
 * disk, with events in PostgreSQL and with events in EventStoreDB. What is measured where:
 *  - the whole application (HTTP, validation, the command runner's read + append, the projections
 *    running in the same process) with read models in PostgreSQL, driven over HTTP by WRITERS
 *    concurrent clients recording outages (POST /outages, then POST /outages/:id/end: 2 requests,
 *    2 events each);
 *  - CPU time of the API process (process.cpuUsage), the part that decides how many API processes
 *    a load needs; the store's own CPU is not in it;
 *  - bytes per event: for PostgreSQL the events schema's tables on disk (pg_total_relation_size),
 *    measured; for EventStoreDB the test server's log, which models the record layout (a prepare
 *    record per event: frame, header, stream name, type, data, metadata), NOT a real server's disk.
 * EventStoreDB here is the wire-level test server in a child process: the client side (gRPC,
 * protobuf, the adapter) is real, the server is not.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { PostgresDatabase, SqlEventStore } from '#event-store';
import { runWorkload } from './workload.js';
import { formatTable, median, type BenchSection } from './section.js';

const WRITERS = 8;
const OUTAGES = 300;
const ROUNDS = 3;
const TOKEN = 'bench-admin-token-0123456789abcdef';

interface Round {
  backend: string;
  requestsPerSecond: number;
  /** Per request over HTTP, ms. */
  p99Ms: number;
  /** The store's own rate of one-event appends, WRITERS concurrent, measured just before (PostgreSQL only). */
  storeAppendsPerSecond: number | null;
  cpuMsPerRequest: number;
  cpuMsPerEvent: number;
  bytesPerEvent: number;
}

async function startServerChild() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./esdb-server-child.js', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = JSON.parse((await lines.next()).value as string) as { connectionString: string };
  return {
    connectionString: first.connectionString,
    stats: async () => {
      child.stdin!.write('stats\n');
      return JSON.parse((await lines.next()).value as string) as { logBytes: string; events: number };
    },
    stop: () => new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.stdin!.end();
    }),
  };
}

async function measure(backend: 'postgres' | 'eventstoredb', databaseUrl: string, round: number): Promise<Round> {
  const suffix = `${process.pid}_${round}_${backend === 'postgres' ? 'pg' : 'es'}`;
  const esdb = backend === 'eventstoredb' ? await startServerChild() : null;
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SLA_EVENT_SCHEMA: `bench_ev_${suffix}`,
    SLA_READ_MODEL_SCHEMA: `bench_rm_${suffix}`,
    SLA_ADMIN_TOKEN: TOKEN,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
    ...(esdb && { EVENTSTORE_CONNECTION_STRING: esdb.connectionString }),
  });
  const running = await createApp(config, { logger: false });
  await running.app.listen(0, '127.0.0.1');
  const address = running.app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const latencies: number[] = [];
  const post = async (path: string, body: object) => {
    const sent = performance.now();
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    if (response.status >= 400) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - sent);
  };
  const db = new PostgresDatabase(databaseUrl);
  try {
    // What one small append costs the store alone: the floor a command (one event) stands on.
    let storeAppendsPerSecond: number | null = null;
    if (backend === 'postgres') {
      const schema = `bench_raw_${suffix}`;
      const store = await SqlEventStore.create(db, { schema });
      const raw = await runWorkload(async (stream, events, expected) => (await store.append(stream, events, expected)).nextRevision, {
        writers: WRITERS,
        batchSize: 1,
        batchesPerStream: 2,
        durationMs: 5_000,
        streamPrefix: `raw-${suffix}`,
      });
      storeAppendsPerSecond = raw.eventsPerSecond;
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await post('/regions', { id: 'fra', name: 'Frankfurt' });
    const eventsBytes = async () =>
      backend === 'postgres'
        ? Number((await db.query<{ bytes: string }>(`SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [config.eventSchema])).rows[0]!.bytes)
        : Number((await esdb!.stats()).logBytes);
    const eventCount = async () =>
      backend === 'postgres'
        ? Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${config.eventSchema}.events`)).rows[0]!.n)
        : (await esdb!.stats()).events;
    const bytesBefore = await eventsBytes();
    const eventsBefore = await eventCount();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < OUTAGES) {
          const i = next++;
          const startedAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString().replace('.000', '');
          const endedAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000 + 30_000).toISOString().replace('.000', '');
          await post('/outages', { id: `o-${i}`, scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: `outage ${i}`, startedAt });
          await post(`/outages/o-${i}/end`, { endedAt });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const events = (await eventCount()) - eventsBefore;
    const bytes = (await eventsBytes()) - bytesBefore;
    const requests = OUTAGES * 2;
    const sorted = latencies.slice(1).sort((x, y) => x - y);
    const p99Ms = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
    return { backend, requestsPerSecond: requests / seconds, p99Ms, storeAppendsPerSecond, cpuMsPerRequest: cpuMs / requests, cpuMsPerEvent: cpuMs / events, bytesPerEvent: bytes / events };
  } finally {
    await running.close();
    await running.storage.database.exec(`DROP SCHEMA IF EXISTS ${config.eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${config.readModelSchema} CASCADE`).catch(() => undefined);
    await running.storage.close().catch(() => undefined);
    await db.close();
    await esdb?.stop();
  }
}

export const capacityBench: BenchSection = {
  name: 'capacity',
  async run({ databaseUrl }) {
    const rounds: Round[] = [];
    // Interleaved, so drift on a shared machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const backend of ['postgres', 'eventstoredb'] as const) rounds.push(await measure(backend, databaseUrl, round));
    }
    const pg = rounds.filter((r) => r.backend === 'postgres');
    const storeRate = median(pg.map((r) => r.storeAppendsPerSecond!));
    const commandRatio = median(pg.map((r) => r.requestsPerSecond / r.storeAppendsPerSecond!));
    const rows = (['postgres', 'eventstoredb'] as const).map((backend) => {
      const mine = rounds.filter((r) => r.backend === backend);
      return [
        backend === 'postgres' ? 'events in PostgreSQL' : 'events in EventStoreDB (test server)',
        median(mine.map((r) => r.requestsPerSecond)).toFixed(0),
        median(mine.map((r) => r.p99Ms)).toFixed(1),
        median(mine.map((r) => r.cpuMsPerRequest)).toFixed(2),
        median(mine.map((r) => r.cpuMsPerEvent)).toFixed(2),
        median(mine.map((r) => r.bytesPerEvent)).toFixed(0),
      ];
    });
    console.log(`${WRITERS} writers, ${OUTAGES} outages (${OUTAGES * 2} requests, ${OUTAGES * 2} events) per round, median of ${ROUNDS} rounds; read models in PostgreSQL`);
    console.log(formatTable(['backend', 'requests/s', 'p99 ms', 'API CPU ms/request', 'API CPU ms/event', 'bytes/event'], rows));
    console.log(`the store's own one-event appends, ${WRITERS} writers, same database, just before each round: ${storeRate.toFixed(0)} appends/s (median)`);
    return [
      ...rows.map((row) => `${row[0]}: ${row[1]} requests/s (one event each), p99 ${row[2]} ms, ${row[3]} CPU ms/request, ${row[5]} bytes/event`),
      `commands over HTTP at ${WRITERS} clients vs the store's own one-event append rate in the same run: ${commandRatio.toFixed(2)} (goal ≥ 0.3: ${commandRatio >= 0.3 ? 'met' : 'NOT met'})`,
    ];
  },
};
