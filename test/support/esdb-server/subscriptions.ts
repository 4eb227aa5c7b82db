/**
 * `$all` subscriptions of the EventStoreDB test server, after Enumerators.AllSubscriptionFiltered.cs
 * (src/EventStore.Core/Services/Transport/Grpc, release/oss-v23.10; the unfiltered one behaves alike):
 * - from a position, the server first reads one event forwards from it and catches up from the
 *   position after that event (`Subscribe`: `ReadAllEventsForward(pos, 1)` then `CatchUp(NextPos)`),
 *   so the event at the position is not sent again; from the start it sends everything, from the
 *   end only what comes next; a position inside a record fails the subscription;
 * - the confirmation comes first, then history in pages of 32 (`ReadBatchSize`), each page counting
 *   the events it considered; every `checkpointInterval x maxSearchWindow` considered events a
 *   checkpoint (the position of the last event sent) is sent, so a filtered subscriber can record
 *   progress through events it never sees;
 * - once the history is read, `CaughtUp`, then live events as they are written;
 * - live events wait in a buffer of 32 (`MaxLiveEventBufferCount`, Enumerators.cs); when it is full
 *   the subscription is dropped as "consumer too slow" (`ConsumerTooSlow`).
 */
import type * as grpc from '@grpc/grpc-js';
import type { Faults } from './faults.js';
import { InvalidReadError, type EventRecord, type TransactionLog } from './log.js';
import type { StreamIndex } from './streams.js';
import { errors, readEventResponse, streamsPb, type WireError } from './wire.js';

const READ_BATCH_SIZE = 32;
const LIVE_BUFFER = 32;

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;

export type EventFilter = (record: EventRecord) => boolean;

/** The filter a subscription asks for: a regex or prefixes, on stream names or event types. */
export function filterOf(options: InstanceType<typeof streamsPb.ReadReq.Options>): { filter: EventFilter; interval: number } {
  if (!options.hasFilter()) return { filter: () => true, interval: Number.POSITIVE_INFINITY };
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  const prefixes = expression.getPrefixList();
  const maxSearchWindow = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  return {
    filter: (record) => {
      const subject = onStream ? record.stream : record.type;
      if (regex) return regex.test(subject);
      return prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p));
    },
    interval: Math.max(1, filter.getCheckpointintervalmultiplier()) * maxSearchWindow,
  };
}

function checkpoint(position: bigint): ReadResp {
  const value = new streamsPb.ReadResp.Checkpoint();
  value.setCommitPosition(position.toString());
  value.setPreparePosition(position.toString());
  const response = new streamsPb.ReadResp();
  response.setCheckpoint(value);
  return response;
}

export function subscribeToAll(
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  context: { log: TransactionLog; streams: StreamIndex; faults: Faults; fail: (error: WireError) => void },
): void {
  const options = call.request.getOptions()!;
  const all = options.getAll()!;
  const { filter, interval } = filterOf(options);
  const { log } = context;

  let index: number;
  try {
    if (all.hasEnd()) index = log.records.length;
    else if (all.hasStart()) index = 0;
    else {
      const position = BigInt(all.getPosition()!.getCommitPosition());
      index = log.forwardIndex(position);
      while (index < log.records.length && log.records[index]!.kind !== 'event') index++;
      if (index < log.records.length) index++;
    }
  } catch (error) {
    if (error instanceof InvalidReadError) return context.fail(errors.handlerException());
    throw error;
  }

  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(`$all-test-${Math.random().toString(16).slice(2)}`);
  const confirmed = new streamsPb.ReadResp();
  confirmed.setConfirmation(confirmation);
  call.write(confirmed);

  let considered = 0;
  let lastSent: bigint | null = null;
  const consider = (record: EventRecord): void => {
    considered += 1;
    if (filter(record)) {
      call.write(readEventResponse(record, true));
      lastSent = record.position;
    }
    if (considered >= interval) {
      considered %= interval;
      call.write(checkpoint(lastSent ?? record.position));
    }
  };

  // Catch-up and the switch to live happen in one turn of the event loop: no write can fall between.
  for (; index < log.records.length; index++) {
    const record = log.records[index]!;
    if (record.kind === 'event') consider(record);
  }
  const caughtUp = new streamsPb.ReadResp();
  caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
  call.write(caughtUp);

  let ended = false;
  const end = (error?: WireError): void => {
    if (ended) return;
    ended = true;
    stopListening();
    stopDropping();
    if (error) context.fail(error);
  };
  const stopListening = context.streams.onWrite((records) => {
    if (call.writableLength > LIVE_BUFFER) return end(errors.consumerTooSlow());
    for (const record of records) consider(record);
  });
  const stopDropping = context.faults.onDrop(() => end(errors.consumerTooSlow()));
  call.on('cancelled', () => end());
  call.on('close', () => end());
}
