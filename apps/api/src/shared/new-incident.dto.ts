import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { ScopeDto } from './scope.dto.js';
import { ID_MESSAGE, ID_PATTERN, Optional } from './validators.js';

/** What every new outage or maintenance carries: an optional id of the caller's and a scope (R4). */
export class NewIncidentDto {
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
}
