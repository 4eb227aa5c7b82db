/**
 * The event-store port. Every backend (PostgreSQL, embedded PGlite, EventStoreDB) implements it and
 * passes the one contract suite in `testing/event-store.contract.ts`.
 */

/** What the writer expects the stream's current revision to be (revisions count from 0). */
export type ExpectedRevision = 'no-stream' | 'any' | number;

/** Who caused an event and why; the store adds `recordedAt`. */
export interface EventMetadataInput {
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** Business time: when the fact happened, as the caller states it (ISO-8601 UTC). */
  occurredAt: string;
  schemaVersion: number;
}

export interface EventMetadata extends EventMetadataInput {
  /** Record time: when the store kept the event (ISO-8601 UTC), set by the server. */
  recordedAt: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID chosen by the writer: a retried append with the same ids writes nothing twice. */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadataInput;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  stream: string;
  revision: number;
  /** Global position in the store's total order; strictly increasing in `readAll` order. */
  position: bigint;
  data: Data;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /**
   * Deliver events after this position (exclusive); `null` starts from the beginning. Like `after`
   * of `readAll`: null, or a position this store returned (an event's, or `headPosition()`'s).
   */
  from: bigint | null;
  batchSize?: number;
}

/** A catch-up subscription: replays history in batches, then delivers new events as they come. */
export interface Subscription extends AsyncIterable<RecordedEvent[]> {
  stop(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** All events of a stream in revision order; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Up to `batchSize` events with a position greater than `after` (null: from the start), in order.
   * `after` must be null or a position this store returned (an event's, or `headPosition()`'s):
   * positions are opaque, and arithmetic on them (`position - 1n`) may land inside a record, which
   * EventStoreDB refuses.
   *
   * An appended event shows here once its place in the order is final: no event can be stored
   * before it any more. On PostgreSQL that is once every writing transaction begun before its own has
   * ended, on the whole server, so a long write elsewhere delays it (it is never skipped).
   */
  readAll(after: bigint | null, batchSize: number): Promise<RecordedEvent[]>;
  /** Position of the newest stored event (0n when the store is empty); `readAll` may reach it a moment later. */
  headPosition(): Promise<bigint>;
  subscribe(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
