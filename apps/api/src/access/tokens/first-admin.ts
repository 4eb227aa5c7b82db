import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { digestOf, newTokenSecret } from './token-secret.js';
import { TokenStore } from './token-store.js';

/**
 * A fresh install started without SLA_ADMIN_TOKEN would refuse every request and offer no way in:
 * when no token exists at all, one admin token is created and shown once in the log, the way a
 * first admin password is. Once any token exists (or SLA_ADMIN_TOKEN is set) nothing is created.
 */
@Injectable()
export class FirstAdmin {
  private readonly logger = new Logger('Access');
  /** The secret issued at this start, if any (for the start-up message and for tests). */
  issued: string | null = null;

  constructor(
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ensure(): Promise<void> {
    if (this.config.adminToken || (await this.tokens.list()).length > 0) return;
    const secret = newTokenSecret();
    await this.tokens.create({ id: randomUUID(), name: 'first-admin', role: 'admin', customerId: null, createdBy: 'first start' }, digestOf(secret));
    this.issued = secret;
    // The secret goes to the terminal once, never into a log record that may be shipped elsewhere.
    this.logger.warn('no token existed: created the admin token "first-admin", printed once on standard output');
    process.stdout.write(`\nFirst admin token (shown once; create others with POST /tokens): ${secret}\n\n`);
  }
}
