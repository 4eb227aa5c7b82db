import { fromEpochSeconds, type CalendarConfig, type Customer } from '#domain';
import type { SqlDatabase } from '#event-store';
import { loadMonthFacts, mapInTurns, monthBounds, monthCustomers, monthFiguresInTurns, type MonthFacts, type MonthFigure } from './availability-figures.js';
import type { AvailabilityMonths } from './availability-months.js';
import type { EntitySource } from './entity-source.js';

/** How long a month's list is reused while the read models do not move. */
export const MONTH_LIST_REUSE_MS = 30_000;

/** The present read models, as a reader sees them after waiting for its own writes. */
export interface PresentReadModels {
  database: SqlDatabase;
  entities: EntitySource;
  /** Changes at every batch the read models apply. */
  version: string;
}

/**
 * How the month figures are read, the one place that decides it. The four jobs of the month
 * figures live side by side: what a change makes stale (`staleFigures`, a pure rule of the domain),
 * computing (`availability-figures`), storing (`AvailabilityMonths`) and reading (here).
 *
 * - A month that has begun is read from its stored figures (stored whole at its first read); one
 *   that has not is computed, because anyone may ask for any month.
 * - A month's list is reused for a moment per version of the read models, so that a write is seen
 *   at once while a month read page by page is not computed again at each page; figures that an
 *   open incident reaches move with the clock, hence the short life.
 * - A month's facts (its incidents, the plans) are reused while the present read models do not move.
 *
 * `View` is what callers keep of a figure (the API's answer); `toView` makes it once per list.
 */
export class MonthFiguresReader<View> {
  private readonly lists = new Map<string, { views: Promise<View[]>; until: number }>();
  private facts: { key: string; facts: MonthFacts } | null = null;

  constructor(
    private readonly months: AvailabilityMonths,
    private readonly calendar: CalendarConfig,
    private readonly toView: (figure: MonthFigure, computedAt: string) => View,
    /** The customer of a view, to keep a month's list in customer order. */
    private readonly idOf: (view: View) => string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Every customer of the month, without the explaining intervals. */
  month(present: PresentReadModels, month: string): Promise<View[]> {
    const key = `${month}@${present.version}`;
    const reused = this.lists.get(key);
    if (reused && reused.until > this.clock()) return reused.views;
    const views = this.readMonth(present, month);
    this.lists.clear();
    this.lists.set(key, { views, until: this.clock() + MONTH_LIST_REUSE_MS });
    views.catch(() => this.lists.delete(key));
    return views;
  }

  /**
   * These customers' figures for the month, computed from `entities` with open incidents counted up
   * to `now` (epoch seconds). `present` names the read models' version when `entities` are the
   * present ones (their facts are then reused); null for states folded as of a past instant.
   */
  async compute(entities: EntitySource, month: string, customers: Customer[], now: number, options: { explain: boolean }, present: string | null): Promise<View[]> {
    const facts = await this.monthFacts(entities, month, present);
    const computedAt = fromEpochSeconds(now);
    return mapInTurns(await monthFiguresInTurns({ month, customers, facts, now, calendar: this.calendar }, options), (figure) => this.toView(figure, computedAt));
  }

  private async readMonth(present: PresentReadModels, month: string): Promise<View[]> {
    const now = Math.floor(this.clock() / 1000);
    if (monthBounds(month, this.calendar).start > now) {
      return this.compute(present.entities, month, await monthCustomers(present.entities, month, this.calendar), now, { explain: false }, present.version);
    }
    await this.months.keep(present.database, month);
    const computedAt = fromEpochSeconds(now);
    return this.months.readAs(present.database, month, now, (figure) => this.toView(figure, computedAt), this.idOf);
  }

  private async monthFacts(entities: EntitySource, month: string, present: string | null): Promise<MonthFacts> {
    const key = `${month}@${present}`;
    if (present !== null && this.facts?.key === key) return this.facts.facts;
    const facts = await loadMonthFacts(entities, month, this.calendar);
    if (present !== null) this.facts = { key, facts };
    return facts;
  }
}
