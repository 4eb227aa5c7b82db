import { Module } from '@nestjs/common';
import { AvailabilityReader } from './availability.reader.js';
import { CustomerAvailabilityController, GetCustomerAvailabilityHandler } from './customer-month/customer-availability.js';
import { GetMonthAvailabilityHandler, MonthAvailabilityController } from './month/month-availability.js';

@Module({
  controllers: [CustomerAvailabilityController, MonthAvailabilityController],
  providers: [AvailabilityReader, GetCustomerAvailabilityHandler, GetMonthAvailabilityHandler],
  exports: [AvailabilityReader],
})
export class AvailabilityModule {}
