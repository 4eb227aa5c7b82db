import type { DomainEventType, EventData } from '../registry.js';
import { formatMoney } from '../shared/money.js';
import { describeScope } from '../shared/scope.js';

const window = (w: { start: string; end: string }) => `${w.start} – ${w.end}`;

/** A sentence for every event the product records: an event without one does not compile. */
const SENTENCES: { [T in DomainEventType]: (d: EventData<T>) => string } = {
  PlanDefined: (d) => `Plan ${d.id} defined: target ${d.availabilityTarget} %, credit policy ${d.creditPolicy.kind}.`,
  RegionRegistered: (d) => `Region ${d.id} (${d.name}) registered${d.provider ? `, run by ${d.provider}` : ''}.`,
  SubProcessorRegistered: (d) => `Sub-processor ${d.subProcessorId} (${d.legalName}, ${d.type}) registered from ${d.effectiveAt}: ${d.purpose}.`,
  SubProcessorChanged: (d) => `Sub-processor ${d.subProcessorId} changed from ${d.effectiveAt} (${Object.keys(d.changes).join(', ')}): ${d.reason}.`,
  SubProcessorRetired: (d) => `Sub-processor ${d.subProcessorId} retired from ${d.effectiveAt}: ${d.reason}.`,
  SubProcessorChangeNoticesPlanned: (d) =>
    `Change of sub-processor ${d.subProcessorId} to be emailed to ${d.recipients.map((r) => r.customerId).join(', ')}; they may object until ${d.objectionUntil}.`,
  SubProcessorChangeNoticeEmailSent: (d) => `Change notice ${d.messageId} of sub-processor ${d.subProcessorId} accepted for ${d.customerId} at ${d.sentAt} (${d.response}).`,
  SubProcessorChangeNoticeEmailFailed: (d) => `Change notice ${d.messageId} of sub-processor ${d.subProcessorId} to ${d.customerId} refused: ${d.reason}; that customer was not notified.`,
  SubProcessorChangeNoticeEmailDeferred: (d) =>
    `Change notice ${d.messageId} of sub-processor ${d.subProcessorId} to ${d.customerId} not accepted yet (attempt ${d.attempts}: ${d.error}); next try at ${d.retryAt}.`,
  CustomerOnboarded: (d) => `Customer ${d.customerId} subscribed from ${d.activeFrom} on plan ${d.planId} in ${d.regions.join(', ')}, fee ${formatMoney(d.monthlyFee)} a month.`,
  CustomerPlanChanged: (d) => `Customer ${d.customerId} moved to plan ${d.planId} from ${d.effectiveAt}.`,
  CustomerRegionsChanged: (d) => `Customer ${d.customerId} runs in ${d.regions.join(', ')} from ${d.effectiveAt}.`,
  CustomerOffboarded: (d) => `Customer ${d.customerId} left at ${d.at}.`,
  OutageStarted: (d) =>
    `Outage ${d.outageId} (${d.impact}) started at ${d.startedAt} on ${describeScope(d.scope)}: ${d.title}${d.subProcessor ? `; caused by sub-processor ${d.subProcessor}` : ''}.`,
  OutageEnded: (d) => `Outage ${d.outageId} ended at ${d.endedAt}.`,
  OutageCorrected: (d) => {
    const previous = d.previous;
    return `Outage ${d.outageId} corrected to ${d.startedAt} – ${d.endedAt ?? 'ongoing'} (was ${previous.startedAt} – ${previous.endedAt ?? 'ongoing'}): ${d.reason}.`;
  },
  EmergencyMaintenanceVoided: (d) => `Emergency maintenance ${d.emergencyId} voided, recorded in error: ${d.reason}. It excludes nothing from ${d.voidedAt} on.`,
  OutageVoided: (d) => `Outage ${d.outageId} voided, recorded in error: ${d.reason}. It counts in no figure from ${d.voidedAt} on.`,
  OutageClassified: (d) =>
    d.exclusion ? `Outage ${d.outageId} classified as ${d.exclusion}, excluded from Down Time: ${d.reason}.` : `Outage ${d.outageId} no longer excluded from Down Time: ${d.reason}.`,
  MaintenanceScheduled: (d) =>
    `Maintenance ${d.maintenanceId} scheduled for ${window(d.window)} on ${describeScope(d.scope)}: ${d.title}${d.acceptedAsDowntime ? '; with too little notice, accepted as Down Time' : ''}.`,
  MaintenanceNoticeSent: (d) =>
    `Notice of maintenance ${d.maintenanceId} (${window(d.window)}) sent at ${d.sentAt} to ${d.customers ? d.customers.join(', ') : 'every customer in scope'}: ${d.inTime ? 'in time' : 'late'}` +
    `${d.recordedBy ? `; recorded by ${d.recordedBy}` : ''}${d.evidence ? ` (evidence: ${d.evidence})` : ''}.`,
  MaintenanceNoticesPlanned: (d) => {
    const recipients = d.recipients.map((r) => r.customerId).join(', ');
    return d.method === 'CANCEL'
      ? `Cancellation of maintenance ${d.maintenanceId} to be emailed to ${recipients}.`
      : `Notice of maintenance ${d.maintenanceId} (${window(d.window)}) to be emailed to ${recipients}.`;
  },
  MaintenanceNoticeEmailSent: (d) =>
    `Notice email ${d.messageId} of maintenance ${d.maintenanceId} accepted for ${d.customerId} at ${d.sentAt}${d.inTime === null ? '' : d.inTime ? ': in time' : ': late'} (${d.response}).`,
  MaintenanceNoticeEmailFailed: (d) => `Notice email ${d.messageId} of maintenance ${d.maintenanceId} to ${d.customerId} refused: ${d.reason}; that customer was not notified.`,
  MaintenanceNoticeEmailDeferred: (d) =>
    `Notice email ${d.messageId} of maintenance ${d.maintenanceId} to ${d.customerId} not accepted yet (attempt ${d.attempts}: ${d.error}); next try at ${d.retryAt}.`,
  MaintenanceRescheduled: (d) => `Maintenance ${d.maintenanceId} moved from ${window(d.previousWindow)} to ${window(d.window)}; earlier notices no longer count.`,
  MaintenanceStarted: (d) => `Maintenance ${d.maintenanceId} started at ${d.at}.`,
  MaintenanceCompleted: (d) => `Maintenance ${d.maintenanceId} completed at ${d.at}.`,
  MaintenanceCancelled: (d) => `Maintenance ${d.maintenanceId} cancelled.`,
  EmergencyMaintenanceStarted: (d) => `Emergency maintenance ${d.emergencyId} started at ${d.startedAt} on ${describeScope(d.scope)}: ${d.reason}.`,
  EmergencyMaintenanceEnded: (d) => `Emergency maintenance ${d.emergencyId} ended at ${d.endedAt}.`,
  InvoiceIssued: (d) => `Invoice ${d.invoiceId} for ${d.month} issued: ${formatMoney(d.amount)}, due ${d.dueAt}.`,
  InvoicePaid: (d) => `Invoice ${d.invoiceId} paid at ${d.paidAt}.`,
  CreditRequested: (d) => `Service Credit requested for ${d.month} at ${d.requestedAt}.`,
  CreditGranted: (d) => `Service Credit for ${d.month} granted: ${formatMoney(d.amount)}${d.reason ? ` (${d.reason})` : ''}.`,
  CreditDenied: (d) => `Service Credit for ${d.month} denied: ${d.reason}.`,
  CreditApplied: (d) => `Service Credit for ${d.month} (${formatMoney(d.amount)}) applied to invoice ${d.invoiceId}.`,
  FailureReported: (d) => `Service Failure ${d.reportId} reported at ${d.reportedAt} through ${d.channel}${d.outageId ? ` about outage ${d.outageId}` : ''}: ${d.description}`,
  FailureReportAcknowledged: (d) => `Service Failure ${d.reportId} acknowledged at ${d.at}.`,
};

/** A sentence a person can read, for a timeline entry. */
export function describeEvent(type: string, data: unknown): string {
  // Stored events arrive untyped; each type's sentence reads the payload its decider wrote.
  const sentence = (SENTENCES as Record<string, ((d: unknown) => string) | undefined>)[type];
  return sentence ? sentence(data) : `${type}.`;
}

export const DESCRIBED_EVENT_TYPES = Object.keys(SENTENCES);
