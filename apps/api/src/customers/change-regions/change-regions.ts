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
import { distinct, RegionIdsField } from '../customer-fields.js';
import { type CustomerView } from '../customer.view.js';
import { runCustomerCommand } from '../customer.commands.js';
import { requireKnownReferences } from '../../shared/known-references.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerResponse } from '../customer.response.js';

export class ChangeRegionsDto {
  @RegionIdsField()
  regions!: string[];

  @ApiProperty({ example: '2026-11-01T00:00:00Z', description: 'From this instant, outages in these regions affect the customer (R4)' })
  @IsInstant()
  effectiveAt!: string;
}

export class ChangeRegionsRequest extends Command<CommandAnswer<CustomerView>> {
  constructor(readonly customerId: string, readonly body: ChangeRegionsDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ChangeRegionsRequest)
export class ChangeRegionsHandler implements ICommandHandler<ChangeRegionsRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, body, meta }: ChangeRegionsRequest) {
    const regions = distinct(body.regions);
    await requireKnownReferences(this.readSide, { regions });
    return runCustomerCommand(this.runner, { type: 'ChangeRegions', customerId, regions, effectiveAt: toUtc(body.effectiveAt) }, meta);
  }
}

@ApiTags('customers')
@Controller('customers')
export class ChangeRegionsController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: "Change a customer's regions", description: 'From an effective instant on, outages and maintenance of these regions touch the customer (R4).', ok: CustomerResponse, command: true })
  @Post(':id/regions')
  @HttpCode(200)
  async change(@Param('id') id: string, @Body() body: ChangeRegionsDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new ChangeRegionsRequest(id, body, meta)));
  }
}
