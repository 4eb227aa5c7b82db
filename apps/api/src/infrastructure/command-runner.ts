import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, Optional } from '@nestjs/common';
import { businessTimeOf, toUtc, type Decider, type DomainEvent } from '#domain';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '#event-store';
import { Metrics } from '../observability/metrics.js';
import { Consistency } from './consistency.js';
import type { RequestMeta } from './request-meta.js';
import { EVENT_STORE } from './tokens.js';

export interface CommandOutcome<State> {
  state: State;
  /** Global position of the last event written (or already there when nothing was written). */
  position: bigint;
  written: number;
}

const MAX_ATTEMPTS = 5;

/**
 * The one way commands reach the store: read the stream, fold it, decide, append expecting the
 * revision that was read. Only a lost race is retried, with the state re-read, so the rules see
 * the winner's events (a second "end" of an outage is then refused by the rules as a conflict).
 */
@Injectable()
export class CommandRunner {
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
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const recorded = await this.store.readStream(stream);
      const state = recorded.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState);
      // Kept to the second, like every instant the product stores (R1).
      const now = toUtc(new Date().toISOString());
      const events = decider.decide(command, state, { now });
      if (events.length === 0) {
        return { state, position: recorded.at(-1)?.position ?? 0n, written: 0 };
      }
      const expected = recorded.length === 0 ? 'no-stream' : recorded[recorded.length - 1]!.revision;
      try {
        const result = await this.store.append(stream, events.map((e) => this.envelope(e, meta, now)), expected);
        this.consistency.recordWrite(result.position);
        this.metrics?.eventsAppended(events.map((e) => e.type));
        return { state: events.reduce(decider.evolve, state), position: result.position, written: events.length };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConflictException(`${stream} is being changed by many writers at once; retry the request`);
  }

  private envelope(event: DomainEvent, meta: RequestMeta, now: string): NewEvent {
    return {
      id: randomUUID(),
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
