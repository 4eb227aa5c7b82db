import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { fromEpochSeconds, isAfter, toEpochSeconds, type Iso } from '../shared/instant.js';
import type { Scope } from '../shared/scope.js';
import type { CalendarConfig } from '../time/calendar.js';
import { earliestCompliantStart, isNoticeInTime, workingDaysStrictlyBetween } from '../time/working-days.js';
import { notInFuture } from '../shared/facts-in-the-past.js';

export interface Window {
  start: Iso;
  end: Iso;
}

export interface Notice {
  sentAt: Iso;
  /** null: every customer in the scope at `sentAt` (R8). */
  customers: string[] | null;
  /** Whether it left the contract's notice, under the calendar in force when it was sent. */
  inTime: boolean;
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
  previousWindows: Window[];
  startedAt: Iso | null;
  completedAt: Iso | null;
  cancelledAt: Iso | null;
}

export type MaintenanceEvent =
  | { type: 'MaintenanceScheduled'; data: { maintenanceId: string; scope: Scope; title: string; window: Window; acceptedAsDowntime: boolean } }
  | { type: 'MaintenanceNoticeSent'; data: { maintenanceId: string; sentAt: Iso; customers: string[] | null; window: Window; inTime: boolean } }
  | { type: 'MaintenanceRescheduled'; data: { maintenanceId: string; window: Window; previousWindow: Window; acceptedAsDowntime: boolean } }
  | { type: 'MaintenanceStarted'; data: { maintenanceId: string; at: Iso } }
  | { type: 'MaintenanceCompleted'; data: { maintenanceId: string; at: Iso } }
  | { type: 'MaintenanceCancelled'; data: { maintenanceId: string; at: Iso } };

export type MaintenanceCommand =
  | { type: 'ScheduleMaintenance'; maintenanceId: string; scope: Scope; title: string; window: Window; noticeSentAt: Iso | null; acceptAsDowntime: boolean }
  | { type: 'SendNotice'; maintenanceId: string; sentAt: Iso; customers: string[] | null }
  | { type: 'RescheduleMaintenance'; maintenanceId: string; window: Window; noticeSentAt: Iso | null; acceptAsDowntime: boolean }
  | { type: 'StartMaintenance'; maintenanceId: string; at: Iso }
  | { type: 'CompleteMaintenance'; maintenanceId: string; at: Iso }
  | { type: 'CancelMaintenance'; maintenanceId: string };

export type MaintenanceState = Maintenance | null;

function existing(state: MaintenanceState, id: string): Maintenance {
  if (!state) throw new DomainError('not-found', `maintenance ${id} does not exist; schedule it with POST /maintenances`);
  return state;
}

function notCancelled(m: Maintenance): void {
  if (m.cancelledAt) throw new DomainError('conflict', `maintenance ${m.id} was cancelled at ${m.cancelledAt}`);
}


function validWindow(window: Window): void {
  if (!isAfter(window.end, window.start)) throw new DomainError('rejected', `window.end ${window.end} must be after window.start ${window.start}`);
}

/**
 * R8/R9: a window that leaves too little notice is refused, naming the earliest start that would
 * comply, unless the caller accepts that it counts as Down Time.
 */
function noticeFor(id: string, window: Window, sentAt: Iso, acceptAsDowntime: boolean, calendar: CalendarConfig, context: CommandContext) {
  notInFuture('noticeSentAt', sentAt, context);
  const inTime = isNoticeInTime(toEpochSeconds(sentAt), toEpochSeconds(window.start), calendar);
  if (!inTime && !acceptAsDowntime) {
    const earliest = fromEpochSeconds(earliestCompliantStart(toEpochSeconds(sentAt), calendar));
    const days = Math.max(0, workingDaysStrictlyBetween(toEpochSeconds(sentAt), toEpochSeconds(window.start), calendar));
    throw new DomainError(
      'rejected',
      `a notice sent at ${sentAt} leaves ${days} full working day(s) before the window starts (${calendar.legalTimeZone}, ${calendar.holidayCountry}); ` +
        `the contract needs 3. Start the window at ${earliest} or later, or set acceptAsDowntime: true to record it as Down Time`,
      { earliestCompliantStart: earliest, workingDaysOfNotice: days },
    );
  }
  return { type: 'MaintenanceNoticeSent' as const, data: { maintenanceId: id, sentAt, customers: null, window, inTime } };
}

export function maintenanceDecider(calendar: CalendarConfig): Decider<MaintenanceCommand, MaintenanceEvent, MaintenanceState> {
  return {
    initialState: null,
    evolve,
    decide(command, state, context) {
      switch (command.type) {
        case 'ScheduleMaintenance': {
          if (state) throw new DomainError('conflict', `maintenance ${command.maintenanceId} already exists`);
          validWindow(command.window);
          const notice = noticeFor(command.maintenanceId, command.window, command.noticeSentAt ?? context.now, command.acceptAsDowntime, calendar, context);
          return [
            {
              type: 'MaintenanceScheduled',
              data: { maintenanceId: command.maintenanceId, scope: command.scope, title: command.title, window: command.window, acceptedAsDowntime: command.acceptAsDowntime && !notice.data.inTime },
            },
            notice,
          ];
        }
        case 'SendNotice': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          notInFuture('sentAt', command.sentAt, context);
          const inTime = isNoticeInTime(toEpochSeconds(command.sentAt), toEpochSeconds(m.window.start), calendar);
          return [{ type: 'MaintenanceNoticeSent', data: { maintenanceId: m.id, sentAt: command.sentAt, customers: command.customers, window: m.window, inTime } }];
        }
        case 'RescheduleMaintenance': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          if (m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} already started at ${m.startedAt}; it can no longer be moved`);
          validWindow(command.window);
          const notice = noticeFor(m.id, command.window, command.noticeSentAt ?? context.now, command.acceptAsDowntime, calendar, context);
          return [
            { type: 'MaintenanceRescheduled', data: { maintenanceId: m.id, window: command.window, previousWindow: m.window, acceptedAsDowntime: command.acceptAsDowntime && !notice.data.inTime } },
            notice,
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
          if (!isAfter(command.at, m.startedAt)) throw new DomainError('rejected', `at ${command.at} must be after the start ${m.startedAt}`);
          notInFuture('at', command.at, context);
          return [{ type: 'MaintenanceCompleted', data: { maintenanceId: m.id, at: command.at } }];
        }
        case 'CancelMaintenance': {
          const m = existing(state, command.maintenanceId);
          notCancelled(m);
          if (m.completedAt) throw new DomainError('conflict', `maintenance ${m.id} already completed at ${m.completedAt}; there is nothing left to cancel`);
          if (m.startedAt) throw new DomainError('conflict', `maintenance ${m.id} already started at ${m.startedAt}; complete it instead`);
          return [{ type: 'MaintenanceCancelled', data: { maintenanceId: m.id, at: context.now } }];
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
        previousWindows: [],
        startedAt: null,
        completedAt: null,
        cancelledAt: null,
      };
    case 'MaintenanceNoticeSent':
      return state && { ...state, notices: [...state.notices, { sentAt: event.data.sentAt, customers: event.data.customers, inTime: event.data.inTime }] };
    case 'MaintenanceRescheduled':
      return state && { ...state, window: event.data.window, previousWindows: [...state.previousWindows, state.window], notices: [], acceptedAsDowntime: event.data.acceptedAsDowntime };
    case 'MaintenanceStarted':
      return state && { ...state, startedAt: event.data.at };
    case 'MaintenanceCompleted':
      return state && { ...state, completedAt: event.data.at };
    case 'MaintenanceCancelled':
      return state && { ...state, cancelledAt: event.data.at };
    default: {
      const never: never = event;
      return never;
    }
  }
}
