/**
 * Business rules as a pure decider: `decide` turns a command and the current state into new
 * events (or refuses with a DomainError); `evolve` folds an event into the state. `now` arrives in
 * the command's context, never from a clock.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  decide(command: Command, state: State, context: CommandContext): Event[];
  evolve(state: State, event: Event): State;
}

export interface CommandContext {
  /** Record time of the command, from the caller's infrastructure. */
  now: string;
}

/** Event as stored: its type tag and payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export function foldEvents<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}
