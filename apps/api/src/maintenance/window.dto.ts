import { ApiProperty } from '@nestjs/swagger';
import { toUtc, type Window } from '#domain';
import { IsInstant } from '../shared/validators.js';

/** An announced maintenance window; that it ends after it starts is a rule of the domain (422). */
export class WindowDto {
  @ApiProperty({ example: '2026-10-14T01:00:00Z' })
  @IsInstant()
  start!: string;

  @ApiProperty({ example: '2026-10-14T03:00:00Z' })
  @IsInstant()
  end!: string;
}

export function toWindow(dto: WindowDto): Window {
  return { start: toUtc(dto.start), end: toUtc(dto.end) };
}
