import { ConflictException, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, SqlDatabase } from '#event-store';
import {
  AvailabilityMonths,
  Checkpoints,
  EntityStatesProjection,
  NoticeOutboxProjection,
  ProjectionRunner,
  rebuildBeside,
  TimelineProjection,
  type BatchInfo,
  type Projection,
  type RunnerOptions,
} from '#projections';
import { calendarOf, type AppConfig } from '../config.js';
import { Consistency } from './consistency.js';
import { AdvisoryLeases, SoleProcessLeases, type ProjectionLeases } from './projection-leases.js';
import { entityKinds, figureCompute } from '#projections';
import { APP_CONFIG, EVENT_STORE, READ_DATABASE } from './tokens.js';
import { inLogContext, type LogFields } from '../observability/log-context.js';

/** The stored month figures, kept by the entity-states batches and read by the availability queries. */
export function availabilityMonths(config: AppConfig): AvailabilityMonths {
  return new AvailabilityMonths(config.readModelSchema, calendarOf(config), new Checkpoints(config.readModelSchema), Date.now, undefined, figureCompute(config.computeThreads));
}

/** What a projection's log lines carry: the projection, the batch's positions and the correlation ids of its events. */
function batchFields(projection: string, batch: BatchInfo): LogFields {
  return { projection, positions: `${batch.from + 1n}-${batch.to}`, correlationIds: batch.correlationIds };
}

/** The read models, each with its runner; the same list serves the server and `npm run rebuild`. */
export function createRunners(
  store: EventStore,
  database: SqlDatabase,
  config: AppConfig,
  onError?: RunnerOptions['onError'],
  onBatch?: RunnerOptions['onBatch'],
): ProjectionRunner[] {
  const checkpoints = new Checkpoints(config.readModelSchema);
  const projections: Projection[] = [
    new EntityStatesProjection(config.readModelSchema, entityKinds, [availabilityMonths(config)]),
    new TimelineProjection(config.readModelSchema),
    new NoticeOutboxProjection(config.readModelSchema),
  ];
  return projections.map((projection) => new ProjectionRunner(store, database, checkpoints, projection, { ...(onError && { onError }), ...(onBatch && { onBatch }) }));
}

export interface RebuildState {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  /** The position the new read models were built up to when they took over. */
  position: string | null;
  error: string | null;
}

/** How often a standby tries to take the lease of a read model another process projects. */
const LEASE_RETRY_MS = 2_000;

/**
 * One runner per read model, started with the application and stopped with it. With several
 * processes on one PostgreSQL (`SLA_ROLE`), each read model is projected by the one process holding
 * its lease; the others follow its checkpoint, so their queries still wait for what they need, and
 * take over within a few seconds when the holder dies.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runners: ProjectionRunner[];
  private rebuildState: RebuildState = { state: 'idle', startedAt: null, finishedAt: null, position: null, error: null };
  private rebuilding: Promise<void> | null = null;
  private readonly leases: ProjectionLeases;
  private standby: NodeJS.Timeout | null = null;
  private stopping = false;
  /** The store's head when this process started; null until the runners are set up. */
  private startHead: bigint | null = null;
  private caughtUpOnce = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) private readonly database: SqlDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    consistency: Consistency,
  ) {
    this.runners = createRunners(
      store,
      database,
      config,
      (name, error, batch) =>
        inLogContext(batch ? batchFields(name, batch) : { projection: name }, () =>
          this.logger.warn(`${name}: ${error instanceof Error ? error.message : String(error)}; resuming from its checkpoint`),
        ),
      (name, batch) => inLogContext(batchFields(name, batch), () => this.logger.debug(`${name}: projected ${batch.events} event(s), positions ${batch.from + 1n}–${batch.to}`)),
    );
    consistency.configure(this.runners, config.consistencyTimeoutMs);
    this.leases = config.databaseUrl ? new AdvisoryLeases(config.databaseUrl, config.readModelSchema) : new SoleProcessLeases();
    this.leases.onLost(() => {
      this.logger.warn('lost the projection leases (their database connection broke): following the read models until a lease is taken again');
      for (const runner of this.runners) void runner.stop().then(() => !this.stopping && runner.follow());
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.logger.log(`whole months of figures are computed ${figureCompute(this.config.computeThreads).where}`);
    for (const runner of this.runners) await runner.setup();
    this.startHead = await this.store.headPosition();
    if (this.config.role === 'api') {
      for (const runner of this.runners) runner.follow();
      return;
    }
    await this.takeLeases();
  }

  /** Starts every read model whose lease this process can take; follows the others and tries again later. */
  private async takeLeases(): Promise<void> {
    this.standby = null;
    let waiting = false;
    for (const runner of this.runners) {
      if (this.stopping) return;
      if (runner.status().active) continue;
      let taken = false;
      try {
        taken = await this.leases.tryTake(runner.projection.name);
      } catch (error) {
        this.logger.warn(`could not try the lease of ${runner.projection.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopping) return;
      if (taken) {
        this.logger.log(`${runner.projection.name}: projected by this process`);
        runner.start();
      } else {
        runner.follow();
        waiting = true;
      }
    }
    if (waiting || this.config.databaseUrl) this.standby = setTimeout(() => void this.takeLeases(), LEASE_RETRY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.standby) clearTimeout(this.standby);
    await this.rebuilding?.catch(() => undefined);
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.leases.close();
  }

  /**
   * Starts rebuilding every read model beside the live ones (see `rebuildBeside`) and returns at
   * once; reads keep answering from the live read models until the new ones take their place.
   */
  startRebuild(): RebuildState {
    const following = this.runners.filter((runner) => !runner.status().active).map((runner) => runner.projection.name);
    if (following.length > 0) {
      throw new ConflictException({
        detail: `this process does not project ${following.join(', ')} (another process holds the lease, or SLA_ROLE=api): send the rebuild to the projector process`,
        problem: 'state-conflict',
      });
    }
    if (this.rebuilding) {
      throw new ConflictException({ detail: `a rebuild is already running since ${this.rebuildState.startedAt}; follow it on GET /health`, problem: 'rebuild-running' });
    }
    this.rebuildState = { state: 'running', startedAt: new Date().toISOString(), finishedAt: null, position: null, error: null };
    this.rebuilding = rebuildBeside({
      database: this.database,
      schema: this.config.readModelSchema,
      live: this.runners,
      runnersIn: (schema) => createRunners(this.store, this.database, { ...this.config, readModelSchema: schema }),
    }).then(
      ({ position }) => {
        this.rebuildState = { ...this.rebuildState, state: 'done', finishedAt: new Date().toISOString(), position: position.toString() };
        this.logger.log(`read models rebuilt up to position ${position}`);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.rebuildState = { ...this.rebuildState, state: 'failed', finishedAt: new Date().toISOString(), error: message };
        this.logger.error(`rebuild failed, the read models in use are unchanged: ${message}`);
      },
    ).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuildState;
  }

  get rebuild(): RebuildState {
    return this.rebuildState;
  }

  /**
   * Whether every read model has reached the events the store held when this process started:
   * until then a read may see a store half projected, and readiness says so. Once true, stays true
   * (a read model a moment behind the latest write is what the consistency wait is for).
   */
  get caughtUp(): boolean {
    if (!this.caughtUpOnce && this.startHead !== null && this.runners.every((runner) => runner.position >= this.startHead!)) {
      this.caughtUpOnce = true;
      this.logger.log(`read models caught up with the store's ${this.startHead} events at start`);
    }
    return this.caughtUpOnce;
  }

  async status() {
    const head = await this.store.headPosition();
    return this.runners.map((runner) => {
      const status = runner.status();
      return { ...status, headPosition: head.toString(), lag: (head - runner.position).toString() };
    });
  }
}
