import { Controller, Get, Param } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { EXCLUSION_CAUSES } from '#domain';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';
import { Flag, Id, Instant, Int, Month, NullableInstant, Text } from '../infrastructure/openapi/properties.js';
import { MoneyResponse, ScopeResponse } from '../shared/common.response.js';
import { SubProcessorImpactReader } from './impact.reader.js';

/** Minutes may have a fraction: instants are kept to the second, and a split may leave a third of one. */
const MINUTES = { type: Number, format: 'double', example: 120 } as const;

export class ImpactOutageResponse {
  @Id({ example: 'fra-1' })
  id!: string;

  @Text({ example: 'fra bare metal down' })
  title!: string;

  @ApiProperty({ type: ScopeResponse })
  scope!: ScopeResponse;

  @ApiProperty({ enum: ['unavailable', 'degraded'] })
  impact!: string;

  @Instant()
  startedAt!: string;

  @NullableInstant({ description: 'null while it goes on' })
  endedAt!: string | null;

  @Text({ example: 'Equinix Metal', description: 'The sub-processor as the outage names it' })
  subProcessor!: string;

  @ApiProperty({ enum: EXCLUSION_CAUSES, nullable: true, description: 'An exclusion cause makes it no Down Time: counted is then false' })
  exclusion!: string | null;

  @ApiProperty({ ...MINUTES, description: 'Its wall-clock minutes within the month (open: up to now)' })
  minutes!: number;

  @Flag({ description: 'Unavailable and without exclusion cause: it made Down Time' })
  counted!: boolean;

  @Int({ example: 1, description: 'Customers whose Down Time it was a cause of' })
  customersAffected!: number;
}

export class ImpactCustomerResponse {
  @Id({ example: 'acme' })
  customerId!: string;

  @ApiProperty({ ...MINUTES, description: "The customer's Down Time of the month" })
  downtimeMinutes!: number;

  @ApiProperty({ ...MINUTES, description: 'The part of it this sub-processor caused, overlaps with other causes split evenly; rounded to 2 decimals' })
  causedMinutes!: number;

  @ApiProperty({ type: Number, format: 'double', example: 1, description: 'causedMinutes / downtimeMinutes, rounded to 4 decimals (atStake uses the exact share)' })
  share!: number;

  @ApiProperty({ type: MoneyResponse, description: "The customer's credit line of the month, whatever its state" })
  credit!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'credit × share, rounded half up to the minor unit' })
  atStake!: MoneyResponse;
}

export class SubProcessorImpactSummaryResponse {
  @Id({ example: 'equinix' })
  subProcessorId!: string;

  @Text({ example: 'Equinix, Inc.' })
  legalName!: string;

  @Month()
  month!: string;

  @ApiProperty({ ...MINUTES, description: 'Wall-clock minutes of the month under its unavailable outages without exclusion cause, each instant once' })
  minutes!: number;

  @Int({ example: 1 })
  customersAffected!: number;

  @ApiProperty({ ...MINUTES, description: 'The Down Time it caused, summed over customers; where other causes overlapped, split evenly; rounded to 2 decimals' })
  customerMinutes!: number;

  @ApiProperty({ type: [MoneyResponse], description: "Per currency, Σ over affected customers of their month's credit × the share of their Down Time it caused (each rounded half up); never converted" })
  credits!: MoneyResponse[];

  @Instant({ description: 'Open outages count up to this instant' })
  computedAt!: string;
}

export class SubProcessorImpactResponse extends SubProcessorImpactSummaryResponse {
  @ApiProperty({ type: [ImpactOutageResponse], description: 'The outages of the month attributed to it (voided ones left out)' })
  outages!: ImpactOutageResponse[];

  @ApiProperty({ type: [ImpactCustomerResponse], description: 'The customers it affected, most at stake first' })
  customers!: ImpactCustomerResponse[];
}

export class RankedImpactResponse extends SubProcessorImpactSummaryResponse {
  @Int({ example: 1, description: '1 the most costly' })
  rank!: number;

  @Int({ example: 1, description: 'How many outages of the month are attributed to it' })
  outageCount!: number;
}

export class ImpactRankingResponse {
  @Month()
  month!: string;

  @ApiProperty({ type: [RankedImpactResponse], description: 'Every entry in effect at some instant of the month, or with an outage of the month attributed to it: by credits (currency by currency, in code order), then customerMinutes, then id' })
  items!: RankedImpactResponse[];
}

const HOW =
  "An outage's subProcessor names the entry (by id, legal name or alias) in effect when it started. A sub-processor's failure is no exclusion (§2), so its outages are the provider's Down Time; the month's figures (GET /customers/{id}/availability/{month}) and credit lines (GET /credits/{month}) say how much, and this shares them out: where a customer's Down Time had several causes at once (another sub-processor, the provider's own outage, a maintenance that counts), each cause takes an even part. docs/sub-processors.md works an example.";

@ApiTags('sub-processors')
@Controller('sub-processors')
export class SubProcessorImpactController {
  constructor(private readonly impact: SubProcessorImpactReader) {}

  @Operation({ summary: 'Rank the sub-processors by what their failures cost in a month', description: `The report a provider takes to its suppliers to recover back-to-back credits. ${HOW}`, ok: ImpactRankingResponse })
  @Get('impact/:month')
  async ranking(@Param('month') month: string) {
    const impacts = await this.impact.forMonth(month);
    return {
      month,
      items: impacts.map(({ outages, customers: _customers, ...impact }, k) => ({ rank: k + 1, ...impact, outageCount: outages.length })),
    };
  }

  @Operation({ summary: "What a sub-processor's failures cost in a month", description: `Its outages of the month, the customers they reached, the Down Time it caused and the credits that put at stake. ${HOW}`, ok: SubProcessorImpactResponse })
  @Get(':id/impact/:month')
  one(@Param('id') id: string, @Param('month') month: string) {
    return this.impact.forOne(id, month);
  }
}
