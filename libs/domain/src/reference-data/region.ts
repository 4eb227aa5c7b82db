import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';

export interface Region {
  id: string;
  name: string;
  /** The infrastructure sub-processor that runs the region (R15). */
  provider: string | null;
}

export type RegionEvent = { type: 'RegionRegistered'; data: Region };
export type RegionCommand = { type: 'RegisterRegion'; region: Region };
export type RegionState = Region | null;

export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState> = {
  initialState: null,
  decide(command, state) {
    if (state) throw new DomainError('conflict', `region ${command.region.id} is already registered`, {}, 'already-exists');
    return [{ type: 'RegionRegistered', data: command.region }];
  },
  evolve(_state, event) {
    return event.data;
  },
};
