import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { RecordedEvent } from '#event-store';
import { readAllUntil } from '../../libs/event-store/src/testing/read-all-until.js';
import { createProgram } from '../../apps/cli/src/program.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { listen, sla } from '../support/cli.js';
import { describePostgres } from '../support/databases.js';
import { buildOnce, REPO_ROOT, run } from '../support/processes.js';
import { ok, setUpWorkedExample } from '../support/worked-example.js';

const ENV = { SLA_CONSISTENCY_TIMEOUT_MS: '60000' };

/** Every command path of the CLI: [], ['outage'], ['outage', 'start'] … */
function commandPaths(): string[][] {
  const paths: string[][] = [];
  const walk = (command: ReturnType<typeof createProgram>, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(createProgram({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '.' }, () => ''), []);
  return paths;
}

describe('sla --help', () => {
  it.each(commandPaths().map((path) => [path.join(' ') || '(root)', path]))('%s answers --help on stdout with exit 0', async (_name, path) => {
    const result = await sla('http://127.0.0.1:9', [...(path as string[]), '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Usage: sla${(path as string[]).length ? ` ${(path as string[]).join(' ')}` : ''}`);
  });

  it('lists every command, and the variables it reads', async () => {
    const { stdout } = await sla('http://127.0.0.1:9', ['--help']);
    for (const command of ['outage', 'maintenance', 'emergency', 'report', 'customer', 'export', 'import', 'backup', 'restore']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(stdout).toContain('SLA_URL');
    expect(stdout).toContain('SLA_TOKEN');
    const start = await sla('http://127.0.0.1:9', ['outage', 'start', '--help']);
    for (const flag of ['--title <text>', '--impact <impact>', '--at <instant>', '--platform', '--regions <ids>', '--customers <ids>']) expect(start.stdout).toContain(flag);
    const schedule = await sla('http://127.0.0.1:9', ['maintenance', 'schedule', '--help']);
    for (const flag of ['--start <instant>', '--end <instant>', '--notice-sent-at <instant>', '--accept-as-downtime']) expect(schedule.stdout).toContain(flag);
  });

  it('refuses a bad command line with exit 1 before calling anyone', async () => {
    const unknown = await sla('http://127.0.0.1:9', ['outage', 'begin']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'begin'");
    const month = await sla('http://127.0.0.1:9', ['report', 'month', '2026-13']);
    expect(month.code).toBe(1);
    expect(month.stderr).toContain('a month as YYYY-MM');
    const scope = await sla('http://127.0.0.1:9', ['outage', 'start', '--title', 'x', '--platform', '--regions', 'fra']);
    expect(scope.code).toBe(1);
    expect(scope.stderr).toContain('give exactly one scope');
  });

  it('says when no server answers', async () => {
    const result = await sla('http://127.0.0.1:9', ['report', 'month', '2026-10']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the server at http://127.0.0.1:9');
  });
});

/** The worked example's October as `report month 2026-10 --csv` prints it (worked out in README, "The worked example"). */
const OCTOBER_CSV = [
  'customer,plan,CP min,DT min,maintenance min,emergency min,excluded min,AR %,target %,below target,ongoing',
  // 31 days = 44,640 min; DT 120 (two outages) + 30 (overrun) + 60 (late notice) = 210; (44,640 − 210) / 44,640 = 99.5296 %
  'acme,pro,44640,210,120,45,0,99.5296,99.9,true,false',
  // sin-1 and all-1, 60 min each: (44,640 − 120) / 44,640 = 99.7312 %
  'globex,pro,44640,120,0,0,0,99.7312,99.9,true,false',
  '',
].join('\n');

/** Every event up to the store's head: readAll holds back events while an older transaction (a projection's batch) is open. */
async function eventsUpToHead(app: TestApp): Promise<RecordedEvent[]> {
  const head = await app.running.storage.events.headPosition();
  return readAllUntil(app.running.storage.events, null, (events) => (events.at(-1)?.position ?? 0n) >= head);
}

describe('the sla binary', () => {
  beforeAll(() => buildOnce(), 300_000);

  it('runs from dist/ as the bin entry, and exits non-zero when a command fails', async () => {
    const help = run(join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ['--help'], { cwd: REPO_ROOT, env: {} });
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toContain('Usage: sla [options] [command]');
    const failed = run(join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ['report', 'month', '2026-10'], { cwd: REPO_ROOT, env: { SLA_URL: 'http://127.0.0.1:9' } });
    expect((await failed.exited).code).toBe(1);
    expect(failed.stderr()).toContain('cannot reach the server at http://127.0.0.1:9');
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).bin).toEqual({ sla: 'dist/apps/cli/src/main.js' });
    expect(readFileSync(join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('sla against a running server (embedded store)', () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await startTestApp('embedded', ENV);
    url = await listen(app);
    await setUpWorkedExample(app);
  });
  afterAll(() => app.close());

  it('report month prints every customer of the month as a table, and as CSV with --csv', async () => {
    const table = await sla(url, ['report', 'month', '2026-10']);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('2026-10: 2 customer(s), 2 below target');
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['customer', 'plan', 'CP min', 'DT min', 'maintenance min', 'emergency min', 'excluded min', 'AR %', 'target %', 'below target', 'ongoing']);
    expect(lines[3]!.trim().split(/\s+/)).toEqual(['acme', 'pro', '44640', '210', '120', '45', '0', '99.5296', '99.9', 'yes', 'no']);
    expect(lines[4]!.trim().split(/\s+/)).toEqual(['globex', 'pro', '44640', '120', '0', '0', '0', '99.7312', '99.9', 'yes', 'no']);

    expect(await sla(url, ['report', 'month', '2026-10', '--csv'])).toEqual({ code: 0, stdout: OCTOBER_CSV, stderr: '' });
    // September had no incident: both customers at 100 %, none below target.
    expect(await sla(url, ['report', 'month', '2026-09', '--below-target'])).toEqual({ code: 0, stdout: '2026-09: 0 customer(s), 0 below target\n', stderr: '' });
  });

  it('customer show prints the customer, and with --month its figures and credit', async () => {
    const shown = await sla(url, ['customer', 'show', 'acme', '--month', '2026-10']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toMatch(/^customer:\s+acme \(ACME\)$/m);
    expect(shown.stdout).toMatch(/^monthly fee:\s+2000\.00 EUR$/m);
    expect(shown.stdout).toMatch(/^coverage period:\s+44640 min$/m);
    expect(shown.stdout).toMatch(/^down time:\s+210 min$/m);
    expect(shown.stdout).toMatch(/^excluded:\s+120 min maintenance, 45 min emergency, 0 min exclusions$/m);
    expect(shown.stdout).toMatch(/^availability rate:\s+99\.5296 %$/m);
    // pro-rata-downtime: 200,000 × 210 / 44,640 = 940.86 → 941 cents
    expect(shown.stdout).toMatch(/^credit:\s+eligible-unclaimed, 9\.41 EUR$/m);

    const ops = await app.http().post('/tokens').send({ name: 'cli-ops', role: 'ops' });
    const asOps = await sla(url, ['customer', 'show', 'acme', '--month', '2026-10'], { token: ops.body.token });
    expect(asOps.code).toBe(0);
    expect(asOps.stdout).toMatch(/^credit:\s+not shown: a ops token may not call GET \/customers\/:id\/credits\/:month/m);
  });

  it('outage start, end, correct and classify change the figures as the API says', async () => {
    const ops = (await app.http().post('/tokens').send({ name: 'cli-ops-2', role: 'ops' })).body.token as string;
    const as = { token: ops };
    const started = await sla(url, ['outage', 'start', '--regions', 'fra', '--title', 'fra: API errors', '--at', '2026-11-03T10:00:00Z', '--id', 'cli-o1'], as);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    expect(started.stdout).toMatch(/^outage started\nid:\s+cli-o1$/m);
    expect(started.stdout).toMatch(/^impact:\s+unavailable$/m);

    const ended = await sla(url, ['outage', 'end', 'cli-o1', '--at', '2026-11-03T10:42:00Z'], as);
    expect(ended).toMatchObject({ code: 0, stderr: '' });
    expect(ended.stdout).toMatch(/^endedAt:\s+2026-11-03T10:42:00Z$/m);

    const corrected = await sla(url, ['outage', 'correct', 'cli-o1', '--started-at', '2026-11-03T10:12:00Z', '--reason', 'the alert fired late'], as);
    expect(corrected).toMatchObject({ code: 0, stderr: '' });
    expect(corrected.stdout).toMatch(/^startedAt:\s+2026-11-03T10:12:00Z$/m);

    // November: 30 days = 43,200 min; 10:12–10:42 = 30 min; (43,200 − 30) / 43,200 = 99.9306 %
    const november = await sla(url, ['customer', 'show', 'acme', '--month', '2026-11']);
    expect(november.stdout).toMatch(/^down time:\s+30 min$/m);
    expect(november.stdout).toMatch(/^availability rate:\s+99\.9306 %$/m);

    const classified = await sla(url, ['outage', 'classify', 'cli-o1', '--exclusion', 'force-majeure', '--reason', 'regional power cut'], as);
    expect(classified).toMatchObject({ code: 0, stderr: '' });
    expect(classified.stdout).toMatch(/^exclusion:\s+force-majeure$/m);
    const excluded = await sla(url, ['customer', 'show', 'acme', '--month', '2026-11']);
    expect(excluded.stdout).toMatch(/^down time:\s+0 min$/m);
    expect(excluded.stdout).toMatch(/^excluded:\s+0 min maintenance, 0 min emergency, 30 min exclusions$/m);
  });

  it('shows the API\'s problem detail verbatim and exits 1 when the API refuses', async () => {
    const api = await app.http().post('/outages/nope/end').send({ endedAt: '2026-11-03T10:42:00Z' });
    expect(api.status).toBe(404);
    const refused = await sla(url, ['outage', 'end', 'nope', '--at', '2026-11-03T10:42:00Z']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`${api.body.detail}\n  (404 ${api.body.title} from POST /outages/nope/end)\n`);

    const anonymous = await sla(url, ['report', 'month', '2026-10'], { token: null });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr.split('\n')[0]).toBe('this route needs a bearer token: send Authorization: Bearer <token> (an admin creates tokens with POST /tokens)');
  });

  it('outage void and emergency void void an incident recorded in error, and show it voided', async () => {
    await app.http().post('/outages').send({ id: 'cli-v1', scope: { kind: 'customers', customers: ['globex'] }, impact: 'unavailable', title: 'typo', startedAt: '2026-11-10T08:00:00Z' }).expect(201);
    const voided = await sla(url, ['outage', 'void', 'cli-v1', '--reason', 'recorded in error']);
    expect(voided).toMatchObject({ code: 0, stderr: '' });
    expect(voided.stdout).toMatch(/^outage voided\nid:\s+cli-v1$/m);
    expect(voided.stdout).toMatch(/^voided:\s+yes$/m);
    expect((await app.http().get('/outages/cli-v1')).body).toMatchObject({ voided: true, voidReason: 'recorded in error' });
    const again = await sla(url, ['outage', 'void', 'cli-v1', '--reason', 'again']);
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')[0]).toMatch(/^outage cli-v1 was voided at .*: recorded in error; it can no longer change$/);

    await app.http().post('/emergency-maintenances').send({ id: 'cli-ev1', scope: { kind: 'customers', customers: ['globex'] }, reason: 'patch', startedAt: '2026-11-10T08:00:00Z' }).expect(201);
    const emergency = await sla(url, ['emergency', 'void', 'cli-ev1', '--reason', 'wrong customer']);
    expect(emergency).toMatchObject({ code: 0, stderr: '' });
    expect(emergency.stdout).toMatch(/^emergency maintenance voided\nid:\s+cli-ev1$/m);
    expect((await app.http().get('/emergency-maintenances/cli-ev1')).body).toMatchObject({ voided: true, voidReason: 'wrong customer' });
  });

  it('maintenance schedule shows the notice check\'s answer: the earliest compliant start when too soon', async () => {
    const ops = (await app.http().post('/tokens').send({ name: 'cli-ops-3', role: 'ops' })).body.token as string;
    const window = ['--regions', 'fra', '--title', 'db upgrade', '--notice-sent-at', '2026-11-16T09:00:00Z'];
    // Notice on Monday 16 November: three working days strictly between are Tue 17, Wed 18, Thu 19,
    // so the earliest start is Friday 20 at midnight in Paris (UTC+1): 2026-11-19T23:00:00Z.
    const tooSoon = await sla(url, ['maintenance', 'schedule', ...window, '--start', '2026-11-18T01:00:00Z', '--end', '2026-11-18T02:00:00Z', '--id', 'cli-m1'], { token: ops });
    expect(tooSoon.code).toBe(1);
    const api = await app.http({ as: ops }).post('/maintenances').send({ id: 'cli-m1', scope: { kind: 'regions', regions: ['fra'] }, title: 'db upgrade', window: { start: '2026-11-18T01:00:00Z', end: '2026-11-18T02:00:00Z' }, noticeSentAt: '2026-11-16T09:00:00Z' });
    expect(api.status).toBe(422);
    expect(tooSoon.stderr.split('\n')[0]).toBe(api.body.detail);
    expect(tooSoon.stderr).toContain('  earliestCompliantStart: 2026-11-19T23:00:00Z\n');
    expect(tooSoon.stderr).toContain('  earliestCompliantStartLocal: Fri 20 Nov 00:00 Europe/Paris\n');
    expect(tooSoon.stderr).toContain('  workingDaysOfNotice: 1\n');
    expect(tooSoon.stderr).toContain('  (422 Unprocessable Content from POST /maintenances)\n');

    const accepted = await sla(url, ['maintenance', 'schedule', ...window, '--start', '2026-11-18T01:00:00Z', '--end', '2026-11-18T02:00:00Z', '--id', 'cli-m1', '--accept-as-downtime'], { token: ops });
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toMatch(/^notice:\s+sent 2026-11-16T09:00:00Z: too late, so the window counts as Down Time$/m);

    const inTime = await sla(url, ['maintenance', 'schedule', ...window, '--start', '2026-11-20T01:00:00Z', '--end', '2026-11-20T03:00:00Z', '--id', 'cli-m2'], { token: ops });
    expect(inTime).toMatchObject({ code: 0, stderr: '' });
    expect(inTime.stdout).toMatch(/^maintenance scheduled\nid:\s+cli-m2$/m);
    expect(inTime.stdout).toMatch(/^window:\s+2026-11-20T01:00:00Z – 2026-11-20T03:00:00Z$/m);
    expect(inTime.stdout).toMatch(/^notice:\s+sent 2026-11-16T09:00:00Z: in time$/m);

    const started = await sla(url, ['maintenance', 'start', 'cli-m2', '--at', '2026-11-20T01:00:00Z'], { token: ops });
    expect(started.stdout).toMatch(/^startedAt:\s+2026-11-20T01:00:00Z$/m);
    const completed = await sla(url, ['maintenance', 'complete', 'cli-m2', '--at', '2026-11-20T02:30:00Z'], { token: ops });
    expect(completed.stdout).toMatch(/^completedAt:\s+2026-11-20T02:30:00Z$/m);

    await sla(url, ['maintenance', 'schedule', ...window, '--start', '2026-11-27T01:00:00Z', '--end', '2026-11-27T02:00:00Z', '--id', 'cli-m3'], { token: ops });
    const cancelled = await sla(url, ['maintenance', 'cancel', 'cli-m3'], { token: ops });
    expect(cancelled).toMatchObject({ code: 0, stderr: '' });
    expect(cancelled.stdout).toMatch(/^maintenance cancelled\nid:\s+cli-m3\ncancelledAt:\s+\d{4}-/m);
  });

  it('emergency start and end', async () => {
    const started = await sla(url, ['emergency', 'start', '--customers', 'globex', '--reason', 'zero-day patch', '--at', '2026-11-24T02:00:00Z', '--id', 'cli-e1']);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    expect(started.stdout).toMatch(/^emergency maintenance started\nid:\s+cli-e1\nstartedAt:\s+2026-11-24T02:00:00Z$/m);
    const ended = await sla(url, ['emergency', 'end', 'cli-e1', '--at', '2026-11-24T02:20:00Z']);
    expect(ended).toMatchObject({ code: 0, stderr: '' });
    expect(ended.stdout).toMatch(/^endedAt:\s+2026-11-24T02:20:00Z$/m);
    const globex = await sla(url, ['customer', 'show', 'globex', '--month', '2026-11']);
    expect(globex.stdout).toMatch(/^excluded:\s+0 min maintenance, 20 min emergency, 0 min exclusions$/m);
  });
});

describePostgres('sla export and import: the event log moved from the embedded store to PostgreSQL', () => {
  let source: TestApp;
  let target: TestApp;
  let sourceUrl: string;
  let targetUrl: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
    source = await startTestApp('embedded', ENV);
    sourceUrl = await listen(source);
    await setUpWorkedExample(source);
    target = await startTestApp('postgres', ENV);
    targetUrl = await listen(target);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every event as a JSON line, imports them with their ids, streams and revisions, and gives the same figures', async () => {
    const events = await eventsUpToHead(source);
    const exported = await sla(sourceUrl, ['export', 'events.jsonl'], { cwd: dir });
    expect(exported).toEqual({ code: 0, stdout: '', stderr: `exported ${events.length} event(s) to events.jsonl, up to position ${events.at(-1)!.position}\n` });
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(events.map((e) => ({ position: e.position.toString(), id: e.id, stream: e.stream, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata })));

    const watched = await sla(sourceUrl, ['export', 'watched.jsonl'], { cwd: dir, terminal: true });
    expect(watched.code).toBe(0);
    const head = events.at(-1)!.position;
    expect(watched.stderr).toContain(`100% | ${head}/${head} positions`);
    expect(readFileSync(join(dir, 'watched.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'events.jsonl'), 'utf8'));

    const toStdout = await sla(sourceUrl, ['export', '--after', events[4]!.position.toString()]);
    expect(toStdout.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).id)).toEqual(events.slice(5).map((e) => e.id));

    const imported = await sla(targetUrl, ['import', 'events.jsonl'], { cwd: dir, terminal: true });
    expect(imported.code).toBe(0);
    const size = readFileSync(join(dir, 'events.jsonl')).length;
    expect(imported.stderr).toContain(`100% | ${size}/${size} bytes`);
    const moved = await eventsUpToHead(target);
    expect(imported.stdout).toBe(`imported ${events.length} event(s) from events.jsonl; the store's head is at position ${moved.at(-1)!.position}\n`);
    expect(moved.map(({ id, stream, revision, type, data }) => ({ id, stream, revision, type, data }))).toEqual(events.map(({ id, stream, revision, type, data }) => ({ id, stream, revision, type, data })));
    moved.forEach((e, k) => {
      const { recordedAt, ...metadata } = events[k]!.metadata;
      expect(e.metadata).toEqual({ ...metadata, importedRecordedAt: recordedAt, recordedAt: e.metadata.recordedAt });
    });
    expect(await sla(targetUrl, ['report', 'month', '2026-10', '--csv'])).toEqual({ code: 0, stdout: OCTOBER_CSV, stderr: '' });

    // Again: nothing is written twice.
    const again = await sla(targetUrl, ['import', 'events.jsonl'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(await eventsUpToHead(target)).toHaveLength(events.length);
  });

  it('exports up to the head it began at even when a write still open holds events back, instead of stopping short', async () => {
    const metadata = { actor: 'ops', correlationId: randomUUID(), causationId: null, occurredAt: '2026-11-02T10:00:00.000Z', schemaVersion: 1 };
    const data = { scope: { kind: 'platform' }, impact: 'degraded', title: 'held', startedAt: '2026-11-02T10:00:00Z' };
    // Another connection takes the next position and keeps its transaction open; an event after it
    // commits at once, so the head is past an event readAll must still hold back.
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`SELECT * FROM ${target.config.eventSchema}.append_events($1, -1, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])`, ['outage-held', [randomUUID()], ['OutageStarted'], [{ ...data, outageId: 'held', subProcessor: null }], [metadata]]);
      await ok(target, 'post', '/outages', { ...data, id: 'after-held', title: 'after held' });
      // The transaction ends as soon as the export has met the held-back gap once.
      const store = target.running.storage.events;
      const readAll = store.readAll.bind(store);
      let gapsMet = 0;
      store.readAll = async (after, batchSize) => {
        const events = await readAll(after, batchSize);
        if (events.length === 0 && gapsMet++ === 0) await writer.query('COMMIT');
        return events;
      };
      const exported = await sla(targetUrl, ['export', 'held.jsonl'], { cwd: dir });
      store.readAll = readAll;
      expect(gapsMet).toBeGreaterThan(0);
      const streams = readFileSync(join(dir, 'held.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).stream as string);
      expect(streams.slice(-2)).toEqual(['outage-held', 'outage-after-held']);
      expect(exported.code).toBe(0);
    } finally {
      await writer.end();
    }
  });

  it('refuses a file that does not continue the store, and a file that is not an export', async () => {
    writeFileSync(join(dir, 'gap.jsonl'), JSON.stringify({ id: '7d0f6f51-4b0e-4a57-9d1a-3c1f2f1b9a10', stream: 'outage-gap', revision: 3, type: 'OutageStarted', data: {}, metadata: {} }) + '\n');
    const gap = await sla(targetUrl, ['import', 'gap.jsonl'], { cwd: dir });
    expect(gap.code).toBe(1);
    expect(gap.stderr.split('\n')[0]).toBe(
      'stream outage-gap does not exist, but the next event for it (7d0f6f51-4b0e-4a57-9d1a-3c1f2f1b9a10) has revision 3: import a whole export, in its order, into a store that holds no other events of these streams (0 event(s) of this batch were stored before it; the store is otherwise unchanged)',
    );
    writeFileSync(join(dir, 'junk.jsonl'), 'hello\n');
    const junk = await sla(targetUrl, ['import', 'junk.jsonl'], { cwd: dir });
    expect(junk).toEqual({ code: 1, stdout: '', stderr: 'junk.jsonl line 1 is not JSON: give a file written by sla export (one event a line)\n' });
  });

  it('backup on PostgreSQL answers with the API\'s advice', async () => {
    const refused = await sla(targetUrl, ['backup', 'pg.tar.gz'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe("this server keeps its data in PostgreSQL: back it up with pg_dump (or your provider's backups); the backup route copies the embedded store only");
    expect(existsSync(join(dir, 'pg.tar.gz'))).toBe(false);
  });
});

describe('sla backup and restore of the embedded store', () => {
  let dir: string;
  const schemas = { SLA_EVENT_SCHEMA: 'sla_events', SLA_READ_MODEL_SCHEMA: 'sla_read' };
  const apps: TestApp[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sla-backup-'));
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a running server\'s store, restores it into a new folder that serves the same events and figures', async () => {
    const first = await startTestApp('embedded', { ...ENV, ...schemas, DATA_DIR: join(dir, 'data') });
    apps.push(first);
    const url = await listen(first);
    await setUpWorkedExample(first);
    const events = await eventsUpToHead(first);

    const backup = await sla(url, ['backup', 'copy.tar.gz'], { cwd: dir });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backup written to copy\.tar\.gz \(\d+(\.\d)? (KiB|MiB)\)\n$/);

    // The running server's folder is locked: neither restored over nor copied behind its back.
    const over = await sla(url, ['restore', 'copy.tar.gz', '--data-dir', 'data'], { cwd: dir });
    expect(over).toEqual({ code: 1, stdout: '', stderr: `DATA_DIR data is in use by process ${process.pid}: a server is running on it; stop it, and restore into a new folder\n` });
    const offline = await sla(url, ['backup', 'offline.tar.gz', '--data-dir', 'data'], { cwd: dir });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toBe(`DATA_DIR data is in use by process ${process.pid}: a server is running on it; back it up through that server instead: sla backup <file> (with SLA_URL)\n`);

    const restored = await sla(url, ['restore', 'copy.tar.gz', '--data-dir', 'restored'], { cwd: dir });
    expect(restored).toEqual({ code: 0, stdout: `restored ${events.length} event(s) into restored; start the server with DATA_DIR=restored\n`, stderr: '' });
    expect(existsSync(join(dir, 'restored', 'sla-ledger.lock'))).toBe(false);
    const twice = await sla(url, ['restore', 'copy.tar.gz', '--data-dir', 'restored'], { cwd: dir });
    expect(twice).toEqual({ code: 1, stdout: '', stderr: 'DATA_DIR restored is not empty: restore into a new folder (then point DATA_DIR at it), or move this one away first\n' });
    await first.close();
    apps.pop();

    const second = await startTestApp('embedded', { ...ENV, ...schemas, DATA_DIR: join(dir, 'restored') });
    apps.push(second);
    const secondUrl = await listen(second);
    expect(await eventsUpToHead(second)).toEqual(events);
    expect(await sla(secondUrl, ['report', 'month', '2026-10', '--csv'])).toEqual({ code: 0, stdout: OCTOBER_CSV, stderr: '' });
    await second.close();
    apps.pop();

    // A stopped server's folder is copied directly, and that copy restores too.
    const direct = await sla(secondUrl, ['backup', 'direct.tar.gz', '--data-dir', 'restored'], { cwd: dir });
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    const again = await sla(secondUrl, ['restore', 'direct.tar.gz', '--data-dir', 'third'], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: `restored ${events.length} event(s) into third; start the server with DATA_DIR=third\n`, stderr: '' });
  });
});
