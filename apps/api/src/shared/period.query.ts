import { ApiProperty } from '@nestjs/swagger';

import { toUtc } from '#domain';
import { PagingQuery } from './paging.dto.js';
import { IsInstant, Optional } from './validators.js';

/** Paging plus the period filters the entity-states read model answers for every kind. */
export class PeriodQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'Only those still running or due at or after this instant' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiProperty({ required: false, description: 'Only those that start before this instant' })
  @Optional()
  @IsInstant()
  to?: string;
}

export function periodFilter(query: PeriodQuery): { offset: number; limit: number; from?: string; to?: string } {
  return {
    offset: query.offset,
    limit: query.limit,
    ...(query.from && { from: toUtc(query.from) }),
    ...(query.to && { to: toUtc(query.to) }),
  };
}
