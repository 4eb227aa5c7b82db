import type { EventStore, SqlDatabase, Subscription } from '#event-store';
import { Checkpoints } from './checkpoints.js';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  name: string;
  checkpoint: string;
  running: boolean;
  lastError: string | null;
}

export interface RunnerOptions {
  batchSize?: number;
  /** Wait before resubscribing after a failed batch. */
  retryDelayMs?: number;
  onError?: (projection: string, error: unknown) => void;
}

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
}

/**
 * Feeds one projection from a catch-up subscription. After a failure (a crash in a batch, the
 * database gone) it rolls back that batch, waits, and resumes from the stored checkpoint.
 */
export class ProjectionRunner {
  private checkpoint = 0n;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private running = false;
  private lastError: string | null = null;
  private waiters: Waiter[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly checkpoints: Checkpoints,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {}

  get position(): bigint {
    return this.checkpoint;
  }

  async setup(): Promise<void> {
    await this.checkpoints.setup(this.db);
    await this.projection.setup(this.db);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.subscription?.stop();
    await this.loop;
    this.loop = null;
  }

  /** Empties the read model and projects every event again. */
  async rebuild(): Promise<void> {
    const wasRunning = this.running;
    await this.stop();
    await this.db.transaction(async (tx) => {
      await this.projection.reset(tx);
      await this.checkpoints.reset(tx, this.projection.name);
    });
    this.checkpoint = 0n;
    if (wasRunning) this.start();
  }

  /** Projects everything up to the store's head once, then returns (for `npm run rebuild`). */
  async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    this.checkpoint = await this.checkpoints.load(this.db, this.projection.name);
    while (this.checkpoint < head) {
      const batch = await this.store.readAll(this.checkpoint, this.options.batchSize ?? 500);
      if (batch.length === 0) break;
      await this.applyBatch(batch);
    }
  }

  /** Resolves true once the projection has passed `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      waiter.resolve = (reached) => {
        clearTimeout(timer);
        resolve(reached);
      };
      this.waiters.push(waiter);
    });
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      checkpoint: this.checkpoint.toString(),
      running: this.running,
      lastError: this.lastError,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // Another runner may have projected past this one's waiters while it was failing.
        this.moveTo(await this.checkpoints.load(this.db, this.projection.name));
        this.subscription = this.store.subscribe({ from: this.checkpoint, batchSize: this.options.batchSize ?? 500 });
        for await (const batch of this.subscription) {
          await this.applyBatch(batch);
          if (!this.running) break;
        }
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(this.projection.name, error);
        await this.subscription?.stop().catch(() => undefined);
        if (this.running) await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private async applyBatch(batch: Parameters<Projection['apply']>[1]): Promise<void> {
    const from = this.checkpoint;
    const fresh = batch.filter((event) => event.position > from);
    if (fresh.length === 0) return;
    const to = fresh[fresh.length - 1]!.position;
    await this.db.transaction(async (tx) => {
      // A read model is rebuilt from the events: a batch lost to a database crash, checkpoint and
      // all, is simply projected again. So its commit need not wait for the disk.
      await tx.query('SET LOCAL synchronous_commit TO off');
      // The checkpoint first: its row lock orders this batch with anyone else holding it (another
      // runner, a read model filling a month from the states at a checkpoint).
      await this.checkpoints.advance(tx, this.projection.name, from, to);
      await this.projection.apply(tx, fresh);
    });
    this.moveTo(to);
    this.lastError = null;
  }

  private moveTo(checkpoint: bigint): void {
    this.checkpoint = checkpoint;
    const reached = this.waiters.filter((w) => w.position <= checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > checkpoint);
    for (const waiter of reached) waiter.resolve(true);
  }
}
