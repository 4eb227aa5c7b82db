import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestMetaOf, SAFE_ID } from '../infrastructure/request-meta.js';
import { principalOf } from '../access/principal.js';

/**
 * Gives every request an id (the caller's `X-Request-Id` if plain) and a correlation id (the
 * caller's `X-Correlation-Id`, else a new one), and returns both. The correlation id is written
 * back into the request, so the events a command stores carry the one the log line shows.
 */
export function requestIds(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const header = request.header('x-request-id');
    const requestId = header && SAFE_ID.test(header) ? header : randomUUID();
    const { correlationId } = requestMetaOf(request);
    (request as Request & { id: string }).id = requestId;
    request.headers['x-correlation-id'] = correlationId;
    response.setHeader('X-Request-Id', requestId);
    response.setHeader('X-Correlation-Id', correlationId);
    next();
  };
}

function lineOf(req: IncomingMessage, res: ServerResponse, durationMs: number) {
  const request = req as Request;
  const route: unknown = request.route?.path;
  // The request id is already bound to the line by pino-http (quietReqLogger).
  return {
    correlationId: request.headers['x-correlation-id'],
    method: request.method,
    url: request.originalUrl,
    route: typeof route === 'string' ? route : null,
    status: res.statusCode,
    durationMs,
    actor: principalOf(request)?.actor ?? null,
  };
}

/** One JSON line per answered request; headers (and so tokens) are never logged. */
export function httpLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => (req as Request & { id?: string }).id ?? randomUUID(),
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessObject: (req, res, val: { durationMs: number }) => lineOf(req, res, val.durationMs),
    customErrorObject: (req, res, _error, val: { durationMs: number }) => lineOf(req, res, val.durationMs),
    customSuccessMessage: (req, res) => `${req.method} ${(req as Request).originalUrl} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req as Request).originalUrl} ${res.statusCode}`,
  }) as RequestHandler;
}
