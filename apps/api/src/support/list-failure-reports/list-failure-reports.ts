import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { toEpochSeconds, type Support } from '#domain';
import type { Page } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { PagingQuery } from '../../shared/paging.dto.js';
import { toFailureReportViews, type FailureReportView } from '../failure-report.view.js';
import { requireCustomer } from '../known-customer.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { FailureReportPage } from '../failure-report.response.js';

export class ListFailureReports extends Query<Page<FailureReportView>> {
  constructor(readonly customerId: string, readonly paging: PagingQuery) {
    super();
  }
}

@QueryHandler(ListFailureReports)
export class ListFailureReportsHandler implements IQueryHandler<ListFailureReports> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ customerId, paging }: ListFailureReports): Promise<Page<FailureReportView>> {
    const entities = await this.readSide.entities();
    const customer = await requireCustomer(entities, customerId);
    // Stored in the order they were recorded; listed in the order they were made.
    const reports = [...((await entities.get<Support>('support', customerId))?.reports ?? [])].sort(
      (a, b) => toEpochSeconds(a.reportedAt) - toEpochSeconds(b.reportedAt) || a.reportId.localeCompare(b.reportId),
    );
    const page = reports.slice(paging.offset, paging.offset + paging.limit);
    return { items: await toFailureReportViews(this.readSide, customer, page), total: reports.length, offset: paging.offset, limit: paging.limit };
  }
}

@ApiTags('support')
@Controller('customers')
export class ListFailureReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: "List a customer's failure reports", description: 'The reports of a customer with their deadlines and status, a page at a time.', ok: FailureReportPage })
  @Get(':id/failure-reports')
  list(@Param('id') id: string, @QueryParams() query: PagingQuery) {
    return this.queries.execute(new ListFailureReports(id, query));
  }
}
