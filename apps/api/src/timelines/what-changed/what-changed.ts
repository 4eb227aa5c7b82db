import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';

import { DomainError, recordedUpTo, type Customer } from '#domain';
import type { TimelineEntry } from '#projections';
import { CreditReader, type CreditView } from '../../credits/credit.reader.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { IsInstant, Optional } from '../../shared/validators.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { WhatChangedResponse } from '../timeline.response.js';

export class WhatChangedQuery {
  @ApiProperty({ description: 'Record instant of the first look' })
  @IsInstant()
  from!: string;

  @ApiProperty({ required: false, description: 'Record instant of the second look (default: now)' })
  @Optional()
  @IsInstant()
  to?: string;
}

type Figures = Pick<CreditView, 'state' | 'amount' | 'availabilityRate' | 'downtimeMinutes' | 'coveragePeriodMinutes'>;

export interface WhatChangedView {
  customerId: string;
  month: string;
  from: string;
  to: string;
  before: Figures;
  after: Figures;
  changed: { field: keyof Figures; before: unknown; after: unknown }[];
  /** The customer's timeline entries recorded between the two instants: what made the difference. */
  events: TimelineEntry[];
}

const FIELDS: (keyof Figures)[] = ['coveragePeriodMinutes', 'downtimeMinutes', 'availabilityRate', 'state', 'amount'];
const figures = (line: CreditView): Figures => ({ coveragePeriodMinutes: line.coveragePeriodMinutes, downtimeMinutes: line.downtimeMinutes, availabilityRate: line.availabilityRate, state: line.state, amount: line.amount });

export class WhatChanged extends Query<WhatChangedView> {
  constructor(readonly customerId: string, readonly month: string, readonly query: WhatChangedQuery) {
    super();
  }
}

@QueryHandler(WhatChanged)
export class WhatChangedHandler implements IQueryHandler<WhatChanged> {
  constructor(
    private readonly credits: CreditReader,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, month, query }: WhatChanged): Promise<WhatChangedView> {
    const to = query.to ?? new Date().toISOString();
    if (Date.parse(query.from) >= Date.parse(to)) throw new DomainError('rejected', `from ${query.from} must be before to ${to}`, {}, 'end-before-start');
    const [before, after] = [figures(await this.credits.forCustomer(customerId, month, query.from)), figures(await this.credits.forCustomer(customerId, month, to))];
    const customer = (await (await this.readSide.entities()).get<Customer>('customer', customerId))!;
    const regions = [...new Set(customer.footprint.flatMap((f) => f.regions))];
    const timeline = await this.readSide.timeline();
    const events = (await timeline.forCustomer(customerId, regions, customer.activeFrom, { recordedAfter: recordedUpTo(query.from), asOf: recordedUpTo(to), offset: 0, limit: 1000 })).items;
    const changed = FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
    return { customerId, month, from: query.from, to, before, after, changed, events };
  }
}

@ApiTags('timelines')
@Controller('customers')
export class WhatChangedController {
  constructor(private readonly queries: QueryBus) {}

  /** A customer-month's figures at two record instants, what differs, and the events recorded in between. */
  @Operation({ summary: 'What changed in a customer-month between two record instants', description: "A customer-month's figures and credit at two record instants, the fields that differ, and the events recorded in between that made the difference.", ok: WhatChangedResponse })
  @Get(':id/availability/:month/changes')
  get(@Param('id') id: string, @Param('month') month: string, @QueryParams() query: WhatChangedQuery) {
    return this.queries.execute(new WhatChanged(id, month, query));
  }
}
