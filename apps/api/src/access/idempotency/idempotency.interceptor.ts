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
import { toProblem } from '../../infrastructure/problem-details.filter.js';
import { runIdempotently } from '../../infrastructure/request-meta.js';
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
 * retry a command whose answer it lost.
 *
 * The key's seed decides every id the request makes (see `RequestMeta.idempotent`), so the events
 * and the key are one fact: a repeat of a request that never got its answer (its process died
 * after the append, or the answer could not be kept) runs again under the same seed, finds the
 * events the first run stored, and answers from them without writing anything twice.
 * A refusal (4xx) wrote nothing and frees the key for a corrected retry; after a failure (5xx) the
 * outcome is unknown, so the key stays claimed and a retry reruns under the same seed.
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
          case 'unfinished':
            // A secret is shown once and cannot be made again from stored events: while the first
            // run may still be alive, its repeat waits; after the lease, it runs again.
            if (holdsSecret && !reservation.leaseExpired) throw this.inProgress();
            return this.run(next, request, response, caller, key, reservation.seed, holdsSecret);
          case 'reserved':
            return this.run(next, request, response, caller, key, reservation.seed, holdsSecret);
          case 'answered':
            return of(this.replay(reservation.answer, response));
          case 'other-request':
            throw new UnprocessableEntityException({
              detail: 'this Idempotency-Key was already used for a different request (method, URL or body); use a new key for a new request',
              problem: 'idempotency-key-reused',
            });
          case 'in-progress':
            throw this.inProgress();
          default: {
            const unknown: never = reservation;
            throw new Error(`unexpected reservation ${JSON.stringify(unknown)}`);
          }
        }
      }),
    );
  }

  private run(next: CallHandler, request: Request, response: Response, caller: string, key: string, seed: string, holdsSecret: boolean): Observable<unknown> {
    runIdempotently(request, seed);
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.remember(caller, key, response, body, holdsSecret);
        return body;
      }),
      catchError((error: unknown) => {
        if (toProblem(error).status >= 500) return throwError(() => error);
        return from(this.store.release(caller, key)).pipe(concatMap(() => throwError(() => error)));
      }),
    );
  }

  private inProgress(): ConflictException {
    return new ConflictException({ detail: 'a request with this Idempotency-Key is still being processed; retry once it has been answered', problem: 'idempotency-in-progress' });
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
        problem: 'already-exists',
      });
    }
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    response.status(answer.status);
    return answer.body;
  }
}
