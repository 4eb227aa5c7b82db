import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { requireKnownScope } from '../../shared/known-references.js';
import type { RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { toScope } from '../../shared/scope.dto.js';
import { type MaintenanceView } from '../maintenance.view.js';
import { noticeMailing, runMaintenanceCommand } from '../maintenance.commands.js';
import { toWindow } from '../window.dto.js';
import type { ScheduleMaintenanceDto } from './schedule-maintenance.dto.js';
import type { CommandAnswer } from '../../infrastructure/answer.js';

export class ScheduleMaintenanceRequest extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: ScheduleMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ScheduleMaintenanceRequest)
export class ScheduleMaintenanceHandler implements ICommandHandler<ScheduleMaintenanceRequest, CommandAnswer<MaintenanceView>> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ maintenanceId, body, meta }: ScheduleMaintenanceRequest) {
    await requireKnownScope(this.readSide, toScope(body.scope));
    // Without noticeSentAt the product sends the notices: one email per customer in scope now.
    const mailing = body.noticeSentAt === undefined ? await noticeMailing(this.readSide, this.config) : {};
    return runMaintenanceCommand(
      this.runner,
      this.config,
      {
        type: 'ScheduleMaintenance',
        maintenanceId,
        scope: toScope(body.scope),
        title: body.title,
        window: toWindow(body.window),
        noticeSentAt: body.noticeSentAt === undefined ? null : toUtc(body.noticeSentAt),
        acceptAsDowntime: body.acceptAsDowntime ?? false,
        recordedBy: meta.actor,
        evidence: body.evidence ?? null,
        ...mailing,
      },
      meta,
    );
  }
}
