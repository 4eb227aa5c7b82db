import { parseStream, type EntityChange, type StreamKind } from '#domain';
import { assertSchemaName, type RecordedEvent, type SqlExecutor } from '#event-store';
import type { Projection } from '../projection.js';
import { foldOf, type EntityKinds } from './entity-kinds.js';

/**
 * The statements of every batch have one text and one plan: prepared once per connection, they are
 * not parsed and planned again at each batch, a large share of a rebuild's time (docs/performance.md).
 */
const BATCH_STATEMENT = { prepare: true } as const;

/** Entities per upsert statement (see `apply`): a batch of 500 is written in four. */
const WRITE_CHUNK = 125;

/**
 * A read model derived from entity states, kept in the same transaction as the states it reads:
 * after each batch it is told what changed, and the states it queries are already the new ones.
 */
export interface EntityStatesDependent {
  setup(db: SqlExecutor): Promise<void>;
  reset(tx: SqlExecutor): Promise<void>;
  changed(tx: SqlExecutor, changes: EntityChange[]): Promise<void>;
}

/**
 * The current state of every outage, maintenance, customer, plan … as the domain's own `evolve`
 * folds it, one row per stream, plus the period it covers so a month's entities are one range scan.
 */
export class EntityStatesProjection implements Projection {
  readonly name = 'entity-states';
  readonly table: string;
  private readonly upsert: string;

  constructor(
    schema: string,
    private readonly kinds: EntityKinds,
    private readonly dependents: EntityStatesDependent[] = [],
    private readonly options: { writeChunk?: number } = {},
  ) {
    this.table = `${assertSchemaName(schema)}.entity_states`;
    // One JSON document per statement, an array of rows, each row an array in column order. Values
    // taken with `->` stay jsonb: jsonb_to_recordset would print each state back to text and parse it
    // again (much of PostgreSQL's work in a rebuild: docs/performance.md), and arrays of jsonb
    // parameters cost a parse each.
    this.upsert = `INSERT INTO ${this.table} (kind, id, state, event_ids, period_from, period_to, position)
      SELECT r->>0, r->>1, r->2, r->3, (r->>4)::timestamptz, (r->>5)::timestamptz, (r->>6)::bigint
      FROM jsonb_array_elements($1::jsonb) AS r
      ON CONFLICT (kind, id) DO UPDATE SET state = EXCLUDED.state, event_ids = EXCLUDED.event_ids, period_from = EXCLUDED.period_from,
        period_to = EXCLUDED.period_to, position = EXCLUDED.position`;
  }

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      kind text NOT NULL,
      id text NOT NULL,
      state jsonb NOT NULL,
      event_ids jsonb NOT NULL DEFAULT '[]',
      period_from timestamptz,
      period_to timestamptz,
      position bigint NOT NULL,
      PRIMARY KEY (kind, id)
    )`);
    // A month's entities of one kind are found through the primary key's `kind` prefix; an index on
    // the period as well slowed every write for no faster read (docs/performance.md).
    await db.query(`DROP INDEX IF EXISTS ${this.table.split('.')[0]}.entity_states_period`);
    for (const dependent of this.dependents) await dependent.setup(db);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.table}`);
    for (const dependent of this.dependents) await dependent.reset(tx);
  }

  async apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    const touched = new Map<string, { kind: StreamKind; id: string; events: RecordedEvent[] }>();
    for (const event of events) {
      const parsed = parseStream(event.stream);
      if (!parsed || !foldOf(this.kinds, parsed.kind)) continue;
      const key = `${parsed.kind}\u0000${parsed.id}`;
      const entry = touched.get(key) ?? { ...parsed, events: [] };
      entry.events.push(event);
      touched.set(key, entry);
    }
    if (touched.size === 0) return;
    const entries = [...touched.values()];
    // A stream whose first event is in this batch has no state yet: only the others are looked up
    // (on a rebuild from zero, that is almost none).
    const known = entries.filter((e) => e.events[0]!.revision > 0);
    const { rows } =
      known.length === 0
        ? { rows: [] }
        : await tx.query<{ kind: string; id: string; state: unknown; event_ids: string[] }>(
            `SELECT kind, id, state, event_ids FROM ${this.table} WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
            [known.map((e) => e.kind), known.map((e) => e.id)],
            BATCH_STATEMENT,
          );
    const current = new Map(rows.map((r) => [`${r.kind}\u0000${r.id}`, r]));
    const fold = (entry: (typeof entries)[number]) => {
      const kind = foldOf(this.kinds, entry.kind)!;
      const row = current.get(`${entry.kind}\u0000${entry.id}`);
      const state = entry.events.reduce((s, e) => kind.evolve(s, { type: e.type, data: e.data }), row ? row.state : kind.initialState);
      const period = state ? kind.period(state) : { from: null, to: null };
      const eventIds = [...(row?.event_ids ?? []), ...entry.events.map((e) => e.id)];
      const before = row ? { state: row.state, period: kind.period(row.state) } : null;
      return { ...entry, state, eventIds, period, before, position: entry.events[entry.events.length - 1]!.position };
    };
    // Written in chunks, one statement in flight: PostgreSQL writes a chunk while this process folds
    // and serialises the next, instead of each waiting for the other.
    const upserts: ReturnType<typeof fold>[] = [];
    let writing: Promise<unknown> | null = null;
    const size = this.options.writeChunk ?? WRITE_CHUNK;
    for (let from = 0; from < entries.length; from += size) {
      const chunk = entries.slice(from, from + size).map(fold);
      upserts.push(...chunk);
      // In the upsert's column order (see the constructor).
      const document = JSON.stringify(chunk.map((u) => [u.kind, u.id, u.state, u.eventIds, u.period.from, u.period.to, u.position.toString()]));
      if (writing) await writing;
      writing = tx.query(this.upsert, [document], BATCH_STATEMENT);
      // Awaited at the next chunk or below; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
    await writing;
    const changes = upserts.map((u) => ({ kind: u.kind, id: u.id, before: u.before, after: { state: u.state, period: u.period } }));
    for (const dependent of this.dependents) await dependent.changed(tx, changes);
  }
}
