import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { TokensController } from './tokens/tokens.controller.js';
import { TokenStore } from './tokens/token-store.js';
import { FirstAdmin } from './tokens/first-admin.js';

@Module({
  controllers: [TokensController],
  providers: [TokenStore, FirstAdmin, IdempotencyStore, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class AccessModule implements OnModuleInit {
  constructor(
    private readonly tokens: TokenStore,
    private readonly idempotency: IdempotencyStore,
    private readonly firstAdmin: FirstAdmin,
  ) {}

  /** One after the other: two concurrent CREATE SCHEMA IF NOT EXISTS can still collide in PostgreSQL. */
  async onModuleInit(): Promise<void> {
    await this.tokens.setup();
    await this.idempotency.setup();
    await this.firstAdmin.ensure();
  }
}
