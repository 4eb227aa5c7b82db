import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config.js';
import { HealthController } from './health/health.controller.js';
import { ProblemsController } from './infrastructure/problems/problems.controller.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import type { Storage } from './infrastructure/storage.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { OutagesModule } from './outages/outages.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { ReferenceDataModule } from './reference-data/reference-data.module.js';
import { AvailabilityModule } from './availability/availability.module.js';
import { TimelinesModule } from './timelines/timelines.module.js';
import { AccessModule } from './access/access.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { CreditsModule } from './credits/credits.module.js';
import { SupportModule } from './support/support.module.js';
import { SubProcessorsModule } from './sub-processors/sub-processors.module.js';
import { OperationsModule } from './operations/operations.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, storage: Storage): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), InfrastructureModule.forRoot(config, storage), ObservabilityModule, AccessModule, OutagesModule, MaintenanceModule, AvailabilityModule, TimelinesModule, ReferenceDataModule, CustomersModule, SupportModule, CreditsModule, OperationsModule, SubProcessorsModule],
      controllers: [HealthController, ProblemsController],
    };
  }
}
