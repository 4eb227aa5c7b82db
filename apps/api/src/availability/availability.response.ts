import { ApiProperty } from '@nestjs/swagger';
import { Flag, Id, Instant, Int, Minutes, Month, Percent, Text } from '../infrastructure/openapi/properties.js';

export class ExcludedMinutesResponse {
  @Minutes()
  scheduledMaintenance!: number;

  @Minutes()
  emergencyMaintenance!: number;

  @Minutes({ description: 'Outages whose cause the contract excludes (R6)' })
  exclusions!: number;
}

export class IntervalSourceResponse {
  @ApiProperty({ enum: ['outage', 'maintenance', 'emergency-maintenance'] })
  kind!: string;

  @Id()
  id!: string;

  @ApiProperty({ type: [String], description: 'The events that made this source' })
  eventIds!: string[];

  @Text({ description: 'Why this source is treated as it is over the interval, in words a customer can read' })
  note!: string;
}

export class IntervalResponse {
  @Instant()
  start!: string;

  @Instant()
  end!: string;

  @Minutes()
  minutes!: number;

  @ApiProperty({ enum: ['downtime', 'excluded-scheduled-maintenance', 'excluded-emergency-maintenance', 'excluded-cause'] })
  treatment!: string;

  @ApiProperty({ type: [IntervalSourceResponse] })
  sources!: IntervalSourceResponse[];
}

/** A customer-month's figures without the intervals that explain them (the month's list). */
export class MonthAvailabilityItemResponse {
  @Id({ example: 'acme' })
  customerId!: string;

  @Month()
  month!: string;

  @Id({ example: 'gold', description: 'The plan whose target judged the month' })
  planId!: string;

  @Minutes({ example: 44640, description: 'CP: the minutes of the month the customer was covered (R3)' })
  coveragePeriodMinutes!: number;

  @Minutes({ example: 90, description: 'DT: the minutes of Down Time (R5)' })
  downtimeMinutes!: number;

  @Int()
  coveragePeriodSeconds!: number;

  @Int()
  downtimeSeconds!: number;

  @ApiProperty({ type: ExcludedMinutesResponse })
  excludedMinutes!: ExcludedMinutesResponse;

  @Percent({ nullable: true, example: '99.7984', description: 'AR with exactly 4 decimals, rounded half up (R7); null without a Coverage Period' })
  availabilityRate!: string | null;

  @Percent({ example: '99.9' })
  target!: string;

  @Flag()
  belowTarget!: boolean;

  @Flag({ description: 'true while an outage counted in it is still open: the figure moves' })
  ongoing!: boolean;

  @Instant()
  computedAt!: string;
}

/** One customer-month, with the intervals and the outages that made the figures (R3–R7). */
export class AvailabilityResponse extends MonthAvailabilityItemResponse {
  @ApiProperty({ type: [String], description: 'Outages that made some of the Down Time' })
  downtimeOutageIds!: string[];

  @ApiProperty({ type: [IntervalResponse] })
  intervals!: IntervalResponse[];
}

export class MonthAvailabilityResponse {
  @Month()
  month!: string;

  @ApiProperty({ type: [MonthAvailabilityItemResponse] })
  items!: MonthAvailabilityItemResponse[];

  @Int()
  total!: number;

  @Int()
  offset!: number;

  @Int()
  limit!: number;
}
