import { Module } from '@nestjs/common';
import { AvailabilityModule } from '../availability/availability.module.js';
import { CreditsModule } from '../credits/credits.module.js';
import { SubProcessorImpactController } from './impact.controller.js';
import { SubProcessorImpactReader } from './impact.reader.js';
import { SubProcessorRegister } from './sub-processor-register.js';
import { CustomerSubProcessorsController } from './customer-sub-processors.js';
import { ImportSubProcessorsController } from './import-sub-processors.js';
import { SubProcessorsController } from './sub-processors.controller.js';

/** The sub-processor register (R15): who works for the platform, where, and what their failures cost. */
@Module({
  imports: [AvailabilityModule, CreditsModule],
  controllers: [ImportSubProcessorsController, SubProcessorImpactController, SubProcessorsController, CustomerSubProcessorsController],
  providers: [SubProcessorRegister, SubProcessorImpactReader],
  exports: [SubProcessorRegister],
})
export class SubProcessorsModule {}
