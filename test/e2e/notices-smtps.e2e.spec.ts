import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { eventually } from '../support/smtp.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * SMTP_URL with smtps:// and a user and password in it (percent-encoded): the login the server
 * refuses keeps the notice pending, and once the server takes the login the notice goes out.
 */
describeOnBackends('maintenance notices over smtps:// with a login', (backend) => {
  let app: TestApp;
  let server: SMTPServer;
  let acceptLogin = false;
  const received: { user: unknown; secure: boolean; parsed: ParsedMail }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      secure: true,
      logger: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (acceptLogin && auth.username === 'ops' && auth.password === 's@cret:1') return callback(null, { user: 'ops' });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            received.push({ user: session.user, secure: session.secure, parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    // The test server's certificate is self-signed: the URL's tls.* parameters reach the TLS options.
    app = await startTestApp(backend, { SMTP_URL: `smtps://ops:s%40cret%3A1@127.0.0.1:${port}/?tls.rejectUnauthorized=false`, MAIL_FROM: 'ops@provider.example', SLA_NOTICE_RETRY_MS: '50' });
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra', { activeFrom: '2026-01-01T00:00:00Z' }));
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('keeps a notice pending while the login is refused (535), and sends it over TLS once the login is taken', async () => {
    await ok(app, 'post', '/maintenances', { id: 'm-tls', scope: fra, title: 'fra: tls', window: { start: '2030-01-15T01:00:00Z', end: '2030-01-15T02:00:00Z' } });
    const notices = async () => (await ok(app, 'get', '/maintenances/m-tls/notices')).items as { status: string; attempts: number; lastError: string | null; messageId: string }[];
    const [waiting] = await eventually(notices, (items) => (items[0]?.attempts ?? 0) >= 2, 'two refused logins');
    expect(waiting).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/535/) });
    expect(received).toHaveLength(0);

    acceptLogin = true;
    const [sent] = await eventually(notices, (items) => items[0]?.status === 'sent', 'the notice sent');
    expect(sent).toMatchObject({ messageId: '<notice.m-tls.acme.0@provider.example>', lastError: expect.stringMatching(/535/) });
    expect(received.map((m) => [m.user, m.secure, m.parsed.messageId])).toEqual([['ops', true, '<notice.m-tls.acme.0@provider.example>']]);
  });
});
