import type { DomainEvent } from './decider.js';

/** Fields that hold an event's business time, in the order they are looked for. */
const BUSINESS_TIME_FIELDS = ['at', 'startedAt', 'endedAt', 'sentAt', 'effectiveAt', 'activeFrom', 'reportedAt', 'requestedAt', 'paidAt'] as const;

/**
 * When the fact an event records happened, as the caller said (R1). Corrections and other
 * events without such a field happen when they are recorded: null lets the caller use now.
 */
export function businessTimeOf(event: DomainEvent): string | null {
  if (event.type.endsWith('Corrected')) return null;
  const data = event.data as Record<string, unknown>;
  for (const field of BUSINESS_TIME_FIELDS) {
    const value = data[field];
    if (typeof value === 'string') return value;
  }
  return null;
}
