/** Reading the client's streams within bounds, and grouping a subscription's events into batches. */
import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors.js';
import { toStoreError } from './store-errors.js';

const STOP = Symbol('stop');
const LULL = Symbol('lull');

/**
 * Groups what `source` yields into batches of at most `batchSize`, handing over a partial batch
 * once nothing more arrives for `lingerMs`. Ends when the source ends or `stopped` resolves (a
 * partial batch is then dropped: whoever stopped wants nothing more).
 */
export async function* batchEvents<T>(
  source: AsyncIterator<T>,
  options: { batchSize: number; lingerMs: number; stopped?: Promise<void> },
): AsyncGenerator<T[], void, undefined> {
  const stop = (options.stopped ?? new Promise<never>(() => undefined)).then((): typeof STOP => STOP);
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  try {
    for (;;) {
      if (!pending) {
        pending = source.next();
        // Once stopped, a read still in flight may reject; nobody is waiting for it any more.
        pending.catch(() => undefined);
      }
      let timer: NodeJS.Timeout | undefined;
      const contenders: Promise<IteratorResult<T> | typeof STOP | typeof LULL>[] = [stop, pending];
      if (batch.length > 0) {
        contenders.push(new Promise((resolve) => (timer = setTimeout(() => resolve(LULL), options.lingerMs))));
      }
      let next: IteratorResult<T> | typeof STOP | typeof LULL;
      try {
        next = await Promise.race(contenders);
      } finally {
        clearTimeout(timer);
      }
      if (next === STOP) return;
      if (next === LULL) {
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (next.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      batch.push(next.value);
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  } finally {
    void source.return?.()?.catch(() => undefined);
  }
}

/** The adapter gave up waiting: the server may still act on the call. */
export class StoreTimeoutError extends EventStoreUnavailableError {}

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(message())), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a bounded streaming result to its end within `timeoutMs`, handing each event to `visit`.
 * Always to the end: abandoning a read whose call the server has already completed leaves its
 * unread messages buffered in a paused gRPC stream that never ends, and `client.dispose()` then
 * waits for it forever (cancelling a completed call does nothing). So an error thrown by `visit`
 * is kept until the stream has ended, and only a timeout cancels the call.
 */
export async function consume<E>(read: StreamingRead<E>, timeoutMs: number, visit: (event: E) => void, stream?: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EventStoreUnavailableError(`EventStoreDB did not answer a read within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const visited: { failed: boolean; error?: unknown } = { failed: false };
  const iteration = (async () => {
    for await (const event of read) {
      if (visited.failed) continue;
      try {
        visit(event);
      } catch (error) {
        visited.failed = true;
        visited.error = error;
      }
    }
  })();
  iteration.catch(() => undefined);
  try {
    await Promise.race([iteration, timeout]);
  } catch (error) {
    void read.cancel().catch(() => undefined);
    throw toStoreError(error, stream);
  } finally {
    clearTimeout(timer);
  }
  if (visited.failed) throw visited.error;
}
