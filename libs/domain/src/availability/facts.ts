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

/** A voided outage (recorded in error) is an empty interval: it counts in no figure and reaches no one. */
export function outageFacts(outage: Outage, eventIds: string[]): OutageFacts {
  const startedAt = toEpochSeconds(outage.startedAt);
  return {
    id: outage.id,
    scope: outage.scope,
    impact: outage.impact,
    startedAt,
    endedAt: outage.voided ? startedAt : seconds(outage.endedAt),
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
    notices: maintenance.notices.map((n) => ({
      sentAt: toEpochSeconds(n.sentAt),
      customers: n.customers,
      inTime: n.inTime,
      ...(n.workingDays !== undefined && { workingDays: n.workingDays }),
      ...(n.source === 'email' && { email: true }),
    })),
    undelivered: (maintenance.emails ?? [])
      .filter((e) => e.method === 'REQUEST' && e.sequence === (maintenance.sequence ?? 0) && (e.status === 'pending' || e.status === 'failed'))
      .map((e) => ({ customerId: e.customerId, status: e.status as 'pending' | 'failed', reason: e.lastError })),
    eventIds,
  };
}

export function emergencyFacts(emergency: EmergencyMaintenance, eventIds: string[]): EmergencyMaintenanceFacts {
  const startedAt = toEpochSeconds(emergency.startedAt);
  // Voided (recorded in error): an empty interval, it excludes nothing.
  return { id: emergency.id, scope: emergency.scope, startedAt, endedAt: emergency.voided ? startedAt : seconds(emergency.endedAt), eventIds };
}
