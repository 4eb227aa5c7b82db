import { describeScope, type Scope } from '../shared/scope.js';

type Data = Record<string, unknown>;

const money = (value: unknown) => {
  const m = value as { amount: number; currency: string };
  return `${(m.amount / 100).toFixed(2)} ${m.currency}`;
};
const window = (value: unknown) => {
  const w = value as { start: string; end: string };
  return `${w.start} – ${w.end}`;
};

const SENTENCES: Record<string, (d: Data) => string> = {
  PlanDefined: (d) => `Plan ${d.id} defined: target ${d.availabilityTarget} %, credit policy ${(d.creditPolicy as { kind: string }).kind}.`,
  RegionRegistered: (d) => `Region ${d.id} (${d.name}) registered${d.provider ? `, run by ${d.provider}` : ''}.`,
  CustomerOnboarded: (d) => `Customer ${d.customerId} subscribed from ${d.activeFrom} on plan ${d.planId} in ${(d.regions as string[]).join(', ')}, fee ${money(d.monthlyFee)} a month.`,
  CustomerPlanChanged: (d) => `Customer ${d.customerId} moved to plan ${d.planId} from ${d.effectiveAt}.`,
  CustomerRegionsChanged: (d) => `Customer ${d.customerId} runs in ${(d.regions as string[]).join(', ')} from ${d.effectiveAt}.`,
  CustomerOffboarded: (d) => `Customer ${d.customerId} left at ${d.at}.`,
  OutageStarted: (d) =>
    `Outage ${d.outageId} (${d.impact}) started at ${d.startedAt} on ${describeScope(d.scope as Scope)}: ${d.title}${d.subProcessor ? `; caused by sub-processor ${d.subProcessor}` : ''}.`,
  OutageEnded: (d) => `Outage ${d.outageId} ended at ${d.endedAt}.`,
  OutageCorrected: (d) => {
    const previous = d.previous as { startedAt: string; endedAt: string | null };
    return `Outage ${d.outageId} corrected to ${d.startedAt} – ${d.endedAt ?? 'ongoing'} (was ${previous.startedAt} – ${previous.endedAt ?? 'ongoing'}): ${d.reason}.`;
  },
  OutageClassified: (d) =>
    d.exclusion ? `Outage ${d.outageId} classified as ${d.exclusion}, excluded from Down Time: ${d.reason}.` : `Outage ${d.outageId} no longer excluded from Down Time: ${d.reason}.`,
  MaintenanceScheduled: (d) =>
    `Maintenance ${d.maintenanceId} scheduled for ${window(d.window)} on ${describeScope(d.scope as Scope)}: ${d.title}${d.acceptedAsDowntime ? '; with too little notice, accepted as Down Time' : ''}.`,
  MaintenanceNoticeSent: (d) =>
    `Notice of maintenance ${d.maintenanceId} (${window(d.window)}) sent at ${d.sentAt} to ${d.customers ? (d.customers as string[]).join(', ') : 'every customer in scope'}: ${d.inTime ? 'in time' : 'late'}.`,
  MaintenanceRescheduled: (d) => `Maintenance ${d.maintenanceId} moved from ${window(d.previousWindow)} to ${window(d.window)}; earlier notices no longer count.`,
  MaintenanceStarted: (d) => `Maintenance ${d.maintenanceId} started at ${d.at}.`,
  MaintenanceCompleted: (d) => `Maintenance ${d.maintenanceId} completed at ${d.at}.`,
  MaintenanceCancelled: (d) => `Maintenance ${d.maintenanceId} cancelled.`,
  EmergencyMaintenanceStarted: (d) => `Emergency maintenance ${d.emergencyId} started at ${d.startedAt} on ${describeScope(d.scope as Scope)}: ${d.reason}.`,
  EmergencyMaintenanceEnded: (d) => `Emergency maintenance ${d.emergencyId} ended at ${d.endedAt}.`,
  InvoiceIssued: (d) => `Invoice ${d.invoiceId} for ${d.month} issued: ${money(d.amount)}, due ${d.dueAt}.`,
  InvoicePaid: (d) => `Invoice ${d.invoiceId} paid at ${d.paidAt}.`,
  CreditRequested: (d) => `Service Credit requested for ${d.month} at ${d.requestedAt}.`,
  CreditGranted: (d) => `Service Credit for ${d.month} granted: ${money(d.amount)}${d.reason ? ` (${d.reason})` : ''}.`,
  CreditDenied: (d) => `Service Credit for ${d.month} denied: ${d.reason}.`,
  CreditApplied: (d) => `Service Credit for ${d.month} (${money(d.amount)}) applied to invoice ${d.invoiceId}.`,
  FailureReported: (d) => `Service Failure ${d.reportId} reported at ${d.reportedAt} through ${d.channel}${d.outageId ? ` about outage ${d.outageId}` : ''}: ${d.description}`,
  FailureReportAcknowledged: (d) => `Service Failure ${d.reportId} acknowledged at ${d.at}.`,
};

/** A sentence a person can read, for a timeline entry. */
export function describeEvent(type: string, data: unknown): string {
  const sentence = SENTENCES[type];
  return sentence ? sentence(data as Data) : `${type}.`;
}

export const DESCRIBED_EVENT_TYPES = Object.keys(SENTENCES);
