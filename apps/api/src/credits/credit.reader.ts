import { Inject, Injectable } from '@nestjs/common';
import { assessCredit, claimDeadline, fromEpochSeconds, monthRange, type CreditAssessment } from '#domain';
import { assertMonth, AvailabilityReader, type AvailabilityView } from '../availability/availability.reader.js';
import type { AppConfig } from '../config.js';
import { ReadSide } from '../infrastructure/read-side.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { loadCreditFacts } from './credit-facts.js';
import type { EntitySource } from '#projections';

/** A customer-month's Service Credit line (R10–R13), with the figures it rests on. */
export interface CreditView extends CreditAssessment {
  customerId: string;
  customerName: string;
  availabilityRate: string | null;
  target: string;
  planId: string;
  coveragePeriodMinutes: number;
  downtimeMinutes: number;
  /** The last instant a credit request counts (R13, configuration); null: no deadline. */
  claimDeadline: string | null;
}

/**
 * Combines the month's availability with the customer's billing, reports, fee and plan, and lets
 * the domain assess the credit. The plan is the one the availability was measured against, so the
 * target, the policy and the support channels all come from the same plan.
 */
@Injectable()
export class CreditReader {
  constructor(
    private readonly availability: AvailabilityReader,
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `asOf`: the line as it stood then, from the events recorded up to that instant. */
  async forCustomer(customerId: string, month: string, asOf?: string): Promise<CreditView> {
    assertMonth(month);
    const { source, now } = await this.availability.sourceFor(customerId, asOf);
    const view = await this.availability.fromSource(source, now, customerId, month, asOf);
    const [line] = await this.assess(month, [view], source);
    return line!;
  }

  /** Every customer with a Coverage Period in the month, ordered by customer id. */
  async forMonth(month: string): Promise<CreditView[]> {
    const lines = await this.assess(month, await this.availability.forMonth(month), await this.readSide.entities());
    return lines.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  }

  private async assess(month: string, views: AvailabilityView[], source: EntitySource): Promise<CreditView[]> {
    const range = monthRange(month, this.config.billingTimeZone);
    const { claimDeadlineDays } = this.config;
    const deadline = claimDeadline(range.end, claimDeadlineDays);
    const deadlineAt = deadline === null ? null : fromEpochSeconds(deadline);
    const facts = await loadCreditFacts(
      source,
      views.map((v) => v.customerId),
      [...new Set(views.map((v) => v.planId))],
    );
    return views.map((view) => {
      const customer = facts.customers.get(view.customerId);
      const plan = facts.plans.get(view.planId);
      if (!customer || !plan) throw new Error(`customer ${view.customerId} or its plan ${view.planId} is missing from the read model`);
      const downtimeOutageIds = view.downtimeOutageIds;
      const credit = assessCredit({
        month,
        monthRange: range,
        figures: {
          coveragePeriodSeconds: view.coveragePeriodSeconds,
          downtimeSeconds: view.downtimeSeconds,
          availabilityRate: view.availabilityRate,
          belowTarget: view.belowTarget,
          target: view.target,
          downtimeOutageIds,
        },
        plan: { id: plan.id, creditPolicy: plan.creditPolicy, supportChannels: plan.supportChannels },
        monthlyFee: customer.monthlyFee,
        billing: facts.billing.get(view.customerId) ?? null,
        reports: facts.support.get(view.customerId)?.reports ?? [],
        claimDeadlineDays,
      });
      return {
        customerId: view.customerId,
        customerName: customer.name,
        month,
        availabilityRate: view.availabilityRate,
        target: view.target,
        fee: credit.fee,
        owed: credit.owed,
        policy: credit.policy,
        amount: credit.amount,
        state: credit.state,
        contractState: credit.contractState,
        explanation: credit.explanation,
        reasons: credit.reasons,
        evidence: credit.evidence,
        planId: view.planId,
        coveragePeriodMinutes: view.coveragePeriodMinutes,
        downtimeMinutes: view.downtimeMinutes,
        claimDeadline: deadlineAt,
      };
    });
  }
}
