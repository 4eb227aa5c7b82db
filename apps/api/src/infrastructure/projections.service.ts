import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, SqlDatabase } from '#event-store';
import { AvailabilityMonths, Checkpoints, EntityStatesProjection, ProjectionRunner, TimelineProjection, type Projection } from '#projections';
import type { AppConfig } from '../config.js';
import { Consistency } from './consistency.js';
import { entityKinds } from './entity-kinds.js';
import { APP_CONFIG, EVENT_STORE, READ_DATABASE } from './tokens.js';

/** The stored month figures, kept by the entity-states batches and read by the availability queries. */
export function availabilityMonths(config: AppConfig): AvailabilityMonths {
  const calendar = { billingTimeZone: config.billingTimeZone, legalTimeZone: config.legalTimeZone, holidayCountry: config.holidayCountry };
  return new AvailabilityMonths(config.readModelSchema, calendar, new Checkpoints(config.readModelSchema));
}

/** The read models, each with its runner; the same list serves the server and `npm run rebuild`. */
export function createRunners(store: EventStore, database: SqlDatabase, config: AppConfig, onError?: (name: string, error: unknown) => void): ProjectionRunner[] {
  const checkpoints = new Checkpoints(config.readModelSchema);
  const projections: Projection[] = [
    new EntityStatesProjection(config.readModelSchema, entityKinds, [availabilityMonths(config)]),
    new TimelineProjection(config.readModelSchema),
  ];
  return projections.map((projection) => new ProjectionRunner(store, database, checkpoints, projection, onError ? { onError } : {}));
}

/** Starts one runner per read model with the application, and stops them with it. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runners: ProjectionRunner[];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) database: SqlDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
    consistency: Consistency,
  ) {
    this.runners = createRunners(store, database, config, (name, error) =>
      this.logger.warn(`${name}: ${error instanceof Error ? error.message : String(error)}; resuming from its checkpoint`),
    );
    consistency.configure(this.runners, config.consistencyTimeoutMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.setup();
    for (const runner of this.runners) runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  async rebuild(): Promise<void> {
    for (const runner of this.runners) await runner.rebuild();
  }

  async status() {
    const head = await this.store.headPosition();
    return this.runners.map((runner) => {
      const status = runner.status();
      return { ...status, headPosition: head.toString(), lag: (head - runner.position).toString() };
    });
  }
}
