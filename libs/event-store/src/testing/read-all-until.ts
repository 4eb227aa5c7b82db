import type { EventStore, RecordedEvent } from '../port.js';

/**
 * `readAll(after)`, read again until `enough` holds for what it answers. An event shows in
 * `readAll` once its place in the order is final, which on PostgreSQL waits for every writing
 * transaction begun before it, on the whole server (a projection's batch, other schemas, other
 * programs), to end: a test that has just written, or that reads beside a running projection,
 * waits for that condition instead of reading once.
 */
export async function readAllUntil(
  store: EventStore,
  after: bigint | null,
  enough: (events: RecordedEvent[]) => boolean,
  limit = 100_000,
): Promise<RecordedEvent[]> {
  for (;;) {
    const events = await store.readAll(after, limit);
    if (enough(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
