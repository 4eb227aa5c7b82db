import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { fromEpochSeconds, monthRange, planAt, responseCompliance, type Customer, type PlanCompliance, type Support } from '#domain';
import { assertMonth } from '../../availability/availability.reader.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toFailureReportViews } from '../failure-report.view.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { ResponseComplianceResponse } from '../failure-report.response.js';

export class GetResponseCompliance extends Query<{ month: string; plans: PlanCompliance[] }> {
  constructor(readonly month: string) {
    super();
  }
}

@QueryHandler(GetResponseCompliance)
export class GetResponseComplianceHandler implements IQueryHandler<GetResponseCompliance> {
  constructor(private readonly readSide: ReadSide) {}

  /** Reports made in the month (billing zone), judged against their deadlines as of now. */
  async execute({ month }: GetResponseCompliance) {
    assertMonth(month);
    const range = monthRange(month, this.readSide.config.billingTimeZone);
    const [from, to] = [fromEpochSeconds(range.start), fromEpochSeconds(range.end)];
    const entities = await this.readSide.entities();
    const customers = new Map((await entities.all<Customer>('customer')).map((c) => [c.id, c]));
    const judged: { planId: string; status: 'open' | 'met' | 'breached' }[] = [];
    for (const support of await entities.all<Support>('support')) {
      const customer = customers.get(support.customerId);
      const inMonth = support.reports.filter((r) => r.reportedAt >= from && r.reportedAt < to);
      if (!customer || inMonth.length === 0) continue;
      for (const view of await toFailureReportViews(this.readSide, customer, inMonth)) {
        judged.push({ planId: planAt(customer, view.reportedAt), status: view.status });
      }
    }
    return { month, plans: responseCompliance(judged) };
  }
}

@ApiTags('support')
@Controller('support')
export class ResponseComplianceController {
  constructor(private readonly queries: QueryBus) {}

  /** Per plan: reports made in the month, met, breached and open, and the share met (R14). */
  @Operation({ summary: 'Response-time compliance of a month', description: 'Per plan: reports made in the month, met, breached and open, and the share met (R14).', ok: ResponseComplianceResponse })
  @Get('compliance/:month')
  get(@Param('month') month: string) {
    return this.queries.execute(new GetResponseCompliance(month));
  }
}
