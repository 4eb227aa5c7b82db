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
import type { FailureReportView } from '../failure-report.view.js';
import { runSupportCommand } from '../support-command.js';
import { requireCustomer } from '../known-customer.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { FailureReportResponse } from '../failure-report.response.js';

export class AcknowledgeReportDto {
  @ApiProperty({ example: '2026-10-05T10:45:00Z', description: 'When the acknowledgement went to the customer: the response of §3.1' })
  @IsInstant()
  at!: string;
}

export class AcknowledgeReportRequest extends Command<CommandAnswer<FailureReportView>> {
  constructor(readonly customerId: string, readonly reportId: string, readonly body: AcknowledgeReportDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(AcknowledgeReportRequest)
export class AcknowledgeReportHandler implements ICommandHandler<AcknowledgeReportRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, reportId, body, meta }: AcknowledgeReportRequest) {
    const entities = await this.readSide.entities();
    const customer = await requireCustomer(entities, customerId);
    return runSupportCommand(this.runner, this.readSide, customer, { type: 'AcknowledgeReport', customerId, reportId, at: toUtc(body.at) }, meta);
  }
}

@ApiTags('support')
@Controller('customers')
export class AcknowledgeReportController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Acknowledge a failure report', description: 'Records the acknowledgement; before the deadline the report is met, after it breached (R14).', ok: FailureReportResponse, command: true })
  @Post(':id/failure-reports/:reportId/acknowledgement')
  @HttpCode(200)
  async acknowledge(
    @Param('id') id: string,
    @Param('reportId') reportId: string,
    @Body() body: AcknowledgeReportDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.commands.execute(new AcknowledgeReportRequest(id, reportId, body, meta)));
  }
}
