import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  resolveSubProcessor,
  runInMonth,
  subProcessorImpacts,
  toEpochSeconds,
  withFormatted,
  type Customer,
  type ImpactCustomer,
  type ImpactOutage,
  type MoneyAmount,
  type Outage,
  type Scope,
  type SubProcessor,
  type SubProcessorImpact,
} from '#domain';
import { monthBounds } from '#projections';
import { assertMonth, AvailabilityReader } from '../availability/availability.reader.js';
import { fromWireSourceKind } from '../availability/source-kind.js';
import { calendarOf, type AppConfig } from '../config.js';
import { CreditReader } from '../credits/credit.reader.js';
import { ReadSide } from '../infrastructure/read-side.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { inEffect } from './sub-processor-register.js';

export interface ImpactOutageView {
  id: string;
  title: string;
  scope: Scope;
  impact: Outage['impact'];
  startedAt: string;
  endedAt: string | null;
  subProcessor: string;
  exclusion: Outage['exclusion'];
  minutes: number;
  counted: boolean;
  customersAffected: number;
}

export interface ImpactView {
  subProcessorId: string;
  legalName: string;
  month: string;
  minutes: number;
  customersAffected: number;
  customerMinutes: number;
  credits: (MoneyAmount & { formatted: string })[];
  outages: ImpactOutageView[];
  customers: (Omit<SubProcessorImpact['customers'][number], 'credit' | 'atStake'> & { credit: MoneyAmount & { formatted: string }; atStake: MoneyAmount & { formatted: string } })[];
  computedAt: string;
}

/**
 * What the register's entries cost in a month (R15). The figures are the month's own: each
 * customer's Down Time segments and credit line come from the availability and credit readers, so
 * the rules are applied once, there; the domain's `subProcessorImpacts` only shares them out.
 */
@Injectable()
export class SubProcessorImpactReader {
  constructor(
    private readonly readSide: ReadSide,
    private readonly availability: AvailabilityReader,
    private readonly credits: CreditReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forOne(subProcessorId: string, month: string): Promise<ImpactView> {
    assertMonth(month);
    const entities = await this.readSide.entities();
    if (!(await entities.get<SubProcessor>('subProcessor', subProcessorId))) {
      throw new DomainError('not-found', `sub-processor ${subProcessorId} is not registered; GET /sub-processors lists the register`);
    }
    const views = await this.forMonth(month, subProcessorId);
    return views[0]!;
  }

  /** Every entry in effect at some instant of the month, or with an outage attributed to it then; ranked. */
  async forMonth(month: string, only?: string): Promise<ImpactView[]> {
    assertMonth(month);
    const entities = await this.readSide.entities();
    const bounds = monthBounds(month, calendarOf(this.config));
    const range = { start: bounds.start, end: bounds.end };
    const now = Math.floor(Date.now() / 1000);
    const register = await entities.all<SubProcessor>('subProcessor');
    const rows = await entities.overlapping<Outage>('outage', bounds.from, bounds.to);

    // Each outage's free-text sub-processor names the entry in effect when it started, or any entry that goes by it.
    const attributed = new Map<string, string>();
    const recorded = new Map<string, Outage>();
    const outages: ImpactOutage[] = [];
    for (const { state: outage } of rows) {
      if (outage.voided) continue;
      const named = outage.subProcessor === null ? null : (resolveSubProcessor(inEffect(register, outage.startedAt), outage.subProcessor) ?? resolveSubProcessor(register, outage.subProcessor));
      const intervals = runInMonth(range, toEpochSeconds(outage.startedAt), outage.endedAt === null ? null : toEpochSeconds(outage.endedAt), now);
      if (intervals.length === 0) continue;
      outages.push({ id: outage.id, subProcessorId: named?.id ?? null, impact: outage.impact, exclusion: outage.exclusion, intervals });
      recorded.set(outage.id, outage);
      if (named) attributed.set(outage.id, named.id);
    }

    const attributedIds = new Set(attributed.values());
    const ids = only ? [only] : register.filter((entry) => attributedIds.has(entry.id) || inMonth(entry, range)).map((entry) => entry.id);
    const customers = await this.affectedCustomers(month, new Set(only ? [...attributed].filter(([, id]) => id === only).map(([o]) => o) : attributed.keys()), now);
    const legalNames = new Map(register.map((e) => [e.id, e.legalName]));
    const computedAt = new Date(now * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return subProcessorImpacts({ subProcessorIds: ids, outages, customers }).map((impact) => ({
      subProcessorId: impact.subProcessorId,
      legalName: legalNames.get(impact.subProcessorId) ?? impact.subProcessorId,
      month,
      minutes: impact.minutes,
      customersAffected: impact.customersAffected,
      customerMinutes: impact.customerMinutes,
      credits: impact.credits.map(withFormatted),
      outages: impact.outages.map((o) => {
        const outage = recorded.get(o.id)!;
        return {
          id: o.id,
          title: outage.title,
          scope: outage.scope,
          impact: outage.impact,
          startedAt: outage.startedAt,
          endedAt: outage.endedAt,
          subProcessor: outage.subProcessor!,
          exclusion: outage.exclusion,
          minutes: o.minutes,
          counted: o.counted,
          customersAffected: o.customersAffected,
        };
      }),
      customers: impact.customers.map((c) => ({ ...c, credit: withFormatted(c.credit), atStake: withFormatted(c.atStake) })),
      computedAt,
    }));
  }

  /**
   * The customers whose Down Time an attributed outage made, with their month's credit line and
   * their Down Time explained segment by segment.
   */
  private async affectedCustomers(month: string, outageIds: Set<string>, now: number): Promise<ImpactCustomer[]> {
    if (outageIds.size === 0) return [];
    const lines = (await this.credits.forMonth(month)).filter((line) => line.downtimeMinutes > 0);
    const months = new Map((await this.availability.forMonth(month)).map((v) => [v.customerId, v]));
    const affected = lines.filter((line) => months.get(line.customerId)?.downtimeOutageIds.some((id) => outageIds.has(id)));
    if (affected.length === 0) return [];
    const entities = await this.readSide.entities();
    const states = (await entities.many(['customer'], affected.map((l) => l.customerId))).map((row) => row.state as Customer);
    const explained = new Map((await this.availability.compute(entities, month, states, now)).map((v) => [v.customerId, v]));
    return affected.map((line) => {
      const view = explained.get(line.customerId)!;
      return {
        customerId: line.customerId,
        downtimeSeconds: view.downtimeSeconds,
        credit: { amount: line.amount.amount, currency: line.amount.currency },
        downtime: view.intervals
          .filter((i) => i.treatment === 'downtime')
          .map((i) => ({ start: toEpochSeconds(i.start), end: toEpochSeconds(i.end), sources: i.sources.map((s) => ({ kind: fromWireSourceKind(s.kind), id: s.id })) })),
      };
    });
  }
}

/** Whether the entry was in effect at some instant of the month. */
function inMonth(entry: SubProcessor, range: { start: number; end: number }): boolean {
  const first = entry.history[0];
  if (!first || toEpochSeconds(first.effectiveAt) >= range.end) return false;
  return entry.retiredAt === null || toEpochSeconds(entry.retiredAt) > range.start;
}
