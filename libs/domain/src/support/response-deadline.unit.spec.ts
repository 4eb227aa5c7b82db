import { describe, expect, it } from '@jest/globals';
import { responseDeadline, responseStatus } from './response-deadline.js';

const office = { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };

describe('response deadlines (R14)', () => {
  it('counts straight through on a plan with support at all hours', () => {
    expect(responseDeadline('2026-11-06T20:00:00Z', 240, 'always', 'FR')).toBe('2026-11-07T00:00:00Z');
  });

  it('counts inside support hours the same day', () => {
    // Tue 3 Nov 10:00 Paris (09:00Z) + 4 h = 14:00 Paris = 13:00Z.
    expect(responseDeadline('2026-11-03T09:00:00Z', 240, office, 'FR')).toBe('2026-11-03T13:00:00Z');
  });

  it('carries what is left past closing time to the next support day', () => {
    // Tue 3 Nov 16:00 Paris: 2 h until 18:00, 2 h more from Wed 09:00 → 11:00 Paris = 10:00Z.
    expect(responseDeadline('2026-11-03T15:00:00Z', 240, office, 'FR')).toBe('2026-11-04T10:00:00Z');
  });

  it('starts a Friday-evening report at the next period, across the weekend', () => {
    // Fri 20 Nov 19:30 Paris: nothing until Mon 23 09:00 Paris; + 4 h = 13:00 Paris = 12:00Z.
    expect(responseDeadline('2026-11-20T18:30:00Z', 240, office, 'FR')).toBe('2026-11-23T12:00:00Z');
  });

  it('skips a public holiday: a Tuesday-evening report before Armistice Day waits for Thursday', () => {
    // Tue 10 Nov 2026 18:30 Paris, Wed 11 Nov is a holiday in France: Thu 12 09:00 + 4 h = 13:00 Paris = 12:00Z.
    expect(responseDeadline('2026-11-10T17:30:00Z', 240, office, 'FR')).toBe('2026-11-12T12:00:00Z');
  });

  it('skips a weekend and a holiday together: Friday 30 October evening, All Saints on the Sunday, then Monday', () => {
    // All Saints (Sun 1 Nov) falls on a weekend day anyway: Mon 2 Nov 09:00 + 4 h = 13:00 Paris = 12:00Z.
    expect(responseDeadline('2026-10-30T18:00:00Z', 240, office, 'FR')).toBe('2026-11-02T12:00:00Z');
  });

  it('spreads a long response time over several support days', () => {
    // 20 h from Mon 2 Nov 09:00 Paris: Mon 9 h, Tue 9 h, then 2 h on Wed → Wed 11:00 Paris = 10:00Z.
    expect(responseDeadline('2026-11-02T07:00:00Z', 20 * 60, office, 'FR')).toBe('2026-11-04T10:00:00Z');
  });

  it('uses the plan time zone across a DST change', () => {
    // Fri 23 Oct 17:00 Paris (15:00Z, CEST): 1 h today, 3 h on Mon 26 Oct from 09:00 CET (08:00Z) → 12:00 CET = 11:00Z.
    expect(responseDeadline('2026-10-23T15:00:00Z', 240, office, 'FR')).toBe('2026-10-26T11:00:00Z');
  });

  it('is met when acknowledged by the deadline, breached after, open before', () => {
    const deadline = '2026-11-03T13:00:00Z';
    expect(responseStatus(deadline, '2026-11-03T13:00:00Z', '2026-11-10T00:00:00Z')).toBe('met');
    expect(responseStatus(deadline, '2026-11-03T13:00:01Z', '2026-11-10T00:00:00Z')).toBe('breached');
    expect(responseStatus(deadline, null, '2026-11-03T12:00:00Z')).toBe('open');
    expect(responseStatus(deadline, null, '2026-11-03T13:00:01Z')).toBe('breached');
  });
});
