import { ApiProperty } from '@nestjs/swagger';

import { IsInstant, Optional } from './validators.js';

export class AsOfQuery {
  @ApiProperty({ required: false, description: 'The figures as they stood at this record instant: only events recorded up to then count' })
  @Optional()
  @IsInstant()
  asOf?: string;
}
