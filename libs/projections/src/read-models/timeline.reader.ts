import { assertSchemaName, type SqlExecutor } from '#event-store';
import type { Page } from './entity-states.reader.js';

export interface TimelineEntry {
  position: string;
  eventId: string;
  kind: string;
  entityId: string;
  type: string;
  /** Business time: when it happened, as the caller said. */
  occurredAt: string;
  /** Record time: when the store kept it. */
  recordedAt: string;
  actor: string;
  summary: string;
  data: unknown;
}

export interface TimelineFilter {
  /** Business-time period [from, to). */
  from?: string;
  to?: string;
  /** Only events recorded up to this instant. */
  asOf?: string;
  /** Only events recorded after this instant. */
  recordedAfter?: string;
  kinds?: string[];
  offset: number;
  limit: number;
}

interface Row {
  position: string;
  event_id: string;
  kind: string;
  entity_id: string;
  type: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  actor: string;
  summary: string;
  data: unknown;
}

const iso = (value: Date | string) => new Date(value).toISOString().replace('.000Z', 'Z');

/** Timelines of a customer or of one outage or maintenance, in the store's order. */
export class TimelineReader {
  private readonly table: string;

  constructor(private readonly db: SqlExecutor, schema: string) {
    this.table = `${assertSchemaName(schema)}.timeline`;
  }

  /**
   * Events of the customer's own streams, and of incidents whose scope reached it: the platform,
   * the customer by name, or a region it has run in, from its subscription on.
   */
  forCustomer(customerId: string, regions: string[], activeFrom: string, filter: TimelineFilter): Promise<Page<TimelineEntry>> {
    return this.page(
      `(customer_id = $1 OR (scope IS NOT NULL AND occurred_at >= $3 AND (
          scope->>'kind' = 'platform'
          OR (scope->>'kind' = 'customers' AND scope->'customers' ? $1)
          OR (scope->>'kind' = 'regions' AND scope->'regions' ?| $2::text[]))))`,
      [customerId, regions, activeFrom],
      filter,
    );
  }

  forEntity(kind: string, id: string, filter: TimelineFilter): Promise<Page<TimelineEntry>> {
    return this.page('kind = $1 AND entity_id = $2', [kind, id], filter);
  }

  private async page(where: string, params: unknown[], filter: TimelineFilter): Promise<Page<TimelineEntry>> {
    const conditions = [where];
    const values = [...params];
    const add = (sql: (n: number) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(values.length));
    };
    if (filter.from) add((n) => `occurred_at >= $${n}`, filter.from);
    if (filter.to) add((n) => `occurred_at < $${n}`, filter.to);
    if (filter.asOf) add((n) => `recorded_at <= $${n}`, filter.asOf);
    if (filter.recordedAfter) add((n) => `recorded_at > $${n}`, filter.recordedAfter);
    if (filter.kinds?.length) add((n) => `kind = ANY($${n}::text[])`, filter.kinds);
    const clause = conditions.join(' AND ');
    const total = await this.db.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${this.table} WHERE ${clause}`, values);
    const { rows } = await this.db.query<Row>(
      `SELECT position::text AS position, event_id, kind, entity_id, type, occurred_at, recorded_at, actor, summary, data
       FROM ${this.table} t WHERE ${clause} ORDER BY t.position LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.limit, filter.offset],
    );
    return {
      items: rows.map((r) => ({
        position: r.position,
        eventId: r.event_id,
        kind: r.kind,
        entityId: r.entity_id,
        type: r.type,
        occurredAt: iso(r.occurred_at),
        recordedAt: new Date(r.recorded_at).toISOString(),
        actor: r.actor,
        summary: r.summary,
        data: r.data,
      })),
      total: Number(total.rows[0]!.total),
      offset: filter.offset,
      limit: filter.limit,
    };
  }
}
