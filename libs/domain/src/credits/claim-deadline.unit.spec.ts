import { describe, expect, it } from '@jest/globals';
import { fromEpochSeconds } from '../shared/instant.js';
import { monthRange } from '../time/calendar.js';
import { claimDeadline } from './claim-deadline.js';

describe('claimDeadline (R13)', () => {
  it('is the configured number of days after the month ends, in the billing zone', () => {
    // October 2026 ends at 2026-11-01T00:00Z in UTC; thirty days on is 1 December, 00:00Z.
    expect(fromEpochSeconds(claimDeadline(monthRange('2026-10', 'UTC').end, 30)!)).toBe('2026-12-01T00:00:00Z');
    // In Europe/Paris October ends at 2026-10-31T23:00Z (UTC+1 after 25 October).
    expect(fromEpochSeconds(claimDeadline(monthRange('2026-10', 'Europe/Paris').end, 30)!)).toBe('2026-11-30T23:00:00Z');
    expect(fromEpochSeconds(claimDeadline(monthRange('2026-10', 'UTC').end, 0)!)).toBe('2026-11-01T00:00:00Z');
  });

  it('is none when the deployment sets none, as the contract names none', () => {
    expect(claimDeadline(monthRange('2026-10', 'UTC').end, null)).toBeNull();
  });
});
