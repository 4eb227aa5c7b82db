/**
 * EventStoreDB behind the event-store port. The jobs live in their own modules: `mapping.ts`
 * (envelopes, revisions, positions), `store-errors.ts` (what callers see of the client's errors),
 * `streaming.ts` (bounded reads, batching), `connection.ts` (the connection string and the
 * client), `subscription.ts` (catch-up subscriptions); this one holds the port's operations.
 */
import { BACKWARDS, END, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendResult as EsdbAppendResult, EventData, Position, ReadPosition } from '@eventstore/db-client';
import { DeletedStreamError, DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadStreamOptions, RecordedEvent, SubscribeOptions, Subscription } from '../port.js';
import { checkConnectionString, ClientHolder, defaultDeadlineOf, type EsdbEventStoreOptions } from './connection.js';
import {
  comparePositions,
  findReusedEventId,
  fromEsdbCurrentRevision,
  isKnownPosition,
  isOwnEvent,
  positionOf,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toReadPosition,
  toRecordedEvent,
} from './mapping.js';
import { toStoreError } from './store-errors.js';
import { consume, StoreTimeoutError, withTimeout } from './streaming.js';
import { EsdbSubscription } from './subscription.js';

export * from './connection.js';
export * from './mapping.js';
export { isDroppedByServer, isUnreachable, toStoreError } from './store-errors.js';
export { batchEvents } from './streaming.js';

/** How often an `any` append re-reads the stream after losing a race before it gives up. */
const ANY_ATTEMPTS = 5;

/** EventStoreDB (22.6+) behind the event-store port, over gRPC with `@eventstore/db-client`. */
export class EsdbEventStore implements EventStore {
  readonly #clients: ClientHolder;
  readonly #readTimeoutMs: number;
  readonly #appendTimeoutMs: number;
  readonly #lingerMs: number;
  readonly #subscriptions = new Set<EsdbSubscription>();
  #closed = false;

  /** `connectionString`: e.g. `esdb://localhost:2113?tls=false` (a server run with `--insecure`). */
  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    checkConnectionString(connectionString, options.warn ?? ((message) => console.warn(message)));
    this.#clients = new ClientHolder(connectionString);
    const deadline = defaultDeadlineOf(connectionString) ?? 10_000;
    this.#readTimeoutMs = options.readTimeoutMs ?? deadline;
    this.#appendTimeoutMs = options.appendTimeoutMs ?? deadline;
    this.#lingerMs = options.subscriptionLingerMs ?? 10;
  }

  static fromConnectionString(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(connectionString, options);
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`append to ${stream} needs at least one event`);
    const proposed = events.map(toEsdbEvent);
    if (expectedRevision === 'any') return this.#appendAny(stream, events, proposed);
    toEsdbExpectedRevision(expectedRevision);
    return this.#appendExpecting(stream, events, proposed, expectedRevision);
  }

  /**
   * `any`, made durable. The server's idempotency for `any` rests on an in-memory cache of event
   * ids (IndexWriter.CheckCommit): after a restart or an eviction a retry is written a second time,
   * and a read-back would find the duplicates and call them a success. So the adapter reads the
   * stream, answers a replay itself, and appends expecting the revision it read: a retry of that
   * is checked by the server against the log, not the cache.
   */
  async #appendAny(stream: string, events: NewEvent[], proposed: EventData[]): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.#read(stream, 0, Number.MAX_SAFE_INTEGER, true);
      const at = stored.findIndex((e) => e.id === events[0]!.id);
      if (at >= 0) {
        const replayed = stored.slice(at, at + events.length);
        if (findReusedEventId(events, replayed) !== null) throw new DuplicateEventIdError(stream, events[0]!.id);
        const last = replayed[replayed.length - 1]!;
        return { nextRevision: last.revision, position: last.position };
      }
      const ids = new Set(events.map((e) => e.id));
      const reused = stored.find((e) => ids.has(e.id));
      if (reused) throw new DuplicateEventIdError(stream, reused.id);
      const expected = stored.length === 0 ? 'no-stream' : stored[stored.length - 1]!.revision;
      try {
        return await this.#appendExpecting(stream, events, proposed, expected);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ANY_ATTEMPTS) throw error;
      }
    }
  }

  async #appendExpecting(stream: string, events: NewEvent[], proposed: EventData[], expected: number | 'no-stream'): Promise<AppendResult> {
    const client = this.#clients.current;
    let result: EsdbAppendResult;
    try {
      result = await withTimeout(
        client.appendToStream(stream, proposed, { expectedRevision: toEsdbExpectedRevision(expected) }),
        this.#appendTimeoutMs,
        // The client cannot abandon the call: should the server answer later, the events may
        // still be written. Their ids make a retry of the same append a harmless replay.
        () => `EventStoreDB did not confirm the append to ${stream} within ${this.#appendTimeoutMs} ms`,
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(stream, expected, fromEsdbCurrentRevision(error.actualVersion));
      }
      // A call that never came back may be stuck on the client's cached feature query.
      if (error instanceof StoreTimeoutError) this.#clients.renew(client);
      throw toStoreError(error, stream);
    }
    // throwOnAppendFailure=false is refused at start; this keeps a failure from passing as a write.
    if (!result.success) throw new WrongExpectedRevisionError(stream, expected, Number(result.nextExpectedRevision));

    const nextRevision = Number(result.nextExpectedRevision);
    const firstRevision = nextRevision - events.length + 1;
    if (firstRevision !== (expected === 'no-stream' ? 0 : expected + 1)) {
      // IndexWriter.CheckCommit lets "no stream" write to a soft-deleted stream, numbering on
      // from its old last revision.
      throw new DeletedStreamError(
        stream,
        `stream ${stream} was deleted on the EventStoreDB server and has been written again: its events now start at revision ${firstRevision}, not 0`,
      );
    }
    const reported = isKnownPosition(result.position) ? result.position.commit : null;
    let stored: RecordedEvent[];
    try {
      // From the leader: a follower that lags would miss the events just written and make a
      // good append look like a reuse of ids.
      stored = await this.#read(stream, firstRevision, events.length, true);
    } catch (error) {
      // The events are written; only the check failed. The reply's position is the answer.
      if (reported !== null && error instanceof EventStoreUnavailableError) return { nextRevision, position: reported };
      throw error;
    }
    // The server answers a retry whose ids match as a replay, whatever the content: check it.
    const reused = findReusedEventId(events, stored);
    if (reused !== null) throw new DuplicateEventIdError(stream, reused);
    return { nextRevision, position: reported ?? stored[stored.length - 1]!.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.#read(stream, options.fromRevision ?? 0, options.maxCount ?? Number.MAX_SAFE_INTEGER, false);
  }

  async #read(stream: string, fromRevision: number, maxCount: number, requiresLeader: boolean): Promise<RecordedEvent[]> {
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    const read = this.#clients.current.readStream(stream, { fromRevision: BigInt(fromRevision), maxCount, requiresLeader });
    try {
      await consume(read, this.#readTimeoutMs, (resolved) => events.push(toRecordedEvent(resolved)), stream);
    } catch (error) {
      // Not found is an empty stream; a tombstone is a DeletedStreamError (store-errors.ts).
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const first = events[0];
    if (first && first.revision !== fromRevision) {
      // A truncated stream ($tb in its metadata, or soft-deleted and written again) starts later.
      throw new DeletedStreamError(
        stream,
        `stream ${stream} was truncated on the EventStoreDB server: reading from revision ${fromRevision} starts at revision ${first.revision}`,
      );
    }
    return events;
  }

  async readAll(after: bigint | null, batchSize: number): Promise<RecordedEvent[]> {
    if (batchSize <= 0) return [];
    // System events interleave with ours and the client cannot filter readAll, so read pages
    // larger than the batch and keep going until the batch is full or $all ends.
    const pageSize = Math.min(Math.max(batchSize * 4, 64), 4096);
    const events: RecordedEvent[] = [];
    let from: ReadPosition = toReadPosition(after);
    let boundary: Position | null = from === 'start' ? null : (from as Position);
    for (;;) {
      const page = { seen: 0, last: null as Position | null };
      const read = this.#clients.current.readAll({ fromPosition: from, maxCount: pageSize });
      await consume(read, this.#readTimeoutMs, (resolved) => {
        page.seen += 1;
        if (events.length >= batchSize) return;
        const position = positionOf(resolved);
        // Reading $all forwards from a position includes the event at that position (AllReader.cs).
        if (boundary !== null && comparePositions(position, boundary) <= 0) return;
        page.last = position;
        if (resolved.event && isOwnEvent(resolved.event)) events.push(toRecordedEvent(resolved));
      });
      if (events.length >= batchSize || page.seen < pageSize || page.last === null) return events;
      boundary = page.last;
      from = page.last;
    }
  }

  async headPosition(): Promise<bigint> {
    const pageSize = 64;
    let boundary: Position | null = null;
    let from: ReadPosition = END;
    for (;;) {
      const page = { seen: 0, last: null as Position | null, head: null as bigint | null };
      const read = this.#clients.current.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: pageSize });
      await consume(read, this.#readTimeoutMs, (resolved) => {
        page.seen += 1;
        if (page.head !== null) return;
        const position = positionOf(resolved);
        if (boundary !== null && comparePositions(position, boundary) >= 0) return;
        page.last = position;
        if (resolved.event && isOwnEvent(resolved.event)) page.head = position.commit;
      });
      if (page.head !== null) return page.head;
      if (page.seen < pageSize || page.last === null) return 0n;
      boundary = page.last;
      from = page.last;
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new EsdbSubscription(
      () => this.#clients.current,
      options.from,
      Math.max(1, options.batchSize ?? 100),
      this.#lingerMs,
      (stopped) => this.#subscriptions.delete(stopped),
    );
    if (this.#closed) void subscription.stop();
    else this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    await this.#clients.dispose();
  }
}
