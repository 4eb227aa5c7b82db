import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AsOfQuery } from '../../shared/as-of.query.js';
import { CreditReader, type CreditView } from '../credit.reader.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CreditResponse } from '../credit.response.js';

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
  @Operation({ summary: 'Read the credit line of a customer-month', description: 'State, amount (with its formatted form) and every reason behind them (R10–R13); `asOf` reads it as it stood then.', ok: CreditResponse })
  @Get(':id/credits/:month')
  get(@Param('id') id: string, @Param('month') month: string, @QueryParams() query: AsOfQuery) {
    return this.queries.execute(new GetCredit(id, month, query.asOf));
  }
}
