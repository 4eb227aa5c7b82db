import { parseStream, type StreamKind } from '#domain';
import type { RecordedEvent } from '#event-store';
import { foldOf, type EntityKinds } from './entity-kinds.js';

export interface EntityRow<State> {
  state: State;
  /** Ids of the events that made this state, in order. */
  eventIds: string[];
}

/**
 * Where queries find entity states: the entity-states read model for the present, or states folded
 * in memory from the events recorded up to a past instant ("as of").
 */
export interface EntitySource {
  get<State>(kind: StreamKind, id: string): Promise<State | null>;
  /** Entities whose period overlaps [from, to) (ISO instants). */
  overlapping<State>(kind: StreamKind, from: string, to: string): Promise<EntityRow<State>[]>;
  /** The states alone of the entities whose period overlaps [from, to), by id (code units), as a month's list is. */
  statesOverlapping<State>(kind: StreamKind, from: string, to: string): Promise<State[]>;
  all<State>(kind: StreamKind): Promise<State[]>;
  /** The states of these ids for each of these kinds, in one go. */
  many(kinds: StreamKind[], ids: string[]): Promise<{ kind: StreamKind; id: string; state: unknown }[]>;
}

interface Folded {
  state: unknown;
  eventIds: string[];
  period: { from: string | null; to: string | null };
}

/** States folded in memory with the domain's own `evolve`, the way the read model folds them. */
export class InMemoryEntities implements EntitySource {
  private readonly byKind = new Map<StreamKind, Map<string, Folded>>();

  constructor(kinds: EntityKinds, events: RecordedEvent[]) {
    for (const event of events) {
      const stream = parseStream(event.stream);
      const kind = stream && foldOf(kinds, stream.kind);
      if (!stream || !kind) continue;
      const entities = this.byKind.get(stream.kind) ?? new Map<string, Folded>();
      this.byKind.set(stream.kind, entities);
      const current = entities.get(stream.id);
      const state = kind.evolve(current ? current.state : kind.initialState, { type: event.type, data: event.data });
      entities.set(stream.id, { state, eventIds: [...(current?.eventIds ?? []), event.id], period: state ? kind.period(state) : { from: null, to: null } });
    }
  }

  async get<State>(kind: StreamKind, id: string): Promise<State | null> {
    return (this.byKind.get(kind)?.get(id)?.state as State | undefined) ?? null;
  }

  async overlapping<State>(kind: StreamKind, from: string, to: string): Promise<EntityRow<State>[]> {
    const at = (iso: string) => Date.parse(iso);
    return [...(this.byKind.get(kind)?.values() ?? [])]
      .filter(({ state, period }) => state !== null && (period.from === null || at(period.from) < at(to)) && (period.to === null || at(period.to) > at(from)))
      .map(({ state, eventIds }) => ({ state: state as State, eventIds }));
  }

  async statesOverlapping<State>(kind: StreamKind, from: string, to: string): Promise<State[]> {
    const ids = (state: unknown) => (state as { id: string }).id;
    return (await this.overlapping<State>(kind, from, to)).map((row) => row.state).sort((a, b) => (ids(a) < ids(b) ? -1 : ids(a) > ids(b) ? 1 : 0));
  }

  async all<State>(kind: StreamKind): Promise<State[]> {
    return [...(this.byKind.get(kind)?.values() ?? [])].filter((f) => f.state !== null).map((f) => f.state as State);
  }

  async many(kinds: StreamKind[], ids: string[]) {
    return kinds.flatMap((kind) =>
      ids.flatMap((id) => {
        const folded = this.byKind.get(kind)?.get(id);
        return folded && folded.state !== null ? [{ kind, id, state: folded.state }] : [];
      }),
    );
  }
}
