import { Gauge, type Registry } from 'prom-client';
import { planAt, toUtc, type Customer, type Plan, type Support } from '#domain';
import type { SqlDatabase } from '#event-store';
import { EntityStatesReader } from '#projections';
import { toFailureReportView } from '../support/failure-report.view.js';

/** The counts an operator alerts on, read in one statement per scrape from the read models. */
interface Counts {
  outages_open: string;
  emergencies_open: string;
  maintenances_open: string;
  notices_pending: string;
  notices_failed: string;
  reports_open: string;
  month: string;
  month_kept: boolean;
  below_target: string;
}

/**
 * Gauges computed at scrape time from the read models: counts in SQL over the entity states (each
 * an index range of one kind), never a load of every state, so a scrape stays cheap at 100,000
 * customers. A month's figures are computed on its first read; until then `sla_customers_below_target`
 * has no value rather than forcing that computation from a scrape.
 */
export function businessGauges(registers: Registry[], database: SqlDatabase, schema: string, currentMonth: () => string, holidayCountry: string): void {
  const states = `${schema}.entity_states`;
  const sql = `SELECT
      (SELECT count(*) FROM ${states} WHERE kind = 'outage' AND state->>'endedAt' IS NULL) AS outages_open,
      (SELECT count(*) FROM ${states} WHERE kind = 'emergencyMaintenance' AND state->>'endedAt' IS NULL) AS emergencies_open,
      (SELECT count(*) FROM ${states} WHERE kind = 'maintenance' AND state->>'completedAt' IS NULL AND state->>'cancelledAt' IS NULL) AS maintenances_open,
      (SELECT count(*) FROM ${states}, jsonb_array_elements(coalesce(state->'emails', '[]'::jsonb)) AS e
         WHERE kind = 'maintenance' AND e->>'status' = 'pending') AS notices_pending,
      (SELECT count(*) FROM ${states}, jsonb_array_elements(coalesce(state->'emails', '[]'::jsonb)) AS e
         WHERE kind = 'maintenance' AND e->>'status' = 'failed') AS notices_failed,
      (SELECT count(*) FROM ${states}, jsonb_array_elements(coalesce(state->'reports', '[]'::jsonb)) AS r
         WHERE kind = 'support' AND r->>'acknowledgedAt' IS NULL) AS reports_open,
      $1::text AS month,
      EXISTS (SELECT 1 FROM ${schema}.availability_months_kept WHERE month = $1) AS month_kept,
      (SELECT count(*) FROM ${schema}.availability_months WHERE month = $1 AND below_target) AS below_target`;
  // One query per scrape, shared by every gauge below (prom-client collects them together).
  let pending: Promise<Counts | null> | null = null;
  const counts = () =>
    (pending ??= database
      .query<Counts>(sql, [currentMonth()])
      .then(({ rows }) => rows[0] ?? null)
      .catch(() => null)
      .finally(() => (pending = null)));
  const gauge = (name: string, help: string, read: (c: Counts) => string) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const c = await counts();
        if (c) this.set(Number(read(c)));
      },
    });
  gauge('sla_outages_open', 'Outages started and not ended', (c) => c.outages_open);
  gauge('sla_emergency_maintenances_open', 'Emergency maintenances started and not ended', (c) => c.emergencies_open);
  gauge('sla_maintenances_open', 'Scheduled maintenances neither completed nor cancelled (upcoming or running)', (c) => c.maintenances_open);
  new Gauge({
    name: 'sla_notices',
    help: 'Maintenance notice emails by status: pending (not yet accepted by the SMTP server) or failed (refused for good)',
    labelNames: ['status'],
    registers,
    async collect() {
      const c = await counts();
      if (!c) return;
      this.set({ status: 'pending' }, Number(c.notices_pending));
      this.set({ status: 'failed' }, Number(c.notices_failed));
    },
  });
  gauge('sla_failure_reports_open', 'Service Failure reports not yet acknowledged', (c) => c.reports_open);
  new Gauge({
    name: 'sla_failure_reports_breached',
    help: "Service Failure reports not yet acknowledged whose response deadline (the plan's response time within its support hours) has passed, through a channel the plan offers",
    registers,
    async collect() {
      const breached = await breachedReports(database, schema, holidayCountry).catch(() => null);
      if (breached !== null) this.set(breached);
    },
  });
  new Gauge({
    name: 'sla_customers_below_target',
    help: "Customers whose Availability Rate is below their plan's target in the current billing month; absent until the month's figures are computed by a read",
    labelNames: ['month'],
    registers,
    async collect() {
      this.reset();
      const c = await counts();
      if (c?.month_kept) this.set({ month: c.month }, Number(c.below_target));
    },
  });
}

/**
 * Unacknowledged reports past their deadline, judged as their own pages judge them
 * (`toFailureReportView`): only the customers with an open report are read, a handful, not everyone.
 */
async function breachedReports(database: SqlDatabase, schema: string, holidayCountry: string): Promise<number> {
  const { rows } = await database.query<{ state: Support }>(
    `SELECT state FROM ${schema}.entity_states
     WHERE kind = 'support' AND EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(state->'reports', '[]'::jsonb)) AS r WHERE r->>'acknowledgedAt' IS NULL)`,
  );
  if (rows.length === 0) return 0;
  const reader = new EntityStatesReader(database, schema);
  const customers = new Map((await reader.many(['customer'], rows.map((r) => r.state.customerId))).map((row) => [row.id, row.state as Customer]));
  const plans = new Map((await reader.all<Plan>('plan')).map((plan) => [plan.id, plan]));
  const now = toUtc(new Date().toISOString());
  let breached = 0;
  for (const { state } of rows) {
    const customer = customers.get(state.customerId);
    if (!customer) continue;
    for (const report of state.reports) {
      if (report.acknowledgedAt !== null) continue;
      const plan = plans.get(planAt(customer, report.reportedAt));
      if (!plan) continue;
      const view = toFailureReportView(state.customerId, report, plan, holidayCountry, now);
      if (view.takenIntoAccount && view.status === 'breached') breached += 1;
    }
  }
  return breached;
}
