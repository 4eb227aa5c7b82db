import type { EventEmitter } from 'node:events';
import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from './port.js';

/**
 * Catch-up by reading `$all` in batches; once caught up, it waits for the store's in-process
 * "append" signal, or the poll interval for writers in other processes, and reads again.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  /** An append signalled while a read was in flight: read again before waiting. */
  private pending = false;
  private readonly onSignal = () => {
    if (this.wake) this.wake();
    else this.pending = true;
  };

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly options: SubscribeOptions,
    private readonly signals: EventEmitter,
    private readonly pollIntervalMs: number,
  ) {
    signals.on('append', this.onSignal);
    signals.on('close', () => void this.stop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signals.off('append', this.onSignal);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    let position = this.options.from;
    const batchSize = this.options.batchSize ?? 500;
    let prefetched: Promise<RecordedEvent[]> | null = null;
    // An append signalled after a read started may be missing from it: `pending` is cleared as
    // each read starts (the prefetch included), so such a signal makes the loop read again.
    const read = (after: bigint | null) => {
      this.pending = false;
      return this.store.readAll(after, batchSize);
    };
    while (!this.stopped) {
      const batch = await (prefetched ?? read(position));
      prefetched = null;
      if (this.stopped) return;
      if (batch.length > 0) {
        position = batch[batch.length - 1]!.position;
        const full = batch.length === batchSize;
        if (full) {
          // More is probably waiting: read it while the consumer works on this batch. Its failure
          // surfaces when awaited; until then it must not count as unhandled.
          prefetched = read(position);
          prefetched.catch(() => undefined);
        }
        yield batch;
        if (full) continue;
      }
      if (this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        let signalled = false;
        const self = this;
        function done() {
          if (signalled) return;
          signalled = true;
          clearTimeout(timer);
          self.wake = null;
          resolve();
        }
        this.wake = done;
      });
    }
  }
}
