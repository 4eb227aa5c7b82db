import {
  grownReport,
  growthHolds,
  SOURCE_STREAM_KINDS,
  staleFigures,
  type CalendarConfig,
  type Customer,
  type EntityChange,
  type Reach,
  type SourceStreamKind,
} from '#domain';
import { assertSchemaName, type SqlDatabase, type SqlExecutor } from '#event-store';
import type { Checkpoints } from '../checkpoints.js';
import { figureCalculator, loadMonthFacts, monthBounds, mapInTurns, nextTurn, type MonthFacts, type MonthFigure } from './availability-figures.js';
import type { EntityStatesDependent } from './entity-states.projection.js';
import { EntityStatesReader } from './entity-states.reader.js';
import { fromRow, growthOf, NO_OUTAGES, SharedTexts, type FigureRow } from './availability-month-rows.js';
import { computeOnThisThread, type FigureColumns, type FigureCompute } from './figure-columns.js';

/** The projection whose states the figures are computed from, and whose batches keep them. */
const STATES_PROJECTION = 'entity-states';
/** Rows per statement when writing figures. */
const WRITE_CHUNK = 2_000;
/** Customers read, computed and written at a time when a whole month is: what is held in memory at once. */
const CUSTOMER_CHUNK = 1_000;
/**
 * Stored figures read at a time: the rows of one FETCH arrive together and are parsed in one go on
 * this thread, and 1,000 of them, with a young collection, held it for some 50 ms.
 */
const READ_CHUNK = 500;
/** Outage lists read at a time when a month is read. */
const OUTAGE_SET_CHUNK = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Bumped when stored figures change meaning: months kept under another version are stored again. 2: figures carry their growth. */
const FIGURES_VERSION = 2;

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
 * Figures reached by a source still open grow with the clock, by a formula: each is stored as of
 * one instant with its growth (0 or 1 second a second for Down Time and each exclusion) until the
 * customer's growth horizon, and a read works out the figure of its own instant from them
 * (`grownReport`). Only a read past a horizon before the month's end (a running maintenance's window
 * boundary, a change recorded ahead of its instant) computes those customers again.
 */
export class AvailabilityMonths implements EntityStatesDependent {
  private readonly schema: string;
  private readonly figures: string;
  private readonly kept: string;
  private readonly outageSets: string;
  /** What a kept month was computed under: the calendar, and the way figures are stored. */
  private readonly keptKey: string;

  constructor(
    schema: string,
    private readonly calendar: CalendarConfig,
    private readonly checkpoints: Checkpoints,
    private readonly clock: () => number = Date.now,
    /** Customers held at a time when a whole month is computed; small in tests, so that months span several chunks. */
    private readonly customerChunk = CUSTOMER_CHUNK,
    /** Where whole months are computed (`figureCompute`: worker threads in a server). */
    private readonly compute: FigureCompute = computeOnThisThread,
  ) {
    this.schema = assertSchemaName(schema);
    this.figures = `${this.schema}.availability_months`;
    this.kept = `${this.schema}.availability_months_kept`;
    this.outageSets = `${this.schema}.availability_month_outage_sets`;
    this.keptKey = JSON.stringify({ ...this.calendar, figures: FIGURES_VERSION });
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
      regions text[] NOT NULL,
      coverage_seconds integer NOT NULL,
      downtime_seconds integer NOT NULL,
      excluded_scheduled integer NOT NULL,
      excluded_emergency integer NOT NULL,
      excluded_causes integer NOT NULL,
      availability_rate text,
      target text NOT NULL,
      below_target boolean NOT NULL,
      ongoing boolean NOT NULL,
      outage_set text NOT NULL,
      grows_from integer,
      grows_until integer,
      growth smallint,
      PRIMARY KEY (month, customer_id)
    )`);
    // Tables made before figures kept their growth gain its columns (their months are stored again, below).
    await db.query(
      `ALTER TABLE ${this.figures} ADD COLUMN IF NOT EXISTS grows_from integer, ADD COLUMN IF NOT EXISTS grows_until integer, ADD COLUMN IF NOT EXISTS growth smallint`,
    );
    // Customers alike share the list of outages that made their Down Time (hundreds of ids in a bad
    // month): it is stored once per month and list, and rows name it by a digest of its content.
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.outageSets} (
      month text NOT NULL,
      outage_set text NOT NULL,
      outage_ids text[] NOT NULL,
      PRIMARY KEY (month, outage_set)
    )`);
    // Months computed in another billing zone or holiday calendar, or stored before figures kept their
    // growth, are not this configuration's figures: dropped, all three tables in one statement, so
    // that none is left half-deleted. The next read stores them again.
    await db.query(
      `WITH stale AS (DELETE FROM ${this.kept} WHERE calendar <> $1::jsonb RETURNING month),
            figures AS (DELETE FROM ${this.figures} WHERE month IN (SELECT month FROM stale)),
            sets AS (DELETE FROM ${this.outageSets} WHERE month IN (SELECT month FROM stale))
       SELECT count(*) FROM stale`,
      [this.keptKey],
    );
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.figures}`);
    await tx.query(`DELETE FROM ${this.outageSets}`);
    await tx.query(`DELETE FROM ${this.kept}`);
  }

  /** Stores the month's figures unless they are kept already; answers once they are. */
  async keep(db: SqlDatabase, month: string): Promise<void> {
    if (await this.isKept(db, month)) return;
    await db.transaction(async (tx) => {
      const position = await this.checkpoints.lock(tx, STATES_PROJECTION);
      if (await this.isKept(tx, month)) return;
      const states = new EntityStatesReader(tx, this.schema);
      const facts = await loadMonthFacts(states, month, this.calendar);
      await this.write(tx, month, this.customerChunks(tx, month), facts);
      await tx.query(`INSERT INTO ${this.kept} (month, calendar, position, kept_at) VALUES ($1, $2::jsonb, $3, now())`, [
        month,
        this.keptKey,
        position.toString(),
      ]);
    });
  }

  /**
   * Every customer's figures for a kept month, by customer id, as of `now` (epoch seconds): the
   * stored rows, grown to `now` where they grow, and those whose growth does not reach `now` computed
   * again. One snapshot answers both.
   */
  read(db: SqlDatabase, month: string, now: number): Promise<MonthFigure[]> {
    return this.readAs(db, month, now, (figure) => figure, (figure) => figure.report.customerId);
  }

  /**
   * As `read`, each figure shaped by `shape` as soon as it is made: only the shapes of the whole
   * month are held at once, never its rows and figures beside them. `idOf` gives a shape's customer.
   */
  async readAs<T>(db: SqlDatabase, month: string, now: number, shape: (figure: MonthFigure) => T, idOf: (shaped: T) => string): Promise<T[]> {
    return db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`unexpected month ${month}`);
      const bounds = monthBounds(month, this.calendar);
      const outageSets = await this.readOutageSets(tx, month);
      // A chunk of rows at a time from one cursor: the embedded database answers a statement in one
      // go on this thread, and 100,000 rows at once held it for more than a second.
      await tx.query(
        `DECLARE month_figures NO SCROLL CURSOR FOR
         SELECT customer_id, plan_id, coverage_seconds, downtime_seconds, excluded_scheduled, excluded_emergency, excluded_causes,
                availability_rate, target, below_target, ongoing, outage_set, grows_from, grows_until, growth
         FROM ${this.figures} WHERE month = '${month}' ORDER BY month, customer_id`,
      );
      const shaped: T[] = [];
      const again = new Set<string>();
      const texts = new SharedTexts();
      for (;;) {
        const { rows } = await tx.query<FigureRow>(`FETCH ${Math.min(this.customerChunk, READ_CHUNK)} FROM month_figures`);
        if (rows.length === 0) break;
        for (const row of rows) {
          const figure = fromRow(month, row, outageSets, texts);
          const growth = growthOf(row, bounds.start);
          if (growth !== null && !growthHolds(growth, now, bounds.end)) again.add(row.customer_id);
          shaped.push(shape(growth === null || again.has(row.customer_id) ? figure : { ...figure, report: grownReport(figure.report, growth, now) }));
        }
        // The embedded database answers without any I/O, so awaiting it never lets the event loop
        // turn: a turn is given here, between two chunks.
        await nextTurn();
      }
      await tx.query('CLOSE month_figures');
      // By code unit: the database sorts by its collation (the primary key's order), which ASCII ids share, so this finds them sorted.
      const key = (item: T) => idOf(item);
      shaped.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      if (again.size === 0) return shaped;
      // Past a growth horizon (or before the instant a figure was stored as of): computed again, a
      // chunk of customers at a time in id order like the stored rows, each replacing its figure in place.
      const facts = await loadMonthFacts(new EntityStatesReader(tx, this.schema), month, this.calendar);
      const figureOf = figureCalculator({ month, facts, now, calendar: this.calendar }, { explain: false });
      let at = 0;
      for await (const customers of this.customerChunks(tx, month)) {
        const chosen = customers.filter((customer) => again.has(customer.id));
        for (const fresh of await mapInTurns(chosen, figureOf)) {
          while (at < shaped.length && idOf(shaped[at]!) < fresh.report.customerId) at += 1;
          if (at < shaped.length && idOf(shaped[at]!) === fresh.report.customerId) shaped[at] = shape(fresh);
        }
      }
      return shaped;
    });
  }

  /**
   * The month's outage lists by key. A bad month holds thousands of lists of hundreds of ids: read
   * at once, their rows arrived faster than they were parsed and held the event loop for 200-350 ms,
   * and the driver's array parser was most of it. A chunk at a time from a cursor, each list as one
   * comma-joined text split natively (ids never hold a comma).
   */
  private async readOutageSets(tx: SqlExecutor, month: string): Promise<Map<string, string[]>> {
    const sets = new Map<string, string[]>([[NO_OUTAGES, []]]);
    await tx.query(
      `DECLARE month_outage_sets NO SCROLL CURSOR FOR
       SELECT outage_set, array_to_string(outage_ids, ',') AS ids FROM ${this.outageSets} WHERE month = '${month}'`,
    );
    for (;;) {
      const { rows } = await tx.query<{ outage_set: string; ids: string }>(`FETCH ${OUTAGE_SET_CHUNK} FROM month_outage_sets`);
      if (rows.length === 0) break;
      for (const row of rows) sets.set(row.outage_set, row.ids === '' ? [] : row.ids.split(','));
      await nextTurn();
    }
    await tx.query('CLOSE month_outage_sets');
    return sets;
  }

  /** The month's stored customers the reach touches. */
  private async reached(tx: SqlExecutor, month: string, reach: Reach): Promise<string[]> {
    const { rows } = await tx.query<{ customer_id: string }>(
      `SELECT customer_id FROM ${this.figures} WHERE month = $1 AND (regions && $2::text[] OR customer_id = ANY($3::text[]))`,
      [month, reach.regions, reach.customers],
    );
    return rows.map((r) => r.customer_id);
  }

  /** Each kept month computes again the figures the batch made wrong (the pure rule: `staleFigures`). */
  async changed(tx: SqlExecutor, changes: EntityChange[]): Promise<void> {
    if (!changes.some((c) => c.kind === 'customer' || SOURCE_STREAM_KINDS.includes(c.kind as SourceStreamKind))) return;
    const { rows: kept } = await tx.query<{ month: string }>(`SELECT month FROM ${this.kept} ORDER BY month`, [], { prepare: true });
    for (const { month } of kept) {
      const stale = staleFigures(changes, monthBounds(month, this.calendar));
      if (stale) await this.recompute(tx, month, stale.reach, stale.customers);
    }
  }

  /** Computes again the month's customers the reach touches, and these customers themselves. */
  private async recompute(tx: SqlExecutor, month: string, reach: Reach, named: string[]): Promise<void> {
    const states = new EntityStatesReader(tx, this.schema);
    if (reach.platform) {
      // Every customer of the month, a chunk at a time; those who left it are found by the same
      // period test in SQL, rather than by sending back an array of 100,000 ids to build, send and scan.
      const { from, to } = monthBounds(month, this.calendar);
      await tx.query(
        `DELETE FROM ${this.figures} f WHERE f.month = $1 AND NOT EXISTS (
           SELECT 1 FROM ${this.schema}.entity_states e
           WHERE e.kind = 'customer' AND e.id = f.customer_id AND (e.period_from IS NULL OR e.period_from < $3) AND (e.period_to IS NULL OR e.period_to > $2))`,
        [month, from, to],
      );
      await this.write(tx, month, this.customerChunks(tx, month), await loadMonthFacts(states, month, this.calendar));
      return;
    }
    const ids = [...new Set([...(await this.reached(tx, month, reach)), ...reach.customers, ...named])];
    const bounds = monthBounds(month, this.calendar);
    const customers = (await this.customers(states, ids)).filter(
      (c) => Date.parse(c.activeFrom) < bounds.end * 1000 && (c.offboardedAt === null || Date.parse(c.offboardedAt) > bounds.start * 1000),
    );
    const staying = new Set(customers.map((c) => c.id));
    const leaving = ids.filter((id) => !staying.has(id));
    if (leaving.length > 0) await tx.query(`DELETE FROM ${this.figures} WHERE month = $1 AND customer_id = ANY($2::text[])`, [month, leaving]);
    if (customers.length === 0) return;
    await this.write(tx, month, [customers], await loadMonthFacts(states, month, this.calendar));
  }

  /** The month's customers (as `monthCustomers` reads them, in id order), a chunk at a time, from one cursor of the transaction. */
  private async *customerChunks(tx: SqlExecutor, month: string): AsyncGenerator<Customer[]> {
    const { from, to } = monthBounds(month, this.calendar);
    if (!ISO_INSTANT.test(from) || !ISO_INSTANT.test(to)) throw new Error(`unexpected month bounds ${from} – ${to}`);
    // The bounds are written into the statement (checked above): a cursor's query takes no parameters everywhere.
    await tx.query(
      `DECLARE month_customers NO SCROLL CURSOR FOR
       SELECT state FROM ${this.schema}.entity_states
       WHERE kind = 'customer' AND (period_from IS NULL OR period_from < '${to}'::timestamptz) AND (period_to IS NULL OR period_to > '${from}'::timestamptz)
       ORDER BY id COLLATE "C"`,
    );
    try {
      for (;;) {
        const { rows } = await tx.query<{ state: Customer }>(`FETCH ${this.customerChunk} FROM month_customers`);
        if (rows.length === 0) return;
        await nextTurn();
        yield rows.map((row) => row.state);
      }
    } finally {
      // After a failed statement the transaction is aborted and rolls back, cursor and all: the
      // failure, not this CLOSE's, is the one to report.
      await tx.query('CLOSE month_customers').catch(() => undefined);
    }
  }

  private async customers(states: EntityStatesReader, ids: string[]): Promise<Customer[]> {
    return (await states.many(['customer'], ids)).map((row) => row.state as Customer);
  }

  /**
   * Computes and stores the figures of these customers, chunk after chunk: one calculator for the
   * whole month, so that chunks share its groups as one batch would, and only a chunk's customers
   * and figures are held at a time. A whole month (or a list of a chunk and more) is computed where
   * `compute` says, a worker thread in a server: it computes a chunk while the one before is
   * written. A few customers (a command's batch) are computed here, which costs less than sending
   * the month's incidents to a worker.
   */
  private async write(tx: SqlExecutor, month: string, chunks: Customer[][] | AsyncIterable<Customer[]>, facts: MonthFacts): Promise<void> {
    const input = { month, facts, now: Math.floor(this.clock() / 1000), calendar: this.calendar };
    const few = Array.isArray(chunks) && chunks.reduce((sum, chunk) => sum + chunk.length, 0) < this.customerChunk;
    const computeChunk = (few ? computeOnThisThread : this.compute).begin(input);
    let written: Promise<void> = Promise.resolve();
    for await (const customers of chunks) {
      const columns = computeChunk(customers);
      columns.catch(() => undefined);
      await written;
      written = columns.then((chunk) => this.writeChunk(tx, month, chunk));
      // Awaited below or at the next chunk; marked handled so that a failure while the next chunk is read is not reported twice.
      written.catch(() => undefined);
    }
    await written;
  }

  private async writeChunk(tx: SqlExecutor, month: string, columns: FigureColumns): Promise<void> {
    if (columns.storedSets.length > 0) {
      await tx.query(
        `INSERT INTO ${this.outageSets} (month, outage_set, outage_ids)
         SELECT $1, u.outage_set, string_to_array(u.outage_ids, ',') FROM unnest($2::text[], $3::text[]) AS u(outage_set, outage_ids)
         ON CONFLICT (month, outage_set) DO NOTHING`,
        [month, columns.storedSets.map(([key]) => key), columns.storedSets.map(([, ids]) => ids)],
      );
    }
    for (let k = 0; k < columns.customerIds.length; k += WRITE_CHUNK) {
      const column = <T>(values: T[]) => values.slice(k, k + WRITE_CHUNK);
      await tx.query(
        // Arrays of scalars, one per column: no JSON to build or parse; regions go comma-joined (ids never hold a comma).
        `INSERT INTO ${this.figures} (month, customer_id, plan_id, regions, coverage_seconds, downtime_seconds, excluded_scheduled, excluded_emergency,
           excluded_causes, availability_rate, target, below_target, ongoing, outage_set, grows_from, grows_until, growth)
         SELECT $1, u.customer_id, u.plan_id, string_to_array(u.regions, ','), u.coverage_seconds, u.downtime_seconds, u.excluded_scheduled, u.excluded_emergency,
           u.excluded_causes, u.availability_rate, u.target, u.below_target, u.ongoing, u.outage_set, u.grows_from, u.grows_until, u.growth
         FROM unnest($2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[], $8::integer[], $9::integer[], $10::text[], $11::text[],
           $12::boolean[], $13::boolean[], $14::text[], $15::integer[], $16::integer[], $17::smallint[])
           AS u(customer_id, plan_id, regions, coverage_seconds, downtime_seconds, excluded_scheduled, excluded_emergency, excluded_causes, availability_rate,
                target, below_target, ongoing, outage_set, grows_from, grows_until, growth)
         ON CONFLICT (month, customer_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, regions = EXCLUDED.regions, coverage_seconds = EXCLUDED.coverage_seconds,
           downtime_seconds = EXCLUDED.downtime_seconds, excluded_scheduled = EXCLUDED.excluded_scheduled, excluded_emergency = EXCLUDED.excluded_emergency,
           excluded_causes = EXCLUDED.excluded_causes, availability_rate = EXCLUDED.availability_rate, target = EXCLUDED.target,
           below_target = EXCLUDED.below_target, ongoing = EXCLUDED.ongoing, outage_set = EXCLUDED.outage_set,
           grows_from = EXCLUDED.grows_from, grows_until = EXCLUDED.grows_until, growth = EXCLUDED.growth`,
        [
          month,
          column(columns.customerIds),
          column(columns.planIds),
          column(columns.regions),
          column(columns.coverage),
          column(columns.downtime),
          column(columns.scheduled),
          column(columns.emergency),
          column(columns.causes),
          column(columns.rates),
          column(columns.targets),
          column(columns.belowTarget),
          column(columns.ongoing),
          column(columns.outageSets),
          column(columns.growsFrom),
          column(columns.growsUntil),
          column(columns.growth),
        ],
      );
    }
  }

  private async isKept(db: SqlExecutor, month: string): Promise<boolean> {
    const { rows } = await db.query(`SELECT 1 FROM ${this.kept} WHERE month = $1`, [month]);
    return rows.length > 0;
  }
}
