import { Module } from '@nestjs/common';
import { CustomerTimelineController, GetCustomerTimelineHandler } from './customer-timeline/customer-timeline.js';
import { EntityTimelineController, GetEntityTimelineHandler } from './entity-timeline/entity-timeline.js';
import { EventFeedController, ReadEventFeedHandler } from './event-feed/event-feed.js';
import { WhatChangedController, WhatChangedHandler } from './what-changed/what-changed.js';
import { CreditsModule } from '../credits/credits.module.js';

@Module({
  imports: [CreditsModule],
  controllers: [CustomerTimelineController, EntityTimelineController, EventFeedController, WhatChangedController],
  providers: [GetCustomerTimelineHandler, GetEntityTimelineHandler, ReadEventFeedHandler, WhatChangedHandler],
})
export class TimelinesModule {}
