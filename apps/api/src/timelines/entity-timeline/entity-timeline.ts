import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type StreamKind } from '#domain';
import type { Page, TimelineEntry } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { timelineFilter, TimelineQuery } from '../timeline.query.js';

const NAMES: Partial<Record<StreamKind, string>> = { outage: 'outage', maintenance: 'maintenance', emergencyMaintenance: 'emergency maintenance' };

export class GetEntityTimeline extends Query<Page<TimelineEntry>> {
  constructor(readonly kind: StreamKind, readonly id: string, readonly query: TimelineQuery) {
    super();
  }
}

@QueryHandler(GetEntityTimeline)
export class GetEntityTimelineHandler implements IQueryHandler<GetEntityTimeline> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ kind, id, query }: GetEntityTimeline) {
    if (!(await (await this.readSide.entities()).get(kind, id))) throw new DomainError('not-found', `${NAMES[kind]} ${id} does not exist`);
    return (await this.readSide.timeline()).forEntity(kind, id, timelineFilter(query));
  }
}

@ApiTags('timelines')
@Controller()
export class EntityTimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get('outages/:id/timeline')
  outage(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('outage', id, query));
  }

  @Get('maintenances/:id/timeline')
  maintenance(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('maintenance', id, query));
  }

  @Get('emergency-maintenances/:id/timeline')
  emergency(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('emergencyMaintenance', id, query));
  }
}
