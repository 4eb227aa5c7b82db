import type { ResponseStatus } from './response-deadline.js';

export interface PlanCompliance {
  planId: string;
  reports: number;
  met: number;
  breached: number;
  open: number;
  /** Met among the decided ones (met + breached), in percent with 2 decimals; null while none is decided. */
  compliance: string | null;
}

/** Response-time compliance per plan (R14): open reports are counted but not yet judged. */
export function responseCompliance(reports: { planId: string; status: ResponseStatus }[]): PlanCompliance[] {
  const byPlan = new Map<string, PlanCompliance>();
  for (const { planId, status } of reports) {
    const entry = byPlan.get(planId) ?? { planId, reports: 0, met: 0, breached: 0, open: 0, compliance: null };
    entry.reports += 1;
    entry[status] += 1;
    byPlan.set(planId, entry);
  }
  return [...byPlan.values()]
    .map((entry) => {
      const decided = entry.met + entry.breached;
      if (decided === 0) return entry;
      // Half up on integers: 10000 · met / decided hundredths of a percent.
      const hundredths = Math.floor((20_000 * entry.met + decided) / (2 * decided));
      return { ...entry, compliance: `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}` };
    })
    .sort((a, b) => a.planId.localeCompare(b.planId));
}
