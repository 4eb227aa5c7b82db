import type { EventStore, SqlDatabase, Subscription } from '#event-store';
import { Checkpoints } from './checkpoints.js';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  name: string;
  checkpoint: string;
  running: boolean;
  /** Whether this process projects it; false while another process holds its lease and this one follows. */
  active: boolean;
  lastError: string | null;
}

export interface RunnerOptions {
  batchSize?: number;
  /** Wait before resubscribing after a failed batch. */
  retryDelayMs?: number;
  /** How often a follower reads the checkpoint another process moves. */
  followEveryMs?: number;
  /** A failure, with the batch it happened in when it happened applying one. */
  onError?: (projection: string, error: unknown, batch?: BatchInfo) => void;
  /** After each batch is committed: for a log line that says what was projected. */
  onBatch?: (projection: string, batch: BatchInfo) => void;
}

/** A batch of events a projection applies in one transaction. */
export interface BatchInfo {
  /** Positions after `from` up to `to`, included. */
  from: bigint;
  to: bigint;
  events: number;
  /** The correlation ids the batch's events carry, each once: what ties a projection's lines to the requests behind them. */
  correlationIds: string[];
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
  /** The batch the last failure happened in, for its log line. */
  private failedBatch: BatchInfo | null = null;
  private checkpoint = 0n;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private running = false;
  private lastError: string | null = null;
  private waiters: Waiter[] = [];
  private following: NodeJS.Timeout | null = null;
  private followGeneration = 0;

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
    this.unfollow();
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Another process projects this read model: track its checkpoint (read from the database) so
   * that queries here wait for the positions they need, without projecting anything.
   */
  follow(): void {
    if (this.following || this.running) return;
    const generation = ++this.followGeneration;
    const tick = async () => {
      try {
        this.moveTo(await this.checkpoints.load(this.db, this.projection.name));
        this.lastError = null;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      if (this.following && generation === this.followGeneration) this.following = setTimeout(tick, this.options.followEveryMs ?? 100);
    };
    this.following = setTimeout(tick, 0);
  }

  unfollow(): void {
    if (this.following) clearTimeout(this.following);
    this.following = null;
  }

  async stop(): Promise<void> {
    this.unfollow();
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
      if (batch.length === 0) {
        // Committed events below the head are held back while an older transaction anywhere in the
        // database may still commit a lower position: wait for it, do not stop short of the head.
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
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
      running: this.running || this.following !== null,
      active: this.running,
      lastError: this.lastError,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // Another runner may have projected past this one's waiters while it was failing.
        this.moveTo(await this.checkpoints.load(this.db, this.projection.name));
        this.subscription = this.store.subscribe({ from: this.checkpoint, batchSize: this.options.batchSize ?? 500 });
        // Stopped while the checkpoint was read: stop() found no subscription to end, so end it here,
        // or the loop would wait on it for ever and the stop with it.
        if (!this.running) {
          await this.subscription.stop();
          break;
        }
        for await (const batch of this.subscription) {
          await this.applyBatch(batch);
          if (!this.running) break;
          // An embedded database answers without I/O: without this turn, catching up on many batches
          // would never let a request in.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(this.projection.name, error, this.failedBatch ?? undefined);
        this.failedBatch = null;
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
    const info: BatchInfo = { from, to, events: fresh.length, correlationIds: [...new Set(fresh.map((event) => event.metadata.correlationId))] };
    try {
      await this.applyInTransaction(from, to, fresh);
    } catch (error) {
      this.failedBatch = info;
      throw error;
    }
    this.moveTo(to);
    this.lastError = null;
    this.options.onBatch?.(this.projection.name, info);
  }

  private async applyInTransaction(from: bigint, to: bigint, fresh: Parameters<Projection['apply']>[1]): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A read model is rebuilt from the events: a batch lost to a database crash, checkpoint and
      // all, is simply projected again. So its commit need not wait for the disk.
      await tx.query('SET LOCAL synchronous_commit TO off');
      // The checkpoint first: its row lock orders this batch with anyone else holding it (another
      // runner, a read model filling a month from the states at a checkpoint).
      await this.checkpoints.advance(tx, this.projection.name, from, to);
      await this.projection.apply(tx, fresh);
    });
  }

  private moveTo(checkpoint: bigint): void {
    this.checkpoint = checkpoint;
    const reached = this.waiters.filter((w) => w.position <= checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > checkpoint);
    for (const waiter of reached) waiter.resolve(true);
  }
}
