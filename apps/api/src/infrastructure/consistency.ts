import { AsyncLocalStorage } from 'node:async_hooks';
import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ProjectionRunner } from '#projections';

/** The `Event-Position` a query was sent with: it reads only once the read models include it. */
const readAfter = new AsyncLocalStorage<string | undefined>();
const MAX_POSITION = 2n ** 63n - 1n;

/**
 * Read-your-writes across processes: a query sent with the `Event-Position` a command answered
 * (through any process) waits, like this process's own writes, until the read models include it.
 */
export function readAfterPosition() {
  return (request: Request, _response: Response, next: NextFunction) => readAfter.run(request.header('event-position'), next);
}

function requestedPosition(): bigint {
  const header = readAfter.getStore();
  if (header === undefined) return 0n;
  const value = /^[0-9]{1,19}$/.test(header.trim()) ? BigInt(header.trim()) : -1n;
  if (value < 0n || value > MAX_POSITION) {
    throw new BadRequestException({ detail: `the Event-Position header must be a position a command answered (a whole number from 0 to ${MAX_POSITION}), not "${header.slice(0, 40)}"` });
  }
  return value;
}

/**
 * Read-your-writes: every command's answer is sent after its events are stored, and remembers
 * their position here; a query first waits (bounded) until every projection has passed the
 * newest position this process wrote (or the `Event-Position` the query was sent with). A query that
 * would have to wait longer answers 503.
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
    const requested = requestedPosition();
    const target = requested > this.written ? requested : this.written;
    const reached = await Promise.all(this.runners.map((runner) => runner.waitFor(target, this.timeoutMs)));
    if (reached.includes(false)) {
      throw new ServiceUnavailableException({
        detail: 'the read models have not yet caught up with the latest change; retry in a moment (GET /health shows projection lag)',
        problem: 'read-models-behind',
      });
    }
  }
}
