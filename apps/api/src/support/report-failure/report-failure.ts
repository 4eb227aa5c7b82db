import { BadRequestException, Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { toUtc } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Meta, newResourceId, type RequestMeta } from '../../infrastructure/request-meta.js';

import { ID_MESSAGE, ID_PATTERN, IsInstant, Optional } from '../../shared/validators.js';
import type { FailureReportView } from '../failure-report.view.js';
import { runSupportCommand } from '../support-command.js';
import { requireCustomer } from '../known-customer.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { FailureReportResponse } from '../failure-report.response.js';

export class ReportFailureDto {
  @ApiProperty({ required: false, description: 'Chosen by the caller, or generated' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @ApiProperty({ example: '2026-10-05T10:20:00Z', description: 'When the customer notified the failure' })
  @IsInstant()
  reportedAt!: string;

  @ApiProperty({ example: 'email', description: "Only a plan's support channels are taken into account (§1)" })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: '$property must contain more than blanks' })
  channel!: string;

  @ApiProperty({ required: false, description: 'The outage the customer reports; a report naming it counts for its month even when made later' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  outageId?: string;

  @ApiProperty({ example: 'API unreachable from Frankfurt since 10:00' })
  @IsString()
  @Length(1, 5000)
  description!: string;
}

export class ReportFailureRequest extends Command<CommandAnswer<FailureReportView>> {
  constructor(readonly customerId: string, readonly reportId: string, readonly body: ReportFailureDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(ReportFailureRequest)
export class ReportFailureHandler implements ICommandHandler<ReportFailureRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, reportId, body, meta }: ReportFailureRequest) {
    const entities = await this.readSide.entities();
    const customer = await requireCustomer(entities, customerId);
    // A report tied to a mistyped outage would silently fail to count for that outage's month.
    if (body.outageId !== undefined && !(await entities.exists('outage', [body.outageId])).has(body.outageId)) {
      const problem = `unknown outage ${body.outageId}: name a recorded outage, or leave outageId out`;
      throw new BadRequestException({ detail: problem, violations: [{ field: 'outageId', problem }], problem: 'unknown-reference' });
    }
    return runSupportCommand(this.runner, this.readSide,
      customer,
      {
        type: 'ReportFailure',
        customerId,
        reportId,
        reportedAt: toUtc(body.reportedAt),
        channel: body.channel,
        outageId: body.outageId ?? null,
        description: body.description,
      },
      meta,
    );
  }
}

@ApiTags('support')
@Controller('customers')
export class ReportFailureController {
  constructor(private readonly commands: CommandBus) {}

  /** Recorded whatever the channel; `takenIntoAccount` says whether it counts for a credit (§1). */
  @Operation({ summary: 'Record a Service Failure report', description: 'Recorded whatever the channel; `takenIntoAccount` says whether it counts for a credit (§1), `deadline` when it must be acknowledged (R14).', ok: FailureReportResponse, status: 201, command: true, headers: ['Location'] })
  @Post(':id/failure-reports')
  @HttpCode(201)
  async report(@Param('id') id: string, @Body() body: ReportFailureDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const reportId = body.id ?? newResourceId(meta);
    return answer(response, await this.commands.execute(new ReportFailureRequest(id, reportId, body, meta)), `/customers/${id}/failure-reports/${reportId}`);
  }
}
