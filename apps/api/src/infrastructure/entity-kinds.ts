import {
  customerDecider,
  emergencyMaintenanceDecider,
  outageDecider,
  planDecider,
  regionDecider,
  subProcessorDecider,
  maintenanceDecider,
  billingDecider,
  supportDecider,
  DEFAULT_CALENDAR,
  type Customer,
  type EmergencyMaintenance,
  type Maintenance,
  type Outage,
} from '#domain';
import type { EntityKinds } from '#projections';

// Folding needs no calendar: the notice policy only runs when deciding.
const maintenanceEvolve = maintenanceDecider(DEFAULT_CALENDAR).evolve;

/** Which streams the entity-states read model folds, with the domain's own `evolve`. */
export const entityKinds: EntityKinds = {
  outage: {
    initialState: outageDecider.initialState,
    evolve: outageDecider.evolve as never,
    // A voided outage that never ended no longer reaches into the months after its void.
    period: (outage: Outage) => ({ from: outage.startedAt, to: outage.endedAt ?? (outage.voided ? (outage.voidedAt ?? outage.startedAt) : null) }),
  },
  maintenance: {
    initialState: null,
    evolve: maintenanceEvolve as never,
    // A maintenance can count from its window or its actual run, whichever is wider.
    period: (m: Maintenance) => ({
      from: m.startedAt && m.startedAt < m.window.start ? m.startedAt : m.window.start,
      to: m.startedAt && !m.completedAt ? null : [m.window.end, m.completedAt ?? m.window.end].sort().at(-1)!,
    }),
  },
  emergencyMaintenance: {
    initialState: null,
    evolve: emergencyMaintenanceDecider.evolve as never,
    period: (e: EmergencyMaintenance) => ({ from: e.startedAt, to: e.endedAt ?? (e.voided ? (e.voidedAt ?? e.startedAt) : null) }),
  },
  customer: {
    initialState: null,
    evolve: customerDecider.evolve as never,
    period: (c: Customer) => ({ from: c.activeFrom, to: c.offboardedAt }),
  },
  plan: { initialState: null, evolve: planDecider.evolve as never, period: () => ({ from: null, to: null }) },
  region: { initialState: null, evolve: regionDecider.evolve as never, period: () => ({ from: null, to: null }) },
  subProcessor: { initialState: null, evolve: subProcessorDecider.evolve as never, period: () => ({ from: null, to: null }) },
  billing: { initialState: null, evolve: billingDecider.evolve as never, period: () => ({ from: null, to: null }) },
  support: { initialState: null, evolve: supportDecider.evolve as never, period: () => ({ from: null, to: null }) },
};
