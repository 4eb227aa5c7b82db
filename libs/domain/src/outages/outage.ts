import type { CommandContext, Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, type Iso } from '../shared/instant.js';
import type { ExclusionCause, Impact, Scope } from '../shared/scope.js';
import { notInFuture } from '../shared/facts-in-the-past.js';

export type OutageEvent =
  | { type: 'OutageStarted'; data: { outageId: string; scope: Scope; impact: Impact; title: string; startedAt: Iso; subProcessor: string | null } }
  | { type: 'OutageEnded'; data: { outageId: string; endedAt: Iso } }
  | {
      type: 'OutageCorrected';
      data: { outageId: string; startedAt: Iso; endedAt: Iso | null; reason: string; previous: { startedAt: Iso; endedAt: Iso | null } };
    }
  | { type: 'OutageClassified'; data: { outageId: string; exclusion: ExclusionCause | null; reason: string } }
  | { type: 'OutageVoided'; data: { outageId: string; reason: string; voidedAt: Iso } };

export type OutageCommand =
  | { type: 'StartOutage'; outageId: string; scope: Scope; impact: Impact; title: string; startedAt: Iso; subProcessor: string | null }
  | { type: 'EndOutage'; outageId: string; endedAt: Iso }
  | { type: 'CorrectOutage'; outageId: string; startedAt?: Iso; endedAt?: Iso; reason: string }
  | { type: 'ClassifyOutage'; outageId: string; exclusion: ExclusionCause | null; reason: string }
  | { type: 'VoidOutage'; outageId: string; reason: string };

export interface Outage {
  id: string;
  scope: Scope;
  impact: Impact;
  title: string;
  startedAt: Iso;
  endedAt: Iso | null;
  subProcessor: string | null;
  exclusion: ExclusionCause | null;
  exclusionReason: string | null;
  corrections: number;
  /** Recorded in error and voided: it counts in no figure from `voidedAt` (record time) on. */
  voided?: boolean;
  voidReason?: string | null;
  voidedAt?: Iso | null;
}

export type OutageState = Outage | null;

function existing(state: OutageState, outageId: string): Outage {
  if (!state) throw new DomainError('not-found', `outage ${outageId} does not exist; start it with POST /outages`);
  if (state.voided) throw new DomainError('conflict', `outage ${outageId} was voided at ${state.voidedAt}: ${state.voidReason}; it can no longer change`, {}, 'already-voided');
  return state;
}


function decide(command: OutageCommand, state: OutageState, context: CommandContext): OutageEvent[] {
  switch (command.type) {
    case 'StartOutage': {
      if (state) throw new DomainError('conflict', `outage ${command.outageId} already exists (started ${state.startedAt})`, {}, 'already-exists');
      notInFuture('startedAt', command.startedAt, context);
      const { type: _type, ...data } = command;
      return [{ type: 'OutageStarted', data }];
    }
    case 'EndOutage': {
      const outage = existing(state, command.outageId);
      if (outage.endedAt) {
        throw new DomainError('conflict', `outage ${outage.id} already ended at ${outage.endedAt}; to change that time, post a correction`, {}, 'already-ended');
      }
      if (!isAfter(command.endedAt, outage.startedAt)) {
        throw new DomainError('rejected', `endedAt ${command.endedAt} must be after the outage's start ${outage.startedAt}`, {}, 'end-before-start');
      }
      notInFuture('endedAt', command.endedAt, context);
      return [{ type: 'OutageEnded', data: { outageId: outage.id, endedAt: command.endedAt } }];
    }
    case 'CorrectOutage': {
      const outage = existing(state, command.outageId);
      if (command.endedAt !== undefined && outage.endedAt === null) {
        throw new DomainError('rejected', `outage ${outage.id} is still open: end it with POST /outages/${outage.id}/end before correcting its end`);
      }
      const startedAt = command.startedAt ?? outage.startedAt;
      const endedAt = command.endedAt ?? outage.endedAt;
      if (startedAt === outage.startedAt && endedAt === outage.endedAt) {
        throw new DomainError('rejected', 'the correction changes nothing: give a startedAt or endedAt that differs from the recorded one', {}, 'no-change');
      }
      if (endedAt !== null && !isAfter(endedAt, startedAt)) {
        throw new DomainError('rejected', `after the correction the outage would end (${endedAt}) before it starts (${startedAt})`, {}, 'end-before-start');
      }
      notInFuture('startedAt', startedAt, context);
      if (endedAt) notInFuture('endedAt', endedAt, context);
      return [
        {
          type: 'OutageCorrected',
          data: { outageId: outage.id, startedAt, endedAt, reason: command.reason, previous: { startedAt: outage.startedAt, endedAt: outage.endedAt } },
        },
      ];
    }
    case 'ClassifyOutage': {
      const outage = existing(state, command.outageId);
      if (outage.exclusion === command.exclusion) {
        throw new DomainError('rejected', `outage ${outage.id} is already classified as ${command.exclusion ?? 'not excluded'}`, {}, 'no-change');
      }
      return [{ type: 'OutageClassified', data: { outageId: outage.id, exclusion: command.exclusion, reason: command.reason } }];
    }
    case 'VoidOutage': {
      const outage = existing(state, command.outageId);
      return [{ type: 'OutageVoided', data: { outageId: outage.id, reason: command.reason, voidedAt: context.now } }];
    }
    default: {
      const never: never = command;
      return never;
    }
  }
}

function evolve(state: OutageState, event: OutageEvent): OutageState {
  switch (event.type) {
    case 'OutageStarted':
      return {
        id: event.data.outageId,
        scope: event.data.scope,
        impact: event.data.impact,
        title: event.data.title,
        startedAt: event.data.startedAt,
        endedAt: null,
        subProcessor: event.data.subProcessor,
        exclusion: null,
        exclusionReason: null,
        corrections: 0,
      };
    case 'OutageEnded':
      return state && { ...state, endedAt: event.data.endedAt };
    case 'OutageCorrected':
      return state && { ...state, startedAt: event.data.startedAt, endedAt: event.data.endedAt, corrections: state.corrections + 1 };
    case 'OutageClassified':
      return state && { ...state, exclusion: event.data.exclusion, exclusionReason: event.data.exclusion ? event.data.reason : null };
    case 'OutageVoided':
      return state && { ...state, voided: true, voidReason: event.data.reason, voidedAt: event.data.voidedAt };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const outageDecider: Decider<OutageCommand, OutageEvent, OutageState> = {
  initialState: null,
  decide,
  evolve,
};
