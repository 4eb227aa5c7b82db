import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { ProjectionRunner } from '#projections';

/**
 * Read-your-writes: every command's answer is sent after its events are stored, and remembers
 * their position here; a query first waits (bounded) until every projection has passed the
 * newest position this process wrote. A query that would have to wait longer answers 503.
 */
@Injectable()
export class Consistency {
  private written = 0n;
  private runners: ProjectionRunner[] = [];
  private timeoutMs = 5_000;

  configure(runners: ProjectionRunner[], timeoutMs: number): void {
    this.runners = runners;
    this.timeoutMs = timeoutMs;
  }

  recordWrite(position: bigint): void {
    if (position > this.written) this.written = position;
  }

  /** Changes whenever any read model moves: a key for caches of what is computed from them. */
  get readModelVersion(): string {
    return this.runners.map((runner) => runner.position.toString()).join('/');
  }

  get writtenPosition(): bigint {
    return this.written;
  }

  async awaitReadModels(): Promise<void> {
    const target = this.written;
    const reached = await Promise.all(this.runners.map((runner) => runner.waitFor(target, this.timeoutMs)));
    if (reached.includes(false)) {
      throw new ServiceUnavailableException(
        'the read models have not yet caught up with the latest change; retry in a moment (GET /health shows projection lag)',
      );
    }
  }
}
