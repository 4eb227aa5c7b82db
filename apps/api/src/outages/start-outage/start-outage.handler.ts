import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toUtc } from '#domain';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { requireKnownScope } from '../../shared/known-references.js';
import type { RequestMeta } from '../../infrastructure/request-meta.js';
import { toScope } from '../../shared/scope.dto.js';
import { type OutageView } from '../outage.view.js';
import { runOutageCommand } from '../outage.commands.js';
import type { StartOutageDto } from './start-outage.dto.js';
import type { CommandAnswer } from '../../infrastructure/answer.js';

export class StartOutageRequest extends Command<CommandAnswer<OutageView>> {
  constructor(readonly outageId: string, readonly body: StartOutageDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(StartOutageRequest)
export class StartOutageHandler implements ICommandHandler<StartOutageRequest, CommandAnswer<OutageView>> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ outageId, body, meta }: StartOutageRequest) {
    await requireKnownScope(this.readSide, toScope(body.scope));
    return runOutageCommand(
      this.runner,
      {
        type: 'StartOutage',
        outageId,
        scope: toScope(body.scope),
        impact: body.impact,
        title: body.title,
        startedAt: toUtc(body.startedAt),
        subProcessor: body.subProcessor ?? null,
      },
      meta,
    );
  }
}
