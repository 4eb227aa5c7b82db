import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { IsInstant } from '../../shared/validators.js';
import { type CustomerView } from '../customer.view.js';
import { runCustomerCommand } from '../customer.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerResponse } from '../customer.response.js';

export class OffboardCustomerDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'End of the subscription: the Coverage Period stops here (R3)' })
  @IsInstant()
  at!: string;
}

export class OffboardCustomerRequest extends Command<CommandAnswer<CustomerView>> {
  constructor(readonly customerId: string, readonly body: OffboardCustomerDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(OffboardCustomerRequest)
export class OffboardCustomerHandler implements ICommandHandler<OffboardCustomerRequest> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ customerId, body, meta }: OffboardCustomerRequest) {
    return runCustomerCommand(this.runner, { type: 'OffboardCustomer', customerId, at: toUtc(body.at) }, meta);
  }
}

@ApiTags('customers')
@Controller('customers')
export class OffboardCustomerController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Offboard a customer', description: 'Ends the Coverage Period at an instant: nothing after it counts for the customer (R3).', ok: CustomerResponse, command: true })
  @Post(':id/offboard')
  @HttpCode(200)
  async offboard(@Param('id') id: string, @Body() body: OffboardCustomerDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new OffboardCustomerRequest(id, body, meta)));
  }
}
