import { describeEvent, parseStream, type Scope, type StreamKind } from '#domain';
import { assertSchemaName, type RecordedEvent, type SqlExecutor } from '#event-store';
import type { Projection } from '../projection.js';

/** Streams that belong to one customer: their events are always in that customer's timeline. */
const CUSTOMER_STREAMS: ReadonlySet<StreamKind> = new Set(['customer', 'billing', 'support']);
/** Streams whose events reach the customers in the incident's scope. */
const INCIDENT_STREAMS: ReadonlySet<StreamKind> = new Set(['outage', 'maintenance', 'emergencyMaintenance']);

/**
 * One row per event with a sentence a person can read, who did it, its business and record time,
 * and whom it touches: the customer of customer-owned streams, or the incident's scope (a notice
 * to named customers touches only them).
 */
export class TimelineProjection implements Projection {
  readonly name = 'timeline';
  private readonly schema: string;

  constructor(schema: string) {
    this.schema = assertSchemaName(schema);
  }

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.timeline (
      position bigint PRIMARY KEY,
      event_id uuid NOT NULL,
      kind text NOT NULL,
      entity_id text NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      actor text NOT NULL,
      summary text NOT NULL,
      customer_id text,
      scope jsonb,
      data jsonb NOT NULL
    )`);
    await db.query(`CREATE INDEX IF NOT EXISTS timeline_entity ON ${this.schema}.timeline (kind, entity_id, position)`);
    await db.query(`CREATE INDEX IF NOT EXISTS timeline_customer ON ${this.schema}.timeline (customer_id, position)`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.timeline_scopes (kind text NOT NULL, id text NOT NULL, scope jsonb NOT NULL, PRIMARY KEY (kind, id))`);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.schema}.timeline`);
    await tx.query(`DELETE FROM ${this.schema}.timeline_scopes`);
  }

  async apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    const rows: unknown[][] = [];
    const scopes = new Map<string, Scope>();
    const incidents = events.map((e) => parseStream(e.stream)).filter((p): p is NonNullable<typeof p> => p !== null && INCIDENT_STREAMS.has(p.kind));
    if (incidents.length > 0) {
      const { rows: known } = await tx.query<{ kind: string; id: string; scope: Scope }>(
        `SELECT kind, id, scope FROM ${this.schema}.timeline_scopes WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [incidents.map((p) => p.kind), incidents.map((p) => p.id)],
        { prepare: true },
      );
      for (const row of known) scopes.set(`${row.kind}/${row.id}`, row.scope);
    }
    const newScopes: [string, string, Scope][] = [];
    for (const event of events) {
      const stream = parseStream(event.stream);
      if (!stream) continue;
      const data = event.data as Record<string, unknown>;
      let scope: Scope | null = null;
      if (INCIDENT_STREAMS.has(stream.kind)) {
        const key = `${stream.kind}/${stream.id}`;
        if (data.scope) {
          scopes.set(key, data.scope as Scope);
          newScopes.push([stream.kind, stream.id, data.scope as Scope]);
        }
        scope =
          event.type === 'MaintenanceNoticeSent' && Array.isArray(data.customers)
            ? { kind: 'customers', customers: data.customers as string[] }
            : event.type.startsWith('MaintenanceNoticeEmail') && typeof data.customerId === 'string'
              ? { kind: 'customers', customers: [data.customerId] }
              : event.type === 'MaintenanceNoticesPlanned' && Array.isArray(data.recipients)
                ? { kind: 'customers', customers: (data.recipients as { customerId: string }[]).map((r) => r.customerId) }
                : (scopes.get(key) ?? null);
      }
      rows.push([
        event.position.toString(),
        event.id,
        stream.kind,
        stream.id,
        event.type,
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        event.metadata.actor,
        describeEvent(event.type, event.data),
        CUSTOMER_STREAMS.has(stream.kind) ? stream.id : null,
        scope ? JSON.stringify(scope) : null,
        JSON.stringify(event.data),
      ]);
    }
    if (newScopes.length > 0) {
      await tx.query(
        `INSERT INTO ${this.schema}.timeline_scopes (kind, id, scope) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
         ON CONFLICT (kind, id) DO UPDATE SET scope = EXCLUDED.scope`,
        [newScopes.map((s) => s[0]), newScopes.map((s) => s[1]), newScopes.map((s) => JSON.stringify(s[2]))],
        { prepare: true },
      );
    }
    if (rows.length === 0) return;
    const column = (k: number) => rows.map((r) => r[k]);
    await tx.query(
      `INSERT INTO ${this.schema}.timeline (position, event_id, kind, entity_id, type, occurred_at, recorded_at, actor, summary, customer_id, scope, data)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::jsonb[])
       ON CONFLICT (position) DO NOTHING`,
      Array.from({ length: 12 }, (_, k) => column(k)),
      { prepare: true },
    );
  }
}
