import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { assertSchemaName, type SqlDatabase } from '#event-store';
import type { AppConfig } from '../config.js';
import { APP_CONFIG, READ_DATABASE } from '../infrastructure/tokens.js';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { InMemoryRequestLimiter, SharedRequestLimiter, type RequestLimiter } from './rate-limiter.js';
import { REQUEST_LIMITER } from './request-limiter.token.js';
import { TokensController } from './tokens/tokens.controller.js';
import { TokenStore } from './tokens/token-store.js';
import { FirstAdmin } from './tokens/first-admin.js';

@Module({
  controllers: [TokensController],
  providers: [
    TokenStore,
    FirstAdmin,
    IdempotencyStore,
    {
      // On PostgreSQL the API may run as several processes: they count each caller's requests together.
      provide: REQUEST_LIMITER,
      inject: [READ_DATABASE, APP_CONFIG],
      useFactory: (db: SqlDatabase, config: AppConfig): RequestLimiter =>
        config.databaseUrl
          ? new SharedRequestLimiter(db, `${assertSchemaName(config.readModelSchema)}.rate_limits`, config.rateLimitPerMinute)
          : new InMemoryRequestLimiter(config.rateLimitPerMinute),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class AccessModule implements OnModuleInit {
  constructor(
    private readonly tokens: TokenStore,
    private readonly idempotency: IdempotencyStore,
    private readonly firstAdmin: FirstAdmin,
    @Inject(REQUEST_LIMITER) private readonly limiter: RequestLimiter,
  ) {}

  /** One after the other: two concurrent CREATE SCHEMA IF NOT EXISTS can still collide in PostgreSQL. */
  async onModuleInit(): Promise<void> {
    await this.tokens.setup();
    await this.idempotency.setup();
    if (this.limiter instanceof SharedRequestLimiter) await this.limiter.setup();
    await this.firstAdmin.ensure();
  }
}
