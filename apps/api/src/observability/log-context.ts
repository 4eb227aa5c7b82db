import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** What every log line written while serving a request carries: its request and correlation ids. */
export interface LogContext {
  requestId: string;
  correlationId: string;
}

/** The fields a line written inside a context carries: a request's ids, or a projection's batch. */
export interface LogFields extends Partial<LogContext> {
  projection?: string;
  /** The batch's positions, `first-last`. */
  positions?: string;
  /** The correlation ids of the batch's events, which lead back to the requests that wrote them. */
  correlationIds?: string[];
}

const context = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with these fields on every line it writes. */
export function inLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run(fields, fn);
}

/**
 * pino's mixin: the ids of the request being served, on any line written inside it. A key the line
 * already has (in its own fields or bound to its logger, as pino-http binds the request id) is left
 * out, so no line carries a key twice.
 */
export function logContextMixin(line: object, _level: number, logger?: Logger): LogFields {
  const store = context.getStore();
  if (!store) return {};
  const bound = logger?.bindings() ?? {};
  return Object.fromEntries(Object.entries(store).filter(([key]) => !(key in line) && !(key in bound)));
}

/** Runs the rest of the request inside its ids; after `requestIds()`, which sets them. */
export function withLogContext(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const requestId = (request as Request & { id?: string }).id;
    const correlationId = request.headers['x-correlation-id'];
    if (!requestId || typeof correlationId !== 'string') return next();
    context.run({ requestId, correlationId }, next);
  };
}
