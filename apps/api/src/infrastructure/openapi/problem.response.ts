import { ApiProperty } from '@nestjs/swagger';
import { Int, Text } from './properties.js';

export class ViolationResponse {
  @Text({ example: 'startedAt', description: 'The field, dotted for nested ones (scope.regions)' })
  field!: string;

  @Text({ example: 'startedAt must be an ISO-8601 date-time with an offset, e.g. 2026-10-05T10:00:00Z' })
  problem!: string;
}

/** RFC 9457 Problem Details: every refusal of this API, whatever its status, has this shape. */
export class Problem {
  @Text({ example: '/problems/validation-failed', description: 'Stable identifier of the kind of problem: a path that serves a page describing it; compare this, not the prose' })
  type!: string;

  @Text({ example: 'Bad Request', description: 'The standard title of the status' })
  title!: string;

  @Int({ example: 400, minimum: 400, maximum: 599 })
  status!: number;

  @Text({ example: 'the request body is invalid: startedAt: startedAt must be an ISO-8601 date-time with an offset, e.g. 2026-10-05T10:00:00Z', description: 'What was wrong and how to fix it, for a person' })
  detail!: string;

  @Text({ example: '/outages', description: 'The URL that was refused' })
  instance!: string;

  @ApiProperty({ type: [ViolationResponse], required: false, description: 'Each invalid field of a refused body or query (400 only)' })
  violations?: ViolationResponse[];
}
