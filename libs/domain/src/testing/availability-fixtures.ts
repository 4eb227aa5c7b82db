import type { CalendarConfig } from '../time/calendar.js';
import type { EpochSeconds } from '../time/intervals.js';
import type { AvailabilityInput, CustomerFacts, EmergencyMaintenanceFacts, MaintenanceFacts, MaintenanceNoticeFacts, OutageFacts } from '../availability/model.js';
import { isNoticeInTime, workingDaysStrictlyBetween } from '../time/working-days.js';

/** Builders of availability facts for tests: defaults are the worked example's (acme in fra, October 2026). */

export function at(iso: string): EpochSeconds {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`bad instant in a test: ${iso}`);
  return ms / 1000;
}

export const minutes = (n: number): number => n * 60;

export const CALENDAR: CalendarConfig = { billingTimeZone: 'UTC', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' };

/** A notice as the product stores it: judged when it was sent, under `calendar` (R8). */
export function judgedNotice(sentAt: EpochSeconds, windowStart: EpochSeconds, customers: string[] | null = null, calendar: CalendarConfig = CALENDAR): MaintenanceNoticeFacts {
  return {
    sentAt,
    customers,
    inTime: isNoticeInTime(sentAt, windowStart, calendar),
    workingDays: Math.max(0, workingDaysStrictlyBetween(sentAt, windowStart, calendar)),
  };
}

export function customer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    id: 'acme',
    subscriptions: [{ from: at('2026-01-01T00:00:00Z'), to: null }],
    footprint: [{ from: at('2026-01-01T00:00:00Z'), regions: ['fra'] }],
    ...overrides,
  };
}

export function outage(id: string, from: string, to: string | null, overrides: Partial<OutageFacts> = {}): OutageFacts {
  return {
    id,
    scope: { kind: 'regions', regions: ['fra'] },
    impact: 'unavailable',
    startedAt: at(from),
    endedAt: to === null ? null : at(to),
    exclusion: null,
    eventIds: [`${id}-started`],
    ...overrides,
  };
}

export function maintenance(
  id: string,
  window: [string, string],
  ran: [string, string | null] | null,
  noticesSentAt: string[],
  overrides: Partial<MaintenanceFacts> = {},
): MaintenanceFacts {
  return {
    id,
    scope: { kind: 'regions', regions: ['fra'] },
    window: { start: at(window[0]), end: at(window[1]) },
    startedAt: ran === null ? null : at(ran[0]),
    completedAt: ran === null || ran[1] === null ? null : at(ran[1]),
    cancelled: false,
    acceptedAsDowntime: false,
    notices: noticesSentAt.map((sentAt) => judgedNotice(at(sentAt), at(window[0]))),
    eventIds: [`${id}-scheduled`],
    ...overrides,
  };
}

export function emergency(id: string, from: string, to: string | null, overrides: Partial<EmergencyMaintenanceFacts> = {}): EmergencyMaintenanceFacts {
  return {
    id,
    scope: { kind: 'regions', regions: ['fra'] },
    startedAt: at(from),
    endedAt: to === null ? null : at(to),
    eventIds: [`${id}-started`],
    ...overrides,
  };
}

export function availabilityInput(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    month: '2026-10',
    customer: customer(),
    target: '99.9',
    outages: [],
    maintenances: [],
    emergencies: [],
    now: at('2026-11-05T00:00:00Z'),
    calendar: CALENDAR,
    ...overrides,
  };
}
