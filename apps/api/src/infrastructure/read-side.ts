import { Inject, Injectable } from '@nestjs/common';
import { EntityStatesReader, TimelineReader, type AvailabilityMonths } from '#projections';
import type { SqlDatabase } from '#event-store';
import type { AppConfig } from '../config.js';
import { Consistency } from './consistency.js';
import { availabilityMonths } from './projections.service.js';
import { APP_CONFIG, READ_DATABASE } from './tokens.js';

/** The read models, reached only after they include every write this process answered. */
@Injectable()
export class ReadSide {
  readonly entitiesReader: EntityStatesReader;
  readonly timelineReader: TimelineReader;
  readonly months: AvailabilityMonths;

  constructor(
    @Inject(READ_DATABASE) readonly database: SqlDatabase,
    @Inject(APP_CONFIG) readonly config: AppConfig,
    private readonly consistency: Consistency,
  ) {
    this.entitiesReader = new EntityStatesReader(database, config.readModelSchema);
    this.timelineReader = new TimelineReader(database, config.readModelSchema);
    this.months = availabilityMonths(config);
  }

  async entities(): Promise<EntityStatesReader> {
    await this.consistency.awaitReadModels();
    return this.entitiesReader;
  }

  /** Read after `entities()`: the version of the read models that answered. */
  get version(): string {
    return this.consistency.readModelVersion;
  }

  async timeline(): Promise<TimelineReader> {
    await this.consistency.awaitReadModels();
    return this.timelineReader;
  }
}
