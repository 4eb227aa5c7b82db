import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, type Iso } from '../shared/instant.js';
import { notInFuture } from '../shared/facts-in-the-past.js';

/** A Service Failure the customer notified (§1, §4.3); its acknowledgement is the response (§3.1). */
export interface FailureReport {
  reportId: string;
  reportedAt: Iso;
  channel: string;
  outageId: string | null;
  description: string;
  acknowledgedAt: Iso | null;
}

export interface Support {
  customerId: string;
  reports: FailureReport[];
}

export type SupportEvent =
  | { type: 'FailureReported'; data: { customerId: string; reportId: string; reportedAt: Iso; channel: string; outageId: string | null; description: string } }
  | { type: 'FailureReportAcknowledged'; data: { customerId: string; reportId: string; at: Iso } };

export type SupportCommand =
  | { type: 'ReportFailure'; customerId: string; reportId: string; reportedAt: Iso; channel: string; outageId: string | null; description: string }
  | { type: 'AcknowledgeReport'; customerId: string; reportId: string; at: Iso };

export type SupportState = Support | null;


export const supportDecider: Decider<SupportCommand, SupportEvent, SupportState> = {
  initialState: null,
  decide(command, state, context) {
    const reports = state?.reports ?? [];
    switch (command.type) {
      case 'ReportFailure': {
        if (reports.some((r) => r.reportId === command.reportId)) throw new DomainError('conflict', `failure report ${command.reportId} already exists`, {}, 'already-exists');
        notInFuture('reportedAt', command.reportedAt, context);
        const { type: _type, ...data } = command;
        return [{ type: 'FailureReported', data }];
      }
      case 'AcknowledgeReport': {
        const report = reports.find((r) => r.reportId === command.reportId);
        if (!report) throw new DomainError('not-found', `failure report ${command.reportId} of customer ${command.customerId} does not exist`);
        if (report.acknowledgedAt) throw new DomainError('conflict', `failure report ${report.reportId} was already acknowledged at ${report.acknowledgedAt}`);
        if (isAfter(report.reportedAt, command.at)) throw new DomainError('rejected', `at ${command.at} is before the report was made (${report.reportedAt})`, {}, 'out-of-order');
        notInFuture('at', command.at, context);
        return [{ type: 'FailureReportAcknowledged', data: { customerId: command.customerId, reportId: report.reportId, at: command.at } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
  evolve(state, event) {
    const support: Support = state ?? { customerId: event.data.customerId, reports: [] };
    switch (event.type) {
      case 'FailureReported': {
        const { customerId: _c, ...report } = event.data;
        return { ...support, reports: [...support.reports, { ...report, acknowledgedAt: null }] };
      }
      case 'FailureReportAcknowledged':
        return { ...support, reports: support.reports.map((r) => (r.reportId === event.data.reportId ? { ...r, acknowledgedAt: event.data.at } : r)) };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
};
