import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Support } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { toFailureReportViews, type FailureReportView } from '../failure-report.view.js';
import { requireCustomer } from '../known-customer.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { FailureReportResponse } from '../failure-report.response.js';

export class GetFailureReport extends Query<FailureReportView> {
  constructor(readonly customerId: string, readonly reportId: string) {
    super();
  }
}

@QueryHandler(GetFailureReport)
export class GetFailureReportHandler implements IQueryHandler<GetFailureReport> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ customerId, reportId }: GetFailureReport): Promise<FailureReportView> {
    const entities = await this.readSide.entities();
    const customer = await requireCustomer(entities, customerId);
    const report = (await entities.get<Support>('support', customerId))?.reports.find((r) => r.reportId === reportId);
    if (!report) throw new DomainError('not-found', `failure report ${reportId} of customer ${customerId} does not exist`);
    const [view] = await toFailureReportViews(this.readSide, customer, [report]);
    return view!;
  }
}

@ApiTags('support')
@Controller('customers')
export class GetFailureReportController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read a failure report', description: 'One report with its deadline and status.', ok: FailureReportResponse })
  @Get(':id/failure-reports/:reportId')
  get(@Param('id') id: string, @Param('reportId') reportId: string) {
    return this.queries.execute(new GetFailureReport(id, reportId));
  }
}
