import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * A request sent with an `Idempotency-Key` runs under the key's seed: every id it makes (its events'
 * ids, the id of a resource it creates) is derived from the seed, so running it again after a crash
 * makes the same ids, and the store's idempotent append turns the rerun into a no-op.
 */
export interface IdempotentRun {
  seed: string;
  /** Counts the ids derived so far under one label, so two ids of one request never collide. */
  counters: Map<string, number>;
}

/** Who sent a command and which conversation it belongs to; copied into every event's metadata. */
export interface RequestMeta {
  actor: string;
  correlationId: string;
  causationId: string | null;
  idempotent?: IdempotentRun;
}

/** Ids from callers end up in events and logs: only plain ones are kept, anything else is replaced. */
export const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const RUN = Symbol('idempotent-run');
type WithRun = Request & { [RUN]?: IdempotentRun; principal?: { actor: string } };

/** Called by the idempotency interceptor before the handler runs. */
export function runIdempotently(request: Request, seed: string): void {
  (request as WithRun)[RUN] = { seed, counters: new Map() };
}

export function requestMetaOf(request: Request): RequestMeta {
  const header = request.header('x-correlation-id');
  const correlationId = header && SAFE_ID.test(header) ? header : randomUUID();
  const principal = (request as WithRun).principal;
  const idempotent = (request as WithRun)[RUN];
  return { actor: principal?.actor ?? 'anonymous', correlationId, causationId: null, ...(idempotent ? { idempotent } : {}) };
}

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaOf(context.switchToHttp().getRequest<Request>()),
);

/** A UUID (version 8, RFC 9562) that depends only on its parts. */
export function derivedUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The next id under `label` for this request: random, or derived from the idempotency seed. */
export function nextId(meta: RequestMeta, label: string): string {
  const run = meta.idempotent;
  if (!run) return randomUUID();
  const n = run.counters.get(label) ?? 0;
  run.counters.set(label, n + 1);
  return derivedUuid(run.seed, label, String(n));
}

/** The id of a resource a command creates when the caller gave none. */
export function newResourceId(meta: RequestMeta): string {
  return nextId(meta, 'resource');
}
