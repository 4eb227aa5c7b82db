import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { IsInstant } from '../../shared/validators.js';
import { PlanIdField } from '../customer-fields.js';
import { type CustomerView } from '../customer.view.js';
import { runCustomerCommand } from '../customer.commands.js';
import { requireKnownReferences } from '../../shared/known-references.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerResponse } from '../customer.response.js';

export class ChangePlanDto {
  @PlanIdField()
  planId!: string;

  @ApiProperty({ example: '2026-11-01T00:00:00Z' })
  @IsInstant()
  effectiveAt!: string;
}

export class ChangePlanRequest extends Command<CommandAnswer<CustomerView>> {
  constructor(readonly customerId: string, readonly body: ChangePlanDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ChangePlanRequest)
export class ChangePlanHandler implements ICommandHandler<ChangePlanRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, body, meta }: ChangePlanRequest) {
    await requireKnownReferences(this.readSide, { planId: body.planId });
    return runCustomerCommand(this.runner, { type: 'ChangePlan', customerId, planId: body.planId, effectiveAt: toUtc(body.effectiveAt) }, meta);
  }
}

@ApiTags('customers')
@Controller('customers')
export class ChangePlanController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: "Change a customer's plan", description: 'From an effective instant on, the customer is judged against the new plan; months already begun keep the plan their coverage began with.', ok: CustomerResponse, command: true })
  @Post(':id/plan')
  @HttpCode(200)
  async change(@Param('id') id: string, @Body() body: ChangePlanDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new ChangePlanRequest(id, body, meta)));
  }
}
