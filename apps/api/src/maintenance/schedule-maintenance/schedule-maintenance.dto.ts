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

  @ApiProperty({
    required: false,
    description:
      'When a notice sent outside the product went to every customer in scope; never in the future. It is then recorded as such. ' +
      'Left out: the product emails the notice to each customer in scope now, and each counts from the instant its email is accepted',
  })
  @Optional()
  @IsInstant()
  noticeSentAt?: string;

  @ApiProperty({ required: false, example: 'ticket OPS-1234', description: 'With noticeSentAt: a reference to the notice sent outside the product (a message id, a ticket)' })
  @Optional()
  @IsString()
  @Length(1, 500)
  evidence?: string;

  @ApiProperty({ required: false, default: false, description: 'Schedule it even with too little notice; it then counts as Down Time (R9)' })
  @Optional()
  @IsBoolean()
  acceptAsDowntime?: boolean;
}
