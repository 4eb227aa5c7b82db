import type { CustomerFacts } from '../availability/model.js';
import { isInScopeAt, isSubscribedAt, regionsAt } from '../availability/scope.js';
import type { Customer } from '../customers/customer.js';
import { toEpochSeconds, type Iso } from '../shared/instant.js';
import type { Scope } from '../shared/scope.js';

/**
 * Maintenance notices as emails the product sends itself (R8): one per customer in scope and
 * subscribed when the window is announced, each with a Message-ID fixed when it is planned, so a
 * resend after a crash is the same message, never a second one.
 */

/** REQUEST announces (or moves) a window; CANCEL withdraws it. */
export type NoticeMethod = 'REQUEST' | 'CANCEL';

export type NoticeEmailStatus = 'pending' | 'sent' | 'failed' | 'voided';

/** Who gets one email, as known when it was planned. */
export interface NoticeRecipient {
  customerId: string;
  email: string;
  /** The customer's own zone, shown beside the legal zone and UTC; null when it set none. */
  timeZone: string | null;
  /** Regions of the scope that reach this customer; null for a platform or a named-customer scope. */
  regions: string[] | null;
  messageId: string;
}

export interface NoticeEmail extends NoticeRecipient {
  method: NoticeMethod;
  /** iCalendar SEQUENCE: 0 for the first window, one more at each move or at the cancellation. */
  sequence: number;
  window: { start: Iso; end: Iso };
  plannedAt: Iso;
  status: NoticeEmailStatus;
  /** When the mail server accepted it (250). */
  sentAt: Iso | null;
  /** The server's reply on acceptance, or the reason of a permanent refusal. */
  response: string | null;
  /** R8, judged at `sentAt` under the calendar then in force; null until sent, and for a CANCEL. */
  inTime: boolean | null;
  workingDays: number | null;
  attempts: number;
  lastError: string | null;
  retryAt: Iso | null;
}

/** What the domain needs of a customer to address a notice. */
export type NoticeCandidate = Pick<Customer, 'id' | 'email' | 'activeFrom' | 'offboardedAt' | 'footprint'> & { timeZone?: string | null };

/**
 * A Message-ID per maintenance, customer and sequence: stable across retries and restarts. Ids are
 * plain (letters, digits, . _ -), so they can stand in the left part as they are.
 */
export function noticeMessageId(maintenanceId: string, customerId: string, sequence: number, domain: string): string {
  return `<notice.${maintenanceId}.${customerId}.${sequence}@${domain}>`;
}

/** The customers a notice sent at `at` reaches (R8): in scope and subscribed at that instant. */
export function noticeRecipients(
  maintenanceId: string,
  scope: Scope,
  at: Iso,
  candidates: readonly NoticeCandidate[],
  sequence: number,
  domain: string,
): NoticeRecipient[] {
  const t = toEpochSeconds(at);
  const factsOf = (c: NoticeCandidate): CustomerFacts => ({
    id: c.id,
    subscriptions: [{ from: toEpochSeconds(c.activeFrom), to: c.offboardedAt === null ? null : toEpochSeconds(c.offboardedAt) }],
    footprint: c.footprint.map((f) => ({ from: toEpochSeconds(f.from), regions: f.regions })),
  });
  return candidates
    .filter((c) => isSubscribedAt(factsOf(c), t) && isInScopeAt(factsOf(c), scope, t))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => {
      const facts = factsOf(c);
      return {
        customerId: c.id,
        email: c.email,
        timeZone: c.timeZone ?? null,
        regions: scope.kind === 'regions' ? scope.regions.filter((r) => regionsAt(facts, t).includes(r)) : null,
        messageId: noticeMessageId(maintenanceId, c.id, sequence, domain),
      };
    });
}

/** One line of GET /maintenances/{id}/notices: where a customer's notice of the current window stands. */
export interface NoticeListEntry {
  customerId: string;
  email: string | null;
  status: 'pending' | 'sent' | 'failed' | 'recorded';
  /** `request` announces the window; `cancel` withdraws it. */
  kind: 'request' | 'cancel';
  messageId: string | null;
  sentAt: Iso | null;
  inTime: boolean | null;
  workingDays: number | null;
  attempts: number;
  lastError: string | null;
  retryAt: Iso | null;
  response: string | null;
  evidence: string | null;
  recordedBy: string | null;
}

interface ListedMaintenance {
  scope: Scope;
  sequence?: number;
  emails?: NoticeEmail[];
  notices: { sentAt: Iso; customers: string[] | null; inTime: boolean; workingDays?: number; source?: 'recorded' | 'email'; evidence?: string | null; recordedBy?: string | null }[];
}

/**
 * Every customer's notice of the current window: the emails the product sends (and, once the
 * window is withdrawn, its cancellations), and the notices recorded by callers, each spelled out
 * per customer it reached (R8: in scope and subscribed when it was sent, or named by it).
 */
export function noticeList(maintenance: ListedMaintenance, customers: readonly NoticeCandidate[]): NoticeListEntry[] {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const sequence = maintenance.sequence ?? 0;
  const emails = (maintenance.emails ?? []).filter((e) => e.status !== 'voided' && (e.sequence === sequence || (e.method === 'CANCEL' && e.sequence === sequence + 1)));
  const fromEmails = emails.map(
    (e): NoticeListEntry => ({
      customerId: e.customerId,
      email: e.email,
      status: e.status === 'voided' ? 'failed' : e.status,
      kind: e.method === 'CANCEL' ? 'cancel' : 'request',
      messageId: e.messageId,
      sentAt: e.sentAt,
      inTime: e.inTime,
      workingDays: e.workingDays,
      attempts: e.attempts,
      lastError: e.lastError,
      retryAt: e.retryAt,
      response: e.response,
      evidence: null,
      recordedBy: null,
    }),
  );
  const recorded = maintenance.notices
    .filter((n) => n.source !== 'email')
    .flatMap((n) => {
      const reached = n.customers ?? noticeRecipients('', maintenance.scope, n.sentAt, customers, 0, 'localhost').map((r) => r.customerId);
      return reached.map(
        (customerId): NoticeListEntry => ({
          customerId,
          email: byId.get(customerId)?.email ?? null,
          status: 'recorded',
          kind: 'request',
          messageId: n.evidence ?? null,
          sentAt: n.sentAt,
          inTime: n.inTime,
          workingDays: n.workingDays ?? null,
          attempts: 0,
          lastError: null,
          retryAt: null,
          response: null,
          evidence: n.evidence ?? null,
          recordedBy: n.recordedBy ?? null,
        }),
      );
    });
  return [...fromEmails, ...recorded].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}
