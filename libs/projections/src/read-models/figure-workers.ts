import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { computeOnThisThread, type FigureColumns, type FigureCompute } from './figure-columns.js';
import type { FigureTask } from './figure-worker.js';

/** The compiled worker beside this module (dist/); absent when the sources run untranspiled (jest). */
const WORKER_FILE = new URL('./figure-worker.js', import.meta.url);

/**
 * A month's figures computed on worker threads (a kept pool): the main thread only reads the
 * customers and writes the columns it gets back, so that neither the computation nor its garbage
 * collection holds the event loop while a whole month is computed, and the worker computes one chunk
 * while the main thread writes the one before.
 */
export class FigureWorkers implements FigureCompute {
  readonly where: string;

  private constructor(private readonly pool: Piscina<FigureTask, FigureColumns>, threads: number) {
    this.where = `on ${threads} worker thread${threads === 1 ? '' : 's'}`;
  }

  /**
   * A pool of `threads` threads, or null when there are none to run (0, or no compiled worker at
   * `worker`: beside this module in dist/, not when the sources run untranspiled under jest).
   */
  static start(threads: number, worker: URL = WORKER_FILE): FigureWorkers | null {
    if (threads === 0 || !existsSync(fileURLToPath(worker))) return null;
    // Idle threads stay (their start costs more than a chunk) and do not keep the process alive.
    const pool = new Piscina<FigureTask, FigureColumns>({ filename: worker.href, minThreads: threads, maxThreads: threads, idleTimeout: Number.POSITIVE_INFINITY });
    return new FigureWorkers(pool, threads);
  }

  begin(input: Parameters<FigureCompute['begin']>[0]) {
    const task = { key: randomUUID(), input: JSON.stringify(input) };
    return (customers: FigureTask['customers']) => this.pool.run({ ...task, customers });
  }

  /** Ends the threads (a process's shared pool is never closed: its idle threads let the process exit). */
  close(): Promise<void> {
    return this.pool.destroy();
  }

}

const pools = new Map<number, FigureCompute>();

/**
 * Where this process computes whole months: one pool per process, shared by the read side and the
 * projections (its idle threads do not keep the process alive), or this thread when `threads` is 0
 * or no compiled worker is at hand.
 */
export function figureCompute(threads: number): FigureCompute {
  let compute = pools.get(threads);
  if (!compute) pools.set(threads, (compute = FigureWorkers.start(threads) ?? computeOnThisThread));
  return compute;
}
