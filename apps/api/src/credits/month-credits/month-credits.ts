import { Readable } from 'node:stream';
import { Controller, Get, Param, Query as QueryParams, Req, Res, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { CREDIT_STATES, type CreditState, type Money } from '#domain';
import type { Page } from '#projections';
import { PagingQuery } from '../../shared/paging.dto.js';
import { CreditReader, type CreditView } from '../credit.reader.js';
import { creditsCsv } from './credits.csv.js';
import { Optional, QueryBoolean } from '../../shared/validators.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { MonthCreditsResponse } from '../credit.response.js';

export class MonthCreditsQuery extends PagingQuery {
  @ApiProperty({ required: false, enum: CREDIT_STATES })
  @Optional()
  @IsIn(CREDIT_STATES, { message: `state must be one of ${CREDIT_STATES.join(', ')}` })
  state?: CreditState;

  @ApiProperty({ required: false, description: 'true: only the customers whose AR is below their target (R10), whatever the credit state' })
  @Optional()
  @QueryBoolean()
  belowTarget?: boolean;
}

type LineFilter = Pick<MonthCreditsQuery, 'state' | 'belowTarget'>;

export interface MonthCredits extends Page<CreditView> {
  month: string;
  /** Over every line the filter selects, not only this page; one entry per currency. */
  totals: (Money & { count: number })[];
  /** The same lines split by state: one entry per state and currency. */
  totalsByState: (Money & { state: CreditState; count: number })[];
}

export class GetMonthCredits extends Query<MonthCredits> {
  constructor(readonly month: string, readonly filter: MonthCreditsQuery) {
    super();
  }
}

export class ExportMonthCredits extends Query<Readable> {
  constructor(readonly month: string, readonly filter: LineFilter) {
    super();
  }
}

async function selectLines(credits: CreditReader, month: string, { state, belowTarget }: LineFilter): Promise<CreditView[]> {
  const lines = await credits.forMonth(month);
  // The contract's reading of the figures alone: not-eligible exactly when AR is not below target.
  return lines.filter((line) => (state === undefined || line.state === state) && (belowTarget === undefined || (line.contractState !== 'not-eligible') === belowTarget));
}

function totalsOf(lines: CreditView[]): MonthCredits['totals'] {
  const byCurrency = new Map<string, { currency: string; amount: number; count: number }>();
  for (const { amount } of lines) {
    const total = byCurrency.get(amount.currency) ?? { currency: amount.currency, amount: 0, count: 0 };
    total.amount += amount.amount;
    total.count += 1;
    byCurrency.set(amount.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** Per state (in the order of CREDIT_STATES), then per currency. */
function totalsByStateOf(lines: CreditView[]): MonthCredits['totalsByState'] {
  return CREDIT_STATES.flatMap((state) => totalsOf(lines.filter((line) => line.state === state)).map((total) => ({ state, ...total })));
}

@QueryHandler(GetMonthCredits)
export class GetMonthCreditsHandler implements IQueryHandler<GetMonthCredits> {
  constructor(private readonly credits: CreditReader) {}

  async execute({ month, filter }: GetMonthCredits): Promise<MonthCredits> {
    const lines = await selectLines(this.credits, month, filter);
    const items = lines.slice(filter.offset, filter.offset + filter.limit);
    return { month, items, totals: totalsOf(lines), totalsByState: totalsByStateOf(lines), total: lines.length, offset: filter.offset, limit: filter.limit };
  }
}

@QueryHandler(ExportMonthCredits)
export class ExportMonthCreditsHandler implements IQueryHandler<ExportMonthCredits> {
  constructor(private readonly credits: CreditReader) {}

  async execute({ month, filter }: ExportMonthCredits): Promise<Readable> {
    return creditsCsv(await selectLines(this.credits, month, filter));
  }
}

@ApiTags('credits')
@Controller('credits')
export class MonthCreditsController {
  constructor(private readonly queries: QueryBus) {}

  /** Every customer's credit line of the month; `Accept: text/csv` gives all of them (unpaged) as CSV for finance. */
  @Operation({ summary: "A month's credit lines", description: "Every customer's credit line of the month with totals per currency; `Accept: text/csv` streams all of them (unpaged) as CSV for finance.", ok: MonthCreditsResponse, csv: 'customerId, month, state, availabilityRate, target, policy, amountMinor, currency, reasons, customerName, planId, feeMinor, owedMinor, amount (major units), decision; one line per customer, CRLF line ends, a cell starting with = + - @ escaped with a leading quote' })
  @Get(':month')
  @ApiProduces('application/json', 'text/csv')
  async list(@Param('month') month: string, @QueryParams() query: MonthCreditsQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      const csv = await this.queries.execute(new ExportMonthCredits(month, query));
      return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="credits-${month}.csv"` });
    }
    return this.queries.execute(new GetMonthCredits(month, query));
  }
}
