import { randomUUID } from 'node:crypto';
import { businessTimeOf, type Decider } from '#domain';
import type { NewEvent } from '#event-store';

/**
 * Runs commands through a decider as the CommandRunner does (decide, then evolve), collecting the
 * envelopes it would append: one append per command, all recorded at `now`. For data sets built
 * without the HTTP API: benchmarks, projection tests.
 */
export class EntityWriter<Command, Event extends { type: string; data: unknown }, State> {
  private state: State;
  /** One list per command: the events one append would carry. */
  readonly appends: NewEvent[][] = [];

  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly now: string,
    private readonly actor: string,
  ) {
    this.state = decider.initialState;
  }

  run(command: Command): void {
    const events = this.decider.decide(command, this.state, { now: this.now });
    const correlationId = randomUUID();
    this.appends.push(
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { actor: this.actor, correlationId, causationId: null, occurredAt: businessTimeOf(event) ?? this.now, schemaVersion: 1 },
      })),
    );
    this.state = events.reduce(this.decider.evolve, this.state);
  }

  /** Every event so far, in order. */
  get events(): NewEvent[] {
    return this.appends.flat();
  }
}
