import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsObject, IsString, IsTimeZone, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../../shared/validators.js';
import { MoneyDto, PlanIdField, RegionIdsField } from '../customer-fields.js';

export class OnboardCustomerDto {
  @ApiProperty({ example: 'acme' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id!: string;

  @ApiProperty({ example: 'ACME SAS' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'ops@acme.example', description: 'Where maintenance notices go (R8)' })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ required: false, example: 'America/New_York', description: "The customer's own IANA time zone: its maintenance notices give the times in it too" })
  @Optional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone({ message: '$property must be an IANA time zone such as Europe/Paris or America/New_York' })
  timeZone?: string;

  @PlanIdField()
  planId!: string;

  @RegionIdsField()
  regions!: string[];

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  monthlyFee!: MoneyDto;

  @ApiProperty({ example: '2026-10-01T00:00:00Z', description: 'Start of the subscription (R3)' })
  @IsInstant()
  activeFrom!: string;
}
