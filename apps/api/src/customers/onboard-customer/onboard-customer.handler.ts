import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toUtc } from '#domain';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import type { RequestMeta } from '../../infrastructure/request-meta.js';

import { distinct } from '../customer-fields.js';
import { type CustomerView } from '../customer.view.js';
import { runCustomerCommand } from '../customer.commands.js';
import { requireKnownReferences } from '../../shared/known-references.js';
import type { OnboardCustomerDto } from './onboard-customer.dto.js';
import type { CommandAnswer } from '../../infrastructure/answer.js';

export class OnboardCustomerRequest extends Command<CommandAnswer<CustomerView>> {
  constructor(readonly body: OnboardCustomerDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(OnboardCustomerRequest)
export class OnboardCustomerHandler implements ICommandHandler<OnboardCustomerRequest, CommandAnswer<CustomerView>> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ body, meta }: OnboardCustomerRequest) {
    const regions = distinct(body.regions);
    await requireKnownReferences(this.readSide, { planId: body.planId, regions });
    return runCustomerCommand(
      this.runner,
      {
        type: 'OnboardCustomer',
        customerId: body.id,
        name: body.name,
        email: body.email,
        ...(body.timeZone !== undefined && { timeZone: body.timeZone }),
        planId: body.planId,
        regions,
        monthlyFee: { amount: body.monthlyFee.amount, currency: body.monthlyFee.currency },
        activeFrom: toUtc(body.activeFrom),
      },
      meta,
    );
  }
}
