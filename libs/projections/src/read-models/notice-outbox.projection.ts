import { assertSchemaName, type RecordedEvent, type SqlExecutor } from '#event-store';
import type { Projection } from '../projection.js';

/** One notice email still to send: what the outbox processor works through, earliest due first. */
export interface OutboxEntry {
  messageId: string;
  maintenanceId: string;
  customerId: string;
  dueAt: string;
  attempts: number;
}

/** One change notice of a sub-processor still to send (R15). */
export interface ChangeOutboxEntry {
  messageId: string;
  subProcessorId: string;
  customerId: string;
  dueAt: string;
  attempts: number;
}

interface Planned {
  maintenanceId: string;
  plannedAt: string;
  recipients: { customerId: string; messageId: string }[];
}

/**
 * The notice emails no server has accepted or refused yet, folded from the maintenance events (and,
 * in a table of their own, the sub-processors' change notices, R15): a
 * planned email enters, a sent or failed one leaves, a deferred one waits until its next try, and a
 * moved or cancelled window takes its unsent emails out. Only events decide what is here, so a
 * rebuild gives the same rows, and an email whose acceptance was never recorded stays to be sent
 * again with its own Message-ID.
 */
export class NoticeOutboxProjection implements Projection {
  readonly name = 'notice-outbox';
  private readonly table: string;
  /** The sub-processors' change notices (R15), folded the same way from their events. */
  private readonly changes: string;

  constructor(schema: string) {
    this.table = `${assertSchemaName(schema)}.notice_outbox`;
    this.changes = `${assertSchemaName(schema)}.change_notice_outbox`;
  }

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      message_id text PRIMARY KEY,
      maintenance_id text NOT NULL,
      customer_id text NOT NULL,
      due_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0
    )`);
    await db.query(`CREATE INDEX IF NOT EXISTS notice_outbox_due ON ${this.table} (due_at)`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.changes} (
      message_id text PRIMARY KEY,
      sub_processor_id text NOT NULL,
      customer_id text NOT NULL,
      due_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0
    )`);
    await db.query(`CREATE INDEX IF NOT EXISTS change_notice_outbox_due ON ${this.changes} (due_at)`);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.table}`);
    await tx.query(`DELETE FROM ${this.changes}`);
  }

  async apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const data = event.data as Record<string, unknown>;
      switch (event.type) {
        case 'MaintenanceNoticesPlanned': {
          const planned = data as unknown as Planned;
          if (planned.recipients.length === 0) break;
          await tx.query(
            `INSERT INTO ${this.table} (message_id, maintenance_id, customer_id, due_at)
             SELECT m, $2, c, $3 FROM unnest($1::text[], $4::text[]) AS r(m, c) ON CONFLICT (message_id) DO NOTHING`,
            [planned.recipients.map((r) => r.messageId), planned.maintenanceId, planned.plannedAt, planned.recipients.map((r) => r.customerId)],
          );
          break;
        }
        case 'MaintenanceNoticeEmailSent':
        case 'MaintenanceNoticeEmailFailed':
          await tx.query(`DELETE FROM ${this.table} WHERE message_id = $1`, [data.messageId]);
          break;
        case 'MaintenanceNoticeEmailDeferred':
          await tx.query(`UPDATE ${this.table} SET due_at = $2, attempts = $3 WHERE message_id = $1`, [data.messageId, data.retryAt, data.attempts]);
          break;
        case 'MaintenanceRescheduled':
        case 'MaintenanceCancelled':
          await tx.query(`DELETE FROM ${this.table} WHERE maintenance_id = $1`, [data.maintenanceId]);
          break;
        case 'SubProcessorChangeNoticesPlanned': {
          const planned = data as unknown as { subProcessorId: string; plannedAt: string; recipients: { customerId: string; messageId: string }[] };
          if (planned.recipients.length === 0) break;
          await tx.query(
            `INSERT INTO ${this.changes} (message_id, sub_processor_id, customer_id, due_at)
             SELECT m, $2, c, $3 FROM unnest($1::text[], $4::text[]) AS r(m, c) ON CONFLICT (message_id) DO NOTHING`,
            [planned.recipients.map((r) => r.messageId), planned.subProcessorId, planned.plannedAt, planned.recipients.map((r) => r.customerId)],
          );
          break;
        }
        case 'SubProcessorChangeNoticeEmailSent':
        case 'SubProcessorChangeNoticeEmailFailed':
          await tx.query(`DELETE FROM ${this.changes} WHERE message_id = $1`, [data.messageId]);
          break;
        case 'SubProcessorChangeNoticeEmailDeferred':
          await tx.query(`UPDATE ${this.changes} SET due_at = $2, attempts = $3 WHERE message_id = $1`, [data.messageId, data.retryAt, data.attempts]);
          break;
        default:
          break;
      }
    }
  }
}

/** Reads what is due. */
export class NoticeOutboxReader {
  private readonly table: string;
  private readonly changes: string;

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
  ) {
    this.table = `${assertSchemaName(schema)}.notice_outbox`;
    this.changes = `${assertSchemaName(schema)}.change_notice_outbox`;
  }

  /** The sub-processors' change notices that are due, earliest first. */
  async dueChanges(now: string, limit: number): Promise<ChangeOutboxEntry[]> {
    const { rows } = await this.db.query<{ message_id: string; sub_processor_id: string; customer_id: string; due_at: Date | string; attempts: number }>(
      `SELECT message_id, sub_processor_id, customer_id, due_at, attempts FROM ${this.changes} WHERE due_at <= $1 ORDER BY due_at, message_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ messageId: r.message_id, subProcessorId: r.sub_processor_id, customerId: r.customer_id, dueAt: new Date(r.due_at).toISOString(), attempts: r.attempts }));
  }

  async due(now: string, limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.db.query<{ message_id: string; maintenance_id: string; customer_id: string; due_at: Date | string; attempts: number }>(
      `SELECT message_id, maintenance_id, customer_id, due_at, attempts FROM ${this.table} WHERE due_at <= $1 ORDER BY due_at, message_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ messageId: r.message_id, maintenanceId: r.maintenance_id, customerId: r.customer_id, dueAt: new Date(r.due_at).toISOString(), attempts: r.attempts }));
  }

  /** When the next entry falls due, or null when nothing waits. */
  async nextDue(): Promise<string | null> {
    const { rows } = await this.db.query<{ due_at: Date | string | null }>(
      `SELECT min(due_at) AS due_at FROM (SELECT due_at FROM ${this.table} UNION ALL SELECT due_at FROM ${this.changes}) AS due`,
    );
    const due = rows[0]?.due_at;
    return due ? new Date(due).toISOString() : null;
  }
}
