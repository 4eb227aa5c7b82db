import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config.js';
import { AsOf } from './as-of.js';
import { CommandRunner } from './command-runner.js';
import { Consistency } from './consistency.js';
import { ProjectionsService } from './projections.service.js';
import { ReadSide } from './read-side.js';
import type { Storage } from './storage.js';
import { APP_CONFIG, EVENT_STORE, READ_DATABASE } from './tokens.js';

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, storage: Storage): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: storage.events },
        { provide: READ_DATABASE, useValue: storage.database },
        Consistency,
        CommandRunner,
        ReadSide,
        ProjectionsService,
        AsOf,
      ],
      exports: [APP_CONFIG, EVENT_STORE, READ_DATABASE, Consistency, CommandRunner, ReadSide, ProjectionsService, AsOf],
    };
  }
}
