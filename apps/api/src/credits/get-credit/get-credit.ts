import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AsOfQuery } from '../../shared/as-of.query.js';
import { CreditReader, type CreditView } from '../credit.reader.js';

export class GetCredit extends Query<CreditView> {
  constructor(readonly customerId: string, readonly month: string, readonly asOf?: string) {
    super();
  }
}

@QueryHandler(GetCredit)
export class GetCreditHandler implements IQueryHandler<GetCredit> {
  constructor(private readonly credits: CreditReader) {}

  execute({ customerId, month, asOf }: GetCredit) {
    return this.credits.forCustomer(customerId, month, asOf);
  }
}

@ApiTags('credits')
@Controller('customers')
export class GetCreditController {
  constructor(private readonly queries: QueryBus) {}

  /** The credit line of a customer-month: state, amount, and every reason behind them (R10–R13). */
  @Get(':id/credits/:month')
  get(@Param('id') id: string, @Param('month') month: string, @QueryParams() query: AsOfQuery) {
    return this.queries.execute(new GetCredit(id, month, query.asOf));
  }
}
