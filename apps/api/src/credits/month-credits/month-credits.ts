import { Controller, Get, Param, Query as QueryParams, Req, Res } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { CREDIT_STATES, type CreditState, type Money } from '#domain';
import type { Page } from '#projections';
import { PagingQuery } from '../../shared/paging.dto.js';
import { CreditReader, type CreditView } from '../credit.reader.js';
import { creditsCsv } from './credits.csv.js';
import { Optional } from '../../shared/validators.js';

export class MonthCreditsQuery extends PagingQuery {
  @ApiProperty({ required: false, enum: CREDIT_STATES })
  @Optional()
  @IsIn(CREDIT_STATES, { message: `state must be one of ${CREDIT_STATES.join(', ')}` })
  state?: CreditState;
}

export interface MonthCredits extends Page<CreditView> {
  month: string;
  /** Over every line the filter selects, not only this page; one entry per currency. */
  totals: (Money & { count: number })[];
}

export class GetMonthCredits extends Query<MonthCredits> {
  constructor(readonly month: string, readonly filter: MonthCreditsQuery) {
    super();
  }
}

export class ExportMonthCredits extends Query<string> {
  constructor(readonly month: string, readonly state: CreditState | undefined) {
    super();
  }
}

async function selectLines(credits: CreditReader, month: string, state: CreditState | undefined): Promise<CreditView[]> {
  const lines = await credits.forMonth(month);
  return state === undefined ? lines : lines.filter((line) => line.state === state);
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

@QueryHandler(GetMonthCredits)
export class GetMonthCreditsHandler implements IQueryHandler<GetMonthCredits> {
  constructor(private readonly credits: CreditReader) {}

  async execute({ month, filter }: GetMonthCredits): Promise<MonthCredits> {
    const lines = await selectLines(this.credits, month, filter.state);
    const items = lines.slice(filter.offset, filter.offset + filter.limit);
    return { month, items, totals: totalsOf(lines), total: lines.length, offset: filter.offset, limit: filter.limit };
  }
}

@QueryHandler(ExportMonthCredits)
export class ExportMonthCreditsHandler implements IQueryHandler<ExportMonthCredits> {
  constructor(private readonly credits: CreditReader) {}

  async execute({ month, state }: ExportMonthCredits): Promise<string> {
    return creditsCsv(await selectLines(this.credits, month, state));
  }
}

@ApiTags('credits')
@Controller('credits')
export class MonthCreditsController {
  constructor(private readonly queries: QueryBus) {}

  /** Every customer's credit line of the month; `Accept: text/csv` gives all of them (unpaged) as CSV for finance. */
  @Get(':month')
  @ApiProduces('application/json', 'text/csv')
  async list(@Param('month') month: string, @QueryParams() query: MonthCreditsQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      const csv = await this.queries.execute(new ExportMonthCredits(month, query.state));
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="credits-${month}.csv"`);
      return csv;
    }
    return this.queries.execute(new GetMonthCredits(month, query));
  }
}
