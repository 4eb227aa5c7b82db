import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Problem } from './problem.response.js';

/** Every refusal a protected operation may answer, each as `application/problem+json`. */
export const PROTECTED_ERRORS = [400, 401, 403, 404, 409, 422, 429, 503] as const;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const ERROR_WHEN: Record<ErrorStatus, string> = {
  400: 'Bad Request: a field, parameter or header is malformed; `violations` names each one',
  401: 'Unauthorized: no bearer token, or one that is unknown or revoked',
  403: 'Forbidden: the token is valid but its role may not call this operation (see x-roles)',
  404: 'Not Found: the resource, or one it refers to, does not exist',
  409: 'Conflict: the record moved on (already ended, already defined, changed meanwhile); read it again',
  413: 'Content Too Large: the body is larger than SLA_BODY_LIMIT',
  415: 'Unsupported Media Type: send application/json',
  422: 'Unprocessable Content: well-formed, but the rules refuse it (the type says which rule)',
  429: 'Too Many Requests: the token used its requests for this minute; wait Retry-After seconds',
  503: 'Service Unavailable: the event store does not answer, or the read models lag; retry after Retry-After seconds',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

export type ResponseHeader = 'Location' | 'Event-Position' | 'Idempotent-Replayed' | 'Content-Disposition';

const HEADER_DOC: Record<ResponseHeader, { description: string; schema: Record<string, unknown> }> = {
  Location: { description: 'Where the created resource is read', schema: { type: 'string' } },
  'Event-Position': { description: 'Global position of the events this command wrote; a query that has seen it includes them', schema: { type: 'string', pattern: '^[0-9]+$' } },
  'Idempotent-Replayed': { description: '"true" when this answer is the stored one of an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
  'Content-Disposition': { description: 'attachment; filename="…csv" (CSV answers)', schema: { type: 'string' } },
};

export interface OperationOptions {
  summary: string;
  description: string;
  /** The 2xx body's class (`[Class]` for a JSON array of them); null for an answer without body (204). */
  ok: Type<unknown> | [Type<unknown>] | null;
  /** The success status; 200 unless said. */
  status?: 200 | 201 | 202 | 204;
  /** The problems it may answer; every protected operation's eight unless said (public routes say theirs). */
  errors?: readonly ErrorStatus[];
  /** A command: takes an Idempotency-Key and answers with Event-Position (and Idempotent-Replayed on a repeat). */
  command?: boolean;
  /** With `Accept: text/csv` the same operation answers CSV; the text says what the columns are. */
  csv?: string;
  /** A body in another media type than JSON (metrics: text/plain). */
  produces?: string;
  /** Response headers beyond those `command` implies. */
  headers?: readonly ResponseHeader[];
}

/**
 * The whole OpenAPI description of one operation in one decorator: summary, the success schema,
 * every refusal as the shared Problem schema, the headers. `document.ts` adds who may call it
 * (`x-roles`, from the access table) and removes the security requirement of public routes.
 */
export function Operation(options: OperationOptions): MethodDecorator {
  const status = options.status ?? 200;
  const headerNames: ResponseHeader[] = [...(options.command ? (['Event-Position', 'Idempotent-Replayed'] as const) : []), ...(options.headers ?? [])];
  if (options.csv) headerNames.push('Content-Disposition');
  const headers = Object.fromEntries([...new Set(headerNames)].map((name) => [name, HEADER_DOC[name]]));
  const decorators: (MethodDecorator | ClassDecorator)[] = [ApiOperation({ summary: options.summary, description: options.description }), ApiExtraModels(Problem)];
  if (options.ok === null) {
    decorators.push(ApiResponse({ status, description: 'Done; no body', headers }));
  } else {
    const model = Array.isArray(options.ok) ? options.ok[0] : options.ok;
    if (!options.produces) decorators.push(ApiExtraModels(model));
    const ref = { $ref: getSchemaPath(model) };
    const content: Record<string, { schema: Record<string, unknown> }> = {};
    if (options.produces) content[options.produces] = { schema: { type: 'string' } };
    else content['application/json'] = { schema: Array.isArray(options.ok) ? { type: 'array', items: ref } : ref };
    if (options.csv) content['text/csv'] = { schema: { type: 'string', description: options.csv } };
    decorators.push(ApiResponse({ status, description: status === 201 ? 'Created' : status === 202 ? 'Accepted' : 'OK', headers, content }));
  }
  if (options.command) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'Any 1–255 visible ASCII characters (a UUID): a repeat of the same request with the same key answers as the first did and writes nothing',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
      }),
    );
  }
  for (const error of options.errors ?? PROTECTED_ERRORS) {
    decorators.push(
      ApiResponse({
        status: error,
        description: ERROR_WHEN[error],
        ...((error === 429 || error === 503) && { headers: RETRY_AFTER }),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
      }),
    );
  }
  return applyDecorators(...decorators);
}
