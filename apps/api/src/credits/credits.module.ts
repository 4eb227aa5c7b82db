import { Module } from '@nestjs/common';
import { AvailabilityModule } from '../availability/availability.module.js';
import { CreditReader } from './credit.reader.js';
import { DecideCreditController, DecideCreditHandler } from './decide-credit/decide-credit.js';
import { GetCreditController, GetCreditHandler } from './get-credit/get-credit.js';
import { GetInvoiceController, GetInvoiceHandler } from './get-invoice/get-invoice.js';
import { IssueInvoiceController, IssueInvoiceHandler } from './issue-invoice/issue-invoice.js';
import { ExportMonthCreditsHandler, GetMonthCreditsHandler, MonthCreditsController } from './month-credits/month-credits.js';
import { RecordPaymentController, RecordPaymentHandler } from './record-payment/record-payment.js';
import { RequestCreditController, RequestCreditHandler } from './request-credit/request-credit.js';

/** Invoices and payments, credit requests, finance's decisions, and the Service Credit lines (§4, R10–R13). */
@Module({
  imports: [AvailabilityModule],
  controllers: [
    IssueInvoiceController,
    GetInvoiceController,
    RecordPaymentController,
    RequestCreditController,
    GetCreditController,
    DecideCreditController,
    MonthCreditsController,
  ],
  providers: [
    CreditReader,
    IssueInvoiceHandler,
    GetInvoiceHandler,
    RecordPaymentHandler,
    RequestCreditHandler,
    GetCreditHandler,
    DecideCreditHandler,
    GetMonthCreditsHandler,
    ExportMonthCreditsHandler,
  ],
  exports: [CreditReader],
})
export class CreditsModule {}
