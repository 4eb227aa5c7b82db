import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  SetMetadata,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, of, throwError, type Observable } from 'rxjs';
import { principalOf } from '../principal.js';
import { requestFingerprint } from './fingerprint.js';
import { IdempotencyStore, type StoredAnswer } from './idempotency-store.js';

const HOLDS_SECRET = 'idempotency:answer-holds-secret';

/** The answer carries a secret shown once: a repeat is told where the resource is, never the secret. */
export const AnswerHoldsSecret = () => SetMetadata(HOLDS_SECRET, true);

const REPLAYED_HEADERS = ['Location', 'Event-Position'];
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept; a repeat
 * (same caller, key, method, URL and body) gets that answer back and runs nothing, so a client may
 * retry a command whose answer it lost. Only successful answers are kept: after an error nothing was
 * written, and the same key may be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    const principal = principalOf(request);
    if (request.method !== 'POST' || key === undefined || !principal) return next.handle();
    if (!KEY.test(key)) throw new BadRequestException({ detail: 'Idempotency-Key must be 1–255 visible ASCII characters, e.g. a UUID' });

    const caller = principal.tokenId ?? principal.actor;
    const holdsSecret = this.reflector.get<boolean>(HOLDS_SECRET, context.getHandler()) === true;
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    return from(this.store.reserve(caller, key, fingerprint)).pipe(
      concatMap((reservation) => {
        switch (reservation.kind) {
          case 'reserved':
            return next.handle().pipe(
              concatMap(async (body) => {
                await this.remember(caller, key, response, body, holdsSecret);
                return body;
              }),
              catchError((error: unknown) => from(this.store.release(caller, key)).pipe(concatMap(() => throwError(() => error)))),
            );
          case 'answered':
            return of(this.replay(reservation.answer, response));
          case 'other-request':
            throw new UnprocessableEntityException({
              detail: 'this Idempotency-Key was already used for a different request (method, URL or body); use a new key for a new request',
            });
          case 'in-progress':
            throw new ConflictException({ detail: 'a request with this Idempotency-Key is still being processed; retry once it has been answered' });
          default: {
            const unknown: never = reservation;
            throw new Error(`unexpected reservation ${JSON.stringify(unknown)}`);
          }
        }
      }),
    );
  }

  private async remember(caller: string, key: string, response: Response, body: unknown, holdsSecret: boolean): Promise<void> {
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = response.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    const answer: StoredAnswer = { status: response.statusCode, body: holdsSecret ? null : (body ?? null), headers, heldSecret: holdsSecret };
    try {
      await this.store.complete(caller, key, answer);
    } catch (error) {
      // The command is stored: failing its answer now would invite a retry that writes it twice.
      this.logger.warn(`could not keep the answer for an Idempotency-Key: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private replay(answer: StoredAnswer, response: Response): unknown {
    if (answer.heldSecret) {
      const where = answer.headers.Location ? ` (${answer.headers.Location})` : '';
      throw new ConflictException({
        detail: `this Idempotency-Key already created the resource${where}; its secret was shown only once: revoke it and create another if it was lost`,
      });
    }
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    response.status(answer.status);
    return answer.body;
  }
}
