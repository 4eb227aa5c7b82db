/** A catch-up subscription to `$all`, filtered to SLA Ledger's streams, in batches. */
import type { AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../port.js';
import { isOwnEvent, ownEventsFilter, toReadPosition, toRecordedEvent } from './mapping.js';
import { isDroppedByServer, toStoreError } from './store-errors.js';
import { batchEvents } from './streaming.js';

/** Resubscriptions in a row, with no event delivered in between, before the drop is reported. */
const MAX_RESUBSCRIPTIONS = 5;

export class EsdbSubscription implements Subscription {
  #stopped = false;
  #resolveStop!: () => void;
  readonly #stop = new Promise<void>((resolve) => (this.#resolveStop = resolve));
  #live: AllStreamSubscription | undefined;
  #iterator: AsyncGenerator<RecordedEvent[], void, undefined> | undefined;

  constructor(
    private readonly client: () => EventStoreDBClient,
    private readonly from: bigint | null,
    private readonly batchSize: number,
    private readonly lingerMs: number,
    private readonly onStop: (subscription: EsdbSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#resolveStop();
    this.onStop(this);
    await this.#close();
  }

  async #close(): Promise<void> {
    const live = this.#live;
    this.#live = undefined;
    if (live) {
      await live.unsubscribe().catch(() => undefined);
      live.destroy();
    }
  }

  async *#run(): AsyncGenerator<RecordedEvent[], void, undefined> {
    // The checkpoint: the position of the last event handed over. A subscription the server drops
    // ("consumer too slow", Enumerators.AllSubscriptionFiltered.cs) opens again from there, so
    // nothing handed over is repeated and nothing after it is lost.
    let checkpoint = this.from;
    let drops = 0;
    try {
      while (!this.#stopped) {
        // Subscribing only when iteration starts: an error emitted before anyone listens would
        // otherwise be an unhandled 'error' event and take the process down.
        const live = this.client().subscribeToAll({
          // Exclusive: the server starts after this position (see the note on positions).
          fromPosition: toReadPosition(checkpoint),
          filter: ownEventsFilter(),
        });
        this.#live = live;
        // Errors still reach the iterator below; this keeps a late one (after stop) from crashing.
        live.on('error', () => undefined);
        try {
          for await (const batch of batchEvents(this.#ownEvents(live), {
            batchSize: this.batchSize,
            lingerMs: this.lingerMs,
            stopped: this.#stop,
          })) {
            yield batch;
            checkpoint = batch[batch.length - 1]!.position;
            drops = 0;
          }
          return;
        } catch (error) {
          if (this.#stopped) return;
          if (!isDroppedByServer(error) || drops >= MAX_RESUBSCRIPTIONS) throw toStoreError(error);
          drops += 1;
          await this.#close();
        }
      }
    } finally {
      await this.stop();
    }
  }

  async *#ownEvents(live: AllStreamSubscription): AsyncGenerator<RecordedEvent, void, undefined> {
    for await (const resolved of live) {
      if (resolved.event && isOwnEvent(resolved.event)) yield toRecordedEvent(resolved);
    }
  }
}
