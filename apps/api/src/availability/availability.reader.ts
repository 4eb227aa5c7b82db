import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import {
  computeMonth,
  customerFacts,
  DomainError,
  emergencyFacts,
  fromEpochSeconds,
  isMonth,
  maintenanceFacts,
  monthRange,
  outageFacts,
  planAt,
  toEpochSeconds,
  type AvailabilityReport,
  type CalendarConfig,
  type Customer,
  type EmergencyMaintenance,
  type Maintenance,
  type Outage,
  type Plan,
  type OutageFacts,
  type MaintenanceFacts,
  type EmergencyMaintenanceFacts,
} from '#domain';
import type { EntitySource } from '#projections';
import type { AppConfig } from '../config.js';
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

interface MonthFacts {
  outages: OutageFacts[];
  maintenances: MaintenanceFacts[];
  emergencies: EmergencyMaintenanceFacts[];
  plans: Plan[];
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
    this.calendar = { billingTimeZone: config.billingTimeZone, legalTimeZone: config.legalTimeZone, holidayCountry: config.holidayCountry };
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
   * Every customer of the month, without the explaining intervals. The list is kept for a moment
   * (per version of the read models, so a write is seen at once) because a month is read page by
   * page; open incidents make the figures move with time, hence the short life.
   */
  async forMonth(month: string): Promise<AvailabilityView[]> {
    assertMonth(month);
    const entities = await this.readSide.entities();
    const key = `${month}@${this.readSide.version}`;
    const cached = this.monthCache.get(key);
    if (cached && cached.until > Date.now()) return cached.views;
    const views = (async () => {
      const range = this.isoRange(month);
      const customers = (await entities.overlapping<Customer>('customer', range.from, range.to)).map((row) => row.state);
      return this.compute(entities, month, customers, Math.floor(Date.now() / 1000), { explain: false });
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
    const range = this.isoRange(month);
    const [outages, maintenances, emergencies, plans] = await Promise.all([
      entities.overlapping<Outage>('outage', range.from, range.to),
      entities.overlapping<Maintenance>('maintenance', range.from, range.to),
      entities.overlapping<EmergencyMaintenance>('emergencyMaintenance', range.from, range.to),
      entities.all<Plan>('plan'),
    ]);
    const facts = {
      outages: outages.map((row) => outageFacts(row.state, row.eventIds)),
      maintenances: maintenances.map((row) => maintenanceFacts(row.state, row.eventIds)),
      emergencies: emergencies.map((row) => emergencyFacts(row.state, row.eventIds)),
      plans,
    };
    if (present) this.factsCache = { key, facts };
    return facts;
  }

  private isoRange(month: string) {
    const range = monthRange(month, this.calendar.billingTimeZone);
    return { from: fromEpochSeconds(range.start), to: fromEpochSeconds(range.end), start: range.start };
  }

  async compute(entities: EntitySource, month: string, customers: Customer[], now: number, options: { explain: boolean } = { explain: true }): Promise<AvailabilityView[]> {
    const range = this.isoRange(month);
    const { outages, maintenances, emergencies, plans } = await this.monthFacts(entities, month);
    const planById = new Map(plans.map((plan) => [plan.id, plan]));
    const planIds = customers.map((customer) => {
      const coverageStart = toEpochSeconds(customer.activeFrom) > range.start ? customer.activeFrom : range.from;
      return planAt(customer, coverageStart);
    });
    const reports = computeMonth({
      month,
      customers: customers.map((customer, k) => {
        const plan = planById.get(planIds[k]!);
        if (!plan) throw new Error(`plan ${planIds[k]} of customer ${customer.id} is missing from the read model`);
        return { facts: customerFacts(customer), target: plan.availabilityTarget };
      }),
      outages,
      maintenances,
      emergencies,
      now,
      calendar: this.calendar,
    }, options);
    const computedAt = fromEpochSeconds(now);
    return reports.map((report, k) => toView(report, planIds[k]!, computedAt));
  }
}

function toView(report: AvailabilityReport, planId: string, computedAt: string): AvailabilityView {
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
