import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DomainError, fromEpochSeconds, isMonth, type AvailabilityReport, type Customer } from '#domain';
import { MonthFiguresReader, type EntitySource, type MonthFigure } from '#projections';
import { calendarOf, type AppConfig } from '../config.js';
import { AsOf } from '../infrastructure/as-of.js';
import { ReadSide } from '../infrastructure/read-side.js';
import { toWireSourceKind, type WireSourceKind } from './source-kind.js';
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
    sources: (Omit<AvailabilityReport['intervals'][number]['sources'][number], 'kind'> & { kind: WireSourceKind })[];
  }[];
}

export function assertMonth(month: string): void {
  if (!isMonth(month)) throw new BadRequestException({ detail: `month "${month}" is not a calendar month: use YYYY-MM, e.g. 2026-10` });
}

/**
 * The availability answers of the API: the read side's month figures (MonthFiguresReader decides
 * how they are read) shaped as views. `now` is read here, at the edge, so open outages count up to
 * the moment of the query (R5).
 */
@Injectable()
export class AvailabilityReader {
  private readonly figures: MonthFiguresReader<AvailabilityView>;

  constructor(
    private readonly readSide: ReadSide,
    private readonly asOf: AsOf,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.figures = new MonthFiguresReader(readSide.months, calendarOf(config), toView, (view) => view.customerId);
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

  /** Every customer of the month, without the explaining intervals. */
  async forMonth(month: string): Promise<AvailabilityView[]> {
    assertMonth(month);
    const entities = await this.readSide.entities();
    return this.figures.month({ database: this.readSide.database, entities, version: this.readSide.version }, month);
  }

  async compute(entities: EntitySource, month: string, customers: Customer[], now: number, options = { explain: true }): Promise<AvailabilityView[]> {
    const present = entities === this.readSide.entitiesReader ? this.readSide.version : null;
    return this.figures.compute(entities, month, customers, now, options, present);
  }
}

/** A month's list has no explaining intervals: one frozen empty array for all its views. */
const NO_VIEW_INTERVALS: AvailabilityView['intervals'] = Object.freeze([]) as unknown as AvailabilityView['intervals'];

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
    intervals: report.intervals.length === 0 ? NO_VIEW_INTERVALS : report.intervals.map((i) => ({
      start: fromEpochSeconds(i.start),
      end: fromEpochSeconds(i.end),
      minutes: i.seconds / 60,
      treatment: i.treatment,
      sources: i.sources.map((source) => ({ ...source, kind: toWireSourceKind(source.kind) })),
    })),
  };
}
