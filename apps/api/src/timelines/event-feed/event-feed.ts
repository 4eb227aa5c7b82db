import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { Optional } from '../../shared/validators.js';

export class EventFeedQuery {
  @ApiProperty({ required: false, description: 'Global position to read after (exclusive); 0 from the start' })
  @Optional()
  @Matches(/^\d{1,19}$/, { message: 'after must be a global position: a whole number' })
  after = '0';

  @ApiProperty({ required: false, default: 100, maximum: 1000 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
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
  @Get()
  read(@QueryParams() query: EventFeedQuery) {
    return this.queries.execute(new ReadEventFeed(query));
  }
}
