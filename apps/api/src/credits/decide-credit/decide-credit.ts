import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { billingDecider, streams } from '#domain';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { ID_MESSAGE, ID_PATTERN, Optional } from '../../shared/validators.js';
import { CreditReader, type CreditView } from '../credit.reader.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CreditResponse } from '../credit.response.js';

const DECISIONS = ['grant', 'deny', 'applied'] as const;

export class DecideCreditDto {
  @ApiProperty({ enum: DECISIONS, description: 'grant a claimed credit, deny it (with a reason), or record it applied to an invoice' })
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision!: (typeof DECISIONS)[number];

  @ApiProperty({ required: false, description: 'Shown to the customer; required to deny' })
  @Optional()
  @IsString()
  @Length(1, 1000)
  reason?: string;

  @ApiProperty({ required: false, description: 'The invoice the credit is deducted from; required for "applied"' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId?: string;
}

export class DecideCreditRequest extends Command<CommandAnswer<CreditView>> {
  constructor(readonly customerId: string, readonly month: string, readonly body: DecideCreditDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(DecideCreditRequest)
export class DecideCreditHandler implements ICommandHandler<DecideCreditRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly credits: CreditReader,
  ) {}

  /** The rules check finance's decision against what the read side says of the month, so that is read first. */
  async execute({ customerId, month, body, meta }: DecideCreditRequest) {
    const credit = await this.credits.forCustomer(customerId, month);
    const outcome = await this.runner.run(
      streams.billing(customerId),
      billingDecider,
      {
        type: 'DecideCredit',
        customerId,
        month,
        decision: body.decision,
        reason: body.reason ?? null,
        invoiceId: body.invoiceId ?? null,
        assessment: { state: credit.state, contractState: credit.contractState, amount: credit.amount, reasons: credit.reasons, lateInvoices: credit.evidence.lateInvoices },
      },
      meta,
    );
    return { view: await this.credits.forCustomer(customerId, month), position: outcome.position };
  }
}

@ApiTags('credits')
@Controller('credits')
export class DecideCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Decide a claimed credit', description: 'Finance grants or denies a claimed credit, or records it applied to an invoice; the contract is checked again (R12, §4.3).', ok: CreditResponse, command: true })
  @Post(':customerId/:month/decision')
  @HttpCode(200)
  async decide(
    @Param('customerId') customerId: string,
    @Param('month') month: string,
    @Body() body: DecideCreditDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.commands.execute(new DecideCreditRequest(customerId, month, body, meta)));
  }
}
