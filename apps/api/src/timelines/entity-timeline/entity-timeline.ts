import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type StreamKind } from '#domain';
import type { Page, TimelineEntry } from '#projections';
import { ReadSide } from '../../infrastructure/read-side.js';
import { timelineFilter, TimelineQuery } from '../timeline.query.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { TimelinePage } from '../timeline.response.js';

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

  @Operation({ summary: 'Timeline of an outage', description: 'Every event of the outage with business time (when it happened) and record time (when it was recorded), who recorded it and a sentence saying what changed; filter by period, record instant and kind.', ok: TimelinePage })
  @Get('outages/:id/timeline')
  outage(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('outage', id, query));
  }

  @Operation({ summary: 'Timeline of a maintenance', description: 'Every event of the maintenance (scheduling, notices, moves, start, completion) with business and record time and who recorded it.', ok: TimelinePage })
  @Get('maintenances/:id/timeline')
  maintenance(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('maintenance', id, query));
  }

  @Operation({ summary: 'Timeline of an emergency maintenance', description: 'Every event of the emergency maintenance with business and record time and who recorded it.', ok: TimelinePage })
  @Get('emergency-maintenances/:id/timeline')
  emergency(@Param('id') id: string, @QueryParams() query: TimelineQuery) {
    return this.queries.execute(new GetEntityTimeline('emergencyMaintenance', id, query));
  }
}
