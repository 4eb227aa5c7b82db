import { ApiProperty } from '@nestjs/swagger';
import { CREDIT_STATES } from '#domain';
import { AnyJson, Id, Instant, Int, Minutes, Month, Percent, Text } from '../infrastructure/openapi/properties.js';
import { MoneyResponse, PageOf } from '../shared/common.response.js';

/** One event as a person reads it: what happened (business time), when it was recorded, by whom. */
export class TimelineEntryResponse {
  @Text({ pattern: '^[0-9]+$', description: 'Global position in the event store' })
  position!: string;

  @Text({ format: 'uuid' })
  eventId!: string;

  @Text({ example: 'outage' })
  kind!: string;

  @Id()
  entityId!: string;

  @Text({ example: 'OutageStarted' })
  type!: string;

  @Instant({ description: 'Business time: when it happened, as the caller said' })
  occurredAt!: string;

  @Instant({ description: 'Record time: when the store kept it' })
  recordedAt!: string;

  @Text({ example: 'token:ops-bot' })
  actor!: string;

  @Text({ example: 'Outage started on region fra (unavailable): fra: API unreachable' })
  summary!: string;

  @AnyJson({ description: "The event's data" })
  data!: Record<string, unknown>;
}

export const TimelinePage = PageOf(TimelineEntryResponse, 'TimelinePage');

export class FiguresResponse {
  @Minutes()
  coveragePeriodMinutes!: number;

  @Minutes()
  downtimeMinutes!: number;

  @Percent({ nullable: true })
  availabilityRate!: string | null;

  @ApiProperty({ enum: CREDIT_STATES })
  state!: string;

  @ApiProperty({ type: MoneyResponse })
  amount!: MoneyResponse;
}

export class FigureChangeResponse {
  @ApiProperty({ enum: ['coveragePeriodMinutes', 'downtimeMinutes', 'availabilityRate', 'state', 'amount'] })
  field!: string;

  @ApiProperty({ description: 'The value at the first look (any JSON value)' })
  before!: unknown;

  @ApiProperty({ description: 'The value at the second look (any JSON value)' })
  after!: unknown;
}

export class WhatChangedResponse {
  @Id()
  customerId!: string;

  @Month()
  month!: string;

  @Instant()
  from!: string;

  @Instant()
  to!: string;

  @ApiProperty({ type: FiguresResponse })
  before!: FiguresResponse;

  @ApiProperty({ type: FiguresResponse })
  after!: FiguresResponse;

  @ApiProperty({ type: [FigureChangeResponse] })
  changed!: FigureChangeResponse[];

  @ApiProperty({ type: [TimelineEntryResponse], description: 'The entries recorded between the two instants: what made the difference' })
  events!: TimelineEntryResponse[];
}

export class FeedEventResponse {
  @Text({ pattern: '^[0-9]+$' })
  position!: string;

  @Text({ format: 'uuid' })
  id!: string;

  @Text({ example: 'outage-out-1' })
  stream!: string;

  @Int()
  revision!: number;

  @Text()
  type!: string;

  @AnyJson()
  data!: Record<string, unknown>;

  @AnyJson({ description: 'actor, occurredAt, recordedAt, request and correlation ids' })
  metadata!: Record<string, unknown>;
}

export class EventFeedResponse {
  @ApiProperty({ type: [FeedEventResponse] })
  events!: FeedEventResponse[];

  @Text({ pattern: '^[0-9]+$', description: "Pass as `after` to read on; equal to the request's `after` when nothing new was there" })
  next!: string;
}
