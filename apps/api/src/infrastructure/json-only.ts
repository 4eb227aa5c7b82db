import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { problemType, standardTitle } from './problems/catalogue.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** The one route that also takes CSV (a sub-processor list as published). */
const CSV_PATHS = new Set(['/sub-processors/import']);

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * A command's body is JSON. Without this, a form or text body was left unparsed and every field
 * was reported missing (400), sending the caller after fields they had sent. A request without a
 * body (a cancel, an end with defaults) needs no Content-Type.
 */
export function jsonOnly(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!WITH_BODY.has(request.method) || !hasBody(request)) return next();
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType === 'application/json') return next();
    if (mediaType === 'text/csv' && CSV_PATHS.has(request.path)) return next();
    const sent = mediaType ? `Content-Type ${mediaType}` : 'no Content-Type';
    const problem = {
      type: problemType('unsupported-media-type'),
      title: standardTitle(415),
      status: 415,
      detail: `the body was sent with ${sent}; send Content-Type: application/json with a JSON body`,
      instance: request.originalUrl,
    };
    response.status(415).type('application/problem+json').send(JSON.stringify(problem));
  };
}
