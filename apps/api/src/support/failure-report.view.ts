import { planAt, responseDeadline, responseStatus, toUtc, type Customer, type FailureReport, type Plan, type ResponseStatus } from '#domain';
import type { ReadSide } from '../infrastructure/read-side.js';

export interface FailureReportView extends FailureReport {
  id: string;
  customerId: string;
  /** The plan in force when the report was made: its channels decide whether it counts (§1). */
  planId: string;
  supportChannels: string[];
  /** False for a report through a channel outside the plan's: recorded, but it claims nothing (§1, R13). */
  takenIntoAccount: boolean;
  /** When the acknowledgement is due: the plan's response time inside its support hours (R14). */
  deadline: string;
  status: ResponseStatus;
}

/** The whole plan is passed, not only its channels: the response deadline (R14) is read from it too. */
export function toFailureReportView(customerId: string, report: FailureReport, plan: Plan, holidayCountry: string, now: string): FailureReportView {
  const deadline = responseDeadline(report.reportedAt, plan.responseTimeMinutes, plan.supportHours, holidayCountry);
  return {
    id: report.reportId,
    customerId,
    ...report,
    planId: plan.id,
    supportChannels: plan.supportChannels,
    takenIntoAccount: plan.supportChannels.includes(report.channel),
    deadline,
    status: responseStatus(deadline, report.acknowledgedAt, now),
  };
}

/** Views of several reports, loading each plan they were made under once. */
export async function toFailureReportViews(readSide: ReadSide, customer: Customer, reports: FailureReport[]): Promise<FailureReportView[]> {
  const entities = readSide.entitiesReader;
  const now = toUtc(new Date().toISOString());
  const planIds = [...new Set(reports.map((r) => planAt(customer, r.reportedAt)))];
  const plans = new Map<string, Plan>();
  for (const planId of planIds) {
    const plan = await entities.get<Plan>('plan', planId);
    if (!plan) throw new Error(`plan ${planId} of customer ${customer.id} is missing from the read model`);
    plans.set(planId, plan);
  }
  return reports.map((report) => toFailureReportView(customer.id, report, plans.get(planAt(customer, report.reportedAt))!, readSide.config.holidayCountry, now));
}
