import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength } from 'class-validator';
import { IsInstant, Optional } from '../../shared/validators.js';
import { NewIncidentDto } from '../../shared/new-incident.dto.js';

export class StartOutageDto extends NewIncidentDto {
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
