import { EventEmitter } from 'node:events';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { PollingSubscription } from '../polling-subscription.js';
import { eventStoreDdl } from './event-store-schema.js';
import { assertSchemaName, type SqlDatabase } from './sql-database.js';

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

// Aliased to text for exact bigints; ORDER BY must therefore name e.position / e.revision, not the text aliases.
// The metadata arrives with its `recordedAt` (ISO 8601, UTC, milliseconds) already in place: made by the
// database, it spares the reader a date parse, a format and a copy of every event's metadata.
const COLUMNS = `e.position::text AS position, e.event_id, e.stream_id, e.revision::text AS revision, e.type, e.data,
  e.metadata || jsonb_build_object('recordedAt', to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS metadata`;

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: BigInt(row.position),
    data: row.data,
    metadata: row.metadata,
  };
}

function encodeExpected(expected: ExpectedRevision): number | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return -1;
  return expected;
}

/** The event store on PostgreSQL or PGlite: the same SQL on both. */
export class SqlEventStore implements EventStore {
  private readonly schema: string;
  private readonly appended = new EventEmitter();

  private constructor(private readonly db: SqlDatabase, schema: string, private readonly pollIntervalMs: number) {
    this.schema = assertSchemaName(schema);
    this.appended.setMaxListeners(0);
  }

  static async create(db: SqlDatabase, options: { schema?: string; pollIntervalMs?: number } = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(db, options.schema ?? 'sla_events', options.pollIntervalMs ?? 250);
    await db.exec(eventStoreDdl(store.schema));
    return store;
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    let rows: { next_revision: string; last_position: string }[];
    try {
      ({ rows } = await this.db.query<{ next_revision: string; last_position: string }>(
        `SELECT next_revision::text AS next_revision, last_position::text AS last_position
         FROM ${this.schema}.append_events($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])`,
        [
          stream,
          encodeExpected(expectedRevision),
          events.map((e) => e.id),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      ));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const detail = (error as { detail?: string }).detail ?? '';
      if (code === 'SLA01') {
        throw new WrongExpectedRevisionError(stream, expectedRevision, detail === 'no-stream' ? 'no-stream' : Number(detail));
      }
      if (code === 'SLA02') throw new DuplicateEventIdError(stream, detail);
      // Two appends racing with the same new event id on different streams meet on the unique key.
      if (code === '23505' && (error as { constraint?: string }).constraint?.endsWith('event_id_key')) {
        throw new DuplicateEventIdError(stream, events[0]!.id);
      }
      throw error;
    }
    const row = rows[0]!;
    this.appended.emit('append');
    return { nextRevision: Number(row.next_revision), position: BigInt(row.last_position) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.schema}.events e
       WHERE e.stream_id = $1 AND e.revision >= $2 ORDER BY e.revision LIMIT $3`,
      [stream, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(after: bigint | null, batchSize: number): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.schema}.events e
       WHERE e.position > $1 AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.position LIMIT $2`,
      [(after ?? 0n).toString(), batchSize],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.db.query<{ head: string }>(
      `SELECT coalesce(max(position), 0)::text AS head FROM ${this.schema}.events`,
    );
    return BigInt(rows[0]!.head);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new PollingSubscription(this, options, this.appended, this.pollIntervalMs);
  }

  /** The database is owned by whoever opened it; the store only stops waking subscribers. */
  async close(): Promise<void> {
    this.appended.emit('close');
    this.appended.removeAllListeners();
  }
}
