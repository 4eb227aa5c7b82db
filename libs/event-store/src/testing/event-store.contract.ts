import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../port.js';
import { readAllUntil } from './read-all-until.js';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

function newEvent(type: string, data: unknown): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: 'contract-suite',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-10-05T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

const streamId = () => `contract-${randomUUID()}`;

async function collect(store: EventStore, from: bigint | null, until: (events: RecordedEvent[]) => boolean) {
  const subscription = store.subscribe({ from, batchSize: 2 });
  const seen: RecordedEvent[] = [];
  // No timer of its own: a subscription that never delivers fails at the test runner's limit.
  for await (const batch of subscription) {
    seen.push(...batch);
    if (until(seen)) break;
  }
  await subscription.stop();
  return seen;
}

/** `readAll(after)` narrowed to `mine`, read until it holds `count` of them (see `readAllUntil`). */
async function readMineUntil(store: EventStore, after: bigint, mine: (event: RecordedEvent) => boolean, count: number): Promise<RecordedEvent[]> {
  return (await readAllUntil(store, after, (events) => events.filter(mine).length >= count, 10_000)).filter(mine);
}

/**
 * The one behaviour every backend must have. The store may be shared with other tests, so every
 * test uses fresh stream ids and reads `$all` from the head it saw before writing.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStoreUnderTest>): void {
  describe(`event store contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    }, 60_000);

    afterAll(async () => {
      await subject?.cleanup();
    });

    describe('append and read a stream', () => {
      it('creates a stream expecting none and numbers its events from 0', async () => {
        const stream = streamId();
        const result = await store.append(stream, [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no-stream');
        expect(result.nextRevision).toBe(1);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.type, e.revision, e.data])).toEqual([
          ['A', 0, { n: 1 }],
          ['B', 1, { n: 2 }],
        ]);
        expect(events[1]!.position).toBe(result.position);
      });

      it('keeps the whole envelope, with a record time set by the store', async () => {
        const stream = streamId();
        const event = newEvent('Envelope', { nested: { list: [1, 'two'], empty: null } });
        const before = Date.now();
        await store.append(stream, [event], 'no-stream');
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ id: event.id, type: 'Envelope', stream, revision: 0, data: event.data });
        expect(read!.metadata).toMatchObject(event.metadata);
        // ISO 8601 in UTC to the millisecond, as timelines show it and as-of cut-offs compare it.
        expect(read!.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        const recordedAt = Date.parse(read!.metadata.recordedAt);
        expect(recordedAt).toBeGreaterThanOrEqual(before - 5_000);
        expect(recordedAt).toBeLessThanOrEqual(Date.now() + 5_000);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(streamId())).toEqual([]);
      });

      it('keeps revision order past ten events (numbers, not text)', async () => {
        const stream = streamId();
        // A position this store returned: "one less than an event's" need not be one (EventStoreDB
        // positions are byte offsets, and a read from inside a record fails).
        const head = await store.headPosition();
        await store.append(stream, Array.from({ length: 12 }, (_, i) => newEvent(`n${i}`, {})), 'no-stream');
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        const all = await readMineUntil(store, head, (e) => e.stream === stream, 12);
        expect(all.map((e) => e.type)).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`));
      });

      it('reads a stream from a revision, at most a count', async () => {
        const stream = streamId();
        await store.append(stream, ['a', 'b', 'c', 'd'].map((t) => newEvent(t, {})), 'no-stream');
        const part = await store.readStream(stream, { fromRevision: 1, maxCount: 2 });
        expect(part.map((e) => e.type)).toEqual(['b', 'c']);
      });
    });

    describe('expected revision', () => {
      it('appends when the expected revision is the current one', async () => {
        const stream = streamId();
        await store.append(stream, [newEvent('A', {})], 'no-stream');
        const result = await store.append(stream, [newEvent('B', {})], 0);
        expect(result.nextRevision).toBe(1);
      });

      it('refuses "no stream" on an existing stream, naming the actual revision', async () => {
        const stream = streamId();
        await store.append(stream, [newEvent('A', {})], 'no-stream');
        const error = await store.append(stream, [newEvent('B', {})], 'no-stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(0);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses a stale revision and a revision on a missing stream', async () => {
        const stream = streamId();
        await store.append(stream, [newEvent('A', {}), newEvent('B', {})], 'no-stream');
        await expect(store.append(stream, [newEvent('C', {})], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(streamId(), [newEvent('C', {})], 3)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      });

      it('appends with "any" whether or not the stream exists', async () => {
        const stream = streamId();
        expect((await store.append(stream, [newEvent('A', {})], 'any')).nextRevision).toBe(0);
        expect((await store.append(stream, [newEvent('B', {})], 'any')).nextRevision).toBe(1);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of many racing writers win the same revision', async () => {
        const stream = streamId();
        await store.append(stream, [newEvent('Opened', {})], 'no-stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(stream, [newEvent('Raced', { i })], 0)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('keeps every concurrent append to different streams, each at a distinct position', async () => {
        const head = await store.headPosition();
        const streams = Array.from({ length: 8 }, streamId);
        await Promise.all(streams.map((s) => store.append(s, [newEvent('X', {}), newEvent('Y', {})], 'no-stream')));
        const mine = await readMineUntil(store, head, (e) => streams.includes(e.stream), 16);
        expect(mine).toHaveLength(16);
        const positions = mine.map((e) => e.position);
        expect(new Set(positions).size).toBe(16);
        expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
      });
    });

    describe('idempotency', () => {
      it('answers a retried append of the same event ids without writing twice', async () => {
        const stream = streamId();
        const events = [newEvent('A', {}), newEvent('B', {})];
        const first = await store.append(stream, events, 'no-stream');
        const retry = await store.append(stream, events, 'no-stream');
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('the global order', () => {
      it('reads all events after a position, in append order, in batches', async () => {
        const head = await store.headPosition();
        const stream = streamId();
        const other = streamId();
        await store.append(stream, [newEvent('1', {})], 'no-stream');
        await store.append(other, [newEvent('2', {})], 'no-stream');
        await store.append(stream, [newEvent('3', {})], 0);
        const mine = await readMineUntil(store, head, (e) => e.stream === stream || e.stream === other, 3);
        expect(mine.map((e) => e.type)).toEqual(['1', '2', '3']);
        const firstTwo = await store.readAll(head, 2);
        expect(firstTwo).toHaveLength(2);
        const rest = await store.readAll(firstTwo[1]!.position, 10_000);
        expect(rest.every((e) => e.position > firstTwo[1]!.position)).toBe(true);
      });

      it('moves the head position forward on every append', async () => {
        const before = await store.headPosition();
        const { position } = await store.append(streamId(), [newEvent('A', {})], 'no-stream');
        expect(position).toBeGreaterThan(before);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(position);
      });
    });

    describe('catch-up subscription', () => {
      it('replays history from a checkpoint, then turns live', async () => {
        const head = await store.headPosition();
        const stream = streamId();
        await store.append(stream, [newEvent('old-1', {}), newEvent('old-2', {}), newEvent('old-3', {})], 'no-stream');
        const seen = collect(store, head, (events) => events.filter((e) => e.stream === stream).length >= 5);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await store.append(stream, [newEvent('live-1', {}), newEvent('live-2', {})], 2);
        const mine = (await seen).filter((e) => e.stream === stream);
        expect(mine.map((e) => e.type)).toEqual(['old-1', 'old-2', 'old-3', 'live-1', 'live-2']);
      });

      it('delivers every event of racing writers exactly once, in position order, to a live subscriber', async () => {
        const head = await store.headPosition();
        const streams = Array.from({ length: 6 }, streamId);
        const perStream = 15;
        const expected = streams.length * perStream;
        const seen = collect(store, head, (events) => events.filter((e) => streams.includes(e.stream)).length >= expected);
        await Promise.all(
          streams.map(async (stream) => {
            let revision: number | 'no-stream' = 'no-stream';
            for (let k = 0; k < perStream; k += 3) {
              const result = await store.append(stream, [0, 1, 2].map((i) => newEvent(`e${k + i}`, {})), revision);
              revision = result.nextRevision;
            }
          }),
        );
        const all = await seen;
        const mine = all.filter((e) => streams.includes(e.stream));
        expect(mine).toHaveLength(expected);
        expect(new Set(mine.map((e) => e.id)).size).toBe(expected);
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.position > mine[i - 1]!.position).toBe(true);
        for (const stream of streams) {
          expect(mine.filter((e) => e.stream === stream).map((e) => e.revision)).toEqual(Array.from({ length: perStream }, (_, i) => i));
        }
      }, 20_000);

      it('resumes after a crash from the stored checkpoint, with nothing lost and nothing repeated', async () => {
        const head = await store.headPosition();
        const stream = streamId();
        await store.append(stream, ['a', 'b', 'c', 'd'].map((t) => newEvent(t, {})), 'no-stream');
        // The first consumer dies after handling two events; its checkpoint is the second one's position.
        const firstRun = await collect(store, head, (events) => events.filter((e) => e.stream === stream).length >= 2);
        const handled = firstRun.filter((e) => e.stream === stream).slice(0, 2);
        const checkpoint = handled[1]!.position;
        await store.append(stream, [newEvent('e', {})], 3);
        const secondRun = await collect(store, checkpoint, (events) => events.filter((e) => e.stream === stream).length >= 3);
        expect(secondRun.filter((e) => e.stream === stream).map((e) => e.type)).toEqual(['c', 'd', 'e']);
      });
    });
  });
}
