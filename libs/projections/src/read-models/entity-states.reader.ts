import type { StreamKind } from '#domain';
import type { EntityRow, EntitySource } from './entity-source.js';
import { assertSchemaName, type SqlExecutor } from '#event-store';

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** Queries over the entity-states read model. */
export class EntityStatesReader implements EntitySource {
  private readonly table: string;

  constructor(private readonly db: SqlExecutor, schema: string) {
    this.table = `${assertSchemaName(schema)}.entity_states`;
  }

  async get<State>(kind: StreamKind, id: string): Promise<State | null> {
    const { rows } = await this.db.query<{ state: State }>(`SELECT state FROM ${this.table} WHERE kind = $1 AND id = $2`, [kind, id]);
    return rows[0]?.state ?? null;
  }

  async exists(kind: StreamKind, ids: string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM ${this.table} WHERE kind = $1 AND id = ANY($2::text[])`, [kind, ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Entities whose period overlaps [from, to); open periods overlap everything after their start. */
  async overlapping<State>(kind: StreamKind, from: string, to: string): Promise<EntityRow<State>[]> {
    const { rows } = await this.db.query<{ state: State; event_ids: string[] }>(
      `SELECT state, event_ids FROM ${this.table}
       WHERE kind = $1 AND (period_from IS NULL OR period_from < $3) AND (period_to IS NULL OR period_to > $2)
       ORDER BY period_from, id`,
      [kind, from, to],
    );
    return rows.map((r) => ({ state: r.state, eventIds: r.event_ids }));
  }

  async statesOverlapping<State>(kind: StreamKind, from: string, to: string): Promise<State[]> {
    // Sorted by the database, by byte (code point) order, which is code-unit order for the ids the
    // API accepts: 100,000 customers sorted here would hold the event loop for a noticeable moment.
    const { rows } = await this.db.query<{ state: State }>(
      `SELECT state FROM ${this.table}
       WHERE kind = $1 AND (period_from IS NULL OR period_from < $3) AND (period_to IS NULL OR period_to > $2)
       ORDER BY id COLLATE "C"`,
      [kind, from, to],
    );
    return rows.map((r) => r.state);
  }

  async getWithEvents<State>(kind: StreamKind, id: string): Promise<EntityRow<State> | null> {
    const { rows } = await this.db.query<{ state: State; event_ids: string[] }>(`SELECT state, event_ids FROM ${this.table} WHERE kind = $1 AND id = $2`, [kind, id]);
    return rows[0] ? { state: rows[0].state, eventIds: rows[0].event_ids } : null;
  }

  async many(kinds: StreamKind[], ids: string[]): Promise<{ kind: StreamKind; id: string; state: unknown }[]> {
    if (ids.length === 0 || kinds.length === 0) return [];
    const { rows } = await this.db.query<{ kind: StreamKind; id: string; state: unknown }>(
      `SELECT kind, id, state FROM ${this.table} WHERE kind = ANY($1::text[]) AND id = ANY($2::text[])`,
      [kinds, ids],
    );
    return rows;
  }

  async all<State>(kind: StreamKind): Promise<State[]> {
    const { rows } = await this.db.query<{ state: State }>(`SELECT state FROM ${this.table} WHERE kind = $1 ORDER BY id`, [kind]);
    return rows.map((r) => r.state);
  }

  async page<State>(
    kind: StreamKind,
    options: { offset: number; limit: number; from?: string; to?: string; open?: boolean; search?: { text: string; fields: string[] } },
  ): Promise<Page<State>> {
    const conditions = ['kind = $1'];
    const params: unknown[] = [kind];
    if (options.search) {
      // A substring, any case, of the id or of the named top-level fields of the state; the text's
      // own % and _ mean themselves.
      params.push(`%${options.search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const like = `$${params.length}`;
      const fields = options.search.fields.map((field) => {
        params.push(field);
        return `state->>$${params.length} ILIKE ${like}`;
      });
      conditions.push(`(${[`id ILIKE ${like}`, ...fields].join(' OR ')})`);
    }
    if (options.to) {
      params.push(options.to);
      conditions.push(`(period_from IS NULL OR period_from < $${params.length})`);
    }
    if (options.from) {
      params.push(options.from);
      conditions.push(`(period_to IS NULL OR period_to > $${params.length})`);
    }
    if (options.open !== undefined) conditions.push(options.open ? 'period_to IS NULL' : 'period_to IS NOT NULL');
    const where = conditions.join(' AND ');
    const count = await this.db.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${this.table} WHERE ${where}`, params);
    const { rows } = await this.db.query<{ state: State }>(
      `SELECT state FROM ${this.table} WHERE ${where} ORDER BY period_from DESC NULLS LAST, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, options.limit, options.offset],
    );
    return { items: rows.map((r) => r.state), total: Number(count.rows[0]!.total), offset: options.offset, limit: options.limit };
  }
}
