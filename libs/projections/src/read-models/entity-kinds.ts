import {
  billingDecider,
  customerDecider,
  DEFAULT_CALENDAR,
  emergencyMaintenanceDecider,
  maintenanceDecider,
  outageDecider,
  planDecider,
  regionDecider,
  subProcessorDecider,
  supportDecider,
  type EventOf,
  type StateOf,
  type StreamKind,
} from '#domain';

/** [from, to) of an entity, for month queries; `to` null while it is open. */
export interface EntityPeriod {
  from: string | null;
  to: string | null;
}

/** How the read model folds one kind of stream, with the domain's own `evolve`, and which period a state covers. */
export interface EntityKind<K extends StreamKind> {
  initialState: StateOf<K>;
  evolve(state: StateOf<K>, event: EventOf<K>): StateOf<K>;
  period(state: NonNullable<StateOf<K>>): EntityPeriod;
}

/** The folding table: each kind of stream with its own event and state types (the domain's registry). */
export type EntityKinds = { [K in StreamKind]?: EntityKind<K> };

/** A stored event as the folding table reads it. */
export interface StoredEvent {
  type: string;
  data: unknown;
}

/** One row of the table as the read models run it, on stored events whose types the store does not know. */
export interface StoredFold {
  initialState: unknown;
  evolve(state: unknown, event: StoredEvent): unknown;
  period(state: unknown): EntityPeriod;
}

/**
 * The row of the table for a kind of stream, or undefined when the read models do not fold it. The
 * one place where stored events meet the domain's types: the table is typed per kind, and a stream
 * holds only the events of its kind (each is appended through that kind's decider).
 */
export function foldOf(kinds: EntityKinds, kind: StreamKind): StoredFold | undefined {
  return kinds[kind] as StoredFold | undefined;
}

/** The state of one stream of `kind` from its stored events, as the read models fold it. */
export function foldStream<K extends StreamKind>(kind: K, events: readonly StoredEvent[]): StateOf<K> {
  const fold = foldOf(entityKinds, kind)!;
  return events.reduce((state, event) => fold.evolve(state, { type: event.type, data: event.data }), fold.initialState) as StateOf<K>;
}

const ALWAYS: EntityPeriod = { from: null, to: null };

// Folding needs no calendar: the notice policy only runs when deciding.
const maintenanceEvolve = maintenanceDecider(DEFAULT_CALENDAR).evolve;

/** Which streams the entity-states read model folds. */
export const entityKinds: Required<EntityKinds> = {
  outage: {
    initialState: outageDecider.initialState,
    evolve: outageDecider.evolve,
    // A voided outage that never ended no longer reaches into the months after its void.
    period: (outage) => ({ from: outage.startedAt, to: outage.endedAt ?? (outage.voided ? (outage.voidedAt ?? outage.startedAt) : null) }),
  },
  maintenance: {
    initialState: null,
    evolve: maintenanceEvolve,
    // A maintenance can count from its window or its actual run, whichever is wider.
    period: (m) => ({
      from: m.startedAt && m.startedAt < m.window.start ? m.startedAt : m.window.start,
      to: m.startedAt && !m.completedAt ? null : [m.window.end, m.completedAt ?? m.window.end].sort().at(-1)!,
    }),
  },
  emergencyMaintenance: {
    initialState: null,
    evolve: emergencyMaintenanceDecider.evolve,
    period: (e) => ({ from: e.startedAt, to: e.endedAt ?? (e.voided ? (e.voidedAt ?? e.startedAt) : null) }),
  },
  customer: {
    initialState: null,
    evolve: customerDecider.evolve,
    period: (c) => ({ from: c.activeFrom, to: c.offboardedAt }),
  },
  plan: { initialState: null, evolve: planDecider.evolve, period: () => ALWAYS },
  region: { initialState: null, evolve: regionDecider.evolve, period: () => ALWAYS },
  subProcessor: { initialState: null, evolve: subProcessorDecider.evolve, period: () => ALWAYS },
  billing: { initialState: null, evolve: billingDecider.evolve, period: () => ALWAYS },
  support: { initialState: null, evolve: supportDecider.evolve, period: () => ALWAYS },
};
