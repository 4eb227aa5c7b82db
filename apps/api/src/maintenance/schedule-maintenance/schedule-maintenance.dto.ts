import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ScopeDto } from '../../shared/scope.dto.js';
import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../../shared/validators.js';
import { WindowDto } from '../window.dto.js';

export class ScheduleMaintenanceDto {
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

  @ApiProperty({ type: WindowDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;

  @ApiProperty({ example: 'fra: database upgrade' })
  @IsString()
  @Length(1, 500)
  title!: string;

  @ApiProperty({ required: false, description: 'When the notice went to every customer in scope; default now, never in the future' })
  @Optional()
  @IsInstant()
  noticeSentAt?: string;

  @ApiProperty({ required: false, default: false, description: 'Schedule it even with too little notice; it then counts as Down Time (R9)' })
  @Optional()
  @IsBoolean()
  acceptAsDowntime?: boolean;
}
