import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { eventually, startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { ok } from '../support/worked-example.js';

interface Notice {
  messageId: string;
  customerId: string;
  email: string;
  version: number;
  plannedAt: string;
  objectionUntil: string;
  status: string;
  response: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Change notices (R15): a change to a sub-processor that may touch a customer's data is emailed to
 * that customer through a real SMTP server on loopback, with the objection period (30 days unless
 * SLA_SUBPROCESSOR_OBJECTION_DAYS says otherwise) on the change.
 */
describeOnBackends('sub-processor change notices sent by email', (backend) => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  const customer = (id: string, region: string) => ({ id, name: id.toUpperCase(), email: `ops@${id}.example`, planId: 'pro', regions: [region], monthlyFee: { amount: 100000, currency: 'EUR' }, activeFrom: '2026-01-01T00:00:00Z' });
  const notices = async (id: string): Promise<Notice[]> => ((await ok(app, 'get', `/sub-processors/${id}`)).notices ?? []) as Notice[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp(backend, { SMTP_URL: smtp.url, MAIL_FROM: 'Provider Ops <ops@provider.example>', SLA_CONTACT: 'privacy@provider.example', SLA_NOTICE_RETRY_MS: '50' });
    await ok(app, 'post', '/plans', { id: 'pro', name: 'Pro', availabilityTarget: '99.9', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email'] });
    for (const [id, name] of [['fra', 'Frankfurt'], ['ams', 'Amsterdam'], ['sin', 'Singapore']]) await ok(app, 'post', '/regions', { id, name });
    await ok(app, 'post', '/customers', customer('acme', 'fra'));
    await ok(app, 'post', '/customers', customer('beta', 'ams'));
    await ok(app, 'post', '/customers', customer('cyan', 'sin'));
    await ok(app, 'post', '/sub-processors', { id: 'equinix', legalName: 'Equinix, Inc.', type: 'infrastructure', purpose: 'Bare metal', location: 'Germany', regions: ['fra'], effectiveAt: '2026-01-01T00:00:00Z' });
    await ok(app, 'post', '/sub-processors', { id: 'intercom', legalName: 'Intercom R&D Unlimited Company', type: 'service-specific', purpose: 'Support chat', location: 'Ireland', platform: true, effectiveAt: '2026-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it("emails the customers of the regions it serves before or after the change, with 30 days to object, shown on the change", async () => {
    const before = Date.now();
    const changed = await ok(app, 'post', '/sub-processors/equinix/changes', { regions: ['fra', 'ams'], location: 'Germany, Netherlands', effectiveAt: '2027-01-01T00:00:00Z', reason: 'Amsterdam capacity' });
    const version = changed.history.at(-1);
    // 30 whole days after the notice, planned when the change was recorded (to the second).
    const objectionUntil = Date.parse(version.objectionUntil);
    expect(objectionUntil - 30 * DAY_MS).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(objectionUntil - 30 * DAY_MS).toBeLessThanOrEqual(Date.now());
    expect(changed.notices.map((n: Notice) => [n.customerId, n.email, n.version, n.objectionUntil])).toEqual([
      ['acme', 'ops@acme.example', 1, version.objectionUntil],
      ['beta', 'ops@beta.example', 1, version.objectionUntil],
    ]);
    expect(Date.parse(changed.notices[0].objectionUntil) - Date.parse(changed.notices[0].plannedAt)).toBe(30 * DAY_MS);

    const sent = await eventually(() => notices('equinix'), (items) => items.length === 2 && items.every((n) => n.status === 'sent'), 'the notices of equinix');
    expect(sent.every((n) => n.response?.startsWith('250'))).toBe(true);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['ops@acme.example'], ['ops@beta.example']]);
    const mail = smtp.received.find((m) => m.to[0] === 'ops@acme.example')!;
    expect(mail.parsed.messageId).toBe('<notice.sub-processor-equinix.acme.1@provider.example>');
    expect(mail.parsed.subject).toBe('Sub-processor change: Equinix, Inc., from 1 January 2027');
    expect(mail.parsed.headers.get('x-sla-objection-until')).toBe(version.objectionUntil);
    const text = mail.parsed.text!;
    expect(text).toContain('Regions: fra → fra, ams');
    expect(text).toContain('Location: Germany → Germany, Netherlands');
    expect(text).toContain('In effect from: Friday 1 January 2027, 01:00 (Europe/Paris, UTC+01:00)');
    expect(text).toContain('Reason: Amsterdam capacity');
    expect(text).toContain('Objections until: ');
    expect(text).toContain('To object, or for questions about this change: privacy@provider.example');
  });

  it('emails every subscribed customer about a platform-wide entry, and records a refused address as failed', async () => {
    smtp.refuse.set('ops@cyan.example', 550);
    const count = smtp.received.length;
    const changed = await ok(app, 'post', '/sub-processors/intercom/changes', { dataCategories: ['support conversations'], effectiveAt: '2026-12-01T00:00:00Z', reason: 'now keeps transcripts' });
    expect(changed.notices.map((n: Notice) => n.customerId)).toEqual(['acme', 'beta', 'cyan']);
    const settled = await eventually(() => notices('intercom'), (items) => items.length === 3 && items.every((n) => n.status !== 'pending'), 'the notices of intercom');
    expect(settled.map((n) => [n.customerId, n.status])).toEqual([['acme', 'sent'], ['beta', 'sent'], ['cyan', 'failed']]);
    expect(settled.find((n) => n.customerId === 'cyan')!.response).toContain('no such mailbox');
    expect(smtp.received.length - count).toBe(2);
    smtp.refuse.delete('ops@cyan.example');
  });

  it("sends nothing for a change of aliases only, and says so: no objection period", async () => {
    const count = smtp.received.length;
    const changed = await ok(app, 'post', '/sub-processors/equinix/changes', { aliases: ['Equinix Metal'], effectiveAt: '2027-01-01T00:00:00Z', reason: 'name used by ops' });
    expect(changed.history.at(-1)).toMatchObject({ change: 'changed', changed: ['aliases'], objectionUntil: null });
    expect(changed.notices).toHaveLength(2);
    expect(smtp.received.length).toBe(count);
  });
});
