/** How the client's errors reach callers of the port. */
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { DeletedStreamError, EventStoreUnavailableError } from '../errors.js';

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export function isUnreachable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    // Server-side commit timeout (gRPC ABORTED): the cluster could not acknowledge in time.
    error instanceof TimeoutError ||
    // The node lost leadership or shut down; the client reconnects on the next call.
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  // appendToStream first asks the server for its features and passes that call's gRPC error on
  // unconverted, so "nothing listens" reaches us as a plain ServiceError with code 14.
  const code = (error as { code?: unknown }).code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  return /^Failed to discover after \d+ attempts/.test(error.message);
}

/**
 * Unreachable-server errors become `EventStoreUnavailableError`; the rest pass through. A deadline
 * or server timeout on an append may fire after the server wrote the events; because event ids make
 * a retry with the same events idempotent, callers can still treat it as "retry later".
 */
export function toStoreError(error: unknown, stream?: string): unknown {
  if (error instanceof StreamDeletedError) {
    const name = stream ?? error.streamName;
    return new DeletedStreamError(name, `stream ${name} was deleted on the EventStoreDB server (a tombstone): it can never be read or written again`);
  }
  if (error instanceof EventStoreUnavailableError || !isUnreachable(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`EventStoreDB cannot be reached: ${detail}`, { cause: error });
}

/**
 * A subscription the server ended and asks the client to open again: "Consumer too slow ...
 * Client resubscription required." travels as ABORTED (RpcExceptions.Timeout), which the client
 * turns into its TimeoutError.
 */
export function isDroppedByServer(error: unknown): boolean {
  return error instanceof TimeoutError;
}
