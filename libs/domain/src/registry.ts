import type { BillingEvent, BillingState } from './credits/billing.js';
import type { CustomerEvent, CustomerState } from './customers/customer.js';
import type { EmergencyMaintenanceEvent, EmergencyMaintenanceState } from './maintenance/emergency-maintenance.js';
import type { MaintenanceEvent, MaintenanceState } from './maintenance/maintenance.js';
import type { OutageEvent, OutageState } from './outages/outage.js';
import type { PlanEvent, PlanState } from './reference-data/plan.js';
import type { RegionEvent, RegionState } from './reference-data/region.js';
import type { StreamKind } from './streams.js';
import type { SubProcessorEvent, SubProcessorState } from './sub-processors/sub-processor.js';
import type { SupportEvent, SupportState } from './support/failure-reports.js';

/**
 * Every kind of stream with the events it holds and the state they fold into: the one list that
 * folding tables, timeline sentences and readers are checked against by the compiler. A new kind
 * of stream or a new event that one of them does not handle is a compile error, not a silent gap.
 */
export interface StreamTypes {
  outage: { event: OutageEvent; state: OutageState };
  maintenance: { event: MaintenanceEvent; state: MaintenanceState };
  emergencyMaintenance: { event: EmergencyMaintenanceEvent; state: EmergencyMaintenanceState };
  customer: { event: CustomerEvent; state: CustomerState };
  plan: { event: PlanEvent; state: PlanState };
  region: { event: RegionEvent; state: RegionState };
  subProcessor: { event: SubProcessorEvent; state: SubProcessorState };
  billing: { event: BillingEvent; state: BillingState };
  support: { event: SupportEvent; state: SupportState };
}

/** The events of one kind of stream. */
export type EventOf<K extends StreamKind> = StreamTypes[K]['event'];
/** The state one kind of stream folds into (null before its first event). */
export type StateOf<K extends StreamKind> = StreamTypes[K]['state'];
/** Any event this product records. */
export type AnyDomainEvent = EventOf<StreamKind>;
/** The type tag of any event this product records. */
export type DomainEventType = AnyDomainEvent['type'];
/** The payload of the events of one type. */
export type EventData<T extends DomainEventType> = Extract<AnyDomainEvent, { type: T }>['data'];

// The registry and the stream names list the same kinds: neither can gain one alone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const registryListsEveryStreamKind: Same<keyof StreamTypes, StreamKind> = true;
void registryListsEveryStreamKind;
