import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import type { RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { toScope } from '../../shared/scope.dto.js';
import { runMaintenanceCommand, type MaintenanceView } from '../maintenance.view.js';
import { toWindow } from '../window.dto.js';
import type { ScheduleMaintenanceDto } from './schedule-maintenance.dto.js';
import type { CommandAnswer } from '../../infrastructure/answer.js';

export class ScheduleMaintenance extends Command<CommandAnswer<MaintenanceView>> {
  constructor(readonly maintenanceId: string, readonly body: ScheduleMaintenanceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ScheduleMaintenance)
export class ScheduleMaintenanceHandler implements ICommandHandler<ScheduleMaintenance, CommandAnswer<MaintenanceView>> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ maintenanceId, body, meta }: ScheduleMaintenance) {
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
      },
      meta,
    );
  }
}
