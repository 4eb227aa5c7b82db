import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { PostgresDatabase } from '#event-store';
import { TEST_ADMIN_TOKEN, type TestApp } from '../support/app.js';
import { describeOnBackends, freshSchema } from '../support/databases.js';
import { buildOnce, startServer, type ServerProcess } from '../support/processes.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { until } from '../support/wait.js';
import { defineWorkedExampleReferences, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * A crash between the SMTP server's acceptance and its record, with a real crash: the server runs
 * as the built program (`npm run build`) in a process of its own. The test SMTP server has the whole
 * message, stops the sending process (SIGSTOP) before it answers, answers 250 to the stopped
 * process, and the test kills it (SIGKILL): the server took the message, and no record of it was
 * ever written. A new process on the same store sends it again, with the same Message-ID, and
 * records it as sent once.
 */
describeOnBackends('a notice whose sending process is killed after the server accepted it', (backend) => {
  const MESSAGE_ID = '<notice.m-kill.acme.0@provider.example>';
  const cwd = mkdtempSync(join(tmpdir(), 'sla-notice-crash-'));
  const schemas = { SLA_EVENT_SCHEMA: freshSchema('ev'), SLA_READ_MODEL_SCHEMA: freshSchema('rm') };
  const servers: ServerProcess[] = [];
  let smtp: TestSmtpServer;
  let env: Record<string, string>;

  const start = async (): Promise<ServerProcess> => {
    const outcome = await startServer({ cwd, env });
    if (!outcome.started) throw new Error(`the server did not start (exit ${outcome.exit.code}): ${outcome.run.stderr()}${outcome.run.stdout()}`);
    servers.push(outcome.server);
    return outcome.server;
  };
  /** The helpers of an in-process app, over HTTP to a process. */
  const client = (server: ServerProcess) =>
    ({ http: () => request.agent(server.url).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`) }) as unknown as TestApp;
  const notices = async (server: ServerProcess) =>
    (await ok(client(server), 'get', '/maintenances/m-kill/notices')).items as { customerId: string; status: string; messageId: string; attempts: number; lastError: string | null; response: string | null; sentAt: string | null }[];
  const copies = (messageId: string) => smtp.received.filter((m) => m.parsed.messageId === messageId);
  /** Linux's word for a process's state ('T': stopped); elsewhere the stop is taken as done when the signal is sent. */
  const stopped = (pid: number) => !existsSync('/proc') || readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('T');

  beforeAll(async () => {
    await buildOnce();
    smtp = await startSmtpServer();
    env = {
      SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      RATE_LIMIT_PER_MINUTE: '1000000',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Provider Ops <ops@provider.example>',
      SLA_NOTICE_RETRY_MS: '50',
      ...(backend === 'embedded' ? { DATA_DIR: './data' } : { DATABASE_URL: process.env.DATABASE_URL!, ...schemas }),
    };
  });

  afterAll(async () => {
    // SIGKILL ends a stopped process too.
    for (const server of servers) await server.stop('SIGKILL');
    await smtp?.close();
    if (backend === 'postgres') {
      const db = new PostgresDatabase(process.env.DATABASE_URL!);
      await db.exec(`DROP SCHEMA IF EXISTS ${schemas.SLA_EVENT_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${schemas.SLA_READ_MODEL_SCHEMA} CASCADE`);
      await db.close();
    }
    rmSync(cwd, { recursive: true, force: true });
  });

  it('sends it again after a restart on the same store, with the same Message-ID, and records it sent once', async () => {
    const first = await start();
    await defineWorkedExampleReferences(client(first));
    await ok(client(first), 'post', '/customers', workedExampleCustomer('acme', 'fra', { activeFrom: '2026-01-01T00:00:00Z' }));

    // The first copy: kept by the server, then the sender is stopped, then it is answered 250.
    let held: ReceivedMail | null = null;
    smtp.beforeReply = async (mail) => {
      if (mail.parsed.messageId !== MESSAGE_ID || held) return;
      held = mail;
      process.kill(first.pid, 'SIGSTOP');
      await until(() => stopped(first.pid));
    };
    await ok(client(first), 'post', '/maintenances', { id: 'm-kill', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: kernel', window: { start: '2030-01-15T01:00:00Z', end: '2030-01-15T02:00:00Z' } });
    await until(() => smtp.answered === 1);
    smtp.beforeReply = null;
    expect(held).not.toBeNull();
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(copies(MESSAGE_ID)).toHaveLength(1);

    // The same store, a new process: the notice was never recorded, so it is still to send.
    const second = await start();
    await until(async () => (await notices(second))[0]?.status === 'sent');
    const [sent] = await notices(second);
    // One try on record: the first one left nothing behind, neither a sending nor a deferral.
    expect(sent).toMatchObject({ customerId: 'acme', status: 'sent', messageId: MESSAGE_ID, attempts: 1, lastError: null, response: expect.stringMatching(/^250 /) });

    // The next notice the outbox sends comes after any further copy of the first would have.
    await ok(client(second), 'post', '/maintenances', { id: 'm-next', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: after', window: { start: '2030-01-16T01:00:00Z', end: '2030-01-16T02:00:00Z' } });
    await until(() => copies('<notice.m-next.acme.0@provider.example>').length === 1);

    // Two copies of one message: the same Message-ID, recipient, subject and words.
    const [before, again] = copies(MESSAGE_ID);
    expect(copies(MESSAGE_ID)).toHaveLength(2);
    expect(again!.to).toEqual(['ops@acme.example']);
    expect(before!.to).toEqual(['ops@acme.example']);
    expect(again!.parsed.subject).toBe(before!.parsed.subject);
    expect(again!.parsed.text).toBe(before!.parsed.text);
    expect(again!.parsed.subject).toBe('Scheduled maintenance: "acme: kernel", Tuesday 15 January 2030, 02:00 to 03:00 (Europe/Paris, UTC+01:00)');

    // And one record of it on the maintenance's stream: sent, once.
    const feed = (await ok(client(second), 'get', '/events?limit=1000')).events as { type: string; stream: string; data: { messageId?: string } }[];
    const outcomes = feed.filter((e) => e.type.startsWith('MaintenanceNoticeEmail') && e.data.messageId === MESSAGE_ID).map((e) => e.type);
    expect(outcomes).toEqual(['MaintenanceNoticeEmailSent']);
  });
});
