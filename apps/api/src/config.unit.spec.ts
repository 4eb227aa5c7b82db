import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const base = { DATA_DIR: 'memory://' };

describe('loadConfig', () => {
  it('reads a body limit and a consistency timeout', () => {
    expect(loadConfig({ ...base, SLA_BODY_LIMIT: '2mb', SLA_CONSISTENCY_TIMEOUT_MS: '1500' })).toMatchObject({ bodyLimit: '2mb', consistencyTimeoutMs: 1500 });
    expect(loadConfig(base)).toMatchObject({ bodyLimit: '100kb', consistencyTimeoutMs: 5000 });
  });

  it.each([['lots'], ['-1kb'], ['0'], ['500gb'], ['100 kilobytes']])('stops on SLA_BODY_LIMIT=%s, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, SLA_BODY_LIMIT: value })).toThrow(new ConfigError(`SLA_BODY_LIMIT=${value} must be a size from 1kb to 100mb, written like 100kb or 2mb`));
  });

  it.each([['soon'], ['0'], ['-5'], ['1.5'], ['9999999']])('stops on SLA_CONSISTENCY_TIMEOUT_MS=%s, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, SLA_CONSISTENCY_TIMEOUT_MS: value })).toThrow(/^SLA_CONSISTENCY_TIMEOUT_MS=.* must be a whole number from 1 to 600000$/);
  });

  it('computes whole months on one worker thread unless SLA_COMPUTE_THREADS says otherwise (0: on the main thread)', () => {
    expect(loadConfig(base).computeThreads).toBe(1);
    expect(loadConfig({ ...base, SLA_COMPUTE_THREADS: '0' }).computeThreads).toBe(0);
    expect(loadConfig({ ...base, SLA_COMPUTE_THREADS: '4' }).computeThreads).toBe(4);
  });

  it.each([['many'], ['-1'], ['1.5'], ['17']])('stops on SLA_COMPUTE_THREADS=%s, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, SLA_COMPUTE_THREADS: value })).toThrow(
      new ConfigError(`SLA_COMPUTE_THREADS=${value} must be a whole number from 0 to 16: worker threads that compute whole months (0: on the main thread)`),
    );
  });
});

describe('loadConfig: notice emails', () => {
  it('reads SMTP_URL (smtp:// or smtps:// with user and password), MAIL_FROM and the retry cap, 30 s by default', () => {
    expect(loadConfig({ ...base, SMTP_URL: 'smtps://ops:s%40cret@mail.example:465', MAIL_FROM: 'Provider Ops <ops@provider.example>' }).mail).toMatchObject({
      smtpUrl: 'smtps://ops:s%40cret@mail.example:465',
      from: 'Provider Ops <ops@provider.example>',
      domain: 'provider.example',
      retryMs: 30_000,
    });
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://mail.example:587', SLA_NOTICE_RETRY_MS: '5000' }).mail).toMatchObject({ smtpUrl: 'smtp://mail.example:587', retryMs: 5_000 });
    expect(loadConfig({ DATA_DIR: '/srv/sla' }).mail).toMatchObject({ smtpUrl: null, outboxDir: '/srv/sla/outbox' });
  });

  it.each([['mail.example:587'], ['http://mail.example'], ['smtp://'], ['smtp://mail.example:99999']])('stops on SMTP_URL=%s, naming the variable and never echoing it', (value) => {
    expect(() => loadConfig({ ...base, SMTP_URL: value })).toThrow(/^SMTP_URL /);
  });

  it('stops on a bad MAIL_FROM or retry cap, naming the variable', () => {
    expect(() => loadConfig({ ...base, MAIL_FROM: 'not an address' })).toThrow(/^MAIL_FROM=not an address must be an address/);
    expect(() => loadConfig({ ...base, SLA_NOTICE_RETRY_MS: '0' })).toThrow(/^SLA_NOTICE_RETRY_MS=0 must be a whole number/);
  });
});

describe('loadConfig: sub-processor change notices', () => {
  it('gives customers 30 days to object unless SLA_SUBPROCESSOR_OBJECTION_DAYS says otherwise', () => {
    expect(loadConfig(base).subProcessorObjectionDays).toBe(30);
    expect(loadConfig({ ...base, SLA_SUBPROCESSOR_OBJECTION_DAYS: '14' }).subProcessorObjectionDays).toBe(14);
  });

  it.each([['0'], ['a month'], ['1.5'], ['400']])('stops on SLA_SUBPROCESSOR_OBJECTION_DAYS=%s, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, SLA_SUBPROCESSOR_OBJECTION_DAYS: value })).toThrow(new ConfigError(`SLA_SUBPROCESSOR_OBJECTION_DAYS=${value} must be a whole number from 1 to 365`));
  });
});
