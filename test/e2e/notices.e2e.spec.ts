import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { NoticeOutbox } from '../../apps/api/src/notices/notice-outbox.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { eventually, startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { openTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * Maintenance notices the product sends itself (R8, §3.2): one email per customer in scope, sent
 * through a real SMTP server on loopback, judged by the instant the server accepted it. The story
 * starts on Thu 8 October 2026 at 09:00Z; the app's clock runs on from there, and the test moves it
 * forward to tell what happens days later. Timers stay real.
 */
const STORY_START = '2026-10-08T09:00:00Z';
const MAIL_FROM = 'Provider Ops <ops@provider.example>';
const CONTACT = 'support@provider.example, +33 1 23 45 67 89';

interface NoticeItem {
  customerId: string;
  email: string | null;
  status: string;
  kind: string;
  messageId: string | null;
  sentAt: string | null;
  inTime: boolean | null;
  workingDays: number | null;
  attempts: number;
  lastError: string | null;
  evidence: string | null;
  recordedBy: string | null;
  response: string | null;
}

function calendarPart(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.subject}"`);
  return part.content.toString('utf8').replace(/\r\n[ \t]/g, '');
}

const messageIdOf = (mail: { parsed: ParsedMail }) => mail.parsed.messageId;

describeOnBackends('maintenance notices sent by email', (backend) => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    jest.useFakeTimers({
      now: Date.parse(STORY_START),
      advanceTimers: true,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    smtp = await startSmtpServer();
    proxy = await openTcpProxy({ host: '127.0.0.1', port: smtp.port });
    app = await startTestApp(backend, { SMTP_URL: `smtp://127.0.0.1:${proxy.port}`, MAIL_FROM, SLA_CONTACT: CONTACT, SLA_NOTICE_RETRY_MS: '50' });
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra', { timeZone: 'America/New_York' }));
    await ok(app, 'post', '/customers', workedExampleCustomer('globex', 'fra'));
    await ok(app, 'post', '/customers', workedExampleCustomer('initech', 'sin'));
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await smtp?.close();
    jest.useRealTimers();
  });

  const notices = async (id: string): Promise<NoticeItem[]> => (await ok(app, 'get', `/maintenances/${id}/notices`)).items as NoticeItem[];
  const settled = (id: string, count: number) =>
    eventually(
      () => notices(id),
      (items) => items.length === count && items.every((n) => n.status !== 'pending'),
      `the notices of ${id}`,
    );
  const mailsWith = (messageId: string) => smtp.received.filter((m) => messageIdOf(m) === messageId);

  it('emails each customer in scope, answers with the check against now, and records what the server said', async () => {
    const created = await app.http().post('/maintenances').send({ id: 'm-1', scope: fra, title: 'fra: database upgrade', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' } });
    expect(created.status).toBe(201);
    // Thu 8 → Wed 14: Fri 9, Mon 12, Tue 13 lie between; nothing is claimed before a server accepts it.
    expect(created.body).toMatchObject({ noticeInTime: true, noticeCheck: { inTime: true, workingDays: 3 }, notices: [] });
    // Checked against now: the app's clock, which runs on from the story's start (seconds on a busy machine).
    const checkedAt = Date.parse(created.body.noticeCheck.at);
    expect(checkedAt >= Date.parse(STORY_START) && checkedAt < Date.parse(STORY_START) + 3_600_000).toBe(true);

    const items = await settled('m-1', 2);
    expect(items).toEqual([
      expect.objectContaining({ customerId: 'acme', email: 'ops@acme.example', status: 'sent', kind: 'request', messageId: '<notice.m-1.acme.0@provider.example>', inTime: true, workingDays: 3, attempts: 1, lastError: null }),
      expect.objectContaining({ customerId: 'globex', email: 'ops@globex.example', status: 'sent', kind: 'request', messageId: '<notice.m-1.globex.0@provider.example>', inTime: true, workingDays: 3, attempts: 1, lastError: null }),
    ]);
    for (const item of items) {
      expect(item.response).toMatch(/^250 /);
      expect(item.sentAt!.slice(0, 10)).toBe('2026-10-08');
    }
    // Nobody outside the scope got anything, and each customer exactly one message.
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['ops@acme.example', 'ops@globex.example']);
    // The maintenance itself now counts the two accepted emails as its notices.
    const read = await ok(app, 'get', '/maintenances/m-1');
    expect(read.notices).toEqual([
      expect.objectContaining({ customers: ['acme'], inTime: true, source: 'email' }),
      expect.objectContaining({ customers: ['globex'], inTime: true, source: 'email' }),
    ]);
  });

  it('says what, when (legal zone, UTC, the customer’s own zone), how long, where and whom to ask, with a calendar invitation', async () => {
    const [mail] = mailsWith('<notice.m-1.acme.0@provider.example>');
    expect(mail).toBeDefined();
    const { parsed } = mail!;
    expect(parsed.from?.text).toBe('"Provider Ops" <ops@provider.example>');
    expect(parsed.subject).toBe('Scheduled maintenance: "fra: database upgrade", Wednesday 14 October 2026, 03:00 to 05:00 (Europe/Paris, UTC+02:00)');
    const text = parsed.text!;
    expect(text).toContain('We will carry out a scheduled maintenance on your services in region fra.');
    expect(text).toContain('  - Wednesday 14 October 2026, 03:00 to 05:00 (Europe/Paris, UTC+02:00)');
    expect(text).toContain('  - Wednesday 14 October 2026, 01:00 to 03:00 (UTC)');
    expect(text).toContain('  - Tuesday 13 October 2026, 21:00 to 23:00 (America/New_York, UTC-04:00)');
    expect(text).toContain('Period: 2 hours');
    expect(text).toContain(`Questions about this maintenance: ${CONTACT}`);
    expect(parsed.html).toContain('<th align="left">Period</th><td>2 hours</td>');
    expect(parsed.html).toContain('Tuesday 13 October 2026, 21:00 to 23:00 (America/New_York, UTC-04:00)');
    const ics = calendarPart(parsed);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:maintenance-m-1@provider.example');
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toMatch(/DTSTART:20261014T010000Z/);
    expect(ics).toMatch(/DTEND:20261014T030000Z/);
    expect(ics).toMatch(/ATTENDEE[^:]*:MAILTO:ops@acme\.example/i);
    expect(ics).toMatch(/^ORGANIZER;CN="Provider Ops":mailto:ops@provider\.example$/im);
    // globex set no zone of its own: the legal zone and UTC only.
    const globex = mailsWith('<notice.m-1.globex.0@provider.example>')[0]!.parsed.text!;
    expect(globex).not.toContain('America/New_York');
  });

  it('refuses too little notice against now, as before, and sends nothing', async () => {
    const before = smtp.received.length;
    const refused = await app.http().post('/maintenances').send({ id: 'm-soon', scope: fra, title: 'too soon', window: { start: '2026-10-12T01:00:00Z', end: '2026-10-12T02:00:00Z' } });
    expect(refused.status).toBe(422);
    // Thu 8 → Fri 9, Mon 12, Tue 13 are the three working days: 00:00 Paris on Wed 14.
    expect(refused.body.earliestCompliantStart).toBe('2026-10-13T22:00:00Z');
    expect((await app.http().get('/maintenances/m-soon/notices')).status).toBe(404);
    expect(smtp.received.length).toBe(before);
  });

  it('judges each notice by the instant its email was accepted: a late one is Down Time for that customer alone', async () => {
    smtp.refuse.set('ops@acme.example', 451);
    // Thu 8 → Thu 15: four working days between, in time if sent now.
    await ok(app, 'post', '/maintenances', { id: 'm-late', scope: fra, title: 'fra: network switch', window: { start: '2026-10-15T01:00:00Z', end: '2026-10-15T02:00:00Z' } });
    const waiting = await eventually(
      () => notices('m-late'),
      (items) => items.find((n) => n.customerId === 'globex')?.status === 'sent' && (items.find((n) => n.customerId === 'acme')?.attempts ?? 0) >= 2,
      'globex sent and acme tried twice',
    );
    expect(waiting.find((n) => n.customerId === 'acme')).toMatchObject({ status: 'pending', sentAt: null, inTime: null, lastError: expect.stringMatching(/451/) });
    expect(waiting.find((n) => n.customerId === 'globex')).toMatchObject({ status: 'sent', inTime: true, workingDays: 4 });

    // The mail server takes acme's email only on Mon 12: Tue 13 and Wed 14 lie between, 2 < 3.
    jest.setSystemTime(Date.parse('2026-10-12T09:00:00Z'));
    smtp.refuse.delete('ops@acme.example');
    const items = await settled('m-late', 2);
    const acme = items.find((n) => n.customerId === 'acme')!;
    expect(acme).toMatchObject({ status: 'sent', inTime: false, workingDays: 2, lastError: expect.stringMatching(/451/) });
    expect(acme.sentAt!.slice(0, 10)).toBe('2026-10-12');
    expect(acme.attempts).toBeGreaterThanOrEqual(3);

    jest.setSystemTime(Date.parse('2026-10-16T09:00:00Z'));
    await ok(app, 'post', '/maintenances/m-late/start', { at: '2026-10-15T01:00:00Z' });
    await ok(app, 'post', '/maintenances/m-late/complete', { at: '2026-10-15T02:00:00Z' });
    const acmeMonth = await ok(app, 'get', '/customers/acme/availability/2026-10');
    const globexMonth = await ok(app, 'get', '/customers/globex/availability/2026-10');
    // CP 44,640 min; acme: the 60 minutes count; globex: excluded as announced in time.
    expect(acmeMonth).toMatchObject({ downtimeMinutes: 60, excludedMinutes: { scheduledMaintenance: 0 }, availabilityRate: '99.8656' });
    expect(globexMonth).toMatchObject({ downtimeMinutes: 0, excludedMinutes: { scheduledMaintenance: 60 }, availabilityRate: '100.0000' });
    const why = (month: { intervals: { sources: { id: string; note: string }[] }[] }) => month.intervals.flatMap((i) => i.sources).find((s) => s.id === 'm-late')!.note;
    expect(why(acmeMonth)).toBe(`notice late (2 working days; email accepted at ${acme.sentAt})`);
    expect(why(globexMonth)).toMatch(/^announced window, notice in time \(4 working days; email accepted at 2026-10-08T/);
  });

  it('marks an email the server refuses for good (550) as failed, with the reason, sends the others, and counts that window as Down Time for that customer alone', async () => {
    await ok(app, 'post', '/customers', workedExampleCustomer('bounce', 'sin', { email: 'nobody@bounce.example' }));
    smtp.refuse.set('nobody@bounce.example', 550);
    // The clock stands on Fri 16 October (the test before moved it there): Mon 19, Tue 20 and Wed 21
    // lie between it and Thu 22, three working days, in time for whoever gets the email now.
    await ok(app, 'post', '/maintenances', { id: 'm-bounce', scope: { kind: 'regions', regions: ['sin'] }, title: 'sin: storage', window: { start: '2026-10-22T01:00:00Z', end: '2026-10-22T02:00:00Z' } });
    const items = await settled('m-bounce', 2);
    const bounce = items.find((n) => n.customerId === 'bounce')!;
    expect(bounce).toMatchObject({ status: 'failed', sentAt: null, inTime: null, attempts: 1, lastError: expect.stringMatching(/^550 .*no such mailbox/) });
    expect(items.find((n) => n.customerId === 'initech')).toMatchObject({ status: 'sent', inTime: true, workingDays: 3 });
    expect(mailsWith('<notice.m-bounce.bounce.0@provider.example>')).toHaveLength(0);
    smtp.refuse.delete('nobody@bounce.example');

    jest.setSystemTime(Date.parse('2026-10-23T09:00:00Z'));
    await ok(app, 'post', '/maintenances/m-bounce/start', { at: '2026-10-22T01:00:00Z' });
    await ok(app, 'post', '/maintenances/m-bounce/complete', { at: '2026-10-22T02:00:00Z' });
    // The refusal stays the last word: completing the window sends nothing more to bounce.
    expect((await notices('m-bounce')).find((n) => n.customerId === 'bounce')).toMatchObject({ status: 'failed', attempts: 1 });
    const bounceMonth = await ok(app, 'get', '/customers/bounce/availability/2026-10');
    const initechMonth = await ok(app, 'get', '/customers/initech/availability/2026-10');
    // Both active since 1 September and in sin, where nothing else happened in October: CP 31 × 1,440 =
    // 44,640 min. bounce was never notified: its 60 minutes count, (44,640 − 60) / 44,640 = 99.8656 %.
    // initech's email was accepted three working days ahead: the same 60 minutes are excluded.
    expect(bounceMonth).toMatchObject({ coveragePeriodMinutes: 44_640, downtimeMinutes: 60, excludedMinutes: { scheduledMaintenance: 0 }, availabilityRate: '99.8656' });
    expect(initechMonth).toMatchObject({ coveragePeriodMinutes: 44_640, downtimeMinutes: 0, excludedMinutes: { scheduledMaintenance: 60 }, availabilityRate: '100.0000' });
    const notes = (month: { intervals: { sources: { id: string; note: string }[] }[] }) =>
      month.intervals.flatMap((i) => i.sources).filter((s) => s.id === 'm-bounce').map((s) => s.note);
    expect(notes(bounceMonth)).toEqual([`no notice: the email to this customer was refused (${bounce.lastError})`]);
    expect(notes(initechMonth)).toEqual([expect.stringMatching(/^announced window, notice in time \(3 working days; email accepted at 2026-10-16T/)]);
  });

  it('keeps a notice pending while the server is unreachable, retries, and sends it once when it is back', async () => {
    await proxy.cut();
    await ok(app, 'post', '/maintenances', { id: 'm-down', scope: { kind: 'customers', customers: ['initech'] }, title: 'initech: move', window: { start: '2026-11-25T03:00:00Z', end: '2026-11-25T04:00:00Z' } });
    const [waiting] = await eventually(() => notices('m-down'), (items) => (items[0]?.attempts ?? 0) >= 2, 'two tries');
    expect(waiting).toMatchObject({ status: 'pending', lastError: expect.any(String) });
    await proxy.restore();
    const [sent] = await settled('m-down', 1);
    expect(sent).toMatchObject({ status: 'sent', inTime: true, messageId: '<notice.m-down.initech.0@provider.example>' });
    expect(sent!.attempts).toBeGreaterThanOrEqual(3);
    expect(mailsWith(sent!.messageId!)).toHaveLength(1);
  });

  it('after a crash between the server’s acceptance and its record, sends again with the same Message-ID', async () => {
    const outbox = app.running.app.get(NoticeOutbox);
    let crashes = 0;
    outbox.beforeRecording = (messageId) => {
      if (messageId === '<notice.m-crash.initech.0@provider.example>' && crashes++ === 0) throw new Error('process died before recording');
    };
    try {
      await ok(app, 'post', '/maintenances', { id: 'm-crash', scope: { kind: 'customers', customers: ['initech'] }, title: 'initech: kernel', window: { start: '2026-11-25T05:00:00Z', end: '2026-11-25T06:00:00Z' } });
      const [sent] = await settled('m-crash', 1);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      outbox.beforeRecording = null;
    }
    const copies = mailsWith('<notice.m-crash.initech.0@provider.example>');
    expect(copies).toHaveLength(2);
    expect(copies[1]!.parsed.subject).toBe(copies[0]!.parsed.subject);
  });

  it('a move sends an update (same UID, next SEQUENCE) and voids the earlier notice; a cancellation sends METHOD:CANCEL', async () => {
    await ok(app, 'post', '/maintenances', { id: 'm-move', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: migration', window: { start: '2026-11-25T01:00:00Z', end: '2026-11-25T02:00:00Z' } });
    await settled('m-move', 1);
    const moved = await ok(app, 'post', '/maintenances/m-move/reschedule', { window: { start: '2026-11-26T01:00:00Z', end: '2026-11-26T03:00:00Z' } });
    expect(moved).toMatchObject({ notices: [], sequence: 1, noticeInTime: true });
    const [update] = await settled('m-move', 1);
    expect(update).toMatchObject({ status: 'sent', kind: 'request', messageId: '<notice.m-move.acme.1@provider.example>', inTime: true });
    const updateMail = mailsWith(update!.messageId!)[0]!.parsed;
    expect(updateMail.subject).toBe('Scheduled maintenance: "acme: migration", Thursday 26 November 2026, 02:00 to 04:00 (Europe/Paris, UTC+01:00)');
    expect(updateMail.text).toContain('We will carry out a scheduled maintenance on your account.');
    const updateIcs = calendarPart(updateMail);
    expect(updateIcs).toContain('METHOD:REQUEST');
    expect(updateIcs).toContain('UID:maintenance-m-move@provider.example');
    expect(updateIcs).toContain('SEQUENCE:1');

    await ok(app, 'post', '/maintenances/m-move/cancel', {});
    const items = await settled('m-move', 2);
    const cancel = items.find((n) => n.kind === 'cancel')!;
    expect(cancel).toMatchObject({ customerId: 'acme', status: 'sent', messageId: '<notice.m-move.acme.2@provider.example>', inTime: null });
    const cancelMail = mailsWith(cancel.messageId!)[0]!.parsed;
    expect(cancelMail.subject).toBe('Cancelled: scheduled maintenance "acme: migration", Thursday 26 November 2026, 02:00 to 04:00 (Europe/Paris, UTC+01:00)');
    const cancelIcs = calendarPart(cancelMail);
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain('UID:maintenance-m-move@provider.example');
    expect(cancelIcs).toContain('SEQUENCE:2');
    expect(cancelIcs).toContain('STATUS:CANCELLED');
  });

  it('records notices sent outside the product, with the evidence and who recorded them, and sends nothing for them', async () => {
    const before = smtp.received.length;
    const created = await ok(app, 'post', '/maintenances', {
      id: 'm-rec',
      scope: fra,
      title: 'fra: recorded',
      window: { start: '2026-11-25T01:00:00Z', end: '2026-11-25T02:00:00Z' },
      noticeSentAt: '2026-10-16T08:00:00Z',
      evidence: 'ticket OPS-1234',
    });
    expect(created.notices).toEqual([expect.objectContaining({ sentAt: '2026-10-16T08:00:00Z', customers: null, inTime: true, source: 'recorded', evidence: 'ticket OPS-1234' })]);
    await ok(app, 'post', '/maintenances/m-rec/notices', { sentAt: '2026-10-16T09:00:00Z', customers: ['initech'], evidence: '<CAF1x@mail.example>' });
    const items = await notices('m-rec');
    expect(items.map((n) => [n.customerId, n.status, n.sentAt, n.inTime, n.evidence])).toEqual([
      ['acme', 'recorded', '2026-10-16T08:00:00Z', true, 'ticket OPS-1234'],
      ['globex', 'recorded', '2026-10-16T08:00:00Z', true, 'ticket OPS-1234'],
      ['initech', 'recorded', '2026-10-16T09:00:00Z', true, '<CAF1x@mail.example>'],
    ]);
    expect(items.every((n) => typeof n.recordedBy === 'string' && n.recordedBy.length > 0)).toBe(true);
    const timeline = await ok(app, 'get', '/maintenances/m-rec/timeline');
    const sentences = (timeline.items as { summary: string }[]).map((e) => e.summary).join('\n');
    expect(sentences).toMatch(/sent at 2026-10-16T08:00:00Z to every customer in scope: in time; recorded by \S+ \(evidence: ticket OPS-1234\)/);
    expect(sentences).toMatch(/sent at 2026-10-16T09:00:00Z to initech: in time; recorded by \S+ \(evidence: <CAF1x@mail\.example>\)/);
    expect(smtp.received.length).toBe(before);
  });

  it('a move voids a notice still pending: only the new window\u2019s email ever goes out', async () => {
    smtp.refuse.set('ops@acme.example', 451);
    await ok(app, 'post', '/maintenances', { id: 'm-void', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: void', window: { start: '2026-11-27T01:00:00Z', end: '2026-11-27T02:00:00Z' } });
    await eventually(() => notices('m-void'), (items) => (items[0]?.attempts ?? 0) >= 1, 'a deferred first notice');
    await ok(app, 'post', '/maintenances/m-void/reschedule', { window: { start: '2026-11-28T01:00:00Z', end: '2026-11-28T02:00:00Z' } });
    // The outbox sends one email at a time: once the new one was tried, no try of the old one is under way.
    await eventually(() => notices('m-void'), (items) => items[0]?.messageId === '<notice.m-void.acme.1@provider.example>' && items[0].attempts >= 1, 'a deferred update');
    smtp.refuse.delete('ops@acme.example');
    const [sent] = await settled('m-void', 1);
    expect(sent).toMatchObject({ status: 'sent', messageId: '<notice.m-void.acme.1@provider.example>' });
    expect(mailsWith('<notice.m-void.acme.0@provider.example>')).toHaveLength(0);
    expect(mailsWith('<notice.m-void.acme.1@provider.example>')).toHaveLength(1);
  });

  it('refuses bad input on the notice routes with a problem, and an unknown maintenance with 404', async () => {
    const noMaintenance = await app.http().get('/maintenances/nope/notices');
    expect(noMaintenance.status).toBe(404);
    const badEvidence = await app.http().post('/maintenances/m-rec/notices').send({ sentAt: '2026-10-16T09:00:00Z', evidence: '' });
    expect(badEvidence.status).toBe(400);
    expect(badEvidence.body.detail).toMatch(/evidence/);
    const badZone = await app.http().post('/customers').send(workedExampleCustomer('zoned', 'fra', { timeZone: 'Mars/Olympus' }));
    expect(badZone.status).toBe(400);
    expect(badZone.body.detail).toMatch(/timeZone must be an IANA time zone/);
  });
});
