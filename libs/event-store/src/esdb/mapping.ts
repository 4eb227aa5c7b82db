/**
 * Mapping between the event-store port and EventStoreDB's client types: envelopes, metadata,
 * expected revisions and positions. Pure functions, no I/O.
 */
import { ANY, jsonEvent, NO_STREAM, START, streamNameFilter } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision, EventData, Filter, JSONType, Position, ReadPosition } from '@eventstore/db-client';
import type { EventMetadata, EventMetadataInput, ExpectedRevision, NewEvent, RecordedEvent } from '../port.js';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export function isKnownPosition(position: Position | undefined): position is Position {
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

/**
 * Where `$all` reading or subscribing starts for "after this checkpoint" (see the note on
 * positions). `0n` is what `headPosition()` answers while the store holds none of our events, and
 * what a checkpoint starts at: "before everything", the start of `$all`. It must not become
 * {0, 0}: a subscription from a position skips the first event at or after it
 * (Enumerators.AllSubscriptionFiltered.cs reads one event from there and catches up after it), and
 * the first record of the log is the server's epoch, so that would skip the first event written.
 */
export function toReadPosition(after: bigint | null): ReadPosition {
  return after === null || after === 0n ? START : { commit: after, prepare: after };
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
