import { Module } from '@nestjs/common';
import { ChangePlanController, ChangePlanHandler } from './change-plan/change-plan.js';
import { ChangeRegionsController, ChangeRegionsHandler } from './change-regions/change-regions.js';
import { GetCustomerController, GetCustomerHandler } from './get-customer/get-customer.js';
import { ListCustomersController, ListCustomersHandler } from './list-customers/list-customers.js';
import { OffboardCustomerController, OffboardCustomerHandler } from './offboard-customer/offboard-customer.js';
import { OnboardCustomerController } from './onboard-customer/onboard-customer.controller.js';
import { OnboardCustomerHandler } from './onboard-customer/onboard-customer.handler.js';

@Module({
  controllers: [
    OnboardCustomerController,
    ListCustomersController,
    GetCustomerController,
    ChangePlanController,
    ChangeRegionsController,
    OffboardCustomerController,
  ],
  providers: [OnboardCustomerHandler, ChangePlanHandler, ChangeRegionsHandler, OffboardCustomerHandler, ListCustomersHandler, GetCustomerHandler],
})
export class CustomersModule {}
