/**
 * The append workload every contender runs (our store, the raw INSERT baseline, Emmett in its child
 * process): `writers` concurrent loops, each appending batches of `batchSize` events to streams of
 * its own with an expected-revision check (first 'no-stream', then the revision the last append
 * returned), moving to a new stream every `batchesPerStream` batches, for a fixed time.
 *
 * This file imports nothing from the project, so the Emmett child can use it without loading our
 * store (and the `pg` type parsers stay out of the parent).
 */
import { randomUUID } from 'node:crypto';

export type Expected = 'no-stream' | number;

export interface BenchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: {
    actor: string;
    correlationId: string;
    causationId: string | null;
    occurredAt: string;
    schemaVersion: number;
  };
}

/** Appends `events` to `stream` expecting `expected`; answers the stream's revision after the append (0-based). */
export type AppendBatch = (stream: string, events: BenchEvent[], expected: Expected) => Promise<number>;

export interface WorkloadOptions {
  writers: number;
  batchSize: number;
  batchesPerStream: number;
  durationMs: number;
  /** Unique per measurement: stream names are `${streamPrefix}-w${writer}-s${n}`. */
  streamPrefix: string;
}

export interface WorkloadResult {
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

/** Far above what a few seconds can reach; only there so that no loop is unbounded. */
const MAX_BATCHES_PER_WRITER = 1_000_000;

/** An outage-like event of a few hundred bytes of JSON, the same for every contender. */
export function makeEvents(stream: string, firstRevision: number, count: number): BenchEvent[] {
  const now = new Date().toISOString();
  const correlationId = randomUUID();
  const events: BenchEvent[] = [];
  for (let i = 0; i < count; i++) {
    events.push({
      id: randomUUID(),
      type: i === 0 ? 'OutageStarted' : 'OutageClassified',
      data: {
        outageId: stream,
        serviceId: 'svc-payments',
        component: 'api-gateway',
        severity: 'major',
        startedAt: now,
        note: `bench event ${firstRevision + i}`,
      },
      metadata: { actor: 'bench@example.com', correlationId, causationId: null, occurredAt: now, schemaVersion: 1 },
    });
  }
  return events;
}

export async function runWorkload(append: AppendBatch, options: WorkloadOptions): Promise<WorkloadResult> {
  const { writers, batchSize, batchesPerStream, durationMs, streamPrefix } = options;
  let events = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const writer = async (w: number) => {
    let streamNumber = 0;
    let stream = `${streamPrefix}-w${w}-s${streamNumber}`;
    let expected: Expected = 'no-stream';
    let batchesInStream = 0;
    for (let i = 0; i < MAX_BATCHES_PER_WRITER && performance.now() < deadline; i++) {
      if (batchesInStream === batchesPerStream) {
        streamNumber += 1;
        stream = `${streamPrefix}-w${w}-s${streamNumber}`;
        expected = 'no-stream';
        batchesInStream = 0;
      }
      const firstRevision: number = expected === 'no-stream' ? 0 : expected + 1;
      const revision = await append(stream, makeEvents(stream, firstRevision, batchSize), expected);
      if (revision !== firstRevision + batchSize - 1) {
        throw new Error(`${stream}: append answered revision ${revision}, expected ${firstRevision + batchSize - 1}`);
      }
      expected = revision;
      batchesInStream += 1;
      events += batchSize;
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  // Batches in flight at the deadline finish and count: the rate is over the whole elapsed time.
  const elapsedMs = performance.now() - started;
  return { events, elapsedMs, eventsPerSecond: events / (elapsedMs / 1000) };
}
