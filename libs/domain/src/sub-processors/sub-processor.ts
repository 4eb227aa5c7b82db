import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isAfter, toUtc, type Iso } from '../shared/instant.js';
import { changeNoticeRecipients, objectionDeadline, type ChangeNoticeEmail, type ChangeNoticePlan, type ChangeNoticeRecipient } from './change-notices.js';

/**
 * The sub-processor register (R15 in docs/rules.md): who works for the platform, where, on which data. Every entry
 * is a sequence of versions, each in effect from its `effectiveAt` until the next, so "who may touch
 * this customer's data on that day" is a lookup, and a change announced ahead is recorded ahead.
 */
export const SUB_PROCESSOR_TYPES = ['affiliate', 'infrastructure', 'service-specific'] as const;
export type SubProcessorType = (typeof SUB_PROCESSOR_TYPES)[number];

/** What a version of an entry says. */
export interface SubProcessorFields {
  legalName: string;
  type: SubProcessorType;
  purpose: string;
  location: string;
  /** Works for the whole platform (control plane, support desk): may touch every customer's data. */
  platform: boolean;
  /** The regions whose customers' data it may touch. */
  regions: string[];
  dataCategories: string[];
  /** Other names it goes by in regions' `provider` and outages' `subProcessor` (an admin links free text with them). */
  aliases: string[];
}

export const SUB_PROCESSOR_FIELDS = ['legalName', 'type', 'purpose', 'location', 'platform', 'regions', 'dataCategories', 'aliases'] as const satisfies readonly (keyof SubProcessorFields)[];

export interface SubProcessorVersion {
  change: 'registered' | 'changed' | 'retired';
  effectiveAt: Iso;
  reason: string | null;
  /** The fields this version changed (all of them when registered, none when retired). */
  changed: (keyof SubProcessorFields)[];
  /** The entry as it stands from `effectiveAt`. */
  fields: SubProcessorFields;
  /**
   * A change that touches customers' data: until when they may object (R15, SLA_SUBPROCESSOR_OBJECTION_DAYS
   * after the notice); null when it reached no customer. Only on changes.
   */
  objectionUntil?: Iso | null;
}

export interface SubProcessor extends SubProcessorFields {
  id: string;
  /** When the latest version took (or takes) effect. */
  effectiveAt: Iso;
  retiredAt: Iso | null;
  /** Every version in order; the top-level fields are the last one's. */
  history: SubProcessorVersion[];
  /** The change notices emailed to customers, once a change reached some. */
  notices?: ChangeNoticeEmail[];
}

export type SubProcessorEvent =
  | { type: 'SubProcessorRegistered'; data: { subProcessorId: string; effectiveAt: Iso; reason: string | null } & SubProcessorFields }
  | { type: 'SubProcessorChanged'; data: { subProcessorId: string; effectiveAt: Iso; reason: string; changes: Partial<SubProcessorFields>; objectionUntil?: Iso | null } }
  | { type: 'SubProcessorRetired'; data: { subProcessorId: string; effectiveAt: Iso; reason: string } }
  | { type: 'SubProcessorChangeNoticesPlanned'; data: { subProcessorId: string; version: number; plannedAt: Iso; objectionUntil: Iso; recipients: ChangeNoticeRecipient[] } }
  | { type: 'SubProcessorChangeNoticeEmailSent'; data: { subProcessorId: string; messageId: string; customerId: string; sentAt: Iso; response: string } }
  | { type: 'SubProcessorChangeNoticeEmailFailed'; data: { subProcessorId: string; messageId: string; customerId: string; at: Iso; reason: string } }
  | { type: 'SubProcessorChangeNoticeEmailDeferred'; data: { subProcessorId: string; messageId: string; customerId: string; at: Iso; error: string; retryAt: Iso; attempts: number } };

export type SubProcessorCommand =
  | { type: 'RegisterSubProcessor'; subProcessorId: string; effectiveAt: Iso; reason: string | null; fields: SubProcessorFields }
  | { type: 'ChangeSubProcessor'; subProcessorId: string; effectiveAt: Iso; reason: string; changes: Partial<SubProcessorFields>; notice?: ChangeNoticePlan }
  | { type: 'RetireSubProcessor'; subProcessorId: string; effectiveAt: Iso; reason: string }
  | { type: 'RecordChangeNoticeEmailSent'; subProcessorId: string; messageId: string; sentAt: Iso; response: string }
  | { type: 'RecordChangeNoticeEmailFailed'; subProcessorId: string; messageId: string; at: Iso; reason: string }
  | { type: 'RecordChangeNoticeEmailDeferred'; subProcessorId: string; messageId: string; at: Iso; error: string; retryAt: Iso };

export type SubProcessorState = SubProcessor | null;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The fields of `changes` that differ from `fields`. */
export function changedFields(fields: SubProcessorFields, changes: Partial<SubProcessorFields>): (keyof SubProcessorFields)[] {
  return SUB_PROCESSOR_FIELDS.filter((name) => changes[name] !== undefined && !sameValue(changes[name], fields[name]));
}

function current(state: SubProcessorState, id: string): SubProcessor {
  if (!state) throw new DomainError('not-found', `sub-processor ${id} is not registered; register it with POST /sub-processors`);
  if (state.retiredAt) throw new DomainError('conflict', `sub-processor ${id} was retired at ${state.retiredAt}; register a new entry to bring it back`);
  return state;
}

function inOrder(state: SubProcessor, at: Iso): void {
  if (isAfter(state.effectiveAt, at)) {
    throw new DomainError('rejected', `effectiveAt ${at} is before the entry's last version (${state.effectiveAt}); versions are recorded in order`, {}, 'out-of-order');
  }
}

export const subProcessorDecider: Decider<SubProcessorCommand, SubProcessorEvent, SubProcessorState> = {
  initialState: null,
  decide(command, state, context) {
    switch (command.type) {
      case 'RegisterSubProcessor': {
        if (state) throw new DomainError('conflict', `sub-processor ${command.subProcessorId} is already registered; change it with POST /sub-processors/${command.subProcessorId}/changes`, {}, 'already-exists');
        return [{ type: 'SubProcessorRegistered', data: { subProcessorId: command.subProcessorId, effectiveAt: command.effectiveAt, reason: command.reason, ...command.fields } }];
      }
      case 'ChangeSubProcessor': {
        const entry = current(state, command.subProcessorId);
        inOrder(entry, command.effectiveAt);
        const changed = changedFields(entry, command.changes);
        if (changed.length === 0) throw new DomainError('rejected', `sub-processor ${entry.id} already says exactly this; send the fields that change`, {}, 'no-change');
        const changes = Object.fromEntries(changed.map((name) => [name, command.changes[name]])) as Partial<SubProcessorFields>;
        if (!command.notice) return [{ type: 'SubProcessorChanged', data: { subProcessorId: entry.id, effectiveAt: command.effectiveAt, reason: command.reason, changes } }];
        // R15: a change that touches customers' data is emailed to them, with the time they have to object.
        const version = entry.history.length;
        const recipients = changeNoticeRecipients(entry, pickFields({ ...pickFields(entry), ...changes }), changed, command.effectiveAt, context.now, version, command.notice);
        const objectionUntil = recipients.length === 0 ? null : objectionDeadline(context.now, command.notice.objectionDays);
        const change: SubProcessorEvent = { type: 'SubProcessorChanged', data: { subProcessorId: entry.id, effectiveAt: command.effectiveAt, reason: command.reason, changes, objectionUntil } };
        if (objectionUntil === null) return [change];
        return [change, { type: 'SubProcessorChangeNoticesPlanned', data: { subProcessorId: entry.id, version, plannedAt: toUtc(context.now), objectionUntil, recipients } }];
      }
      case 'RetireSubProcessor': {
        const entry = current(state, command.subProcessorId);
        inOrder(entry, command.effectiveAt);
        return [{ type: 'SubProcessorRetired', data: { subProcessorId: entry.id, effectiveAt: command.effectiveAt, reason: command.reason } }];
      }
      case 'RecordChangeNoticeEmailSent':
      case 'RecordChangeNoticeEmailFailed':
      case 'RecordChangeNoticeEmailDeferred': {
        const email = state?.notices?.find((n) => n.messageId === command.messageId);
        if (!state || !email) throw new DomainError('not-found', `no change notice ${command.messageId} of sub-processor ${command.subProcessorId}`);
        // Recorded once: a second outcome of the same email (a retry that raced the record) changes nothing.
        if (email.status !== 'pending') return [];
        const base = { subProcessorId: state.id, messageId: email.messageId, customerId: email.customerId };
        if (command.type === 'RecordChangeNoticeEmailSent') return [{ type: 'SubProcessorChangeNoticeEmailSent', data: { ...base, sentAt: command.sentAt, response: command.response } }];
        if (command.type === 'RecordChangeNoticeEmailFailed') return [{ type: 'SubProcessorChangeNoticeEmailFailed', data: { ...base, at: command.at, reason: command.reason } }];
        return [{ type: 'SubProcessorChangeNoticeEmailDeferred', data: { ...base, at: command.at, error: command.error, retryAt: command.retryAt, attempts: email.attempts + 1 } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SubProcessorRegistered': {
        const { subProcessorId, effectiveAt, reason, ...fields } = event.data;
        return { id: subProcessorId, ...fields, effectiveAt, retiredAt: null, history: [{ change: 'registered', effectiveAt, reason, changed: [...SUB_PROCESSOR_FIELDS], fields }] };
      }
      case 'SubProcessorChanged': {
        if (!state) return state;
        const fields = { ...pickFields(state), ...event.data.changes };
        const version: SubProcessorVersion = {
          change: 'changed',
          effectiveAt: event.data.effectiveAt,
          reason: event.data.reason,
          changed: Object.keys(event.data.changes) as (keyof SubProcessorFields)[],
          fields,
          objectionUntil: event.data.objectionUntil ?? null,
        };
        return { ...state, ...fields, effectiveAt: event.data.effectiveAt, history: [...state.history, version] };
      }
      case 'SubProcessorRetired': {
        if (!state) return state;
        const version: SubProcessorVersion = { change: 'retired', effectiveAt: event.data.effectiveAt, reason: event.data.reason, changed: [], fields: pickFields(state) };
        return { ...state, effectiveAt: event.data.effectiveAt, retiredAt: event.data.effectiveAt, history: [...state.history, version] };
      }
      case 'SubProcessorChangeNoticesPlanned': {
        if (!state) return state;
        const { version, plannedAt, objectionUntil } = event.data;
        const planned = event.data.recipients.map((r): ChangeNoticeEmail => ({ ...r, version, plannedAt, objectionUntil, status: 'pending', sentAt: null, response: null, attempts: 0, lastError: null, retryAt: null }));
        return { ...state, notices: [...(state.notices ?? []), ...planned] };
      }
      case 'SubProcessorChangeNoticeEmailSent':
        return state && withEmail(state, event.data.messageId, { status: 'sent', sentAt: event.data.sentAt, response: event.data.response, retryAt: null });
      case 'SubProcessorChangeNoticeEmailFailed':
        return state && withEmail(state, event.data.messageId, { status: 'failed', response: event.data.reason, lastError: event.data.reason, retryAt: null });
      case 'SubProcessorChangeNoticeEmailDeferred':
        return state && withEmail(state, event.data.messageId, { attempts: event.data.attempts, lastError: event.data.error, retryAt: event.data.retryAt });
      default: {
        const never: never = event;
        return never;
      }
    }
  },
};

function withEmail(state: SubProcessor, messageId: string, patch: Partial<ChangeNoticeEmail>): SubProcessor {
  return { ...state, notices: (state.notices ?? []).map((n) => (n.messageId === messageId ? { ...n, ...patch } : n)) };
}

export function pickFields(entry: SubProcessorFields): SubProcessorFields {
  return Object.fromEntries(SUB_PROCESSOR_FIELDS.map((name) => [name, entry[name]])) as unknown as SubProcessorFields;
}

/**
 * The entry as it was in effect at `at`: the last version that took effect by then, or null when it
 * was not yet registered or already retired.
 */
export function subProcessorAt(entry: SubProcessor, at: Iso): ({ id: string; effectiveAt: Iso } & SubProcessorFields) | null {
  const at_ = Date.parse(at);
  let version: SubProcessorVersion | null = null;
  for (const v of entry.history) if (Date.parse(v.effectiveAt) <= at_) version = v;
  if (!version || version.change === 'retired') return null;
  return { id: entry.id, effectiveAt: version.effectiveAt, ...version.fields };
}

function normalise(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The registered entry a free-text value names (a region's `provider`, an outage's
 * `subProcessor`): by id, legal name or alias, compared without case or extra spaces. Null when none
 * does — the value is then kept as text and flagged.
 */
export function resolveSubProcessor<E extends Pick<SubProcessor, 'id' | 'legalName' | 'aliases'>>(entries: readonly E[], value: string): E | null {
  const wanted = normalise(value);
  return (
    entries.find((e) => e.id === value.trim()) ??
    entries.find((e) => normalise(e.legalName) === wanted) ??
    entries.find((e) => e.aliases.some((alias) => normalise(alias) === wanted)) ??
    null
  );
}

export function unregisteredWarning(value: string): string {
  return `sub-processor ${value} is not registered: POST /sub-processors`;
}
