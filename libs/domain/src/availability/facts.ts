import type { Customer } from '../customers/customer.js';
import type { EmergencyMaintenance } from '../maintenance/emergency-maintenance.js';
import type { Maintenance } from '../maintenance/maintenance.js';
import type { Outage } from '../outages/outage.js';
import { toEpochSeconds } from '../shared/instant.js';
import type { CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, OutageFacts } from './model.js';

/** From the states the deciders fold (ISO instants) to the facts the rules compute on (seconds). */
const seconds = (iso: string | null) => (iso === null ? null : toEpochSeconds(iso));

export function customerFacts(customer: Customer): CustomerFacts {
  return {
    id: customer.id,
    subscriptions: [{ from: toEpochSeconds(customer.activeFrom), to: seconds(customer.offboardedAt) }],
    footprint: customer.footprint.map((f) => ({ from: toEpochSeconds(f.from), regions: f.regions })),
  };
}

export function outageFacts(outage: Outage, eventIds: string[]): OutageFacts {
  return {
    id: outage.id,
    scope: outage.scope,
    impact: outage.impact,
    startedAt: toEpochSeconds(outage.startedAt),
    endedAt: seconds(outage.endedAt),
    exclusion: outage.exclusion,
    eventIds,
  };
}

export function maintenanceFacts(maintenance: Maintenance, eventIds: string[]): MaintenanceFacts {
  return {
    id: maintenance.id,
    scope: maintenance.scope,
    window: { start: toEpochSeconds(maintenance.window.start), end: toEpochSeconds(maintenance.window.end) },
    startedAt: seconds(maintenance.startedAt),
    completedAt: seconds(maintenance.completedAt),
    cancelled: maintenance.cancelledAt !== null,
    acceptedAsDowntime: maintenance.acceptedAsDowntime,
    notices: maintenance.notices.map((n) => ({ sentAt: toEpochSeconds(n.sentAt), customers: n.customers })),
    eventIds,
  };
}

export function emergencyFacts(emergency: EmergencyMaintenance, eventIds: string[]): EmergencyMaintenanceFacts {
  return { id: emergency.id, scope: emergency.scope, startedAt: toEpochSeconds(emergency.startedAt), endedAt: seconds(emergency.endedAt), eventIds };
}
