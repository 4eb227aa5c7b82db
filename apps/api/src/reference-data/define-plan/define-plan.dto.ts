import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CreditPolicy, Plan, SupportHours } from '#domain';
import { ID_MESSAGE, ID_PATTERN } from '../../shared/validators.js';
import { canonicalZone, EndsAfter, IsPercent, IsTimeZone, TiersInOrder, TiersOnlyForTiersKind } from './plan-validators.js';

const CREDIT_POLICY_KINDS = ['pro-rata-downtime', 'pro-rata-shortfall', 'tiers'] as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_OF_DAY_MESSAGE = '$property must be a time of day written HH:MM, from 00:00 to 23:59';

export class CreditTierDto {
  @ApiProperty({ example: '99.99', description: 'The tier applies when the Availability Rate is below this percentage' })
  @IsPercent()
  below!: string;

  @ApiProperty({ type: 'integer', example: 10, minimum: 0, maximum: 100, description: 'Percent of the month\'s fee credited' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;
}

/** `{ kind: pro-rata-downtime }`, `{ kind: pro-rata-shortfall }` or `{ kind: tiers, tiers }` (R11). */
export class CreditPolicyDto {
  @ApiProperty({ enum: CREDIT_POLICY_KINDS })
  @IsIn(CREDIT_POLICY_KINDS, { message: `kind must be one of ${CREDIT_POLICY_KINDS.join(', ')}` })
  @TiersOnlyForTiersKind()
  kind!: CreditPolicy['kind'];

  @ApiProperty({ required: false, type: [CreditTierDto], description: 'Highest "below" first' })
  @ValidateIf((policy: CreditPolicyDto) => policy.kind === 'tiers')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreditTierDto)
  @TiersInOrder()
  tiers?: CreditTierDto[];
}

export class SupportHoursDto {
  @ApiProperty({ example: 'Europe/Paris' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ example: [1, 2, 3, 4, 5], description: 'ISO weekdays: 1 is Monday, 7 is Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days!: number[];

  @ApiProperty({ example: '09:00', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
  @Matches(TIME_OF_DAY, { message: TIME_OF_DAY_MESSAGE })
  from!: string;

  @ApiProperty({ example: '18:00', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
  @Matches(TIME_OF_DAY, { message: TIME_OF_DAY_MESSAGE })
  @EndsAfter('from')
  to!: string;
}

export class DefinePlanDto {
  @ApiProperty({ example: 'pro' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id!: string;

  @ApiProperty({ example: 'Pro' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '99.9', description: 'Percent, as a decimal string: compared exactly (R7, R10)' })
  @IsPercent()
  availabilityTarget!: string;

  @ApiProperty({ type: CreditPolicyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CreditPolicyDto)
  creditPolicy!: CreditPolicyDto;

  @ApiProperty({ type: 'integer', example: 240, minimum: 1, maximum: 100000, description: 'Counted within the support hours (R14)' })
  @IsInt()
  @Min(1)
  @Max(100000)
  responseTimeMinutes!: number;

  @ApiProperty({ oneOf: [{ type: 'string', enum: ['always'] }, { $ref: getSchemaPath(SupportHoursDto) }] })
  // Only an object is validated field by field; the string form has a single spelling.
  @ValidateIf((plan: DefinePlanDto) => plan.supportHours !== 'always')
  @IsObject({ message: 'supportHours must be "always" or { timeZone, days, from, to }' })
  @ValidateNested()
  @Type(() => SupportHoursDto)
  supportHours!: 'always' | SupportHoursDto;

  @ApiProperty({ example: ['email'], description: 'Only failures notified through one of these count (R13)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @Matches(/\S/, { each: true, message: 'each value in $property must contain more than blanks' })
  supportChannels!: string[];
}

function toCreditPolicy(dto: CreditPolicyDto): CreditPolicy {
  switch (dto.kind) {
    case 'pro-rata-downtime':
    case 'pro-rata-shortfall':
      return { kind: dto.kind };
    case 'tiers':
      return { kind: 'tiers', tiers: dto.tiers!.map(({ below, percent }) => ({ below, percent })) };
  }
}

function toSupportHours(dto: DefinePlanDto['supportHours']): SupportHours {
  if (dto === 'always') return 'always';
  return { timeZone: canonicalZone(dto.timeZone), days: [...dto.days].sort((a, b) => a - b), from: dto.from, to: dto.to };
}

export function toPlan(dto: DefinePlanDto): Plan {
  return {
    id: dto.id,
    name: dto.name,
    availabilityTarget: dto.availabilityTarget,
    creditPolicy: toCreditPolicy(dto.creditPolicy),
    responseTimeMinutes: dto.responseTimeMinutes,
    supportHours: toSupportHours(dto.supportHours),
    supportChannels: [...dto.supportChannels],
  };
}
