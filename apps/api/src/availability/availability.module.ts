import { Module } from '@nestjs/common';
import { AvailabilityReader } from './availability.reader.js';
import { CustomerAvailabilityController, GetCustomerAvailabilityHandler } from './customer-month/customer-availability.js';
import { GetMonthAvailabilityHandler, MonthAvailabilityController } from './month/month-availability.js';
import { GetReachedCustomersHandler, ReachedCustomersController } from './reached/reached-customers.js';

@Module({
  controllers: [CustomerAvailabilityController, MonthAvailabilityController, ReachedCustomersController],
  providers: [AvailabilityReader, GetCustomerAvailabilityHandler, GetMonthAvailabilityHandler, GetReachedCustomersHandler],
  exports: [AvailabilityReader],
})
export class AvailabilityModule {}
