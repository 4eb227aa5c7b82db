import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { simpleParser, type ParsedMail } from 'mailparser';
import { NoticeOutbox } from '../../apps/api/src/notices/notice-outbox.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';
import { until } from '../support/wait.js';
import { defineWorkedExampleReferences, fra, ok, workedExampleCustomer } from '../support/worked-example.js';

/**
 * Without SMTP_URL each notice is written whole as an `.eml` file in the outbox folder and counts as
 * sent there: the same states, retries, voids and month figures as over SMTP. The story starts on
 * Thu 8 October 2026 at 09:00Z; the app's clock runs on from there. Timers stay real.
 */
const STORY_START = '2026-10-08T09:00:00Z';
const MAIL_FROM = 'Provider Ops <ops@provider.example>';

interface NoticeItem {
  customerId: string;
  status: string;
  kind: string;
  messageId: string | null;
  sentAt: string | null;
  inTime: boolean | null;
  workingDays: number | null;
  attempts: number;
  lastError: string | null;
  response: string | null;
}

function calendarPart(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.subject}"`);
  return part.content.toString('utf8').replace(/\r\n[ \t]/g, '');
}

describeOnBackends('maintenance notices without SMTP_URL: the file outbox', (backend) => {
  let app: TestApp;
  let outbox: string;
  beforeAll(async () => {
    jest.useFakeTimers({
      now: Date.parse(STORY_START),
      advanceTimers: true,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    outbox = await mkdtemp(join(tmpdir(), 'sla-outbox-'));
    app = await startTestApp(backend, { SLA_OUTBOX_DIR: outbox, MAIL_FROM, SLA_NOTICE_RETRY_MS: '50' });
    await defineWorkedExampleReferences(app);
    await ok(app, 'post', '/customers', workedExampleCustomer('acme', 'fra', { activeFrom: '2026-01-01T00:00:00Z' }));
  });
  afterAll(async () => {
    await app?.close();
    await rm(outbox, { recursive: true, force: true });
    jest.useRealTimers();
  });

  const notices = async (id: string): Promise<NoticeItem[]> => (await ok(app, 'get', `/maintenances/${id}/notices`)).items as NoticeItem[];
  /** Every notice of `id` tried to its end: the last look at them. */
  const settled = async (id: string, count: number): Promise<NoticeItem[]> => {
    let items: NoticeItem[] = [];
    await until(async () => {
      items = await notices(id);
      return items.length === count && items.every((n) => n.status !== 'pending');
    });
    return items;
  };
  const fileOf = (messageId: string) => join(outbox, `${messageId.replace(/^<|>$/g, '')}.eml`);
  const filesOf = async (maintenanceId: string) => (await readdir(outbox)).filter((name) => name.startsWith(`notice.${maintenanceId}.`)).sort();

  it('writes each notice as an .eml file and counts it as sent there', async () => {
    await ok(app, 'post', '/maintenances', { id: 'm-file', scope: fra, title: 'fra: database upgrade', window: { start: '2030-01-15T01:00:00Z', end: '2030-01-15T02:30:00Z' } });
    const [item] = await settled('m-file', 1);
    const file = join(outbox, 'notice.m-file.acme.0@provider.example.eml');
    expect(item).toMatchObject({ customerId: 'acme', status: 'sent', inTime: true, messageId: '<notice.m-file.acme.0@provider.example>', response: `written to ${file} (no SMTP_URL)` });
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.messageId).toBe('<notice.m-file.acme.0@provider.example>');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('ops@acme.example');
    expect(parsed.subject).toBe('Scheduled maintenance: "fra: database upgrade", Tuesday 15 January 2030, 02:00 to 03:30 (Europe/Paris, UTC+01:00)');
    expect(parsed.text).toContain('Period: 1 hour 30 minutes');
    expect(parsed.text).toContain('Questions about this maintenance: ops@provider.example');
    expect(calendarPart(parsed)).toContain('METHOD:REQUEST');
  });

  it('keeps a notice pending while the outbox folder cannot be written, retries, and writes it once it can', async () => {
    // A file where the folder should be: every write fails until the folder is back.
    await rename(outbox, `${outbox}.aside`);
    await writeFile(outbox, 'not a folder');
    try {
      await ok(app, 'post', '/maintenances', { id: 'm-blocked', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: blocked', window: { start: '2030-01-16T01:00:00Z', end: '2030-01-16T02:00:00Z' } });
      await until(async () => ((await notices('m-blocked'))[0]?.attempts ?? 0) >= 2);
      const [waiting] = await notices('m-blocked');
      expect(waiting).toMatchObject({ status: 'pending', sentAt: null, inTime: null, lastError: expect.stringContaining(outbox) });
    } finally {
      await rm(outbox, { force: true });
      await rename(`${outbox}.aside`, outbox);
    }
    const [sent] = await settled('m-blocked', 1);
    expect(sent).toMatchObject({ status: 'sent', inTime: true, messageId: '<notice.m-blocked.acme.0@provider.example>', lastError: expect.stringContaining(outbox) });
    expect(sent!.attempts).toBeGreaterThanOrEqual(3);
    // One whole file, no part of one left behind.
    expect(await filesOf('m-blocked')).toEqual(['notice.m-blocked.acme.0@provider.example.eml']);
    expect((await simpleParser(await readFile(fileOf(sent!.messageId!)))).messageId).toBe(sent!.messageId);
  });

  it('after a crash between writing the file and its record, writes the same message again in the same file', async () => {
    const messageId = '<notice.m-crash.acme.0@provider.example>';
    const outboxService = app.running.app.get(NoticeOutbox);
    let firstCopy: { inode: number; parsed: ParsedMail } | null = null;
    outboxService.beforeRecording = async (id) => {
      if (id !== messageId || firstCopy) return;
      const file = fileOf(id);
      firstCopy = { inode: (await stat(file)).ino, parsed: await simpleParser(await readFile(file)) };
      throw new Error('process died before recording');
    };
    try {
      await ok(app, 'post', '/maintenances', { id: 'm-crash', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: kernel', window: { start: '2030-01-17T01:00:00Z', end: '2030-01-17T02:00:00Z' } });
      const [sent] = await settled('m-crash', 1);
      // The lost try left no record: one try on file, the one that was recorded.
      expect(sent).toMatchObject({ status: 'sent', messageId, attempts: 1, lastError: null });
    } finally {
      outboxService.beforeRecording = null;
    }
    expect(firstCopy).not.toBeNull();
    // Written anew (a new file took the old one's name), with the same Message-ID and words: one file still.
    expect((await stat(fileOf(messageId))).ino).not.toBe(firstCopy!.inode);
    const again = await simpleParser(await readFile(fileOf(messageId)));
    expect(again.messageId).toBe(firstCopy!.parsed.messageId);
    expect(again.subject).toBe(firstCopy!.parsed.subject);
    expect(again.text).toBe(firstCopy!.parsed.text);
    expect(await filesOf('m-crash')).toEqual(['notice.m-crash.acme.0@provider.example.eml']);
  });

  it('a move writes an update (same UID, next SEQUENCE), a cancellation METHOD:CANCEL, each in a file of its own', async () => {
    await ok(app, 'post', '/maintenances', { id: 'm-move', scope: { kind: 'customers', customers: ['acme'] }, title: 'acme: migration', window: { start: '2030-01-21T01:00:00Z', end: '2030-01-21T02:00:00Z' } });
    await settled('m-move', 1);
    await ok(app, 'post', '/maintenances/m-move/reschedule', { window: { start: '2030-01-22T01:00:00Z', end: '2030-01-22T03:00:00Z' } });
    const [update] = await settled('m-move', 1);
    expect(update).toMatchObject({ status: 'sent', kind: 'request', messageId: '<notice.m-move.acme.1@provider.example>', inTime: true });
    await ok(app, 'post', '/maintenances/m-move/cancel', {});
    const items = await settled('m-move', 2);
    expect(items.find((n) => n.kind === 'cancel')).toMatchObject({ status: 'sent', messageId: '<notice.m-move.acme.2@provider.example>', inTime: null });
    expect(await filesOf('m-move')).toEqual(['notice.m-move.acme.0@provider.example.eml', 'notice.m-move.acme.1@provider.example.eml', 'notice.m-move.acme.2@provider.example.eml']);

    const updateMail = await simpleParser(await readFile(fileOf('<notice.m-move.acme.1@provider.example>')));
    expect(updateMail.subject).toBe('Scheduled maintenance: "acme: migration", Tuesday 22 January 2030, 02:00 to 04:00 (Europe/Paris, UTC+01:00)');
    const updateIcs = calendarPart(updateMail);
    expect(updateIcs).toContain('METHOD:REQUEST');
    expect(updateIcs).toContain('UID:maintenance-m-move@provider.example');
    expect(updateIcs).toContain('SEQUENCE:1');
    const cancelMail = await simpleParser(await readFile(fileOf('<notice.m-move.acme.2@provider.example>')));
    expect(cancelMail.subject).toBe('Cancelled: scheduled maintenance "acme: migration", Tuesday 22 January 2030, 02:00 to 04:00 (Europe/Paris, UTC+01:00)');
    const cancelIcs = calendarPart(cancelMail);
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain('UID:maintenance-m-move@provider.example');
    expect(cancelIcs).toContain('SEQUENCE:2');
  });

  it('a window announced through the file outbox in time is excluded from the month figures', async () => {
    // Thu 8 → Wed 14 October: Fri 9, Mon 12, Tue 13 lie between, three working days.
    await ok(app, 'post', '/maintenances', { id: 'm-oct', scope: fra, title: 'fra: october', window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' } });
    const [sent] = await settled('m-oct', 1);
    expect(sent).toMatchObject({ status: 'sent', inTime: true, workingDays: 3 });
    expect(sent!.sentAt!.slice(0, 10)).toBe('2026-10-08');

    jest.setSystemTime(Date.parse('2026-10-15T09:00:00Z'));
    await ok(app, 'post', '/maintenances/m-oct/start', { at: '2026-10-14T01:00:00Z' });
    await ok(app, 'post', '/maintenances/m-oct/complete', { at: '2026-10-14T03:00:00Z' });
    const month = await ok(app, 'get', '/customers/acme/availability/2026-10');
    // CP 31 × 1,440 = 44,640 min; the 120 minutes are excluded, nothing counts as Down Time.
    expect(month).toMatchObject({ coveragePeriodMinutes: 44_640, downtimeMinutes: 0, excludedMinutes: { scheduledMaintenance: 120 }, availabilityRate: '100.0000' });
    const notes = (month.intervals as { sources: { id: string; note: string }[] }[]).flatMap((i) => i.sources).filter((s) => s.id === 'm-oct').map((s) => s.note);
    expect(notes).toEqual([`announced window, notice in time (3 working days; email accepted at ${sent!.sentAt})`]);
  });
});
