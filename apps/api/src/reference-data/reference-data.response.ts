import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Id, Int, NullableText, Percent, Text } from '../infrastructure/openapi/properties.js';
import { PageOf } from '../shared/common.response.js';

export class CreditTierResponse {
  @Percent({ example: '99.9', description: 'The tier applies when the Availability Rate is below this percentage' })
  below!: string;

  @Int({ example: 10, minimum: 0, maximum: 100, description: "Percent of the month's fee credited" })
  percent!: number;
}

export class CreditPolicyResponse {
  @ApiProperty({ enum: ['pro-rata-downtime', 'pro-rata-shortfall', 'tiers'] })
  kind!: 'pro-rata-downtime' | 'pro-rata-shortfall' | 'tiers';

  @ApiProperty({ type: [CreditTierResponse], required: false, description: 'With kind tiers, highest "below" first' })
  tiers?: CreditTierResponse[];
}

export class SupportHoursResponse {
  @Text({ example: 'Europe/Paris' })
  timeZone!: string;

  @ApiProperty({ type: 'integer', isArray: true, example: [1, 2, 3, 4, 5], description: 'ISO weekdays, 1 Monday to 7 Sunday' })
  days!: number[];

  @Text({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', example: '09:00' })
  from!: string;

  @Text({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', example: '18:00' })
  to!: string;
}

/** A plan: its availability target, credit policy and support terms (R7, R11, R14). */
@ApiExtraModels(SupportHoursResponse)
export class PlanResponse {
  @Id({ example: 'gold' })
  id!: string;

  @Text({ example: 'Gold' })
  name!: string;

  @Percent({ example: '99.9', description: 'Percent as a decimal string, compared exactly (R7)' })
  availabilityTarget!: string;

  @ApiProperty({ type: CreditPolicyResponse })
  creditPolicy!: CreditPolicyResponse;

  @Int({ example: 240, description: 'Counted within the support hours (R14)' })
  responseTimeMinutes!: number;

  @ApiProperty({ oneOf: [{ type: 'string', enum: ['always'] }, { $ref: getSchemaPath(SupportHoursResponse) }], description: '"always", or the hours of given weekdays in a time zone' })
  supportHours!: 'always' | SupportHoursResponse;

  @ApiProperty({ type: [String], example: ['email', 'phone'] })
  supportChannels!: string[];
}

export const PlanPage = PageOf(PlanResponse, 'PlanPage');

export class RegionResponse {
  @Id({ example: 'fra' })
  id!: string;

  @Text({ example: 'Frankfurt' })
  name!: string;

  @NullableText({ description: 'The infrastructure sub-processor that runs the region (R15)' })
  provider!: string | null;

  @ApiProperty({ type: [String], required: false, example: ['sub-processor Hetzner is not registered: POST /sub-processors'], description: 'On the answer to a command, when the sub-processor it names is not in the register (it is kept as text)' })
  warnings?: string[];
}

export const RegionPage = PageOf(RegionResponse, 'RegionPage');
