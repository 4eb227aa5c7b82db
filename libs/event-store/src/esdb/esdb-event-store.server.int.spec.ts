import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { startEsdbTestServer, type EsdbTestServer } from '../../../../test/support/esdb-server/server.js';
import { until } from '../../../../test/support/wait.js';
import { DeletedStreamError, DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { NewEvent, RecordedEvent, Subscription } from '../port.js';
import { EsdbConnectionStringError, EsdbEventStore } from './esdb-event-store.js';

/**
 * The adapter against the wire-level test server, for what only a server can show: the defects
 * found by reading the adapter against the client and the 23.10 server, each fixed here, and the
 * server's faults. Always on the test server (its fault switches have no equivalent on a real one).
 */

function newEvent(type = 'OutageReported', data: unknown = { serviceId: 'api' }): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: { actor: 'alice', correlationId: randomUUID(), causationId: null, occurredAt: '2026-10-05T10:00:00.000Z', schemaVersion: 1 },
  };
}

const streamId = () => `outage-${randomUUID()}`;

async function nextEvents(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  while (seen.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(...next.value);
  }
  return seen;
}

describe('EsdbEventStore on the EventStoreDB test server', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = EsdbEventStore.fromConnectionString(`${server.connectionString}&defaultDeadline=2000`, { appendTimeoutMs: 400, readTimeoutMs: 2_000 });
  });
  afterEach(() => server.faults.reset());
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  describe('positions', () => {
    it('reads and subscribes from 0n (the head of a store with none of our events) from the very first event', async () => {
      // A fresh log: the epoch record at 0, then our first event.
      const fresh = await startEsdbTestServer();
      const empty = EsdbEventStore.fromConnectionString(fresh.connectionString);
      try {
        expect(await empty.headPosition()).toBe(0n);
        const [first, second] = [newEvent('First'), newEvent('Second')];
        await empty.append(streamId(), [first, second], 'no-stream');
        expect((await empty.readAll(0n, 10)).map((e) => e.id)).toEqual([first.id, second.id]);
        // As {0, 0} the server would skip the first event at or after it: the first one written.
        const subscription = empty.subscribe({ from: 0n, batchSize: 10 });
        expect((await nextEvents(subscription, 1))[0]!.id).toBe(first.id);
        await subscription.stop();
      } finally {
        await empty.close();
        await fresh.close();
      }
    });

    it('is refused by the server inside a record, which is why only returned positions may be passed', async () => {
      const { position } = await store.append(streamId(), [newEvent()], 'no-stream');
      await expect(store.readAll(position - 1n, 10)).rejects.toThrow(/Unexpected ReadAllResult: Error/);
      expect(await store.readAll(position, 10)).toEqual([]);
    });

    it('skips the server\'s own events in $all reads and subscriptions', async () => {
      const head = await store.headPosition();
      const stream = streamId();
      await store.append(stream, [newEvent('A')], 'no-stream');
      server.writeSystemEvent();
      await store.append(stream, [newEvent('B')], 0);
      expect((await store.readAll(head, 10)).map((e) => e.type)).toEqual(['A', 'B']);
      const subscription = store.subscribe({ from: head, batchSize: 10 });
      expect((await nextEvents(subscription, 2)).map((e) => e.type)).toEqual(['A', 'B']);
      await subscription.stop();
      expect(await store.headPosition()).toBe((await store.readStream(stream))[1]!.position);
    });
  });

  describe('appends', () => {
    it('keeps appending after a feature query that never came back (a fresh client after the timeout)', async () => {
      const fresh = await startEsdbTestServer();
      fresh.faults.featuresNeverAnswer = true;
      const stuck = EsdbEventStore.fromConnectionString(fresh.connectionString, { appendTimeoutMs: 300 });
      try {
        const stream = streamId();
        await expect(stuck.append(stream, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
        fresh.faults.featuresNeverAnswer = false;
        // The first client would wait on its cached, unanswered query forever.
        expect((await stuck.append(stream, [newEvent()], 'no-stream')).nextRevision).toBe(0);
      } finally {
        await stuck.close();
        await fresh.close();
      }
    });

    it('keeps appending after an append that never came back, and a retry writes nothing twice', async () => {
      const stream = streamId();
      const events = [newEvent('A'), newEvent('B')];
      server.faults.appendsNeverAnswer = true;
      await expect(store.append(stream, events, 'no-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      server.faults.appendsNeverAnswer = false;
      expect((await store.append(stream, events, 'no-stream')).nextRevision).toBe(1);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('makes a retried "any" append durable: after a server restart it writes nothing twice', async () => {
      const stream = streamId();
      await store.append(stream, [newEvent('Opened')], 'no-stream');
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.append(stream, events, 'any');
      // The server forgets its idempotency cache; with "any" it would now write A and B again.
      server.restart();
      expect(await store.append(stream, events, 'any')).toEqual(first);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'A', 'B']);
    });

    it('refuses an "any" retry that reuses ids for other events, or only some of them', async () => {
      const stream = streamId();
      const event = newEvent('A', { n: 1 });
      await store.append(stream, [event], 'any');
      await expect(store.append(stream, [{ ...event, data: { n: 2 } }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append(stream, [newEvent('B'), event], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('is not fooled by a follower that lags: it checks what it wrote on the leader', async () => {
      server.faults.staleFollowerReads = true;
      const stream = streamId();
      const result = await store.append(stream, [newEvent('A'), newEvent('B')], 'no-stream');
      expect(result.nextRevision).toBe(1);
      // A follower read does not see them yet; the leader did.
      expect(await store.readStream(stream)).toEqual([]);
      server.faults.staleFollowerReads = false;
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1]);
      expect(read[1]!.position).toBe(result.position);
    });

    it('reads the revision for an "any" append from the leader: a lagging follower would make it lose a race that never was', async () => {
      const stream = streamId();
      server.faults.staleFollowerReads = true;
      await store.append(stream, [newEvent('Opened')], 'no-stream');
      // A follower still sees no stream; appending "no stream" would conflict with Opened, five times over.
      const result = await store.append(stream, [newEvent('A')], 'any');
      expect(result.nextRevision).toBe(1);
      server.faults.staleFollowerReads = false;
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'A']);
    });

    it('reports a node that is not the leader, and a node that is not ready, as unavailable, then recovers', async () => {
      const stream = streamId();
      server.faults.notLeader = true;
      await expect(store.append(stream, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      server.faults.notLeader = false;
      server.faults.unavailable = true;
      await expect(store.append(stream, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll(null, 1)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      server.faults.unavailable = false;
      expect((await store.append(stream, [newEvent()], 'no-stream')).nextRevision).toBe(0);
    });
  });

  describe('streams changed outside the application', () => {
    it('refuses to read or write a hard-deleted stream', async () => {
      const stream = streamId();
      await store.append(stream, [newEvent()], 'no-stream');
      server.tombstone(stream);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(DeletedStreamError);
      await expect(store.append(stream, [newEvent()], 0)).rejects.toThrow(/deleted/);
    });

    it('refuses to take a soft-deleted stream written again for a new one', async () => {
      const stream = streamId();
      await store.append(stream, [newEvent('A'), newEvent('B')], 'no-stream');
      server.softDelete(stream);
      // The server reads a soft-deleted stream as not found, and lets "no stream" write to it at revision 2.
      expect(await store.readStream(stream)).toEqual([]);
      const error = await store.append(stream, [newEvent('C')], 'no-stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeletedStreamError);
      expect((error as Error).message).toMatch(/start at revision 2/);
      await expect(store.readStream(stream)).rejects.toThrow(/starts at revision 2/);
    });

    it('refuses to read a truncated stream as if it started at revision 0', async () => {
      const stream = streamId();
      await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 'no-stream');
      server.truncateBefore(stream, 1);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(DeletedStreamError);
      expect((await store.readStream(stream, { fromRevision: 2 })).map((e) => e.type)).toEqual(['C']);
    });
  });

  describe('subscriptions', () => {
    it('resubscribes from its checkpoint when the server drops it as too slow: nothing lost, nothing repeated', async () => {
      const head = await store.headPosition();
      const stream = streamId();
      const subscription = store.subscribe({ from: head, batchSize: 2 });
      await store.append(stream, [newEvent('a'), newEvent('b')], 'no-stream');
      const before = await nextEvents(subscription, 2);
      expect(server.faults.dropLiveSubscriptions()).toBeGreaterThanOrEqual(1);
      await store.append(stream, [newEvent('c'), newEvent('d')], 1);
      const after = await nextEvents(subscription, 2);
      await subscription.stop();
      expect([...before, ...after].map((e) => e.type)).toEqual(['a', 'b', 'c', 'd']);
    });

    it('after a drop, opens again from its checkpoint, not from the end: what was written while it was down arrives', async () => {
      const head = await store.headPosition();
      const stream = streamId();
      const subscription = store.subscribe({ from: head, batchSize: 2 });
      const iterator = subscription[Symbol.asyncIterator]();
      await store.append(stream, [newEvent('a'), newEvent('b')], 'no-stream');
      expect(((await iterator.next()).value as RecordedEvent[]).map((e) => e.type)).toEqual(['a', 'b']);
      // Dropped while the consumer works on its batch; c and d are written before it asks for more.
      expect(server.faults.dropLiveSubscriptions()).toBe(1);
      await store.append(stream, [newEvent('c'), newEvent('d')], 1);
      const seen: string[] = [];
      let ended = false;
      const rest = (async () => {
        while (!seen.includes('e')) {
          const next = await iterator.next();
          if (next.done) break;
          seen.push(...next.value.map((e) => e.type));
        }
      })().finally(() => (ended = true));
      // e is written once the new subscription is live, so it comes whichever way it opened.
      await until(() => server.faults.liveSubscriptions === 1 || ended);
      if (!ended) await store.append(stream, [newEvent('e')], 3);
      await rest;
      await subscription.stop();
      expect(seen).toEqual(['c', 'd', 'e']);
    });
  });
});

describe('EventStoreDB connection strings', () => {
  let server: EsdbTestServer;
  beforeAll(async () => {
    server = await startEsdbTestServer();
  });
  afterAll(() => server.close());

  it('refuses throwOnAppendFailure=false in every spelling the client reads: with it, a lost race resolves as if written', async () => {
    const raw = EventStoreDBClient.connectionString(`${server.connectionString}&throw_on_append_failure=false`);
    try {
      const stream = streamId();
      await raw.appendToStream(stream, jsonEvent({ type: 'A', data: {} }), { expectedRevision: NO_STREAM });
      // The same race lost: the client resolves instead of throwing.
      const lost = await raw.appendToStream(stream, jsonEvent({ type: 'B', data: {} }), { expectedRevision: NO_STREAM });
      expect(lost.success).toBe(false);
    } finally {
      await raw.dispose();
    }
    for (const option of ['throwOnAppendFailure=false', 'ThrowOnAppendFailure=false', 'throw_on_append_failure=false', 'throw-on-append-failure=false']) {
      expect(() => EsdbEventStore.fromConnectionString(`${server.connectionString}&${option}`)).toThrow(EsdbConnectionStringError);
    }
    // The client's parser: the last occurrence wins.
    const store = EsdbEventStore.fromConnectionString(`${server.connectionString}&throwOnAppendFailure=false&throwOnAppendFailure=true`);
    const stream = streamId();
    await store.append(stream, [newEvent()], 'no-stream');
    await expect(store.append(stream, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await store.close();
  });

  it('warns when credentials meet tls=false, and the server indeed receives none', async () => {
    const warn = jest.fn<(message: string) => void>();
    const insecure = server.connectionString.replace('esdb://', 'esdb://admin:changeit@');
    const store = EsdbEventStore.fromConnectionString(insecure, { warn });
    try {
      expect(warn).toHaveBeenCalledTimes(1);
      const stream = streamId();
      await store.append(stream, [newEvent()], 'no-stream');
      const [written] = await store.readStream(stream);
      // $all too: an insecure server has no users, so the anonymous caller may read it.
      expect(await store.headPosition()).toBe(written!.position);
      expect(server.authorizations).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('warns when credentials meet tls=false (the client drops them), and only then', async () => {
    const warn = jest.fn<(message: string) => void>();
    const stores = [
      EsdbEventStore.fromConnectionString('esdb://admin:changeit@127.0.0.1:2113?tls=false', { warn }),
      EsdbEventStore.fromConnectionString('esdb://127.0.0.1:2113?tls=false', { warn }),
      EsdbEventStore.fromConnectionString('esdb://admin:changeit@127.0.0.1:2113', { warn }),
    ];
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/credentials and tls=false.*ignored.*\$all/);
    await Promise.all(stores.map((s) => s.close()));
  });
});
