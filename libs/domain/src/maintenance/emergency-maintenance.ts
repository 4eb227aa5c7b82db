import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, type Iso } from '../shared/instant.js';
import type { Scope } from '../shared/scope.js';
import { notInFuture } from '../shared/facts-in-the-past.js';

/** Emergency maintenance needs no notice and is excluded from Down Time for its whole duration (R6). */
export interface EmergencyMaintenance {
  id: string;
  scope: Scope;
  reason: string;
  startedAt: Iso;
  endedAt: Iso | null;
  /** Recorded in error and voided: it excludes nothing from `voidedAt` (record time) on. */
  voided?: boolean;
  voidReason?: string | null;
  voidedAt?: Iso | null;
}

function refuseVoided(state: EmergencyMaintenance): void {
  if (state.voided) throw new DomainError('conflict', `emergency maintenance ${state.id} was voided at ${state.voidedAt}: ${state.voidReason}; it can no longer change`, {}, 'already-voided');
}

export type EmergencyMaintenanceEvent =
  | { type: 'EmergencyMaintenanceStarted'; data: { emergencyId: string; scope: Scope; reason: string; startedAt: Iso } }
  | { type: 'EmergencyMaintenanceEnded'; data: { emergencyId: string; endedAt: Iso } }
  | { type: 'EmergencyMaintenanceVoided'; data: { emergencyId: string; reason: string; voidedAt: Iso } };

export type EmergencyMaintenanceCommand =
  | { type: 'StartEmergencyMaintenance'; emergencyId: string; scope: Scope; reason: string; startedAt: Iso }
  | { type: 'EndEmergencyMaintenance'; emergencyId: string; endedAt: Iso }
  | { type: 'VoidEmergencyMaintenance'; emergencyId: string; reason: string };

export type EmergencyMaintenanceState = EmergencyMaintenance | null;


export const emergencyMaintenanceDecider: Decider<EmergencyMaintenanceCommand, EmergencyMaintenanceEvent, EmergencyMaintenanceState> = {
  initialState: null,
  decide(command, state, context) {
    switch (command.type) {
      case 'StartEmergencyMaintenance': {
        if (state) throw new DomainError('conflict', `emergency maintenance ${command.emergencyId} already exists`, {}, 'already-exists');
        notInFuture('startedAt', command.startedAt, context);
        const { type: _type, ...data } = command;
        return [{ type: 'EmergencyMaintenanceStarted', data }];
      }
      case 'EndEmergencyMaintenance': {
        if (!state) throw new DomainError('not-found', `emergency maintenance ${command.emergencyId} does not exist`);
        refuseVoided(state);
        if (state.endedAt) throw new DomainError('conflict', `emergency maintenance ${state.id} already ended at ${state.endedAt}`, {}, 'already-ended');
        if (!isAfter(command.endedAt, state.startedAt)) throw new DomainError('rejected', `endedAt ${command.endedAt} must be after the start ${state.startedAt}`, {}, 'end-before-start');
        notInFuture('endedAt', command.endedAt, context);
        return [{ type: 'EmergencyMaintenanceEnded', data: { emergencyId: state.id, endedAt: command.endedAt } }];
      }
      case 'VoidEmergencyMaintenance': {
        if (!state) throw new DomainError('not-found', `emergency maintenance ${command.emergencyId} does not exist`);
        refuseVoided(state);
        return [{ type: 'EmergencyMaintenanceVoided', data: { emergencyId: state.id, reason: command.reason, voidedAt: context.now } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'EmergencyMaintenanceStarted':
        return { id: event.data.emergencyId, scope: event.data.scope, reason: event.data.reason, startedAt: event.data.startedAt, endedAt: null };
      case 'EmergencyMaintenanceEnded':
        return state && { ...state, endedAt: event.data.endedAt };
      case 'EmergencyMaintenanceVoided':
        return state && { ...state, voided: true, voidReason: event.data.reason, voidedAt: event.data.voidedAt };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
};
