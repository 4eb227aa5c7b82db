import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '#domain';
import { DeletedStreamError, EventStoreUnavailableError, WrongExpectedRevisionError } from '#event-store';
import { isProblemName, problemForStatus, problemType, standardTitle, type ProblemName } from './problems/catalogue.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const DOMAIN_STATUS = { 'not-found': 404, conflict: 409, rejected: 422 } as const;

/** `type` and the standard `title` of a problem: the named one if the catalogue knows it, else the status's own. */
function kind(status: number, name?: unknown): { type: string; title: string } {
  const problem = isProblemName(name) ? name : problemForStatus(status);
  return { type: problem ? problemType(problem) : 'about:blank', title: standardTitle(status) };
}

const HTTP_LAYER_DETAIL: Record<string, [ProblemName, string]> = {
  'entity.parse.failed': ['malformed-json', 'the body is not valid JSON'],
  'entity.too.large': ['body-too-large', 'the body is too large; send at most the configured limit (SLA_BODY_LIMIT)'],
  'encoding.unsupported': ['unsupported-encoding', 'the body encoding is not supported; send UTF-8 JSON'],
  'charset.unsupported': ['unsupported-encoding', 'the body charset is not supported; send UTF-8 JSON'],
};

/** Errors raised by the HTTP layer itself (malformed JSON, body too large) carry a safe status. */
function httpLayerProblem(error: unknown): ProblemDetails | null {
  const http = error as { status?: unknown; type?: unknown };
  if (typeof http?.type !== 'string' || typeof http.status !== 'number') return null;
  const known = HTTP_LAYER_DETAIL[http.type];
  return known ? { ...kind(http.status, known[0]), status: http.status, detail: known[1] } : null;
}

/** Turns anything thrown into RFC 9457 Problem Details; never leaks a stack trace or SQL. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code];
    return { ...kind(status, error.problem), status, detail: error.detail, ...error.extensions };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return { ...kind(409, 'concurrent-write'), status: 409, detail: 'the record changed while this request was handled; read it again and retry' };
  }
  if (error instanceof DeletedStreamError) {
    // Not the client's doing and not transient: an operator deleted or truncated the history.
    return {
      ...kind(409, 'history-deleted'),
      status: 409,
      detail: `${error.message}. SLA Ledger never deletes events: this record's history in the event store is incomplete, and requests about it cannot be served until an operator restores the stream (from a backup)`,
    };
  }
  if (error instanceof EventStoreUnavailableError) {
    return { ...kind(503, 'store-unavailable'), status: 503, detail: `${error.message}; the change may not have been stored: retry in a moment, reading the resource back first if it was a command` };
  }
  const httpLayer = httpLayerProblem(error instanceof HttpException && error.cause ? error.cause : error);
  if (httpLayer) return httpLayer;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'detail' in body) {
      // `problem` names the kind in the catalogue; it becomes `type` and is not sent itself.
      const { problem, ...rest } = body as { problem?: unknown };
      return { ...kind(status, problem), status, ...rest } as ProblemDetails;
    }
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return { ...kind(status), status, detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message) };
  }
  return { ...kind(500), status: 500, detail: 'an unexpected error occurred; it has been logged' };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...toProblem(error), instance: request.originalUrl };
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (problem.status === 503) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
