import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from '@jest/globals';
import { openEmbedded } from '../../../test/support/databases.js';
import type { NewEvent, RecordedEvent } from './port.js';
import { SqlEventStore } from './sql/sql-event-store.js';

function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'Noted',
    data: {},
    metadata: { actor: 'subscription-test', correlationId: randomUUID(), causationId: null, occurredAt: '2026-10-05T10:00:00.000Z', schemaVersion: 1 },
  };
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

it('delivers an append made while the consumer works on a full batch at once, not after the poll interval', async () => {
  const database = await openEmbedded('sub');
  // A poll of an hour, far past jest's limit on the test: only the store's own signal can deliver before it.
  const store = await SqlEventStore.create(database.db, { schema: database.schema, pollIntervalMs: 3_600_000 });
  const subscription = store.subscribe({ from: null, batchSize: 2 });
  cleanup = async () => {
    await subscription.stop();
    await store.close();
    await database.drop();
  };
  await store.append('outage-a', [newEvent(), newEvent()], 'no-stream');
  const batches = subscription[Symbol.asyncIterator]();
  // A full batch: the subscription reads ahead while the consumer works on it.
  expect((await batches.next()).value?.map((e: RecordedEvent) => e.stream)).toEqual(['outage-a', 'outage-a']);
  // The consumer is still busy when the read ahead comes back empty, and when this append is signalled.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await store.append('outage-b', [newEvent()], 'no-stream');
  expect((await batches.next()).value?.map((e: RecordedEvent) => e.stream)).toEqual(['outage-b']);
});
