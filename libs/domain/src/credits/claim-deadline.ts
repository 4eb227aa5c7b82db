import type { EpochSeconds } from '../time/intervals.js';

const DAY_SECONDS = 86_400;

/**
 * The last instant at which a credit request for a month still counts (R13 in docs/rules.md):
 * `claimDeadlineDays` whole days after the month's end, a request on that very second included.
 * Null days: the deployment set no deadline (the contract names none), so every request counts.
 */
export function claimDeadline(monthEnd: EpochSeconds, claimDeadlineDays: number | null): EpochSeconds | null {
  return claimDeadlineDays === null ? null : monthEnd + claimDeadlineDays * DAY_SECONDS;
}
