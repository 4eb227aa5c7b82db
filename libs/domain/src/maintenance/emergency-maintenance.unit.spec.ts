import { describe, it } from '@jest/globals';
import { specFor } from '../testing/decider-spec.js';
import { emergencyMaintenanceDecider, type EmergencyMaintenanceEvent } from './emergency-maintenance.js';

const spec = specFor(emergencyMaintenanceDecider, { now: '2026-10-28T00:00:00Z' });
const fra = { kind: 'regions' as const, regions: ['fra'] };
const started: EmergencyMaintenanceEvent = {
  type: 'EmergencyMaintenanceStarted',
  data: { emergencyId: 'e1', scope: fra, reason: 'critical security patch', startedAt: '2026-10-27T02:00:00Z' },
};
const ended: EmergencyMaintenanceEvent = { type: 'EmergencyMaintenanceEnded', data: { emergencyId: 'e1', endedAt: '2026-10-27T02:45:00Z' } };
const end = (endedAt: string) => ({ type: 'EndEmergencyMaintenance' as const, emergencyId: 'e1', endedAt });

describe('emergency maintenance rules', () => {
  it('starts one with no notice at all', () => {
    spec([]).when({ type: 'StartEmergencyMaintenance', ...started.data }).then([started]);
  });

  it('refuses to start the same one twice, or one that starts in the future', () => {
    spec([started]).when({ type: 'StartEmergencyMaintenance', ...started.data }).thenRefused('conflict', /e1 already exists/);
    spec([]).when({ type: 'StartEmergencyMaintenance', ...started.data, startedAt: '2026-10-28T00:00:01Z' }).thenRefused('rejected', /startedAt .* is in the future/);
  });

  it('voids one recorded in error, at the record time; a second void or a later end is refused', () => {
    const voided: EmergencyMaintenanceEvent = { type: 'EmergencyMaintenanceVoided', data: { emergencyId: 'e1', reason: 'wrong region', voidedAt: '2026-10-28T00:00:00Z' } };
    spec([started, ended]).when({ type: 'VoidEmergencyMaintenance', emergencyId: 'e1', reason: 'wrong region' }).then([voided]);
    spec([started, voided]).when({ type: 'VoidEmergencyMaintenance', emergencyId: 'e1', reason: 'again' }).thenRefused('conflict', /e1 was voided at 2026-10-28T00:00:00Z: wrong region/);
    spec([started, voided]).when(end('2026-10-27T02:45:00Z')).thenRefused('conflict', /voided/);
    spec([]).when({ type: 'VoidEmergencyMaintenance', emergencyId: 'e1', reason: 'x' }).thenRefused('not-found', /does not exist/);
  });

  it('ends an ongoing one', () => {
    spec([started]).when(end('2026-10-27T02:45:00Z')).then([ended]);
  });

  it('refuses to end an unknown one, twice, at or before its start, or in the future', () => {
    spec([]).when(end('2026-10-27T02:45:00Z')).thenRefused('not-found', /e1 does not exist/);
    spec([started, ended]).when(end('2026-10-27T03:00:00Z')).thenRefused('conflict', /already ended at 2026-10-27T02:45:00Z/);
    spec([started]).when(end('2026-10-27T02:00:00Z')).thenRefused('rejected', /must be after the start/);
    spec([started]).when(end('2026-10-27T01:00:00Z')).thenRefused('rejected', /must be after the start/);
    spec([started]).when(end('2026-10-29T00:00:00Z')).thenRefused('rejected', /in the future/);
  });
});
