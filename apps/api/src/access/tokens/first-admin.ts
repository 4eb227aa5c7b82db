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
    // The secret goes to the terminal once, after every start-up line (main), never into a log record that may be shipped elsewhere.
    this.logger.warn('no token existed: created the admin token "first-admin"; it is shown once on standard output when the server is up');
  }
}

/** The framed block a first start ends with: the token, shown once, and what to do next. */
export function firstAdminBanner(secret: string, port: number): string {
  const lines = [
    'First start: no token existed, so an admin token "first-admin" was created.',
    'It is shown only this once; the ledger keeps its SHA-256 digest.',
    '',
    `    ${secret}`,
    '',
    'Next:',
    `    export SLA_TOKEN=${secret}`,
    `    curl -s -H "Authorization: Bearer $SLA_TOKEN" http://localhost:${port}/plans`,
    'then define a plan, a region and a customer (README, "The first minutes"),',
    'and create a token per role with POST /tokens.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return ['', `┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`, ''].join('\n') + '\n';
}
