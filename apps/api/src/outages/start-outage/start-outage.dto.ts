import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ScopeDto } from '../../shared/scope.dto.js';
import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../../shared/validators.js';

export class StartOutageDto {
  @ApiProperty({ required: false, description: 'Chosen by the caller, or generated' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @ApiProperty({ type: ScopeDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeDto)
  scope!: ScopeDto;

  @ApiProperty({ enum: ['unavailable', 'degraded'] })
  @IsIn(['unavailable', 'degraded'])
  impact!: 'unavailable' | 'degraded';

  @ApiProperty({ example: 'fra: API unreachable' })
  @IsString()
  @Length(1, 500)
  title!: string;

  @ApiProperty({ example: '2026-10-05T10:00:00Z' })
  @IsInstant()
  startedAt!: string;

  @ApiProperty({ required: false, description: 'The sub-processor whose failure caused it (never an exclusion, R6)' })
  @Optional()
  @IsString()
  @MaxLength(200)
  subProcessor?: string;
}
