import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, noticeList, type Customer, type Maintenance, type NoticeListEntry } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { NoticeListResponse } from '../maintenance.response.js';

export interface NoticeListView {
  maintenanceId: string;
  items: NoticeListEntry[];
}

export class ListNotices extends Query<NoticeListView> {
  constructor(readonly maintenanceId: string) {
    super();
  }
}

@QueryHandler(ListNotices)
export class ListNoticesHandler implements IQueryHandler<ListNotices> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ maintenanceId }: ListNotices): Promise<NoticeListView> {
    const entities = await this.readSide.entities();
    const maintenance = await entities.get<Maintenance>('maintenance', maintenanceId);
    if (!maintenance) throw new DomainError('not-found', `maintenance ${maintenanceId} does not exist`);
    const named = [...new Set([...(maintenance.emails ?? []).map((e) => e.customerId), ...maintenance.notices.flatMap((n) => n.customers ?? [])])];
    // A notice to the whole scope is listed per customer it reached: that needs every customer.
    const customers = maintenance.notices.some((n) => n.customers === null)
      ? await entities.all<Customer>('customer')
      : ((await entities.many(['customer'], named)).map((r) => r.state) as Customer[]);
    return { maintenanceId, items: noticeList(maintenance, customers) };
  }
}

@ApiTags('maintenance')
@Controller('maintenances')
export class ListNoticesController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({
    summary: "A maintenance's notices, per customer",
    description: 'Per customer in scope: whether its notice email is pending, sent (accepted by the SMTP server), failed or recorded from outside; its Message-ID, when it was accepted, whether that left enough working days (R8), the tries and the last error.',
    ok: NoticeListResponse,
  })
  @Get(':id/notices')
  list(@Param('id') id: string) {
    return this.queries.execute(new ListNotices(id));
  }
}
