import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { EventFeedResponse } from '../timeline.response.js';
import { QueryInteger, QueryPosition } from '../../shared/query-integer.js';

export class EventFeedQuery {
  @QueryPosition({ description: 'Global position to read after (exclusive); 0 from the start' })
  after = '0';

  @QueryInteger({ min: 1, max: 1000, default: 100 })
  limit = 100;
}

export interface EventFeedPage {
  events: { position: string; id: string; stream: string; revision: number; type: string; data: unknown; metadata: unknown }[];
  /** Pass as `after` to read on; equal to the request's `after` when nothing new was there. */
  next: string;
}

export class ReadEventFeed extends Query<EventFeedPage> {
  constructor(readonly query: EventFeedQuery) {
    super();
  }
}

@QueryHandler(ReadEventFeed)
export class ReadEventFeedHandler implements IQueryHandler<ReadEventFeed> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ query }: ReadEventFeed): Promise<EventFeedPage> {
    const events = await this.store.readAll(BigInt(query.after), query.limit);
    return {
      events: events.map((e) => ({ position: e.position.toString(), id: e.id, stream: e.stream, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata })),
      next: (events.at(-1)?.position ?? BigInt(query.after)).toString(),
    };
  }
}

@ApiTags('timelines')
@Controller('events')
export class EventFeedController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event after a position, in the store's order: for export and audit. */
  @Operation({ summary: 'Read the raw event feed', description: "Every event after a global position, in the store's order, for export and audit; read on with `after=next`.", ok: EventFeedResponse })
  @Get()
  read(@QueryParams() query: EventFeedQuery) {
    return this.queries.execute(new ReadEventFeed(query));
  }
}
