/**
 * Streams of the EventStoreDB test server: appends with the expected-revision and idempotency
 * checks of `IndexWriter.CheckCommit` (src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs,
 * release/oss-v23.10), and the stream state reads need (last event number, deletion, truncation).
 *
 * The rules, as that method decides them (expected version: -1 no stream, -2 any, -4 stream exists):
 * - a hard-deleted (tombstoned) stream refuses every write: `CommitDecision.Deleted`;
 * - `any` (and `stream exists`) consult only `_committedEvents`, an in-memory cache of event id ->
 *   (stream, event number) bounded by memory (`ESConsts.CommitedEventsMemCacheLimit`, 8 MB,
 *   `BoundedCache` evicting the oldest entries first) and emptied by a restart. The first id not in
 *   the cache makes the write new (`Ok`: written again, a duplicate); a later one not in it is
 *   `CorruptedIdempotency`, answered as wrong expected version;
 * - a numeric or `no stream` revision older than the stream's checks each id against the event at
 *   its would-be number, from the cache or else from the log itself (`_indexReader.ReadPrepare`):
 *   durable across restarts and evictions. All matching is an idempotent replay; the first not
 *   matching is wrong expected version (or `Ok` for `no stream` on a soft-deleted stream); a later
 *   one is `CorruptedIdempotency`;
 * - a revision ahead of the stream is wrong expected version; equal to it, the write goes ahead.
 * An idempotent replay answers with the revision and log position of the last matching event.
 *
 * Soft deletion and truncation, as the server documents them ("Deleting streams and events") and
 * does them: a soft delete sets `$tb` in the stream's metadata to `EventNumber.DeletedStream`, and the
 * stream reads as not found; `$tb` hides the events below it from reads (IndexReader.cs, through the
 * stream's metadata). `CheckCommit` flags a write to a soft-deleted stream (`IsSoftDeleted`), and
 * StorageWriterService.cs then undeletes it with `SoftUndeleteStream(stream, CurrentVersion + 1)`: the
 * numbering continues from the old last revision and the events before stay hidden.
 */
import type { EventRecord, TransactionLog } from './log.js';

export const NO_STREAM = -1;
export const ANY = -2;
export const STREAM_EXISTS = -4;

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type WriteOutcome =
  | { result: 'success'; lastEventNumber: number; position: bigint }
  | { result: 'wrong-expected-version'; currentVersion: number }
  | { result: 'stream-deleted' };

interface StreamState {
  /** Log indexes of the stream's events, by event number. */
  events: number[];
  tombstoned: boolean;
  softDeleted: boolean;
  /** Events below this number are hidden from reads ($tb). */
  truncateBefore: number;
}

/** The part of `BoundedCache` the rules rely on: bounded by size, oldest out first, lost on restart. */
class CommittedEvents {
  readonly #entries = new Map<string, { stream: string; eventNumber: number; size: number }>();
  #size = 0;

  constructor(private readonly maxBytes: number) {}

  get(id: string) {
    return this.#entries.get(id);
  }

  put(id: string, stream: string, eventNumber: number): void {
    // IndexWriter sizes an entry as 16 (Guid) + 4 + a pointer + the stream id's size.
    const size = 16 + 4 + 8 + stream.length * 2;
    const old = this.#entries.get(id);
    if (old) {
      this.#entries.delete(id);
      this.#size -= old.size;
    }
    this.#entries.set(id, { stream, eventNumber, size });
    this.#size += size;
    while (this.#size > this.maxBytes && this.#entries.size > 0) {
      const [oldest, entry] = this.#entries.entries().next().value as [string, { size: number }];
      this.#entries.delete(oldest);
      this.#size -= entry.size;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#size = 0;
  }
}

export class StreamIndex {
  readonly #streams = new Map<string, StreamState>();
  readonly #committed: CommittedEvents;
  readonly #listeners = new Set<(records: EventRecord[]) => void>();

  constructor(
    readonly log: TransactionLog,
    options: { idempotencyCacheBytes?: number } = {},
  ) {
    this.#committed = new CommittedEvents(options.idempotencyCacheBytes ?? 8 * 1024 * 1024);
  }

  /** Called with the records of every successful write, in log order (live subscriptions). */
  onWrite(listener: (records: EventRecord[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #state(stream: string): StreamState | undefined {
    return this.#streams.get(stream);
  }

  lastEventNumber(stream: string): number {
    const state = this.#state(stream);
    return state ? state.events.length - 1 : NO_STREAM;
  }

  eventAt(stream: string, eventNumber: number): EventRecord | undefined {
    const index = this.#state(stream)?.events[eventNumber];
    return index === undefined ? undefined : (this.log.records[index] as EventRecord);
  }

  /** What a stream read sees: not found, deleted, or the visible event numbers. */
  readable(stream: string): { status: 'not-found' } | { status: 'deleted' } | { status: 'ok'; first: number; last: number } {
    const state = this.#state(stream);
    if (state?.tombstoned) return { status: 'deleted' };
    if (!state || state.events.length === 0) return { status: 'not-found' };
    if (state.softDeleted || state.truncateBefore > state.events.length - 1) return { status: 'not-found' };
    return { status: 'ok', first: state.truncateBefore, last: state.events.length - 1 };
  }

  write(stream: string, expectedVersion: number, events: ProposedEvent[]): WriteOutcome {
    const state = this.#state(stream);
    const current = this.lastEventNumber(stream);
    if (state?.tombstoned) return { result: 'stream-deleted' };
    const softDeleted = state?.softDeleted ?? false;

    if (expectedVersion === STREAM_EXISTS && current < 0) return { result: 'wrong-expected-version', currentVersion: current };

    if (expectedVersion === ANY || expectedVersion === STREAM_EXISTS) {
      let last: EventRecord | undefined;
      for (const [i, event] of events.entries()) {
        const known = this.#committed.get(event.id);
        if (!known || known.stream !== stream) {
          if (i === 0) return this.#commit(stream, events, softDeleted);
          return { result: 'wrong-expected-version', currentVersion: current };
        }
        last = this.eventAt(stream, known.eventNumber);
      }
      if (!last) return this.#commit(stream, events, softDeleted);
      return { result: 'success', lastEventNumber: last.eventNumber, position: last.position };
    }

    if (expectedVersion < current) {
      let eventNumber = expectedVersion;
      for (const event of events) {
        eventNumber += 1;
        const known = this.#committed.get(event.id);
        if (known && known.stream === stream && known.eventNumber === eventNumber) continue;
        if (this.eventAt(stream, eventNumber)?.id === event.id) continue;
        if (eventNumber !== expectedVersion + 1) return { result: 'wrong-expected-version', currentVersion: current };
        if (expectedVersion === NO_STREAM && softDeleted) return this.#commit(stream, events, true);
        return { result: 'wrong-expected-version', currentVersion: current };
      }
      const last = this.eventAt(stream, eventNumber)!;
      return { result: 'success', lastEventNumber: last.eventNumber, position: last.position };
    }

    if (expectedVersion > current) return { result: 'wrong-expected-version', currentVersion: current };
    return this.#commit(stream, events, softDeleted);
  }

  #commit(stream: string, events: ProposedEvent[], undelete: boolean): WriteOutcome {
    let state = this.#state(stream);
    if (!state) {
      state = { events: [], tombstoned: false, softDeleted: false, truncateBefore: 0 };
      this.#streams.set(stream, state);
    }
    if (undelete) {
      state.softDeleted = false;
      state.truncateBefore = state.events.length;
    }
    const written: EventRecord[] = [];
    for (const event of events) {
      const eventNumber = state.events.length;
      const record = this.log.appendEvent({ ...event, stream, eventNumber });
      state.events.push(this.log.records.length - 1);
      this.#committed.put(event.id, stream, eventNumber);
      written.push(record);
    }
    for (const listener of this.#listeners) listener(written);
    const last = written[written.length - 1]!;
    return { result: 'success', lastEventNumber: last.eventNumber, position: last.position };
  }

  /** An operator's soft delete (`$tb` set to the deleted marker in the stream's metadata). */
  softDelete(stream: string): void {
    const state = this.#state(stream);
    if (state) state.softDeleted = true;
  }

  /** An operator's hard delete: the stream can never be written or read again. */
  tombstone(stream: string): void {
    let state = this.#state(stream);
    if (!state) {
      state = { events: [], tombstoned: true, softDeleted: false, truncateBefore: 0 };
      this.#streams.set(stream, state);
    }
    state.tombstoned = true;
  }

  /** An operator's truncation (`$tb` in the stream's metadata): events below are hidden. */
  truncateBefore(stream: string, eventNumber: number): void {
    const state = this.#state(stream);
    if (state) state.truncateBefore = eventNumber;
  }

  /** A restart keeps the log and loses every in-memory cache, the idempotency cache among them. */
  restart(): void {
    this.#committed.clear();
  }
}
