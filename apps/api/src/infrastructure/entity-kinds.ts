import { outageDecider, type Outage } from '#domain';
import type { EntityKinds } from '#projections';

/** Which streams the entity-states read model folds, with the domain's own `evolve`. */
export const entityKinds: EntityKinds = {
  outage: {
    initialState: outageDecider.initialState,
    evolve: outageDecider.evolve as never,
    period: (outage: Outage) => ({ from: outage.startedAt, to: outage.endedAt }),
  },
};
