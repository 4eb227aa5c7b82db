import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { DomainError, toUtc } from '#domain';
import { MoneyDto } from '../../customers/customer-fields.js';
import { answer, type CommandAnswer } from '../../infrastructure/answer.js';
import { CommandRunner } from '../../infrastructure/command-runner.js';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';

import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../../shared/validators.js';
import { requireCustomer } from '../../support/known-customer.js';
import { type InvoiceView } from '../billing.view.js';
import { runInvoiceCommand } from '../billing.commands.js';
import { IsMonth } from '../month.field.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { InvoiceResponse } from '../credit.response.js';

export class IssueInvoiceDto {
  @ApiProperty({ example: 'acme-2026-10' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId!: string;

  @ApiProperty({ example: '2026-10', description: 'The month billed: its invoices are the fees owed, the ceiling of its credit (R12)' })
  @IsMonth()
  month!: string;

  @ApiProperty({ type: MoneyDto, description: "In the customer's fee currency" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiProperty({ example: '2026-10-31T00:00:00Z', description: 'Unpaid after this instant, the customer is late (§4.3)' })
  @IsInstant()
  dueAt!: string;
}

export class IssueInvoiceRequest extends Command<CommandAnswer<InvoiceView>> {
  constructor(readonly customerId: string, readonly body: IssueInvoiceDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(IssueInvoiceRequest)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, body, meta }: IssueInvoiceRequest) {
    const customer = await requireCustomer(await this.readSide.entities(), customerId);
    const currency = customer.monthlyFee.currency;
    // Credits are capped by the sums owed (R12): adding amounts in two currencies would be meaningless.
    if (body.amount.currency !== currency) {
      throw new DomainError('rejected', `invoice ${body.invoiceId} is in ${body.amount.currency} but customer ${customerId} is billed in ${currency}; issue it in ${currency}`, {}, 'currency-mismatch');
    }
    return runInvoiceCommand(
      this.runner,
      {
        type: 'IssueInvoice',
        customerId,
        invoiceId: body.invoiceId,
        month: body.month,
        amount: { amount: body.amount.amount, currency },
        dueAt: toUtc(body.dueAt),
      },
      meta,
    );
  }
}

@ApiTags('billing')
@Controller('customers')
export class IssueInvoiceController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Issue an invoice', description: "Records an invoice of a month with its amount and due date; a late payment in a month voids that month's credit (§4.3).", ok: InvoiceResponse, status: 201, command: true, headers: ['Location'] })
  @Post(':id/invoices')
  @HttpCode(201)
  async issue(@Param('id') id: string, @Body() body: IssueInvoiceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new IssueInvoiceRequest(id, body, meta)), `/customers/${id}/invoices/${body.invoiceId}`);
  }
}
