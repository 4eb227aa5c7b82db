import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { businessTimeOf, toUtc, type Decider, type DomainEvent } from '#domain';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '#event-store';
import { Metrics } from '../observability/metrics.js';
import { Consistency } from './consistency.js';
import { derivedUuid, nextId, type RequestMeta } from './request-meta.js';
import { EVENT_STORE } from './tokens.js';

export interface CommandOutcome<State> {
  state: State;
  /** Global position of the last event written (or already there when nothing was written). */
  position: bigint;
  written: number;
}

const MAX_ATTEMPTS = 5;

type EventIds = ((index: number) => string) & { derived: boolean };

/** Index of the last event an earlier run of the same request wrote to this stream, or -1. */
function earlierRun(recorded: readonly { id: string }[], eventId: EventIds): number {
  const first = recorded.findIndex((e) => e.id === eventId(0));
  if (first < 0) return -1;
  let last = first;
  while (last + 1 < recorded.length && recorded[last + 1]!.id === eventId(last + 1 - first)) last++;
  return last;
}

/**
 * The one way commands reach the store: read the stream, fold it, decide, append expecting the
 * revision that was read. Only a lost race is retried, with the state re-read, so the rules see
 * the winner's events (a second "end" of an outage is then refused by the rules as a conflict).
 */
@Injectable()
export class CommandRunner {
  private static readonly logger = new Logger('CommandRunner');
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly consistency: Consistency,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async run<Command, Event extends DomainEvent, State>(
    stream: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    meta: RequestMeta,
  ): Promise<CommandOutcome<State>> {
    const eventId = this.eventIds(stream, meta);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const recorded = await this.store.readStream(stream);
      const fold = (events: typeof recorded) => events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState);
      const earlier = eventId.derived ? earlierRun(recorded, eventId) : -1;
      if (earlier >= 0) {
        // This request ran before (its answer was lost to a crash or a failed write): its events
        // are the outcome, and the state is the one they made, whatever came after them.
        const upTo = recorded.slice(0, earlier + 1);
        this.consistency.recordWrite(recorded[earlier]!.position);
        return { state: fold(upTo), position: recorded[earlier]!.position, written: 0 };
      }
      const state = fold(recorded);
      // Kept to the second, like every instant the product stores (R1).
      const now = toUtc(new Date().toISOString());
      const events = decider.decide(command, state, { now });
      if (events.length === 0) {
        return { state, position: recorded.at(-1)?.position ?? 0n, written: 0 };
      }
      const expected = recorded.length === 0 ? 'no-stream' : recorded[recorded.length - 1]!.revision;
      try {
        const result = await this.store.append(stream, events.map((e, i) => this.envelope(e, eventId(i), meta, now)), expected);
        this.consistency.recordWrite(result.position);
        this.metrics?.eventsAppended(events.map((e) => e.type));
        CommandRunner.logger.debug(`${events.map((e) => e.type).join(', ')} appended to ${stream} at position ${result.position}`);
        return { state: events.reduce(decider.evolve, state), position: result.position, written: events.length };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConflictException({ detail: `${stream} is being changed by many writers at once; retry the request`, problem: 'concurrent-write' });
  }

  /**
   * The ids of the events one run of a command writes: random, or under an `Idempotency-Key`
   * derived from the key's seed, the stream and the run's number in the request, so that a rerun of
   * the request writes the same ids and finds what it wrote the first time.
   */
  private eventIds(stream: string, meta: RequestMeta): EventIds {
    if (!meta.idempotent) return Object.assign(() => randomUUID(), { derived: false as const });
    const run = nextId(meta, `events:${stream}`);
    return Object.assign((i: number) => derivedUuid(run, String(i)), { derived: true as const });
  }

  private envelope(event: DomainEvent, id: string, meta: RequestMeta, now: string): NewEvent {
    return {
      id,
      type: event.type,
      data: event.data,
      metadata: {
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        occurredAt: businessTimeOf(event) ?? now,
        schemaVersion: 1,
      },
    };
  }
}
