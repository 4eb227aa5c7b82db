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
import { requireCustomer } from '../../support/known-customer.js';
import { type InvoiceView } from '../billing.view.js';
import { runInvoiceCommand } from '../billing.commands.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { InvoiceResponse } from '../credit.response.js';

export class RecordPaymentDto {
  @ApiProperty({ example: '2026-10-25T09:00:00Z', description: 'When the money arrived: after dueAt, the month is late (§4.3)' })
  @IsInstant()
  paidAt!: string;
}

export class RecordPaymentRequest extends Command<CommandAnswer<InvoiceView>> {
  constructor(readonly customerId: string, readonly invoiceId: string, readonly body: RecordPaymentDto, readonly meta: RequestMeta) {
    super();
  }
}

@CommandHandler(RecordPaymentRequest)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentRequest> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async execute({ customerId, invoiceId, body, meta }: RecordPaymentRequest) {
    await requireCustomer(await this.readSide.entities(), customerId);
    return runInvoiceCommand(this.runner, { type: 'RecordPayment', customerId, invoiceId, paidAt: toUtc(body.paidAt) }, meta);
  }
}

@ApiTags('billing')
@Controller('customers')
export class RecordPaymentController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Record an invoice payment', description: 'Records when the invoice was paid.', ok: InvoiceResponse, command: true })
  @Post(':id/invoices/:invoiceId/payments')
  @HttpCode(200)
  async pay(
    @Param('id') id: string,
    @Param('invoiceId') invoiceId: string,
    @Body() body: RecordPaymentDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.commands.execute(new RecordPaymentRequest(id, invoiceId, body, meta)));
  }
}
