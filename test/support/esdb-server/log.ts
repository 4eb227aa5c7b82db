/**
 * The in-memory transaction log of the EventStoreDB test server.
 *
 * Source read: EventStore/EventStore, release/oss-v23.10 (the files below are identical at tag
 * oss-v23.10.6 and at the branch head the 23.10.x patch releases are cut from).
 *
 * - Positions are byte offsets into the log: a record starts at its "pre-position" and the next
 *   one at its "post-position" (AllReader.cs: "Positions is specified as pre-positions (pointer at
 *   the beginning of the record)" for forward reads, post-positions for backward reads).
 * - The log does not start with an event: the first chunk opens with an epoch record (a system
 *   record, skipped by `IsCommitAlike` in AllReader.cs), so no event ever sits at position 0.
 * - Every event written through gRPC is one self-committed prepare record: $all reports it at
 *   {commit: its log position, prepare: the same} (AllReader.cs, the `LogRecordType.Prepare` case
 *   of ReadAllEventsForwardInternal builds `CommitEventRecord(eventRecord, prepare.LogPosition)`).
 * - Reading from a position that is not the start of a record reads a length prefix out of the
 *   middle of another record, which TFChunkReadSide.cs (`ValidateRecordLength`) refuses with an
 *   InvalidReadException; StorageReaderWorker turns that into `ReadAllResult.Error`, answered over
 *   gRPC as status UNKNOWN "Unexpected ReadAllResult: Error" (Enumerators.ReadAllForwards.cs,
 *   RpcExceptions.UnknownError).
 */

export interface EventRecord {
  kind: 'event';
  position: bigint;
  size: number;
  stream: string;
  eventNumber: number;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends "created". */
  createdTicks: bigint;
}

export interface SystemRecord {
  kind: 'system';
  position: bigint;
  size: number;
}

export type LogRecord = EventRecord | SystemRecord;

/** What TFChunkReadSide reports for a read that does not start at a record. */
export class InvalidReadError extends Error {
  override readonly name = 'InvalidReadError';
}

/** Length prefix and suffix (two int32) around every record, as TFChunkReadSide reads them. */
const FRAME = 8;
/** Fixed part of a prepare record: flags, positions, expected version, ids, timestamp, lengths. */
const PREPARE_HEADER = 63;
const EPOCH_RECORD = 80;

const utf8 = new TextEncoder();

export class TransactionLog {
  readonly records: LogRecord[] = [];
  readonly #byPosition = new Map<bigint, number>();
  #checkpoint = 0n;

  constructor() {
    this.#add({ kind: 'system', position: 0n, size: EPOCH_RECORD });
  }

  /** The writer checkpoint: where the next record will start (the end of $all). */
  get checkpoint(): bigint {
    return this.#checkpoint;
  }

  appendEvent(event: Omit<EventRecord, 'kind' | 'position' | 'size' | 'createdTicks'>): EventRecord {
    const size =
      FRAME +
      PREPARE_HEADER +
      utf8.encode(event.stream).length +
      utf8.encode(event.type).length +
      event.data.length +
      event.metadata.length;
    const record: EventRecord = {
      kind: 'event',
      ...event,
      position: this.#checkpoint,
      size,
      createdTicks: BigInt(Date.now()) * 10_000n,
    };
    this.#add(record);
    return record;
  }

  #add(record: LogRecord): void {
    this.#byPosition.set(record.position, this.records.length);
    this.records.push(record);
    this.#checkpoint = record.position + BigInt(record.size);
  }

  /**
   * Index of the first record at or after `position`, reading forwards; `records.length` at the
   * end of the log. A position inside a record is an invalid read.
   */
  forwardIndex(position: bigint, end = this.#checkpoint): number {
    if (position >= end) return this.records.length;
    const index = this.#byPosition.get(position);
    if (index === undefined) {
      throw new InvalidReadError(`Log record at actual pos ${position} has non-positive length: 0.`);
    }
    return index;
  }

  /**
   * Index just past the last record that ends at or before `position`, reading backwards (a
   * backward read starts at a post-position). A position inside a record is an invalid read.
   */
  backwardIndex(position: bigint, end = this.#checkpoint): number {
    if (position >= end) return this.countBefore(end);
    if (position === 0n) return 0;
    const index = this.#byPosition.get(position);
    if (index === undefined) {
      throw new InvalidReadError(`Log record at actual pos ${position} has non-positive length: 0.`);
    }
    return index;
  }

  /** How many records start before `position`. */
  countBefore(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.records[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
