import { noticeRecipients, type NoticeCandidate } from '../maintenance/notices.js';
import { fromEpochSeconds, toEpochSeconds, toUtc, type Iso } from '../shared/instant.js';
import type { Scope } from '../shared/scope.js';

/**
 * Change notices (R15): customers are entitled to know who may touch their data, so a change to an
 * entry that may touch a customer's data is emailed to that customer, with the time it has to
 * object. Like maintenance notices, each email gets its Message-ID when it is planned, so a resend
 * after a crash is the same message.
 */

/** What of an entry's fields says whose data it may touch. */
interface Reach {
  platform: boolean;
  regions: readonly string[];
}

/** What the API hands the decider to plan the notices of a change. */
export interface ChangeNoticePlan {
  /** Days a customer has to object, from the notice (SLA_SUBPROCESSOR_OBJECTION_DAYS). */
  objectionDays: number;
  /** Every customer: the domain picks those the change reaches. */
  candidates: readonly NoticeCandidate[];
  /** The right part of Message-IDs. */
  mailDomain: string;
}

export interface ChangeNoticeRecipient {
  customerId: string;
  email: string;
  messageId: string;
}

export interface ChangeNoticeEmail extends ChangeNoticeRecipient {
  /** The version of the entry it announces (its index in the history). */
  version: number;
  plannedAt: Iso;
  objectionUntil: Iso;
  status: 'pending' | 'sent' | 'failed';
  /** When the mail server accepted it (250). */
  sentAt: Iso | null;
  /** The server's reply on acceptance, or the reason of a permanent refusal. */
  response: string | null;
  attempts: number;
  lastError: string | null;
  retryAt: Iso | null;
}

/** The end of the objection period: `days` whole days after the notice. */
export function objectionDeadline(noticeAt: Iso, days: number): Iso {
  return fromEpochSeconds(toEpochSeconds(noticeAt) + days * 86_400);
}

/**
 * Whose data the entry may touch before or after the change: every customer when it works for the
 * whole platform (before or after), else the customers of its regions (before or after: one that
 * leaves a region concerns that region's customers too). Null when it reaches none.
 */
export function changeScope(before: Reach, after: Reach): Scope | null {
  if (before.platform || after.platform) return { kind: 'platform' };
  const regions = [...new Set([...before.regions, ...after.regions])].sort();
  return regions.length === 0 ? null : { kind: 'regions', regions };
}

/**
 * The customers a change of entry `id` is emailed to: those in its scope and subscribed when the
 * change holds (its effectiveAt, or now when that is past). A change of aliases alone (the names
 * regions and outages use for it inside the product) tells a customer nothing and goes to no one.
 */
export function changeNoticeRecipients(
  before: Reach & { id: string },
  after: Reach,
  changed: readonly string[],
  effectiveAt: Iso,
  now: Iso,
  version: number,
  plan: ChangeNoticePlan,
): ChangeNoticeRecipient[] {
  if (changed.every((name) => name === 'aliases')) return [];
  const scope = changeScope(before, after);
  if (!scope) return [];
  const at = toEpochSeconds(effectiveAt) > toEpochSeconds(now) ? effectiveAt : toUtc(now);
  return noticeRecipients(`sub-processor-${before.id}`, scope, at, plan.candidates, version, plan.mailDomain).map(({ customerId, email, messageId }) => ({ customerId, email, messageId }));
}
