import type { ExpectedRevision } from './port.js';

/** A writer lost a race: the stream moved since it was read. Callers retry or report a conflict. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** The store cannot be reached. A write may or may not have happened (a commit can outlive its answer): retry with the same event ids. */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An append reused event ids of another stream or of different events. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly stream: string, readonly eventId: string) {
    super(`event ${eventId} already exists and is not the same append to ${stream}`);
  }
}

/**
 * The stream's history is gone or renumbered by someone outside the application: deleted
 * (tombstoned or soft-deleted and written again) or truncated on the server. SLA Ledger never
 * deletes events, so this needs an operator; retrying cannot help.
 */
export class DeletedStreamError extends Error {
  override readonly name = 'DeletedStreamError';
  constructor(
    readonly stream: string,
    message: string,
  ) {
    super(message);
  }
}
