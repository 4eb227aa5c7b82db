import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { decide, isPublic, type Principal } from './access-policy.js';
import { setPrincipal } from './principal.js';
import type { RequestLimiter } from './rate-limiter.js';
import { REQUEST_LIMITER } from './request-limiter.token.js';
import { digestOf, sameSecret } from './tokens/token-secret.js';
import { TokenStore } from './tokens/token-store.js';

/** Its own namespace, so no token created through the API can pass for it in the events. */
const BOOTSTRAP_ACTOR = 'env:SLA_ADMIN_TOKEN';
const REALM = 'Bearer realm="sla-ledger"';

/** Null when no credentials were sent; an empty secret (matching nothing) when they are not a bearer token. */
function bearerOf(request: Request): string | null {
  const header = request.header('authorization');
  if (header === undefined) return null;
  return /^Bearer +([\x21-\x7e]{1,512})$/i.exec(header.trim())?.[1] ?? '';
}

/**
 * Every route goes through here: who is calling (bearer token), how often (rate limit per token),
 * and whether the access matrix lets that role call this route pattern.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly adminDigest: string | null;

  constructor(
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REQUEST_LIMITER) private readonly limiter: RequestLimiter,
  ) {
    this.adminDigest = config.adminToken ? digestOf(config.adminToken) : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const path: unknown = request.route?.path;
    // Nest only guards routes it matched, so a missing pattern means something unexpected: refuse.
    if (typeof path !== 'string') throw new ForbiddenException({ detail: 'this route has no access rule, so it is closed' });
    if (isPublic(request.method, path)) return true;

    const presented = bearerOf(request);
    const principal = presented === null ? null : await this.principalFor(presented);
    if (presented !== null && !principal) {
      response.setHeader('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      throw new UnauthorizedException({ detail: 'the bearer token is unknown, revoked or malformed; ask an admin for a token (POST /tokens)' });
    }
    if (principal) {
      setPrincipal(request, principal);
      const rate = await this.limiter.take(principal.tokenId ?? principal.actor);
      if (!rate.allowed) {
        response.setHeader('Retry-After', String(rate.retryAfterSeconds));
        throw new HttpException({ detail: `this token has used its requests for the minute (RATE_LIMIT_PER_MINUTE); retry in ${rate.retryAfterSeconds} s` }, HttpStatus.TOO_MANY_REQUESTS);
      }
    }

    const decision = decide(principal, request.method, path, request.params);
    if (decision.allowed) return true;
    if (decision.status === 401) {
      response.setHeader('WWW-Authenticate', REALM);
      throw new UnauthorizedException({ detail: decision.detail });
    }
    throw new ForbiddenException({ detail: decision.detail });
  }

  private async principalFor(secret: string): Promise<Principal | null> {
    if (secret === '') return null;
    if (this.adminDigest && sameSecret(secret, this.adminDigest)) {
      return { actor: BOOTSTRAP_ACTOR, role: 'admin', customerId: null, tokenId: null };
    }
    const token = await this.tokens.findActive(digestOf(secret));
    return token && { actor: `token:${token.name}`, role: token.role, customerId: token.customerId, tokenId: token.id };
  }
}
