import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANY, DeadlineExceededError, NO_STREAM, START, UnavailableError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors.js';
import type { NewEvent, RecordedEvent } from '../port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { startEsdbTestServer } from '../../../../test/support/esdb-server/server.js';
import {
  batchEvents,
  comparePositions,
  defaultDeadlineOf,
  EsdbEventStore,
  findReusedEventId,
  fromEsdbCurrentRevision,
  isOwnEvent,
  ownEventsFilter,
  positionOf,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toStoreError,
  type EsdbResolvedEvent,
} from './esdb-event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

// Against a real server when EVENTSTORE_CONNECTION_STRING is set, else against the wire-level
// test server (test/support/esdb-server): the real client over real gRPC, on every run.
describeEventStoreContract(connectionString ? 'eventstoredb (real server)' : 'eventstoredb (test server)', async () => {
  if (connectionString) {
    const store = EsdbEventStore.fromConnectionString(connectionString);
    return { store, cleanup: () => store.close() };
  }
  const server = await startEsdbTestServer();
  // The server's own statistics land in $all between ours; the adapter must skip them.
  server.writeSystemEvent();
  const store = EsdbEventStore.fromConnectionString(server.connectionString);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await server.close();
    },
  };
});

function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'OutageReported',
    data: { serviceId: 'api', severity: 'major' },
    metadata: {
      actor: 'alice',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-10-05T10:00:00.000Z',
      schemaVersion: 1,
    },
    ...overrides,
  };
}

function resolvedEvent(overrides: Partial<NonNullable<EsdbResolvedEvent['event']>> = {}): EsdbResolvedEvent {
  return {
    event: {
      streamId: 'outage-123',
      id: '6f1c1e0a-0d3e-4a57-9f3c-3b1f7a1f2c11',
      isJson: true,
      revision: 2n,
      type: 'OutageReported',
      created: new Date('2026-10-05T10:00:01.234Z'),
      data: { serviceId: 'api' },
      metadata: {
        actor: 'alice',
        correlationId: 'c-1',
        causationId: 'cause-1',
        occurredAt: '2026-10-05T10:00:00.000Z',
        schemaVersion: 1,
        $correlationId: 'c-1',
        $causationId: 'cause-1',
      },
      position: { commit: 4242n, prepare: 4242n },
      ...overrides,
    },
  };
}

describe('EsdbEventStore with nothing listening', () => {
  // Port 1 refuses connections at once; the deadlines bound the test should that ever change.
  const store = EsdbEventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false&defaultDeadline=2000&keepAliveInterval=-1', {
    readTimeoutMs: 2_000,
  });
  afterAll(() => store.close());

  async function rejection(operation: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const started = Date.now();
    const error = await operation().then(
      () => new Error('expected a rejection'),
      (e: unknown) => e,
    );
    return { error, ms: Date.now() - started };
  }

  it('rejects append with EventStoreUnavailableError', async () => {
    const { error, ms } = await rejection(() => store.append(`outage-${randomUUID()}`, [newEvent()], 'no-stream'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ms).toBeLessThan(2_500);
  });

  it('rejects a repeated append the same way', async () => {
    const { error } = await rejection(() => store.append(`outage-${randomUUID()}`, [newEvent()], 'any'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('rejects readStream with EventStoreUnavailableError, not with "no such stream"', async () => {
    const { error, ms } = await rejection(() => store.readStream(`outage-${randomUUID()}`));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ms).toBeLessThan(2_500);
  });

  it('rejects readAll with EventStoreUnavailableError', async () => {
    const { error, ms } = await rejection(() => store.readAll(null, 10));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ms).toBeLessThan(2_500);
  });

  it('rejects headPosition with EventStoreUnavailableError', async () => {
    const { error, ms } = await rejection(() => store.headPosition());
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ms).toBeLessThan(2_500);
  });

  it('ends a subscription with EventStoreUnavailableError', async () => {
    const subscription = store.subscribe({ from: null, batchSize: 10 });
    const { error, ms } = await rejection(async () => {
      for await (const batch of subscription) void batch;
    });
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ms).toBeLessThan(2_500);
    await subscription.stop();
  });

  it('ends a subscription quietly when it is stopped before its first event', async () => {
    const subscription = store.subscribe({ from: 10n });
    await subscription.stop();
    const batches: RecordedEvent[][] = [];
    for await (const batch of subscription) batches.push(batch);
    expect(batches).toEqual([]);
  });

  it('rejects an empty append and a malformed event id before calling the server', async () => {
    await expect(store.append('outage-1', [], 'any')).rejects.toBeInstanceOf(RangeError);
    await expect(store.append('outage-1', [newEvent({ id: 'not-a-uuid' })], 'any')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('EsdbEventStore against a server that accepts connections and never answers', () => {
  // The client puts no deadline on streaming reads, on its first feature query or on its
  // batch-append stream; only the adapter's own bounds end these calls.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  let store: EsdbEventStore;

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    store = EsdbEventStore.fromConnectionString(`esdb://127.0.0.1:${port}?tls=false&defaultDeadline=500`);
  });

  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    ['append', () => store.append(`outage-${randomUUID()}`, [newEvent()], 'any')],
    ['readStream', () => store.readStream(`outage-${randomUUID()}`)],
    ['readAll', () => store.readAll(null, 10)],
    ['headPosition', () => store.headPosition()],
  ] as const)('gives up on %s after the connection string\'s defaultDeadline', async (_name, operation) => {
    const started = Date.now();
    const error = await operation().then(
      () => new Error('expected a rejection'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('EventStoreDB mapping', () => {
  it('maps expected revisions to the client constants', () => {
    expect(toEsdbExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
  });

  it('takes the default bound on calls from the connection string', () => {
    expect(defaultDeadlineOf('esdb://localhost:2113?tls=false&defaultDeadline=2500')).toBe(2500);
    expect(defaultDeadlineOf('esdb://localhost:2113?DefaultDeadline=700&tls=false')).toBe(700);
    expect(defaultDeadlineOf('esdb://localhost:2113?tls=false')).toBeUndefined();
    // As the client's parser reads it: `_` and `-` in keys ignored, the last occurrence wins.
    expect(defaultDeadlineOf('esdb://localhost:2113?default_deadline=900&tls=false')).toBe(900);
    expect(defaultDeadlineOf('esdb://localhost:2113?defaultDeadline=900&default-deadline=800')).toBe(800);
  });

  it('maps the actual revision of a conflict', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no-stream');
    expect(fromEsdbCurrentRevision(7n)).toBe(7);
  });

  it('writes our id, type, data and metadata as a JSON event', () => {
    const event = newEvent({ metadata: { ...newEvent().metadata, causationId: 'cmd-1' } });
    const proposed = toEsdbEvent(event);
    expect(proposed).toEqual({
      id: event.id,
      contentType: 'application/json',
      type: 'OutageReported',
      data: event.data,
      metadata: {
        ...event.metadata,
        $correlationId: event.metadata.correlationId,
        $causationId: 'cmd-1',
      },
    });
  });

  it('leaves $causationId out when there is no cause', () => {
    const proposed = toEsdbEvent(newEvent());
    expect(proposed.metadata).not.toHaveProperty('$causationId');
    expect(proposed.metadata).toHaveProperty('causationId', null);
  });

  it('reads an envelope back: revision as a number, commit position, record time from "created"', () => {
    expect(toRecordedEvent(resolvedEvent())).toEqual({
      id: '6f1c1e0a-0d3e-4a57-9f3c-3b1f7a1f2c11',
      type: 'OutageReported',
      stream: 'outage-123',
      revision: 2,
      position: 4242n,
      data: { serviceId: 'api' },
      metadata: {
        actor: 'alice',
        correlationId: 'c-1',
        causationId: 'cause-1',
        occurredAt: '2026-10-05T10:00:00.000Z',
        schemaVersion: 1,
        recordedAt: '2026-10-05T10:00:01.234Z',
      },
    });
  });

  it('round-trips what it writes', () => {
    const event = newEvent();
    const proposed = toEsdbEvent(event);
    const recorded = toRecordedEvent(
      resolvedEvent({ id: proposed.id, type: proposed.type, data: proposed.data, metadata: proposed.metadata }),
    );
    expect(recorded).toMatchObject({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
  });

  it('refuses events that SLA Ledger did not write', () => {
    expect(() => toRecordedEvent(resolvedEvent({ metadata: undefined }))).toThrow(/no SLA Ledger metadata/);
    expect(() => toRecordedEvent(resolvedEvent({ metadata: { actor: 'x' } }))).toThrow(/no SLA Ledger metadata/);
    expect(() => toRecordedEvent(resolvedEvent({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not JSON/);
    expect(() => toRecordedEvent({})).toThrow(/no longer exists/);
  });

  it('takes the position from the event, else from the commit position, and refuses none', () => {
    expect(positionOf(resolvedEvent())).toEqual({ commit: 4242n, prepare: 4242n });
    expect(positionOf({ ...resolvedEvent({ position: undefined }), commitPosition: 99n })).toEqual({ commit: 99n, prepare: 99n });
    // What servers before 22.6 put in stream reads.
    const unknown = 18_446_744_073_709_551_615n;
    expect(() => positionOf(resolvedEvent({ position: { commit: unknown, prepare: unknown } }))).toThrow(/22\.6/);
    expect(() => positionOf(resolvedEvent({ position: undefined }))).toThrow(/22\.6/);
  });

  it('keeps only events outside system streams and with non-system types', () => {
    expect(isOwnEvent({ streamId: 'outage-123', type: 'OutageReported' })).toBe(true);
    expect(isOwnEvent({ streamId: 'maintenance-9', type: 'MaintenanceScheduled' })).toBe(true);
    expect(isOwnEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(false);
    expect(isOwnEvent({ streamId: '$ce-outage', type: '$>' })).toBe(false);
    expect(isOwnEvent({ streamId: '$$outage-123', type: '$metadata' })).toBe(false);
    expect(isOwnEvent({ streamId: 'outage-123', type: '$metadata' })).toBe(false);
  });

  it('asks the server to filter subscriptions on non-system stream names', () => {
    const filter = ownEventsFilter();
    expect(filter).toMatchObject({ filterOn: 'streamName', regex: '^[^$]' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['outage-123', 'maintenance-9'].every((s) => regex.test(s))).toBe(true);
    expect(['$settings', '$et-OutageReported', '$$outage-1'].some((s) => regex.test(s))).toBe(false);
  });

  it('orders full positions by commit, then prepare', () => {
    expect(comparePositions({ commit: 5n, prepare: 5n }, { commit: 6n, prepare: 1n })).toBe(-1);
    expect(comparePositions({ commit: 6n, prepare: 3n }, { commit: 6n, prepare: 2n })).toBe(1);
    expect(comparePositions({ commit: 6n, prepare: 2n }, { commit: 6n, prepare: 2n })).toBe(0);
  });

  it('starts $all at the beginning, or at the full position a checkpoint stands for', () => {
    expect(toReadPosition(null)).toBe(START);
    expect(toReadPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    // The head of a store with none of our events: before everything, not the record at 0.
    expect(toReadPosition(0n)).toBe(START);
  });

  it('spots a retry that reused ids for different events', () => {
    const sent = [newEvent(), newEvent()];
    const stored = sent.map((e, i) => ({ ...e, stream: 's', revision: i, position: BigInt(i), metadata: { ...e.metadata, recordedAt: '' } }));
    expect(findReusedEventId(sent, stored)).toBeNull();
    expect(findReusedEventId(sent, [stored[0]!, { ...stored[1]!, data: { other: true } }])).toBe(sent[1]!.id);
    expect(findReusedEventId(sent, [stored[0]!, { ...stored[1]!, type: 'Else' }])).toBe(sent[1]!.id);
    expect(findReusedEventId(sent, [stored[0]!])).toBe(sent[1]!.id);
  });

  it('treats the errors of an unreachable server as EventStoreUnavailableError and passes the rest', () => {
    // What appendToStream throws when nothing listens: grpc-js's error, not the client's UnavailableError.
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' });
    expect(toStoreError(raw)).toBeInstanceOf(EventStoreUnavailableError);
    expect((toStoreError(raw) as Error).cause).toBe(raw);
    expect(toStoreError(new UnavailableError(undefined, 'down'))).toBeInstanceOf(EventStoreUnavailableError);
    expect(toStoreError(new DeadlineExceededError(undefined, 'slow'))).toBeInstanceOf(EventStoreUnavailableError);
    expect(toStoreError(new Error('Failed to discover after 10 attempts.'))).toBeInstanceOf(EventStoreUnavailableError);
    const other = new Error('bad request');
    expect(toStoreError(other)).toBe(other);
    expect(toStoreError('text')).toBe('text');
  });
});

describe('subscription batching', () => {
  /** A source the test feeds by hand. */
  function manualSource<T>() {
    const queue: T[] = [];
    const waiting: ((result: IteratorResult<T>) => void)[] = [];
    let ended = false;
    return {
      push(value: T) {
        const next = waiting.shift();
        if (next) next({ value, done: false });
        else queue.push(value);
      },
      end() {
        ended = true;
        for (const next of waiting.splice(0)) next({ value: undefined, done: true });
      },
      iterator: {
        next: () =>
          queue.length > 0
            ? Promise.resolve({ value: queue.shift()!, done: false as const })
            : ended
              ? Promise.resolve({ value: undefined, done: true as const })
              : new Promise<IteratorResult<T>>((resolve) => waiting.push(resolve)),
      } satisfies AsyncIterator<T>,
    };
  }

  it('fills batches up to the batch size, then hands over the rest when the source ends', async () => {
    const source = manualSource<number>();
    for (const n of [1, 2, 3, 4, 5]) source.push(n);
    source.end();
    const batches: number[][] = [];
    for await (const batch of batchEvents(source.iterator, { batchSize: 2, lingerMs: 1_000 })) batches.push(batch);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('hands over a partial batch when nothing more arrives for a moment', async () => {
    const source = manualSource<number>();
    source.push(1);
    const batches = batchEvents(source.iterator, { batchSize: 10, lingerMs: 5 });
    const started = Date.now();
    expect((await batches.next()).value).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(500);
    source.push(2);
    source.push(3);
    expect((await batches.next()).value).toEqual([2, 3]);
    source.end();
    expect((await batches.next()).done).toBe(true);
  });

  it('ends, with nothing more, once stopped', async () => {
    const source = manualSource<number>();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const batches = batchEvents(source.iterator, { batchSize: 10, lingerMs: 1_000, stopped });
    const next = batches.next();
    stop();
    expect(await next).toEqual({ value: undefined, done: true });
  });
});
