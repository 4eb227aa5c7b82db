import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planDecider, streams, type Plan } from '#domain';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import type { RequestMeta } from '../../infrastructure/request-meta.js';

import { toPlan, type DefinePlanDto } from './define-plan.dto.js';
import type { CommandAnswer } from '../../infrastructure/answer.js';

export class DefinePlanRequest extends Command<CommandAnswer<Plan>> {
  constructor(readonly body: DefinePlanDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(DefinePlanRequest)
export class DefinePlanHandler implements ICommandHandler<DefinePlanRequest, CommandAnswer<Plan>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ body, meta }: DefinePlanRequest) {
    const plan = toPlan(body);
    const outcome = await this.runner.run(streams.plan(plan.id), planDecider, { type: 'DefinePlan', plan }, meta);
    return { view: outcome.state!, position: outcome.position };
  }
}
