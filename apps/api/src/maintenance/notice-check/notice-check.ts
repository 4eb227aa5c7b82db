import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { checkNotice, toUtc, type NoticeCheck } from '#domain';
import type { AppConfig } from '../../config.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { IsInstant, Optional } from '../../shared/validators.js';
import { calendarOf } from '../../config.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { NoticeCheckResponse } from '../maintenance.response.js';

export class NoticeCheckQuery {
  @ApiProperty({ example: '2026-10-14T01:00:00Z', description: 'The start of the window being chosen' })
  @IsInstant()
  start!: string;

  @ApiProperty({ required: false, description: 'When the notice would go out; default now' })
  @Optional()
  @IsInstant()
  noticeSentAt?: string;
}

/**
 * The answer POST /maintenances would give about the notice (R8, R9), without recording anything:
 * lets a form show it while the window is being chosen.
 */
@ApiTags('maintenance')
@Controller('notice-check')
export class NoticeCheckController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Operation({ summary: 'Check the notice of a window', description: 'The answer POST /maintenances would give about the notice (R8, R9): the full working days it leaves in the legal time zone and the earliest compliant start, without recording anything.', ok: NoticeCheckResponse })
  @Get()
  check(@QueryParams() query: NoticeCheckQuery): NoticeCheck {
    const sentAt = toUtc(query.noticeSentAt ?? new Date().toISOString());
    return checkNotice(sentAt, toUtc(query.start), calendarOf(this.config));
  }
}
