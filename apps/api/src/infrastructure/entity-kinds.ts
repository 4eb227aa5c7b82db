import {
  customerDecider,
  emergencyMaintenanceDecider,
  outageDecider,
  planDecider,
  regionDecider,
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
    period: (outage: Outage) => ({ from: outage.startedAt, to: outage.endedAt }),
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
    period: (e: EmergencyMaintenance) => ({ from: e.startedAt, to: e.endedAt }),
  },
  customer: {
    initialState: null,
    evolve: customerDecider.evolve as never,
    period: (c: Customer) => ({ from: c.activeFrom, to: c.offboardedAt }),
  },
  plan: { initialState: null, evolve: planDecider.evolve as never, period: () => ({ from: null, to: null }) },
  region: { initialState: null, evolve: regionDecider.evolve as never, period: () => ({ from: null, to: null }) },
  billing: { initialState: null, evolve: billingDecider.evolve as never, period: () => ({ from: null, to: null }) },
  support: { initialState: null, evolve: supportDecider.evolve as never, period: () => ({ from: null, to: null }) },
};
