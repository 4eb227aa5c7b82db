import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DomainError, fromEpochSeconds, isMonth, type AvailabilityReport, type CalendarConfig, type Customer } from '#domain';
import { loadMonthFacts, monthBounds, mapInTurns, monthCustomers, monthFiguresInTurns, type EntitySource, type MonthFacts, type MonthFigure } from '#projections';
import { calendarOf, type AppConfig } from '../config.js';
import { AsOf } from '../infrastructure/as-of.js';
import { ReadSide } from '../infrastructure/read-side.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';

export interface AvailabilityView {
  customerId: string;
  month: string;
  planId: string;
  coveragePeriodMinutes: number;
  downtimeMinutes: number;
  coveragePeriodSeconds: number;
  downtimeSeconds: number;
  excludedMinutes: AvailabilityReport['excludedMinutes'];
  availabilityRate: string | null;
  target: string;
  belowTarget: boolean;
  ongoing: boolean;
  downtimeOutageIds: string[];
  computedAt: string;
  intervals: {
    start: string;
    end: string;
    minutes: number;
    treatment: string;
    sources: AvailabilityReport['intervals'][number]['sources'];
  }[];
}

/** How long a month's list is reused while the read models do not move. */
const MONTH_CACHE_MS = 30_000;

export function assertMonth(month: string): void {
  if (!isMonth(month)) throw new BadRequestException({ detail: `month "${month}" is not a calendar month: use YYYY-MM, e.g. 2026-10` });
}

/**
 * Loads the facts of a month from the read model and lets the domain compute the figures. `now`
 * is read here, at the edge, so open outages count up to the moment of the query (R5).
 */
@Injectable()
export class AvailabilityReader {
  private readonly calendar: CalendarConfig;
  private readonly monthCache = new Map<string, { views: Promise<AvailabilityView[]>; until: number }>();
  private factsCache: { key: string; facts: MonthFacts } | null = null;

  constructor(
    private readonly readSide: ReadSide,
    private readonly asOf: AsOf,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.calendar = calendarOf(config);
  }

  /** `asOf`: the figures as they stood then, from the events recorded up to that instant. */
  async forCustomer(customerId: string, month: string, asOf?: string): Promise<AvailabilityView> {
    assertMonth(month);
    const { source, now } = await this.sourceFor(customerId, asOf);
    return this.fromSource(source, now, customerId, month, asOf);
  }

  async fromSource(source: EntitySource, now: number, customerId: string, month: string, asOf?: string): Promise<AvailabilityView> {
    const customer = await source.get<Customer>('customer', customerId);
    if (!customer) throw new DomainError('not-found', asOf ? `customer ${customerId} did not exist yet at ${asOf}` : `customer ${customerId} does not exist`);
    const [report] = await this.compute(source, month, [customer], now);
    return report!;
  }

  /** The entities to read and the instant open incidents count up to. */
  async sourceFor(customerId: string, asOf?: string): Promise<{ source: EntitySource; now: number }> {
    const present = Math.floor(Date.now() / 1000);
    if (asOf === undefined) return { source: await this.readSide.entities(), now: present };
    return { source: await this.asOf.forCustomer(customerId, asOf), now: Math.min(present, Math.floor(Date.parse(asOf) / 1000)) };
  }

  /**
   * Every customer of the month, without the explaining intervals, from the stored month figures
   * (the first read of a month that has begun stores them). The list is kept for a moment, per version of the read
   * models so that a write is seen at once, because a month is read page by page; figures that an
   * open incident reaches move with time, hence the short life.
   */
  async forMonth(month: string): Promise<AvailabilityView[]> {
    assertMonth(month);
    const entities = await this.readSide.entities();
    const key = `${month}@${this.readSide.version}`;
    const cached = this.monthCache.get(key);
    if (cached && cached.until > Date.now()) return cached.views;
    const views = (async () => {
      const { database, months } = this.readSide;
      const now = Math.floor(Date.now() / 1000);
      if (monthBounds(month, this.calendar).start > now) {
        // A month that has not begun is computed, not stored: anyone may ask for any month, and
        // every stored month is kept up to date at each change that reaches it.
        return this.compute(entities, month, await monthCustomers(entities, month, this.calendar), now, { explain: false });
      }
      await months.keep(database, month);
      const computedAt = fromEpochSeconds(now);
      return mapInTurns(await months.read(database, month, now), (figure) => toView(figure, computedAt));
    })();
    this.monthCache.clear();
    this.monthCache.set(key, { views, until: Date.now() + MONTH_CACHE_MS });
    views.catch(() => this.monthCache.delete(key));
    return views;
  }

  /** A month's incidents as facts and the plans; kept while the read models do not move. */
  private async monthFacts(entities: EntitySource, month: string): Promise<MonthFacts> {
    const present = entities === this.readSide.entitiesReader;
    const key = `${month}@${this.readSide.version}`;
    if (present && this.factsCache?.key === key) return this.factsCache.facts;
    const facts = await loadMonthFacts(entities, month, this.calendar);
    if (present) this.factsCache = { key, facts };
    return facts;
  }

  async compute(entities: EntitySource, month: string, customers: Customer[], now: number, options = { explain: true }): Promise<AvailabilityView[]> {
    const facts = await this.monthFacts(entities, month);
    const computedAt = fromEpochSeconds(now);
    return mapInTurns(await monthFiguresInTurns({ month, customers, facts, now, calendar: this.calendar }, options), (figure) => toView(figure, computedAt));
  }
}

function toView({ report, planId }: MonthFigure, computedAt: string): AvailabilityView {
  return {
    customerId: report.customerId,
    month: report.month,
    planId,
    coveragePeriodMinutes: report.coveragePeriodMinutes,
    downtimeMinutes: report.downtimeMinutes,
    coveragePeriodSeconds: report.coveragePeriodSeconds,
    downtimeSeconds: report.downtimeSeconds,
    excludedMinutes: report.excludedMinutes,
    availabilityRate: report.availabilityRate,
    target: report.target,
    belowTarget: report.belowTarget,
    ongoing: report.ongoing,
    downtimeOutageIds: report.downtimeOutageIds,
    computedAt,
    intervals: report.intervals.map((i) => ({
      start: fromEpochSeconds(i.start),
      end: fromEpochSeconds(i.end),
      minutes: i.seconds / 60,
      treatment: i.treatment,
      sources: i.sources,
    })),
  };
}
