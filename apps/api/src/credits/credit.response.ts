import { ApiProperty } from '@nestjs/swagger';
import { CREDIT_STATES } from '#domain';
import { Id, Instant, Int, Minutes, Month, NullableInstant, NullableText, Percent, Text } from '../infrastructure/openapi/properties.js';
import { MoneyResponse } from '../shared/common.response.js';

export class CreditDecisionResponse {
  @ApiProperty({ enum: ['grant', 'deny', 'applied'] })
  decision!: 'grant' | 'deny' | 'applied';

  @Month()
  month!: string;

  @Instant()
  at!: string;

  @NullableText({ required: false })
  reason?: string | null;

  @ApiProperty({ type: MoneyResponse, required: false })
  amount?: MoneyResponse;

  @Id({ required: false })
  invoiceId?: string;
}

export class CreditEvidenceResponse {
  @ApiProperty({ type: [String], description: 'The failure reports that make the claim (R13)' })
  reportIds!: string[];

  @NullableInstant()
  requestedAt!: string | null;

  @ApiProperty({ type: [String], description: 'Invoices paid late in the month: no credit (§4.3)' })
  lateInvoices!: string[];

  @ApiProperty({ type: CreditDecisionResponse, nullable: true, description: "Finance's last decision of the month" })
  decision!: CreditDecisionResponse | null;
}

/** A customer-month's Service Credit line (R10–R13), with the figures it rests on. */
export class CreditResponse {
  @Id({ example: 'acme' })
  customerId!: string;

  @Text({ example: 'ACME SA' })
  customerName!: string;

  @Month()
  month!: string;

  @ApiProperty({ enum: CREDIT_STATES })
  state!: string;

  @ApiProperty({ enum: CREDIT_STATES.filter((s) => s !== 'granted' && s !== 'applied'), description: "The state from the contract's conditions alone, before finance's decisions" })
  contractState!: string;

  @ApiProperty({ type: MoneyResponse, description: "The credit due under the plan's policy, capped (R11, R12); 0 when not eligible" })
  amount!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: "The month's fee" })
  fee!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'What the customer owes for the month: its invoices, or the fee before any is issued; the credit is capped at it (§4.3)' })
  owed!: MoneyResponse;

  @ApiProperty({ enum: ['pro-rata-downtime', 'pro-rata-shortfall', 'tiers'] })
  policy!: string;

  @Text()
  explanation!: string;

  @ApiProperty({ type: [String] })
  reasons!: string[];

  @ApiProperty({ type: CreditEvidenceResponse })
  evidence!: CreditEvidenceResponse;

  @Percent({ nullable: true })
  availabilityRate!: string | null;

  @Percent()
  target!: string;

  @Id()
  planId!: string;

  @Minutes()
  coveragePeriodMinutes!: number;

  @Minutes()
  downtimeMinutes!: number;

  @NullableInstant({ description: 'The last instant a credit request counts (R13); null: no deadline configured' })
  claimDeadline!: string | null;
}

export class CreditTotalResponse extends MoneyResponse {
  @Int({ description: 'How many lines the total adds up' })
  count!: number;
}

export class CreditStateTotalResponse extends CreditTotalResponse {
  @ApiProperty({ enum: CREDIT_STATES })
  state!: string;
}

export class MonthCreditsResponse {
  @Month()
  month!: string;

  @ApiProperty({ type: [CreditResponse] })
  items!: CreditResponse[];

  @ApiProperty({ type: [CreditTotalResponse], description: 'Over every line the filter selects, not only this page; one entry per currency' })
  totals!: CreditTotalResponse[];

  @ApiProperty({ type: [CreditStateTotalResponse], description: 'The same lines split by state, then currency' })
  totalsByState!: CreditStateTotalResponse[];

  @Int()
  total!: number;

  @Int()
  offset!: number;

  @Int()
  limit!: number;
}

export class InvoiceResponse {
  @Id({ example: 'acme' })
  customerId!: string;

  @Id({ example: 'INV-2026-10' })
  invoiceId!: string;

  @Month()
  month!: string;

  @ApiProperty({ type: MoneyResponse })
  amount!: MoneyResponse;

  @Instant()
  dueAt!: string;

  @NullableInstant()
  paidAt!: string | null;
}
