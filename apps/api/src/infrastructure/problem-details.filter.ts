import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '#domain';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '#event-store';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const DOMAIN_STATUS = { 'not-found': 404, conflict: 409, rejected: 422 } as const;

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Error';
}

const HTTP_LAYER_DETAIL: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is too large; send at most the configured limit (SLA_BODY_LIMIT)',
  'encoding.unsupported': 'the body encoding is not supported; send UTF-8 JSON',
  'charset.unsupported': 'the body charset is not supported; send UTF-8 JSON',
};

/** Errors raised by the HTTP layer itself (malformed JSON, body too large) carry a safe status. */
function httpLayerProblem(error: unknown): ProblemDetails | null {
  const http = error as { status?: unknown; type?: unknown };
  if (typeof http?.type !== 'string' || typeof http.status !== 'number') return null;
  const detail = HTTP_LAYER_DETAIL[http.type];
  return detail ? { type: 'about:blank', title: titleOf(http.status), status: http.status, detail } : null;
}

/** Turns anything thrown into RFC 9457 Problem Details; never leaks a stack trace or SQL. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code];
    return { type: 'about:blank', title: titleOf(status), status, detail: error.detail, ...error.extensions };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return { type: 'about:blank', title: 'Conflict', status: 409, detail: 'the record changed while this request was handled; read it again and retry' };
  }
  if (error instanceof EventStoreUnavailableError) {
    return { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `${error.message}; the change may not have been stored: retry in a moment, reading the resource back first if it was a command` };
  }
  const httpLayer = httpLayerProblem(error instanceof HttpException && error.cause ? error.cause : error);
  if (httpLayer) return httpLayer;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'detail' in body) {
      return { type: 'about:blank', title: titleOf(status), status, ...(body as object) } as ProblemDetails;
    }
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return { type: 'about:blank', title: titleOf(status), status, detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message) };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
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
