import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { billingDecider, monthRange, streams, toUtc } from '#domain';
import type { AppConfig } from '../../config.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

import { IsInstant } from '../../shared/validators.js';
import { requireCustomer } from '../../support/known-customer.js';
import { CreditReader, type CreditView } from '../credit.reader.js';
import { IsMonth } from '../month.field.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CreditResponse } from '../credit.response.js';

export class RequestCreditDto {
  @ApiProperty({ example: '2026-10' })
  @IsMonth()
  month!: string;

  @ApiProperty({ example: '2026-11-02T09:00:00Z', description: 'When the customer asked; counts only within the claim deadline, if one is configured (R13)' })
  @IsInstant()
  requestedAt!: string;
}

export class RequestCreditRequest extends Command<CommandAnswer<CreditView>> {
  constructor(readonly customerId: string, readonly body: RequestCreditDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(RequestCreditRequest)
export class RequestCreditHandler implements ICommandHandler<RequestCreditRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    private readonly credits: CreditReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ customerId, body, meta }: RequestCreditRequest) {
    await requireCustomer(await this.readSide.entities(), customerId);
    const { month } = body;
    const outcome = await this.runner.run(
      streams.billing(customerId),
      billingDecider,
      { type: 'RequestCredit', customerId, month, requestedAt: toUtc(body.requestedAt), monthRange: monthRange(month, this.config.billingTimeZone) },
      meta,
    );
    // The answer is the credit line the request changes, so the caller sees at once whether it is claimed.
    return { view: await this.credits.forCustomer(customerId, month), position: outcome.position };
  }
}

@ApiTags('credits')
@Controller('customers')
export class RequestCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Request a Service Credit', description: 'Records that the customer asked for the credit of a month; answers with the credit line it changes (R13).', ok: CreditResponse, status: 201, command: true, headers: ['Location'] })
  @Post(':id/credit-requests')
  @HttpCode(201)
  async request(@Param('id') id: string, @Body() body: RequestCreditDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new RequestCreditRequest(id, body, meta)), `/customers/${id}/credits/${body.month}`);
  }
}
