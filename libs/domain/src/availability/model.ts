import type { CalendarConfig } from '../time/calendar.js';
import type { EpochSeconds, Interval } from '../time/intervals.js';

/**
 * The facts the Availability Rate is computed from, as the read model folds them from events, and
 * the report it produces. Facts carry the ids of the events they came from so that every figure of
 * the report can be traced back to what was recorded.
 */

export { EXCLUSION_CAUSES, isExclusionCause, type ExclusionCause, type Scope } from '../shared/scope.js';
import type { ExclusionCause, Scope } from '../shared/scope.js';

export interface CustomerFacts {
  id: string;
  subscriptions: { from: EpochSeconds; to: EpochSeconds | null }[];
  /** Sorted by `from`; each entry holds until the next one. */
  footprint: { from: EpochSeconds; regions: string[] }[];
}

export interface OutageFacts {
  id: string;
  scope: Scope;
  impact: 'unavailable' | 'degraded';
  startedAt: EpochSeconds;
  endedAt: EpochSeconds | null;
  exclusion: ExclusionCause | null;
  eventIds: string[];
}

export interface MaintenanceFacts {
  id: string;
  scope: Scope;
  window: Interval;
  startedAt: EpochSeconds | null;
  completedAt: EpochSeconds | null;
  cancelled: boolean;
  acceptedAsDowntime: boolean;
  /**
   * Notices for the CURRENT window only; `customers` null = every customer in scope at `sentAt`.
   * `inTime` is the judgement made when the notice was sent, under the calendar then in force (R8):
   * it is never judged again, so a later change of calendar leaves past notices as they were.
   */
  notices: MaintenanceNoticeFacts[];
  /** Notice emails of the current window that no server accepted (yet): why those customers were not notified. */
  undelivered?: { customerId: string; status: 'pending' | 'failed'; reason: string | null }[];
  eventIds: string[];
}

export interface MaintenanceNoticeFacts {
  sentAt: EpochSeconds;
  customers: string[] | null;
  inTime: boolean;
  /** Full working days it left, when known. */
  workingDays?: number;
  /** Sent by the product: the instant is when the mail server accepted it. */
  email?: boolean;
}

export interface EmergencyMaintenanceFacts {
  id: string;
  scope: Scope;
  startedAt: EpochSeconds;
  endedAt: EpochSeconds | null;
  eventIds: string[];
}

export interface AvailabilityInput {
  month: string;
  customer: CustomerFacts;
  /** Decimal percent, e.g. "99.9". */
  target: string;
  outages: OutageFacts[];
  maintenances: MaintenanceFacts[];
  emergencies: EmergencyMaintenanceFacts[];
  now: EpochSeconds;
  calendar: CalendarConfig;
}

/** The kind of stream a source comes from, spelled as the stream kinds are (`StreamKind`); the HTTP answers spell the last one `emergency-maintenance`. */
export type SourceKind = 'outage' | 'maintenance' | 'emergencyMaintenance';

export interface ReportSource {
  kind: SourceKind;
  id: string;
  eventIds: string[];
  /** Why this source is treated as it is over the segment, in words a customer can read. */
  note: string;
}

export type Treatment = 'downtime' | 'excluded-scheduled-maintenance' | 'excluded-emergency-maintenance' | 'excluded-cause';

export interface ReportInterval {
  start: EpochSeconds;
  end: EpochSeconds;
  seconds: number;
  treatment: Treatment;
  /** Every source covering the whole segment, whether or not it decided its treatment. */
  sources: ReportSource[];
}

export interface ExcludedBreakdown {
  scheduledMaintenance: number;
  emergencyMaintenance: number;
  exclusions: number;
}

export interface AvailabilityReport {
  customerId: string;
  month: string;
  coveragePeriodSeconds: number;
  downtimeSeconds: number;
  coveragePeriodMinutes: number;
  downtimeMinutes: number;
  excludedSeconds: ExcludedBreakdown;
  excludedMinutes: ExcludedBreakdown;
  /** AR with exactly 4 decimals, rounded half up; null when the customer had no Coverage Period. */
  availabilityRate: string | null;
  target: string;
  belowTarget: boolean;
  ongoing: boolean;
  /** Outages that made some of the Down Time: a Service Failure report about one of them is about this month. */
  downtimeOutageIds: string[];
  /** Disjoint segments sorted by start; the downtime ones add up to `downtimeSeconds`. */
  intervals: ReportInterval[];
}
