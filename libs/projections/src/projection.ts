import type { RecordedEvent, SqlExecutor } from '#event-store';

/**
 * A read model fed from the event store. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so a batch is either wholly in the read model or not at all; events at or
 * below the checkpoint never reach it, which makes redelivery after a crash harmless.
 */
export interface Projection {
  readonly name: string;
  /** Creates its tables if missing (idempotent). */
  setup(db: SqlExecutor): Promise<void>;
  /** Empties its tables, for a rebuild from the first event. */
  reset(tx: SqlExecutor): Promise<void>;
  apply(tx: SqlExecutor, events: RecordedEvent[]): Promise<void>;
}
