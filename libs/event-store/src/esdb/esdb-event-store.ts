import {
  ANY,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamDeletedError,
  streamNameFilter,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamSubscription,
  AppendExpectedRevision,
  CurrentRevision,
  EventData,
  Filter,
  JSONType,
  Position,
  ReadPosition,
  StreamingRead,
} from '@eventstore/db-client';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult,
  EventMetadata,
  EventMetadataInput,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js';

/*
 * Positions. The port carries one bigint per event: the $all commit position. That is exact here
 * because every event this adapter writes goes through a gRPC append, which the server stores as
 * one self-committed prepare record per event (PrepareFlags.IsCommitted, even for multi-event
 * appends), and $all reports such an event at {commit: its log position, prepare: the same}. So
 * each event has its own commit position, strictly increasing in $all order, and the bigint c
 * stands for the full position {commit: c, prepare: c}. Only the legacy TCP API's explicit
 * transactions give several events one commit position (with smaller, distinct prepare
 * positions); such events can only come from other writers, and a checkpoint taken in the middle
 * of one would skip the rest of that transaction on resume. Within one readAll call or one
 * subscription the adapter never rounds a position to a bigint: it pages and deduplicates on the
 * full {commit, prepare} it last saw, so only the caller's checkpoint is subject to that caveat.
 */

/** What an old server puts in the position fields of events read from a stream (no position known). */
const UNKNOWN_POSITION = 18_446_744_073_709_551_615n;

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EsdbEventStoreOptions {
  /**
   * Upper bound, in ms, on each read of a stream or of `$all`. The client gives its streaming
   * reads no deadline at all, so without this a server that accepts the connection and never
   * answers would hang a read forever. Defaults to the connection string's `defaultDeadline`, else 10 s.
   */
  readTimeoutMs?: number;
  /**
   * Upper bound, in ms, on waiting for an append to be confirmed. Needed for the same reason: the
   * client's first question to a server (its feature list) and its batch-append stream carry no
   * client-side deadline. Defaults to the connection string's `defaultDeadline`, else 10 s.
   */
  appendTimeoutMs?: number;
  /** How long a subscription waits for more events before it hands over a partial batch. */
  subscriptionLingerMs?: number;
}

/** The `defaultDeadline` setting of a connection string, if it has one. */
export function defaultDeadlineOf(connectionString: string): number | undefined {
  const match = /[?&]defaultDeadline=(\d+)/i.exec(connectionString);
  return match ? Number(match[1]) : undefined;
}

/** The part of the client's `ResolvedEvent` the mapping reads; a hand-built object will do. */
export interface EsdbResolvedEvent {
  event?: {
    streamId: string;
    id: string;
    isJson: boolean;
    revision: bigint;
    type: string;
    created: Date;
    data: unknown;
    metadata?: unknown;
    position?: Position;
  };
  commitPosition?: bigint;
}

/** Metadata as kept on each EventStoreDB event. */
export interface StoredMetadata extends EventMetadataInput {
  /** EventStoreDB's own convention, so its `$by_correlation_id` projection and UI understand it. */
  $correlationId: string;
  $causationId?: string;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected revision must be 'no-stream', 'any' or an integer >= 0, got ${String(expected)}`);
  }
  return BigInt(expected);
}

export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'no-stream' {
  return current === NO_STREAM ? 'no-stream' : Number(current);
}

export function toStoredMetadata(metadata: EventMetadataInput): StoredMetadata {
  const stored: StoredMetadata = {
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    occurredAt: metadata.occurredAt,
    schemaVersion: metadata.schemaVersion,
    $correlationId: metadata.correlationId,
  };
  if (metadata.causationId !== null) stored.$causationId = metadata.causationId;
  return stored;
}

export function toEsdbEvent(event: NewEvent): EventData {
  // The server only checks the id when it parses the whole append; failing here names the event.
  if (!UUID.test(event.id)) throw new TypeError(`event id must be a UUID, got "${event.id}"`);
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: toStoredMetadata(event.metadata),
  });
}

function parseMetadata(raw: unknown, where: string): EventMetadataInput {
  const m = (typeof raw === 'object' && raw !== null && !(raw instanceof Uint8Array) ? raw : {}) as Record<string, unknown>;
  const valid =
    typeof m.actor === 'string' &&
    typeof m.correlationId === 'string' &&
    (m.causationId === null || typeof m.causationId === 'string') &&
    typeof m.occurredAt === 'string' &&
    typeof m.schemaVersion === 'number';
  if (!valid) {
    // A foreign event in a non-system stream is a deployment mistake (a shared database);
    // skipping it silently would let projections disagree with the log.
    throw new Error(`${where} has no SLA Ledger metadata; was it written by another application?`);
  }
  return {
    actor: m.actor as string,
    correlationId: m.correlationId as string,
    causationId: m.causationId as string | null,
    occurredAt: m.occurredAt as string,
    schemaVersion: m.schemaVersion as number,
  };
}

function isKnownPosition(position: Position | undefined): position is Position {
  return position !== undefined && position.commit !== UNKNOWN_POSITION;
}

/** The full $all position of an event, as read from `$all`, a stream (server 22.6+) or a subscription. */
export function positionOf(resolved: EsdbResolvedEvent): Position {
  const position = resolved.event?.position;
  if (isKnownPosition(position)) return position;
  if (resolved.commitPosition !== undefined && resolved.commitPosition !== UNKNOWN_POSITION) {
    return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  }
  throw new Error(
    `event ${resolved.event?.id ?? '?'} came without a $all position; EventStoreDB 22.6 or later is required`,
  );
}

export function toRecordedEvent(resolved: EsdbResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('a link whose target event no longer exists cannot be read as an event');
  const where = `event ${event.id} (${event.streamId}@${event.revision})`;
  if (!event.isJson) throw new Error(`${where} is not JSON; SLA Ledger writes only JSON events`);
  const metadata: EventMetadata = {
    ...parseMetadata(event.metadata, where),
    recordedAt: event.created.toISOString(),
  };
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: Number(event.revision),
    position: positionOf(resolved).commit,
    data: event.data,
    metadata,
  };
}

/** System streams and events start with `$` (stats, settings, projections' links, stream metadata). */
export function isOwnEvent(event: { streamId: string; type: string }): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$');
}

/**
 * Server-side filter for `$all` subscriptions: non-system streams only. The client (6.2.1) cannot
 * filter `readAll`, so reads apply `isOwnEvent` themselves, and subscriptions apply it again
 * because a user event type starting with `$` in a user stream would pass the stream filter.
 */
export function ownEventsFilter(): Filter {
  return streamNameFilter({ regex: '^[^$]' });
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Where `$all` reading or subscribing starts for "after this checkpoint" (see the note on positions). */
export function toReadPosition(after: bigint | null): ReadPosition {
  return after === null ? START : { commit: after, prepare: after };
}

/**
 * After a successful append, the events at the appended revisions must be the ones sent: the
 * server acknowledges an append as an idempotent replay when only the ids match, so a retry that
 * reuses ids for different content would otherwise be reported as written.
 */
export function findReusedEventId(sent: readonly NewEvent[], stored: readonly RecordedEvent[]): string | null {
  for (const [i, event] of sent.entries()) {
    const found = stored[i];
    if (
      !found ||
      found.id !== event.id ||
      found.type !== event.type ||
      JSON.stringify(found.data) !== JSON.stringify(event.data)
    ) {
      return event.id;
    }
  }
  return null;
}

function isUnreachable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    // Server-side commit timeout (gRPC ABORTED): the cluster could not acknowledge in time.
    error instanceof TimeoutError ||
    // The node lost leadership or shut down; the client reconnects on the next call.
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  // appendToStream first asks the server for its features and passes that call's gRPC error on
  // unconverted, so "nothing listens" reaches us as a plain ServiceError with code 14.
  const code = (error as { code?: unknown }).code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  return /^Failed to discover after \d+ attempts/.test(error.message);
}

/**
 * Unreachable-server errors become `EventStoreUnavailableError`; the rest pass through. A deadline
 * or server timeout on an append may fire after the server wrote the events; because event ids make
 * a retry with the same events idempotent, callers can still treat it as "retry later".
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnreachable(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`EventStoreDB cannot be reached: ${detail}`, { cause: error });
}

const STOP = Symbol('stop');
const LULL = Symbol('lull');

/**
 * Groups what `source` yields into batches of at most `batchSize`, handing over a partial batch
 * once nothing more arrives for `lingerMs`. Ends when the source ends or `stopped` resolves (a
 * partial batch is then dropped: whoever stopped wants nothing more).
 */
export async function* batchEvents<T>(
  source: AsyncIterator<T>,
  options: { batchSize: number; lingerMs: number; stopped?: Promise<void> },
): AsyncGenerator<T[], void, undefined> {
  const stop = (options.stopped ?? new Promise<never>(() => undefined)).then((): typeof STOP => STOP);
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  try {
    for (;;) {
      if (!pending) {
        pending = source.next();
        // Once stopped, a read still in flight may reject; nobody is waiting for it any more.
        pending.catch(() => undefined);
      }
      let timer: NodeJS.Timeout | undefined;
      const contenders: Promise<IteratorResult<T> | typeof STOP | typeof LULL>[] = [stop, pending];
      if (batch.length > 0) {
        contenders.push(new Promise((resolve) => (timer = setTimeout(() => resolve(LULL), options.lingerMs))));
      }
      let next: IteratorResult<T> | typeof STOP | typeof LULL;
      try {
        next = await Promise.race(contenders);
      } finally {
        clearTimeout(timer);
      }
      if (next === STOP) return;
      if (next === LULL) {
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (next.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      batch.push(next.value);
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  } finally {
    void source.return?.()?.catch(() => undefined);
  }
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventStoreUnavailableError(message())), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a bounded streaming result to its end within `timeoutMs`, handing each event to `visit`.
 * Always to the end: abandoning a read whose call the server has already completed leaves its
 * unread messages buffered in a paused gRPC stream that never ends, and `client.dispose()` then
 * waits for it forever (cancelling a completed call does nothing). So an error thrown by `visit`
 * is kept until the stream has ended, and only a timeout cancels the call.
 */
async function consume<E>(read: StreamingRead<E>, timeoutMs: number, visit: (event: E) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EventStoreUnavailableError(`EventStoreDB did not answer a read within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const visited: { failed: boolean; error?: unknown } = { failed: false };
  const iteration = (async () => {
    for await (const event of read) {
      if (visited.failed) continue;
      try {
        visit(event);
      } catch (error) {
        visited.failed = true;
        visited.error = error;
      }
    }
  })();
  iteration.catch(() => undefined);
  try {
    await Promise.race([iteration, timeout]);
  } catch (error) {
    void read.cancel().catch(() => undefined);
    throw toStoreError(error);
  } finally {
    clearTimeout(timer);
  }
  if (visited.failed) throw visited.error;
}

class EsdbSubscription implements Subscription {
  #stopped = false;
  #resolveStop!: () => void;
  readonly #stop = new Promise<void>((resolve) => (this.#resolveStop = resolve));
  #live: AllStreamSubscription | undefined;
  #iterator: AsyncGenerator<RecordedEvent[], void, undefined> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly from: bigint | null,
    private readonly batchSize: number,
    private readonly lingerMs: number,
    private readonly onStop: (subscription: EsdbSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#resolveStop();
    this.onStop(this);
    const live = this.#live;
    if (live) {
      await live.unsubscribe().catch(() => undefined);
      live.destroy();
    }
  }

  async *#run(): AsyncGenerator<RecordedEvent[], void, undefined> {
    if (this.#stopped) return;
    // Subscribing only when iteration starts: an error emitted before anyone listens would
    // otherwise be an unhandled 'error' event and take the process down.
    const live = this.client.subscribeToAll({
      // Exclusive: the server starts after this position (see the note on positions).
      fromPosition: toReadPosition(this.from),
      filter: ownEventsFilter(),
    });
    this.#live = live;
    // Errors still reach the iterator below; this keeps a late one (after stop) from crashing.
    live.on('error', () => undefined);
    try {
      yield* batchEvents(this.#ownEvents(live), {
        batchSize: this.batchSize,
        lingerMs: this.lingerMs,
        stopped: this.#stop,
      });
    } catch (error) {
      if (this.#stopped) return;
      throw toStoreError(error);
    } finally {
      await this.stop();
    }
  }

  async *#ownEvents(live: AllStreamSubscription): AsyncGenerator<RecordedEvent, void, undefined> {
    for await (const resolved of live) {
      if (resolved.event && isOwnEvent(resolved.event)) yield toRecordedEvent(resolved);
    }
  }
}

/** EventStoreDB (20+) behind the event-store port, over gRPC with `@eventstore/db-client`. */
export class EsdbEventStore implements EventStore {
  readonly #client: EventStoreDBClient;
  readonly #readTimeoutMs: number;
  readonly #appendTimeoutMs: number;
  readonly #lingerMs: number;
  readonly #subscriptions = new Set<EsdbSubscription>();
  #closed = false;

  /** `connectionString`: e.g. `esdb://admin:changeit@localhost:2113?tls=false`. */
  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.#client = EventStoreDBClient.connectionString(connectionString);
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
    let result;
    try {
      result = await withTimeout(
        this.#client.appendToStream(stream, proposed, { expectedRevision: toEsdbExpectedRevision(expectedRevision) }),
        this.#appendTimeoutMs,
        // The client cannot abandon the call: should the server answer later, the events may
        // still be written. Their ids make a retry of the same append a harmless replay.
        () => `EventStoreDB did not confirm the append to ${stream} within ${this.#appendTimeoutMs} ms`,
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        // With ANY the server has no revision to disagree with: it answers "wrong expected
        // version" only when some of the ids were written before and some were not.
        if (expectedRevision === 'any') throw new DuplicateEventIdError(stream, events[0]!.id);
        throw new WrongExpectedRevisionError(stream, expectedRevision, fromEsdbCurrentRevision(error.actualVersion));
      }
      throw toStoreError(error);
    }

    const nextRevision = Number(result.nextExpectedRevision);
    const reported = isKnownPosition(result.position) ? result.position.commit : null;
    let stored: RecordedEvent[];
    try {
      stored = await this.readStream(stream, { fromRevision: nextRevision - events.length + 1, maxCount: events.length });
    } catch (error) {
      // The events are written; only the check failed. Without a position the result would be
      // incomplete, and a retry with the same ids is a harmless idempotent replay.
      if (reported !== null) return { nextRevision, position: reported };
      throw error;
    }
    const reused = findReusedEventId(events, stored);
    if (reused !== null) throw new DuplicateEventIdError(stream, reused);
    // The position as reads report it: an idempotent replay then answers exactly like the
    // original append, whatever position (if any) the server put in its reply.
    return { nextRevision, position: stored[stored.length - 1]!.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    const read = this.#client.readStream(stream, { fromRevision: BigInt(options.fromRevision ?? 0), maxCount });
    try {
      await consume(read, this.#readTimeoutMs, (resolved) => {
        events.push(toRecordedEvent(resolved));
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
      throw error;
    }
    return events;
  }

  async readAll(after: bigint | null, batchSize: number): Promise<RecordedEvent[]> {
    if (batchSize <= 0) return [];
    // System events interleave with ours and the client cannot filter readAll, so read pages
    // larger than the batch and keep going until the batch is full or $all ends.
    const pageSize = Math.min(Math.max(batchSize * 4, 64), 4096);
    const events: RecordedEvent[] = [];
    let boundary: Position | null = after === null ? null : { commit: after, prepare: after };
    let from: ReadPosition = toReadPosition(after);
    for (;;) {
      const page = { seen: 0, last: null as Position | null };
      await consume(this.#client.readAll({ fromPosition: from, maxCount: pageSize }), this.#readTimeoutMs, (resolved) => {
        page.seen += 1;
        if (events.length >= batchSize) return;
        const position = positionOf(resolved);
        // Reading $all forwards from a position includes the event at that position.
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
      await consume(
        this.#client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: pageSize }),
        this.#readTimeoutMs,
        (resolved) => {
          page.seen += 1;
          if (page.head !== null) return;
          const position = positionOf(resolved);
          if (boundary !== null && comparePositions(position, boundary) >= 0) return;
          page.last = position;
          if (resolved.event && isOwnEvent(resolved.event)) page.head = position.commit;
        },
      );
      if (page.head !== null) return page.head;
      if (page.seen < pageSize || page.last === null) return 0n;
      boundary = page.last;
      from = page.last;
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new EsdbSubscription(
      this.#client,
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
    await this.#client.dispose();
  }
}

