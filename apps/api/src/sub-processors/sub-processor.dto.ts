import { applyDecorators } from '@nestjs/common';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { SUB_PROCESSOR_TYPES, type SubProcessorType } from '#domain';
import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../shared/validators.js';

const TYPE_MESSAGE = `$property must be one of ${SUB_PROCESSOR_TYPES.join(', ')}`;

/** The fields of an entry, each optional: a change sends those that change. */
export class SubProcessorFieldsDto {
  @ApiProperty({ required: false, example: 'Equinix, Inc.', description: 'The legal entity, as the published list names it' })
  @Optional()
  @IsString()
  @Length(1, 200)
  legalName?: string;

  @ApiProperty({ required: false, enum: SUB_PROCESSOR_TYPES })
  @Optional()
  @IsIn(SUB_PROCESSOR_TYPES, { message: TYPE_MESSAGE })
  type?: SubProcessorType;

  @ApiProperty({ required: false, example: 'Bare-metal servers running customer workloads' })
  @Optional()
  @IsString()
  @Length(1, 1000)
  purpose?: string;

  @ApiProperty({ required: false, example: 'United States', description: 'Where it processes the data (country or countries)' })
  @Optional()
  @IsString()
  @Length(1, 200)
  location?: string;

  @ApiProperty({ required: false, example: false, description: 'Works for the whole platform (control plane, support): may touch every customer\'s data' })
  @Optional()
  @IsBoolean()
  platform?: boolean;

  @ApiProperty({ required: false, type: [String], example: ['fra'], description: 'Registered regions whose customers\' data it may touch' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  regions?: string[];

  @ApiProperty({ required: false, type: [String], example: ['customer workloads', 'logs'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories?: string[];

  @ApiProperty({ required: false, type: [String], example: ['Equinix Metal'], description: 'Other names regions and outages use for it' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[];
}

const Required = {
  legalName: () => applyDecorators(ApiProperty({ example: 'Equinix, Inc.', description: 'The legal entity, as the published list names it' }), IsString(), Length(1, 200)),
  type: () => applyDecorators(ApiProperty({ enum: SUB_PROCESSOR_TYPES }), IsIn(SUB_PROCESSOR_TYPES, { message: TYPE_MESSAGE })),
  purpose: () => applyDecorators(ApiProperty({ example: 'Bare-metal servers running customer workloads' }), IsString(), Length(1, 1000)),
  location: () => applyDecorators(ApiProperty({ example: 'United States' }), IsString(), Length(1, 200)),
};

/** A new entry: the four facts every published list gives, and what else is known. */
export class RegisterSubProcessorDto extends OmitType(SubProcessorFieldsDto, ['legalName', 'type', 'purpose', 'location'] as const) {
  @ApiProperty({ example: 'equinix' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id!: string;

  @Required.legalName()
  legalName!: string;

  @Required.type()
  type!: SubProcessorType;

  @Required.purpose()
  purpose!: string;

  @Required.location()
  location!: string;

  @ApiProperty({ required: false, example: '2026-01-01T00:00:00Z', description: 'From when the entry is in effect; now unless said' })
  @Optional()
  @IsInstant()
  effectiveAt?: string;

  @ApiProperty({ required: false, example: 'Listed in the published sub-processor list' })
  @Optional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class ChangeSubProcessorDto extends SubProcessorFieldsDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'From when the change holds; may be ahead, as announced changes are' })
  @IsInstant()
  effectiveAt!: string;

  @ApiProperty({ example: 'Moved the EU data to Frankfurt' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class RetireSubProcessorDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsInstant()
  effectiveAt!: string;

  @ApiProperty({ example: 'Contract ended' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
