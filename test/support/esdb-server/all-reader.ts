/**
 * Reads of `$all` and of single streams for the EventStoreDB test server.
 *
 * From AllReader.cs (release/oss-v23.10):
 * - a forward read is inclusive: it returns the records whose position is >= the one asked for
 *   (`new TFPos(prepare.LogPosition, prepare.LogPosition) >= pos`), skipping records that are not
 *   events (epochs and other system records: `IsCommitAlike`);
 * - a backward read starts at a post-position and returns the records that end at or before it;
 * - nothing past the last indexed position is returned.
 * Reading at a position inside a record fails (TFChunkReadSide.cs, see log.ts).
 * A stream read (Enumerators.ReadStreamForwards.cs, Enumerators.ReadStreamBackwards.cs) returns the
 * stream's visible events from a revision, either way, at most a count; a stream that does not
 * exist, or is soft-deleted, is "stream not found" (a `StreamNotFound` response message, not an
 * error); a hard-deleted one is the StreamDeleted error (RpcExceptions.StreamDeleted).
 */
import type { EventRecord, TransactionLog } from './log.js';
import type { StreamIndex } from './streams.js';

export type Direction = 'forwards' | 'backwards';

export function readAll(
  log: TransactionLog,
  from: bigint | 'start' | 'end',
  direction: Direction,
  maxCount: number,
  end: bigint,
): EventRecord[] {
  const out: EventRecord[] = [];
  if (direction === 'forwards') {
    if (from === 'end') return out;
    let i = log.forwardIndex(from === 'start' ? 0n : from, end);
    for (; i < log.records.length && out.length < maxCount; i++) {
      const record = log.records[i]!;
      if (record.position >= end) break;
      if (record.kind === 'event') out.push(record);
    }
    return out;
  }
  if (from === 'start') return out;
  let i = log.backwardIndex(from === 'end' ? end : from, end) - 1;
  for (; i >= 0 && out.length < maxCount; i--) {
    const record = log.records[i]!;
    if (record.position >= end) continue;
    if (record.kind === 'event') out.push(record);
  }
  return out;
}

export type StreamRead = { status: 'not-found' } | { status: 'deleted' } | { status: 'ok'; events: EventRecord[] };

export function readStream(
  streams: StreamIndex,
  stream: string,
  from: number | 'start' | 'end',
  direction: Direction,
  maxCount: number,
  end: bigint,
): StreamRead {
  const readable = streams.readable(stream);
  if (readable.status !== 'ok') return readable;
  const visible = (n: number) => {
    const record = streams.eventAt(stream, n);
    return record && record.position < end ? record : undefined;
  };
  let last = readable.last;
  while (last >= readable.first && !visible(last)) last--;
  if (last < readable.first) return { status: 'not-found' };
  const events: EventRecord[] = [];
  if (direction === 'forwards') {
    const start = from === 'start' ? readable.first : from === 'end' ? last + 1 : Math.max(from, readable.first);
    for (let n = start; n <= last && events.length < maxCount; n++) events.push(visible(n)!);
  } else {
    const start = from === 'end' ? last : from === 'start' ? readable.first : Math.min(from, last);
    for (let n = start; n >= readable.first && events.length < maxCount; n--) events.push(visible(n)!);
  }
  return { status: 'ok', events };
}
