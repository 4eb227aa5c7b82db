import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from './validators.js';

export class AsOfQuery {
  @ApiProperty({ required: false, description: 'The figures as they stood at this record instant: only events recorded up to then count' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
