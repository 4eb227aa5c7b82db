import { Module } from '@nestjs/common';
import { DefinePlanController } from './define-plan/define-plan.controller.js';
import { DefinePlanHandler } from './define-plan/define-plan.handler.js';
import { GetPlanController, GetPlanHandler } from './get-plan/get-plan.js';
import { GetRegionController, GetRegionHandler } from './get-region/get-region.js';
import { ListPlansController, ListPlansHandler } from './list-plans/list-plans.js';
import { ListRegionsController, ListRegionsHandler } from './list-regions/list-regions.js';
import { RegisterRegionController, RegisterRegionHandler } from './register-region/register-region.js';

/** Plans and regions: the data every customer, availability report and credit refers to (R10). */
@Module({
  controllers: [DefinePlanController, ListPlansController, GetPlanController, RegisterRegionController, ListRegionsController, GetRegionController],
  providers: [DefinePlanHandler, ListPlansHandler, GetPlanHandler, RegisterRegionHandler, ListRegionsHandler, GetRegionHandler],
})
export class ReferenceDataModule {}
