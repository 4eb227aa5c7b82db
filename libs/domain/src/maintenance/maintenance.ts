import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, toEpochSeconds, type Iso } from '../shared/instant.js';
import type { Scope } from '../shared/scope.js';
import { formatLocal, type CalendarConfig } from '../time/calendar.js';
import { NOTICE_WORKING_DAYS } from '../time/working-days.js';
import { checkNotice } from './notice-check.js';
import { notInFuture } from '../shared/facts-in-the-past.js';
import { noticeRecipients, type NoticeCandidate, type NoticeEmail, type NoticeMethod, type NoticeRecipient } from './notices.js';

export interface Window {
  start: Iso;
  end: Iso;
}

/** A notice that reached customers: recorded by a caller, or an email the mail server accepted. */
export interface Notice {
  sentAt: Iso;
  /** null: every customer in the scope at `sentAt` (R8). */
  customers: string[] | null;
  /** Whether it left the contract's notice, under the calendar in force when it was sent. */
  inTime: boolean;
  /** Full working days it left, judged with `inTime`; absent on notices recorded before it was kept. */
  workingDays?: number;
  /** `recorded`: told to the product by a caller; `email`: sent by the product. */
  source?: 'recorded' | 'email';
  /** The caller's reference for a recorded notice (a message id, a ticket). */
  evidence?: string | null;
  recordedBy?: string | null;
  messageId?: string | null;
}

/** The notice check against an instant (R8), as the answer to scheduling reports it. */
export interface NoticeJudgement {
  at: Iso;
  inTime: boolean;
  workingDays: number;
}

export interface Maintenance {
  id: string;
  scope: Scope;
  title: string;
  window: Window;
  /** Scheduled with too little notice, knowingly: it counts as Down Time (R9). */
  acceptedAsDowntime: boolean;
  /** Notices for the current window only: moving the window voids earlier ones. */
  notices: Notice[];
  /** Every notice email planned, for every window; those of earlier windows are voided. */
  emails: NoticeEmail[];
  /** iCalendar SEQUENCE of the current window's emails (a cancellation goes out under the next one). */
  sequence: number;
  /** The notice check against the instant the current window was announced. */
  noticeCheck: NoticeJudgement | null;
  previousWindows: Window[];
  startedAt: Iso | null;
  completedAt: Iso | null;
  cancelledAt: Iso | null;
}

export type MaintenanceEvent =
  | { type: 'MaintenanceScheduled'; data: { maintenanceId: string; scope: Scope; title: string; window: Window; acceptedAsDowntime: boolean } }
  | {
      type: 'MaintenanceNoticeSent';
      data: { maintenanceId: string; sentAt: Iso; customers: string[] | null; window: Window; inTime: boolean; workingDays?: number; evidence?: string | null; recordedBy?: string | null };
    }
  | {
      type: 'MaintenanceNoticesPlanned';
      data: { maintenanceId: string; window: Window; method: NoticeMethod; sequence: number; plannedAt: Iso; check: NoticeJudgement | null; recipients: NoticeRecipient[] };
    }
  | { type: 'MaintenanceNoticeEmailSent'; data: { maintenanceId: string; customerId: string; messageId: string; sentAt: Iso; response: string; inTime: boolean | null; workingDays: number | null } }
  | { type: 'MaintenanceNoticeEmailFailed'; data: { maintenanceId: string; customerId: string; messageId: string; at: Iso; reason: string } }
  | { type: 'MaintenanceNoticeEmailDeferred'; data: { maintenanceId: string; customerId: string; messageId: string; at: Iso; error: string; attempts: number; retryAt: Iso } }
  | { type: 'MaintenanceRescheduled'; data: { maintenanceId: string; window: Window; previousWindow: Window; acceptedAsDowntime: boolean } }
  | { type: 'MaintenanceStarted'; data: { maintenanceId: string; at: Iso } }
  | { type: 'MaintenanceCompleted'; data: { maintenanceId: string; at: Iso } }
  | { type: 'MaintenanceCancelled'; data: { maintenanceId: string; at: Iso } };

/**
 * Without `noticeSentAt` the product sends the notices itself: `customers` are the candidates (the
 * decider keeps those in scope and subscribed now), `mailDomain` the right part of Message-IDs.
 */
export interface NoticeMailing {
  customers: readonly NoticeCandidate[];
  mailDomain: string;
}

export type MaintenanceCommand =
  | ({ type: 'ScheduleMaintenance'; maintenanceId: string; scope: Scope; title: string; window: Window; noticeSentAt: Iso | null; acceptAsDowntime: boolean; recordedBy?: string | null; evidence?: string | null } & Partial<NoticeMailing>)
  | { type: 'SendNotice'; maintenanceId: string; sentAt: Iso; customers: string[] | null; recordedBy?: string | null; evidence?: string | null }
  | ({ type: 'RescheduleMaintenance'; maintenanceId: string; window: Window; noticeSentAt: Iso | null; acceptAsDowntime: boolean; recordedBy?: string | null; evidence?: string | null } & Partial<NoticeMailing>)
  | { type: 'StartMaintenance'; maintenanceId: string; at: Iso }
  | { type: 'CompleteMaintenance'; maintenanceId: string; at: Iso }
  | { type: 'CancelMaintenance'; maintenanceId: string; mailDomain?: string }
  | { type: 'RecordNoticeEmailSent'; maintenanceId: string; messageId: string; sentAt: Iso; response: string }
  | { type: 'RecordNoticeEmailFailed'; maintenanceId: string; messageId: string; at: Iso; reason: string }
  | { type: 'RecordNoticeEmailDeferred'; maintenanceId: string; messageId: string; at: Iso; error: string; retryAt: Iso };

export type MaintenanceState = Maintenance | null;

function existing(state: MaintenanceState, id: string): Maintenance {
  if (!state) throw new DomainError('not-found', `maintenance ${id} does not exist; schedule it with POST /maintenances`);
  return state;
}

function notCancelled(m: Maintenance): void {
  if (m.cancelledAt) throw new DomainError('conflict', `maintenance ${m.id} was cancelled at ${m.cancelledAt}`);
}


function validWindow(window: Window): void {
  if (!isAfter(window.end, window.start)) throw new DomainError('rejected', `window.end ${window.end} must be after window.start ${window.start}`, {}, 'end-before-start');
}

/**
 * R8/R9: a window that leaves too little notice is refused, naming the earliest start that would
 * comply, unless the caller accepts that it counts as Down Time.
 */
function requireTimelyNotice(window: Window, sentAt: Iso, acceptAsDowntime: boolean, calendar: CalendarConfig): NoticeJudgement {
  const { inTime, earliestCompliantStart: earliest, workingDaysOfNotice: workingDays } = checkNotice(sentAt, window.start, calendar);
  if (!inTime && !acceptAsDowntime) {
    const earliestLocal = formatLocal(toEpochSeconds(earliest), calendar.legalTimeZone);
    throw new DomainError(
      'rejected',
      `a notice sent at ${sentAt} leaves ${workingDays} full working day(s) before the window starts (${calendar.legalTimeZone}, ${calendar.holidayCountry}); ` +
        `the contract needs ${NOTICE_WORKING_DAYS}. Start the window at ${earliestLocal} (${earliest}) or later, or set acceptAsDowntime: true to record it as Down Time`,
      { earliestCompliantStart: earliest, earliestCompliantStartLocal: earliestLocal, workingDaysOfNotice: workingDays },
      'insufficient-notice',
    );
  }
  return { at: sentAt, inTime, workingDays };
}

type AnnouncingCommand = Extract<MaintenanceCommand, { type: 'ScheduleMaintenance' | 'RescheduleMaintenance' }>;

/**
 * The notice of a new window: recorded as the caller says when `noticeSentAt` is given, otherwise
 * one email per customer in scope and subscribed now, judged by the instant each is accepted.
 */
function announce(id: string, scope: Scope, command: AnnouncingCommand, sequence: number, calendar: CalendarConfig, context: CommandContext) {
  if (command.noticeSentAt !== null) {
    notInFuture('noticeSentAt', command.noticeSentAt, context);
    const check = requireTimelyNotice(command.window, command.noticeSentAt, command.acceptAsDowntime, calendar);
    const event: MaintenanceEvent = {
      type: 'MaintenanceNoticeSent',
      data: {
        maintenanceId: id,
        sentAt: command.noticeSentAt,
        customers: null,
        window: command.window,
        inTime: check.inTime,
        workingDays: check.workingDays,
        ...(command.evidence && { evidence: command.evidence }),
        ...(command.recordedBy && { recordedBy: command.recordedBy }),
      },
    };
    return { check, events: [event] };
  }
  const check = requireTimelyNotice(command.window, context.now, command.acceptAsDowntime, calendar);
  const recipients = noticeRecipients(id, scope, context.now, command.customers ?? [], sequence, command.mailDomain ?? 'localhost');
  const event: MaintenanceEvent = {
    type: 'MaintenanceNoticesPlanned',
    data: { maintenanceId: id, window: command.window, method: 'REQUEST', sequence, plannedAt: context.now, check, recipients },
  };
  // Planned even to nobody: the event keeps the check the answer reported.
  return { check, events: [event] };
}

function pendingEmail(m: Maintenance, messageId: string): NoticeEmail | null {
  const email = emailsOf(m).find((e) => e.messageId === messageId);
  return email && email.status === 'pending' ? email : null;
}

export function maintenanceDecider(calendar: CalendarConfig): Decider<MaintenanceCommand, MaintenanceEvent, MaintenanceState> {
  return {
    initialState: null,
    evolve,
    decide(command, state, context) {
      switch (command.type) {
        case 'ScheduleMaintenance': {
          if (state) throw new DomainError('conflict', `maintenance ${command.maintenanceId} already exists`, {}, 'already-exists');
          validWindow(command.window);
          const notice = announce(command.maintenanceId, command.scope, command, 0, calendar, context);
          return [
            {
              type: 'MaintenanceScheduled',
              data: { maintenanceId: command.maintenanceId, scope: command.scope, title: command.title, window: command.window, acceptedAsDowntime: command.acceptAsDowntime && !notice.check.inTime },
            },
            ...notice.events,
          ];
        }
        case 'SendNotice': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          notInFuture('sentAt', command.sentAt, context);
          const { inTime, workingDaysOfNotice: workingDays } = checkNotice(command.sentAt, m.window.start, calendar);
          return [
            {
              type: 'MaintenanceNoticeSent',
              data: {
                maintenanceId: m.id,
                sentAt: command.sentAt,
                customers: command.customers,
                window: m.window,
                inTime,
                workingDays,
                ...(command.evidence && { evidence: command.evidence }),
                ...(command.recordedBy && { recordedBy: command.recordedBy }),
              },
            },
          ];
        }
        case 'RescheduleMaintenance': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          if (m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} already started at ${m.startedAt}; it can no longer be moved`);
          validWindow(command.window);
          const notice = announce(m.id, m.scope, command, (m.sequence ?? 0) + 1, calendar, context);
          return [
            { type: 'MaintenanceRescheduled', data: { maintenanceId: m.id, window: command.window, previousWindow: m.window, acceptedAsDowntime: command.acceptAsDowntime && !notice.check.inTime } },
            ...notice.events,
          ];
        }
        case 'StartMaintenance': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          if (m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} already started at ${m.startedAt}`);
          notInFuture('at', command.at, context);
          return [{ type: 'MaintenanceStarted', data: { maintenanceId: m.id, at: command.at } }];
        }
        case 'CompleteMaintenance': {
          const m = existing(state, command.maintenanceId);
          if (!m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} has not started; start it first`);
          if (m.completedAt) throw new DomainError('conflict', `maintenance ${m.id} already completed at ${m.completedAt}`);
          if (!isAfter(command.at, m.startedAt)) throw new DomainError('rejected', `at ${command.at} must be after the start ${m.startedAt}`, {}, 'end-before-start');
          notInFuture('at', command.at, context);
          return [{ type: 'MaintenanceCompleted', data: { maintenanceId: m.id, at: command.at } }];
        }
        case 'CancelMaintenance': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          if (m.completedAt) throw new DomainError('conflict', `maintenance ${m.id} already completed at ${m.completedAt}; there is nothing left to cancel`);
          if (m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} already started at ${m.startedAt}; complete it instead`);
          // Whoever got the window in their calendar gets its withdrawal; unsent ones are simply voided.
          const sequence = (m.sequence ?? 0) + 1;
          const recipients = emailsOf(m)
            .filter((e) => e.method === 'REQUEST' && e.sequence === (m.sequence ?? 0) && e.status === 'sent')
            .map((e) => ({ ...e, messageId: e.messageId.replace(/\.\d+@/, `.${sequence}@`) }))
            .map(({ customerId, email, timeZone, regions, messageId }) => ({ customerId, email, timeZone, regions, messageId }));
          const cancelled: MaintenanceEvent = { type: 'MaintenanceCancelled', data: { maintenanceId: m.id, at: context.now } };
          if (recipients.length === 0) return [cancelled];
          return [
            cancelled,
            { type: 'MaintenanceNoticesPlanned', data: { maintenanceId: m.id, window: m.window, method: 'CANCEL', sequence, plannedAt: context.now, check: null, recipients } },
          ];
        }
        case 'RecordNoticeEmailSent': {
          const m = existing(state, command.maintenanceId);
          const email = pendingEmail(m, command.messageId);
          if (!email) return [];
          const request = email.method === 'REQUEST';
          // Judged now, at acceptance, under the calendar in force: the stored judgement is the truth after.
          const judged = checkNotice(command.sentAt, email.window.start, calendar);
          return [
            {
              type: 'MaintenanceNoticeEmailSent',
              data: {
                maintenanceId: m.id,
                customerId: email.customerId,
                messageId: email.messageId,
                sentAt: command.sentAt,
                response: command.response,
                inTime: request ? judged.inTime : null,
                workingDays: request ? judged.workingDaysOfNotice : null,
              },
            },
          ];
        }
        case 'RecordNoticeEmailFailed': {
          const m = existing(state, command.maintenanceId);
          const email = pendingEmail(m, command.messageId);
          if (!email) return [];
          return [{ type: 'MaintenanceNoticeEmailFailed', data: { maintenanceId: m.id, customerId: email.customerId, messageId: email.messageId, at: command.at, reason: command.reason } }];
        }
        case 'RecordNoticeEmailDeferred': {
          const m = existing(state, command.maintenanceId);
          const email = pendingEmail(m, command.messageId);
          if (!email) return [];
          return [
            {
              type: 'MaintenanceNoticeEmailDeferred',
              data: { maintenanceId: m.id, customerId: email.customerId, messageId: email.messageId, at: command.at, error: command.error, attempts: email.attempts + 1, retryAt: command.retryAt },
            },
          ];
        }
        default: {
          const never: never = command;
          return never;
        }
      }
    },
  };
}

function evolve(state: MaintenanceState, event: MaintenanceEvent): MaintenanceState {
  switch (event.type) {
    case 'MaintenanceScheduled':
      return {
        id: event.data.maintenanceId,
        scope: event.data.scope,
        title: event.data.title,
        window: event.data.window,
        acceptedAsDowntime: event.data.acceptedAsDowntime,
        notices: [],
        emails: [],
        sequence: 0,
        noticeCheck: null,
        previousWindows: [],
        startedAt: null,
        completedAt: null,
        cancelledAt: null,
      };
    case 'MaintenanceNoticeSent': {
      if (!state) return state;
      const { sentAt, customers, inTime, workingDays, evidence, recordedBy } = event.data;
      const notice: Notice = { sentAt, customers, inTime, source: 'recorded', evidence: evidence ?? null, recordedBy: recordedBy ?? null };
      if (workingDays !== undefined) notice.workingDays = workingDays;
      return { ...state, notices: [...state.notices, notice], noticeCheck: state.noticeCheck ?? { at: sentAt, inTime, workingDays: workingDays ?? 0 } };
    }
    case 'MaintenanceNoticesPlanned': {
      if (!state) return state;
      const { window, method, sequence, plannedAt, recipients, check } = event.data;
      const planned = recipients.map(
        (r): NoticeEmail => ({ ...r, method, sequence, window, plannedAt, status: 'pending', sentAt: null, response: null, inTime: null, workingDays: null, attempts: 0, lastError: null, retryAt: null }),
      );
      return { ...state, emails: [...emailsOf(state), ...planned], noticeCheck: check ?? state.noticeCheck ?? null };
    }
    case 'MaintenanceNoticeEmailSent': {
      if (!state) return state;
      const d = event.data;
      const emails = updateEmail(state, d.messageId, (e) => ({ ...e, status: 'sent', sentAt: d.sentAt, response: d.response, inTime: d.inTime, workingDays: d.workingDays, attempts: e.attempts + 1, retryAt: null }));
      const email = emails.find((e) => e.messageId === d.messageId);
      if (!email || email.method !== 'REQUEST' || d.inTime === null) return { ...state, emails };
      const notice: Notice = { sentAt: d.sentAt, customers: [d.customerId], inTime: d.inTime, source: 'email', messageId: d.messageId };
      if (d.workingDays !== null) notice.workingDays = d.workingDays;
      return { ...state, emails, notices: [...state.notices, notice] };
    }
    case 'MaintenanceNoticeEmailFailed': {
      const d = event.data;
      return state && { ...state, emails: updateEmail(state, d.messageId, (e) => ({ ...e, status: 'failed', response: d.reason, lastError: d.reason, attempts: e.attempts + 1, retryAt: null })) };
    }
    case 'MaintenanceNoticeEmailDeferred': {
      const d = event.data;
      return state && { ...state, emails: updateEmail(state, d.messageId, (e) => ({ ...e, attempts: d.attempts, lastError: d.error, retryAt: d.retryAt })) };
    }
    case 'MaintenanceRescheduled':
      return (
        state && {
          ...state,
          window: event.data.window,
          previousWindows: [...state.previousWindows, state.window],
          notices: [],
          emails: voidPending(state),
          sequence: (state.sequence ?? 0) + 1,
          noticeCheck: null,
          acceptedAsDowntime: event.data.acceptedAsDowntime,
        }
      );
    case 'MaintenanceStarted':
      return state && { ...state, startedAt: event.data.at };
    case 'MaintenanceCompleted':
      return state && { ...state, completedAt: event.data.at };
    case 'MaintenanceCancelled':
      // The window's sequence stays: its withdrawal goes out under the next one.
      return state && { ...state, cancelledAt: event.data.at, emails: voidPending(state) };
    default: {
      const never: never = event;
      return never;
    }
  }
}

// States stored before notice emails existed have no `emails`.
function emailsOf(state: Maintenance): NoticeEmail[] {
  return state.emails ?? [];
}

function updateEmail(state: Maintenance, messageId: string, change: (email: NoticeEmail) => NoticeEmail): NoticeEmail[] {
  return emailsOf(state).map((e) => (e.messageId === messageId ? change(e) : e));
}

/** A moved or cancelled window's unsent emails are never sent. */
function voidPending(state: Maintenance): NoticeEmail[] {
  return emailsOf(state).map((e) => (e.status === 'pending' ? { ...e, status: 'voided', retryAt: null } : e));
}
