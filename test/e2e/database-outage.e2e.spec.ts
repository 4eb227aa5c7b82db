import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describePostgres } from '../support/databases.js';
import { openTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { until } from '../support/wait.js';

interface Sent {
  kind: 'outage' | 'maintenance';
  id: string;
  status: number;
  ms: number;
  contentType: string | undefined;
  retryAfter: string | undefined;
  body: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Refused connections fail at once; the pool's connection timeout (5 s) bounds the slowest case.
const SLOWEST_ANSWER_MS = 6_000;

/**
 * The database vanishes under a running application (every connection reset, new ones refused) and
 * comes back. A command either answers 2xx with its events stored, or 503 with Retry-After; none
 * is half written; and once the database is back the application recovers without a restart.
 */
describePostgres('commands while the database is cut and restored', (url) => {
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    const target = new URL(url);
    proxy = await openTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    app = await startTestApp('postgres', { DATABASE_URL: proxy.urlFor(url), SLA_CONSISTENCY_TIMEOUT_MS: '3000' });
  });
  afterAll(async () => {
    await proxy?.restore();
    await app?.close();
    await proxy?.close();
  });

  const outageBody = (id: string) => ({ id, scope: { kind: 'platform' }, impact: 'unavailable', title: `outage ${id}`, startedAt: '2026-10-05T10:00:00Z' });
  const maintenanceBody = (id: string) => ({
    id,
    scope: { kind: 'platform' },
    title: `maintenance ${id}`,
    window: { start: '2026-10-14T01:00:00Z', end: '2026-10-14T03:00:00Z' },
    noticeSentAt: '2026-10-08T09:00:00Z',
  });

  async function send(kind: Sent['kind'], id: string): Promise<Sent> {
    const started = Date.now();
    const path = kind === 'outage' ? '/outages' : '/maintenances';
    const response = await app
      .http()
      .post(path)
      .send(kind === 'outage' ? outageBody(id) : maintenanceBody(id))
      .timeout(SLOWEST_ANSWER_MS * 2);
    return {
      kind,
      id,
      status: response.status,
      ms: Date.now() - started,
      contentType: response.headers['content-type'],
      retryAfter: response.headers['retry-after'],
      body: response.body as Record<string, unknown>,
    };
  }

  /** Waits for `what` however slow the machine is; the test's own timeout bounds it. */
  let waitingFor: string | null = null;
  async function waitFor(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    waitingFor = what;
    await until(condition);
    waitingFor = null;
  }
  afterEach(() => {
    if (waitingFor) console.error(`commands while the database is cut: still waiting for ${waitingFor}`);
  });

  it(
    'answers every command 2xx or 503 with Retry-After, writes none in part, and recovers on its own',
    async () => {
      const sent: Sent[] = [];
      let stop = false;
      let counter = 0;
      const created = () => sent.filter((s) => s.status < 300).length;

      // Eight clients send commands back to back, each with an id of its own.
      const clients = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const k = counter++;
          const result = await send(k % 3 === 2 ? 'maintenance' : 'outage', `${k % 3 === 2 ? 'm' : 'o'}-${k}`);
          sent.push(result);
          if (result.status === 503) await sleep(10);
        }
      });

      const healthDuringCuts: { status: number; retryAfter: string | undefined }[] = [];
      const cutter = (async () => {
        try {
          for (const downMs of [400, 700, 300]) {
            const before = created();
            await waitFor(() => created() >= before + 15, '15 more commands stored before the cut');
            await proxy.cut();
            await sleep(downMs / 2);
            const health = await app.http({ as: null }).get('/health').timeout(SLOWEST_ANSWER_MS * 2);
            healthDuringCuts.push({ status: health.status, retryAfter: health.headers['retry-after'] });
            await sleep(downMs / 2);
            await proxy.restore();
          }
          const before = created();
          await waitFor(() => created() >= before + 15, 'commands to succeed again after the last restore');
        } finally {
          stop = true;
        }
      })();
      await Promise.all([cutter, ...clients]);

      // 1. Every answer is a success or a 503 Problem Details with Retry-After, and none hung.
      const statuses = [...new Set(sent.map((s) => s.status))].sort();
      expect(statuses).toEqual([201, 503]);
      for (const s of sent.filter((r) => r.status === 503)) {
        expect({ id: s.id, contentType: s.contentType, retryAfter: s.retryAfter, body: s.body }).toEqual({
          id: s.id,
          contentType: expect.stringMatching(/^application\/problem\+json/),
          retryAfter: expect.stringMatching(/^\d+$/),
          body: expect.objectContaining({ status: 503, title: 'Service Unavailable', detail: expect.any(String) }),
        });
      }
      const slowest = sent.reduce((a, b) => (b.ms > a.ms ? b : a));
      expect(slowest.ms).toBeLessThan(SLOWEST_ANSWER_MS);
      expect(healthDuringCuts).toEqual([0, 1, 2].map(() => ({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) })));

      // 2. The application recovers by itself: ready again, and a new command is stored and read back.
      await waitFor(async () => (await app.http({ as: null }).get('/health')).status === 200, '/health to answer 200');
      const after = await send('outage', 'o-after-restore');
      expect(after.status).toBe(201);
      // The read models may still be catching up with the traffic before the cut: 503 says "not yet".
      const readOnce = () => app.http().get('/outages/o-after-restore');
      let readBack = await readOnce();
      if (readBack.status === 503) await waitFor(async () => (readBack = await readOnce()).status !== 503, 'the read models to catch up');
      expect(readBack.status).toBe(200);
      expect(readBack.body).toMatchObject({ id: 'o-after-restore', title: 'outage o-after-restore' });

      // 3. The store holds nothing half written, and nothing no client asked for.
      const { rows } = await app.running.storage.database.query<{ stream_id: string; types: string[] }>(
        `SELECT stream_id, array_agg(type ORDER BY revision) AS types FROM ${app.config.eventSchema}.events GROUP BY stream_id`,
      );
      const stored = new Map(rows.map((r) => [r.stream_id, r.types]));
      const streamOf = (s: Pick<Sent, 'kind' | 'id'>) => `${s.kind}-${s.id}`;
      const answered = new Map([...sent, after].map((s) => [streamOf(s), s]));
      expect([...stored.keys()].filter((stream) => !answered.has(stream))).toEqual([]);
      for (const [stream, types] of stored) {
        expect({ stream, types }).toEqual({ stream, types: answered.get(stream)!.kind === 'outage' ? ['OutageStarted'] : ['MaintenanceScheduled', 'MaintenanceNoticeSent'] });
      }
      const succeeded = [...sent, after].filter((s) => s.status === 201);
      expect(succeeded.filter((s) => !stored.has(streamOf(s))).map((s) => s.id)).toEqual([]);
      /*
       * A 503 may still have been stored: the cut can fall after PostgreSQL committed the append and
       * before its answer reached the application, which then cannot know (the 503 says so). Such a
       * command is whole (one statement); retrying it with the same id is checked below.
       */
      const unknownOutcome = sent.filter((s) => s.status === 503 && stored.has(streamOf(s)));

      // 4. The read models caught up: exactly the stored outages read back, and no other.
      const outages = [...sent, after].filter((s) => s.kind === 'outage');
      const found: string[] = [];
      for (const outage of outages) {
        const response = await app.http().get(`/outages/${outage.id}`);
        expect({ id: outage.id, status: response.status }).toEqual({ id: outage.id, status: stored.has(streamOf(outage)) ? 200 : 404 });
        if (response.status === 200) found.push(outage.id);
      }
      const outagesStarted = [...stored.values()].filter((types) => types[0] === 'OutageStarted').length;
      expect(found).toHaveLength(outagesStarted);
      expect(outagesStarted).toBeGreaterThanOrEqual(succeeded.filter((s) => s.kind === 'outage').length);

      // 5. A client that retries its 503s with the same ids ends with each command stored exactly once.
      const notStored = sent.filter((s) => s.status === 503 && !stored.has(streamOf(s))).slice(0, 10);
      for (const s of [...unknownOutcome, ...notStored]) {
        const retried = await send(s.kind, s.id);
        expect({ id: s.id, status: retried.status }).toEqual({ id: s.id, status: stored.has(streamOf(s)) ? 409 : 201 });
      }

      // The cuts did land in the middle of the traffic.
      expect(sent.filter((s) => s.status === 503).length).toBeGreaterThan(0);
      expect(created()).toBeGreaterThanOrEqual(60);
      console.info(
        `database outage: ${sent.length} commands, ${created()} stored (2xx), ${sent.length - created()} answered 503 of which ${unknownOutcome.length} were stored; slowest answer ${slowest.ms} ms`,
      );
    },
  );
});
