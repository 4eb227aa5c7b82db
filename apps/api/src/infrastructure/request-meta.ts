import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who sent a command and which conversation it belongs to; copied into every event's metadata. */
export interface RequestMeta {
  actor: string;
  correlationId: string;
  causationId: string | null;
}

/** Ids from callers end up in events and logs: only plain ones are kept, anything else is replaced. */
export const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestMetaOf(request: Request): RequestMeta {
  const header = request.header('x-correlation-id');
  const correlationId = header && SAFE_ID.test(header) ? header : randomUUID();
  const principal = (request as Request & { principal?: { actor: string } }).principal;
  return { actor: principal?.actor ?? 'anonymous', correlationId, causationId: null };
}

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaOf(context.switchToHttp().getRequest<Request>()),
);
