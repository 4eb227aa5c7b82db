import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn } from 'class-validator';
import { recordedUpTo, toUtc } from '#domain';
import type { TimelineFilter } from '#projections';
import { PagingQuery } from '../shared/paging.dto.js';
import { IsInstant, Optional } from '../shared/validators.js';

const KINDS = ['customer', 'billing', 'support', 'outage', 'maintenance', 'emergencyMaintenance'] as const;

export class TimelineQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'Business time from (inclusive)' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiProperty({ required: false, description: 'Business time to (exclusive)' })
  @Optional()
  @IsInstant()
  to?: string;

  @ApiProperty({ required: false, description: 'Only what had been recorded at this instant' })
  @Optional()
  @IsInstant()
  asOf?: string;

  @ApiProperty({ required: false, enum: KINDS, isArray: true, description: 'Comma-separated stream kinds' })
  @Optional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @ArrayMaxSize(KINDS.length)
  @IsIn(KINDS, { each: true, message: `kind must be among ${KINDS.join(', ')}` })
  kind?: string[];
}

export function timelineFilter(query: TimelineQuery): TimelineFilter {
  return {
    offset: query.offset,
    limit: query.limit,
    ...(query.from && { from: toUtc(query.from) }),
    ...(query.to && { to: toUtc(query.to) }),
    ...(query.asOf && { asOf: recordedUpTo(query.asOf) }),
    ...(query.kind && { kinds: query.kind }),
  };
}
