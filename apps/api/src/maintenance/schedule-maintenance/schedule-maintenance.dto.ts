import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { IsInstant, Optional } from '../../shared/validators.js';
import { WindowDto } from '../window.dto.js';
import { NewIncidentDto } from '../../shared/new-incident.dto.js';

export class ScheduleMaintenanceDto extends NewIncidentDto {
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
