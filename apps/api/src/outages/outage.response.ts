import { ApiProperty } from '@nestjs/swagger';
import { EXCLUSION_CAUSES } from '#domain';
import { Flag, Id, Instant, Int, NullableInstant, NullableText, Text } from '../infrastructure/openapi/properties.js';
import { PageOf, ScopeResponse } from '../shared/common.response.js';

/** An outage as it now is: its scope, impact, times and whether a cause excludes it (R5, R6). */
export class OutageResponse {
  @Id({ example: 'out-2026-10-05-fra' })
  id!: string;

  @ApiProperty({ type: ScopeResponse })
  scope!: ScopeResponse;

  @ApiProperty({ enum: ['unavailable', 'degraded'] })
  impact!: 'unavailable' | 'degraded';

  @Text({ example: 'fra: API unreachable' })
  title!: string;

  @Instant()
  startedAt!: string;

  @NullableInstant({ description: 'null while it lasts' })
  endedAt!: string | null;

  @NullableText({ description: 'The sub-processor whose failure caused it (never an exclusion, R6)' })
  subProcessor!: string | null;

  @ApiProperty({ enum: EXCLUSION_CAUSES, nullable: true, description: 'The cause that excludes it from Down Time (R6); null: it counts' })
  exclusion!: (typeof EXCLUSION_CAUSES)[number] | null;

  @NullableText()
  exclusionReason!: string | null;

  @Int({ description: 'How many corrections of its times were recorded' })
  corrections!: number;

  @Flag({ description: 'true while it has no end (and was not voided)' })
  ongoing!: boolean;

  @Flag({ description: 'Recorded in error and voided: it counts in no figure from voidedAt on (asOf before it still shows it)' })
  voided!: boolean;

  @NullableText({ description: 'Why it was voided' })
  voidReason!: string | null;

  @NullableInstant({ description: 'When the void was recorded' })
  voidedAt!: string | null;

  @ApiProperty({ type: [String], required: false, example: ['sub-processor Hetzner is not registered: POST /sub-processors'], description: 'On the answer to a command, when the sub-processor it names is not in the register (it is kept as text)' })
  warnings?: string[];
}

export const OutagePage = PageOf(OutageResponse, 'OutagePage');
