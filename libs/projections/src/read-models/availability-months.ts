import {
  customerFacts,
  emergencyFacts,
  isEmptyReach,
  isOpenSource,
  joinReach,
  maintenanceFacts,
  monthRegions,
  NO_REACH,
  outageFacts,
  reachesCustomer,
  reachOf,
  type CalendarConfig,
  type Customer,
  type EmergencyMaintenance,
  type ExcludedBreakdown,
  type Maintenance,
  type Outage,
  type Reach,
  type SourceFacts,
} from '#domain';
import { assertSchemaName, type SqlDatabase, type SqlExecutor } from '#event-store';
import type { Checkpoints } from '../checkpoints.js';
import { loadMonthFacts, monthBounds, monthCustomers, monthFigures, type MonthFacts, type MonthFigure } from './availability-figures.js';
import type { EntityChange, EntityStatesDependent, EntityVersion } from './entity-states.projection.js';
import { EntityStatesReader } from './entity-states.reader.js';

/** The projection whose states the figures are computed from, and whose batches keep them. */
const STATES_PROJECTION = 'entity-states';
/** Rows per statement when writing figures. */
const WRITE_CHUNK = 5_000;

interface FigureRow {
  customer_id: string;
  plan_id: string;
  regions: string[];
  coverage_seconds: number;
  downtime_seconds: number;
  excluded: ExcludedBreakdown;
  availability_rate: string | null;
  target: string;
  below_target: boolean;
  ongoing: boolean;
  downtime_outage_ids: string[];
}

/**
 * Every customer's figures for the months someone asked for, stored so that reading a whole month
 * is one range scan instead of a computation over all customers.
 *
 * A month is computed whole the first time it is read (`keep`), under the entity-states
 * checkpoint's lock so that no batch slips between the states it reads and the rows it writes.
 * From then on each batch of the entity-states projection recomputes, in its own transaction, the
 * customers its changes can reach (Reach: the scope of a source before and after, the customer
 * itself) in every kept month the change overlaps.
 *
 * Figures reached by a source still open grow with the clock: they are not worth storing, so a read
 * recomputes the customers the month's open sources reach, with the time of the read, and a change
 * that leaves a source open with the same reach recomputes nothing. When the source ends, that
 * change recomputes them for good.
 */
export class AvailabilityMonths implements EntityStatesDependent {
  private readonly schema: string;
  private readonly figures: string;
  private readonly kept: string;

  constructor(
    schema: string,
    private readonly calendar: CalendarConfig,
    private readonly checkpoints: Checkpoints,
    private readonly clock: () => number = Date.now,
  ) {
    this.schema = assertSchemaName(schema);
    this.figures = `${this.schema}.availability_months`;
    this.kept = `${this.schema}.availability_months_kept`;
  }

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.kept} (
      month text PRIMARY KEY,
      calendar jsonb NOT NULL,
      position bigint NOT NULL,
      kept_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.figures} (
      month text NOT NULL,
      customer_id text NOT NULL,
      plan_id text NOT NULL,
      regions jsonb NOT NULL,
      coverage_seconds integer NOT NULL,
      downtime_seconds integer NOT NULL,
      excluded jsonb NOT NULL,
      availability_rate text,
      target text NOT NULL,
      below_target boolean NOT NULL,
      ongoing boolean NOT NULL,
      downtime_outage_ids jsonb NOT NULL,
      PRIMARY KEY (month, customer_id)
    )`);
    // Months computed in another billing zone or holiday calendar are not this configuration's figures.
    const calendar = JSON.stringify(this.calendar);
    await db.query(`DELETE FROM ${this.figures} WHERE month IN (SELECT month FROM ${this.kept} WHERE calendar <> $1::jsonb)`, [calendar]);
    await db.query(`DELETE FROM ${this.kept} WHERE calendar <> $1::jsonb`, [calendar]);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.figures}`);
    await tx.query(`DELETE FROM ${this.kept}`);
  }

  /** Stores the month's figures unless they are kept already; answers once they are. */
  async keep(db: SqlDatabase, month: string): Promise<void> {
    if (await this.isKept(db, month)) return;
    await db.transaction(async (tx) => {
      const position = await this.checkpoints.lock(tx, STATES_PROJECTION);
      if (await this.isKept(tx, month)) return;
      const states = new EntityStatesReader(tx, this.schema);
      const customers = await monthCustomers(states, month, this.calendar);
      const facts = await loadMonthFacts(states, month, this.calendar);
      await this.write(tx, month, customers, facts);
      await tx.query(`INSERT INTO ${this.kept} (month, calendar, position, kept_at) VALUES ($1, $2::jsonb, $3, now())`, [
        month,
        JSON.stringify(this.calendar),
        position.toString(),
      ]);
    });
  }

  /**
   * Every customer's figures for a kept month, by customer id, as of `now` (epoch seconds): the
   * stored rows, and those an open source reaches computed again. One snapshot answers both.
   */
  async read(db: SqlDatabase, month: string, now: number): Promise<MonthFigure[]> {
    return db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await tx.query<FigureRow>(
        `SELECT customer_id, plan_id, regions, coverage_seconds, downtime_seconds, excluded, availability_rate, target, below_target, ongoing, downtime_outage_ids
         FROM ${this.figures} WHERE month = $1 ORDER BY customer_id`,
        [month],
      );
      const states = new EntityStatesReader(tx, this.schema);
      const facts = await loadMonthFacts(states, month, this.calendar);
      const live = openReach(facts);
      const figures = rows.map((row) => fromRow(month, row));
      if (isEmptyReach(live)) return figures;
      const reached = rows.filter((row) => reachesCustomer(live, row.customer_id, row.regions)).map((row) => row.customer_id);
      const customers = live.platform ? await monthCustomers(states, month, this.calendar) : await this.customers(states, reached);
      const fresh = new Map(monthFigures({ month, customers, facts, now, calendar: this.calendar }, { explain: false }).map((f) => [f.report.customerId, f]));
      return figures.map((figure) => fresh.get(figure.report.customerId) ?? figure);
    });
  }

  async changed(tx: SqlExecutor, changes: EntityChange[]): Promise<void> {
    const relevant = changes.filter((c) => c.kind === 'customer' || isSourceKind(c.kind));
    if (relevant.length === 0) return;
    const { rows: kept } = await tx.query<{ month: string }>(`SELECT month FROM ${this.kept} ORDER BY month`);
    for (const { month } of kept) {
      const bounds = monthBounds(month, this.calendar);
      const overlaps = (version: EntityVersion | null): version is EntityVersion =>
        version !== null &&
        (version.period.from === null || Date.parse(version.period.from) < bounds.end * 1000) &&
        (version.period.to === null || Date.parse(version.period.to) > bounds.start * 1000);
      const customers = new Set<string>();
      const reaches: Reach[] = [];
      for (const change of relevant) {
        if (!isSourceKind(change.kind)) {
          if (overlaps(change.before) || overlaps(change.after)) customers.add(change.id);
          continue;
        }
        const before = overlaps(change.before) ? sourceFacts(change.kind, change.before.state) : null;
        const after = overlaps(change.after) ? sourceFacts(change.kind, change.after.state) : null;
        const reachBefore = before ? reachOf(before) : NO_REACH;
        const reachAfter = after ? reachOf(after) : NO_REACH;
        if (after && isOpenSource(after)) {
          // Its customers are computed when read while it stays open; only those it no longer reaches need storing.
          if (!sameReach(reachBefore, reachAfter)) reaches.push(reachBefore);
        } else {
          reaches.push(reachBefore, reachAfter);
        }
      }
      const reach = joinReach(reaches);
      if (isEmptyReach(reach) && customers.size === 0) continue;
      await this.recompute(tx, month, reach, customers);
    }
  }

  /** Computes again the month's customers the reach touches, and these customers themselves. */
  private async recompute(tx: SqlExecutor, month: string, reach: Reach, named: Set<string>): Promise<void> {
    const states = new EntityStatesReader(tx, this.schema);
    let customers: Customer[];
    if (reach.platform) {
      customers = await monthCustomers(states, month, this.calendar);
      await tx.query(`DELETE FROM ${this.figures} WHERE month = $1 AND NOT (customer_id = ANY($2::text[]))`, [month, customers.map((c) => c.id)]);
    } else {
      const { rows } = await tx.query<{ customer_id: string }>(
        `SELECT customer_id FROM ${this.figures} WHERE month = $1 AND (regions ?| $2::text[] OR customer_id = ANY($3::text[]))`,
        [month, reach.regions, reach.customers],
      );
      const ids = [...new Set([...rows.map((r) => r.customer_id), ...reach.customers, ...named])];
      const bounds = monthBounds(month, this.calendar);
      customers = (await this.customers(states, ids)).filter(
        (c) => Date.parse(c.activeFrom) < bounds.end * 1000 && (c.offboardedAt === null || Date.parse(c.offboardedAt) > bounds.start * 1000),
      );
      const staying = new Set(customers.map((c) => c.id));
      const leaving = ids.filter((id) => !staying.has(id));
      if (leaving.length > 0) await tx.query(`DELETE FROM ${this.figures} WHERE month = $1 AND customer_id = ANY($2::text[])`, [month, leaving]);
    }
    if (customers.length === 0) return;
    await this.write(tx, month, customers, await loadMonthFacts(states, month, this.calendar));
  }

  private async customers(states: EntityStatesReader, ids: string[]): Promise<Customer[]> {
    return (await states.many(['customer'], ids)).map((row) => row.state as Customer);
  }

  private async write(tx: SqlExecutor, month: string, customers: Customer[], facts: MonthFacts): Promise<void> {
    const now = Math.floor(this.clock() / 1000);
    const figures = monthFigures({ month, customers, facts, now, calendar: this.calendar }, { explain: false });
    const bounds = monthBounds(month, this.calendar);
    const regions = new Map(customers.map((c) => [c.id, monthRegions(customerFacts(c), bounds)]));
    for (let k = 0; k < figures.length; k += WRITE_CHUNK) {
      const rows = figures.slice(k, k + WRITE_CHUNK).map(({ report, planId }) => ({
        month,
        customer_id: report.customerId,
        plan_id: planId,
        regions: regions.get(report.customerId),
        coverage_seconds: report.coveragePeriodSeconds,
        downtime_seconds: report.downtimeSeconds,
        excluded: report.excludedSeconds,
        availability_rate: report.availabilityRate,
        target: report.target,
        below_target: report.belowTarget,
        ongoing: report.ongoing,
        downtime_outage_ids: report.downtimeOutageIds,
      }));
      await tx.query(
        `INSERT INTO ${this.figures} (month, customer_id, plan_id, regions, coverage_seconds, downtime_seconds, excluded, availability_rate, target, below_target, ongoing, downtime_outage_ids)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(month text, customer_id text, plan_id text, regions jsonb, coverage_seconds integer, downtime_seconds integer,
           excluded jsonb, availability_rate text, target text, below_target boolean, ongoing boolean, downtime_outage_ids jsonb)
         ON CONFLICT (month, customer_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, regions = EXCLUDED.regions, coverage_seconds = EXCLUDED.coverage_seconds,
           downtime_seconds = EXCLUDED.downtime_seconds, excluded = EXCLUDED.excluded, availability_rate = EXCLUDED.availability_rate, target = EXCLUDED.target,
           below_target = EXCLUDED.below_target, ongoing = EXCLUDED.ongoing, downtime_outage_ids = EXCLUDED.downtime_outage_ids`,
        [JSON.stringify(rows)],
      );
    }
  }

  private async isKept(db: SqlExecutor, month: string): Promise<boolean> {
    const { rows } = await db.query(`SELECT 1 FROM ${this.kept} WHERE month = $1`, [month]);
    return rows.length > 0;
  }
}

/** Who the month's sources that are still open reach: their figures move with the clock. */
function openReach(facts: MonthFacts): Reach {
  const sources: SourceFacts[] = [
    ...facts.outages.map((facts) => ({ kind: 'outage', facts }) as const),
    ...facts.maintenances.map((facts) => ({ kind: 'maintenance', facts }) as const),
    ...facts.emergencies.map((facts) => ({ kind: 'emergencyMaintenance', facts }) as const),
  ];
  return joinReach(sources.filter(isOpenSource).map(reachOf));
}

type SourceKind = SourceFacts['kind'];

function isSourceKind(kind: string): kind is SourceKind {
  return kind === 'outage' || kind === 'maintenance' || kind === 'emergencyMaintenance';
}

function sourceFacts(kind: SourceKind, state: unknown): SourceFacts {
  switch (kind) {
    case 'outage':
      return { kind, facts: outageFacts(state as Outage, []) };
    case 'maintenance':
      return { kind, facts: maintenanceFacts(state as Maintenance, []) };
    case 'emergencyMaintenance':
      return { kind, facts: emergencyFacts(state as EmergencyMaintenance, []) };
  }
}

function sameReach(a: Reach, b: Reach): boolean {
  const key = (r: Reach) => JSON.stringify(joinReach([r]));
  return key(a) === key(b);
}

function fromRow(month: string, row: FigureRow): MonthFigure {
  const minutes = (seconds: ExcludedBreakdown): ExcludedBreakdown => ({
    scheduledMaintenance: seconds.scheduledMaintenance / 60,
    emergencyMaintenance: seconds.emergencyMaintenance / 60,
    exclusions: seconds.exclusions / 60,
  });
  return {
    planId: row.plan_id,
    report: {
      customerId: row.customer_id,
      month,
      coveragePeriodSeconds: row.coverage_seconds,
      downtimeSeconds: row.downtime_seconds,
      coveragePeriodMinutes: row.coverage_seconds / 60,
      downtimeMinutes: row.downtime_seconds / 60,
      excludedSeconds: row.excluded,
      excludedMinutes: minutes(row.excluded),
      availabilityRate: row.availability_rate,
      target: row.target,
      belowTarget: row.below_target,
      ongoing: row.ongoing,
      downtimeOutageIds: row.downtime_outage_ids,
      intervals: [],
    },
  };
}
