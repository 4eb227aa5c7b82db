import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { streams, type OutageEvent } from '#domain';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const WRITERS = 50;
const startedAt = '2026-10-05T10:00:00Z';
/** Distinct instants after the start, none equal to the first recorded end. */
const endOf = (k: number) => new Date(Date.parse('2026-10-05T11:00:00Z') + (k + 1) * 60_000).toISOString().replace('.000Z', 'Z');

type Corrected = Extract<OutageEvent, { type: 'OutageCorrected' }>['data'];

/**
 * Fifty writers on one stream at once. The store takes one append per revision; the command runner
 * retries a lost race on the state it re-reads, and gives up with 409 after a few tries. So no
 * answer may be a lost update: every 2xx is exactly one event, built on every event before it.
 */
describeOnBackends('50 concurrent commands on one outage', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => app?.close());

  async function startOutage(id: string, endedAt?: string): Promise<void> {
    const started = await app.http().post('/outages').send({ id, scope: { kind: 'platform' }, impact: 'unavailable', title: `outage ${id}`, startedAt });
    expect(started.status).toBe(201);
    if (endedAt) expect((await app.http().post(`/outages/${id}/end`).send({ endedAt })).status).toBe(200);
  }

  function expectConflictProblems(losers: { status: number; headers: Record<string, string>; body: Record<string, unknown> }[]): void {
    for (const loser of losers) {
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(loser.body).toMatchObject({ status: 409, title: 'Conflict', detail: expect.any(String) });
    }
  }

  it(
    'corrections: as many OutageCorrected events as 2xx answers, each built on the one before, and 409 for every other writer',
    async () => {
      await startOutage('o-corrections', '2026-10-05T12:00:00Z');
      const responses = await Promise.all(
        Array.from({ length: WRITERS }, (_, k) => app.http().post('/outages/o-corrections/corrections').send({ endedAt: endOf(k), reason: `writer ${k}` })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
      const winners = responses.filter((r) => r.status === 200);
      expect(winners.length).toBeGreaterThanOrEqual(1);
      expectConflictProblems(responses.filter((r) => r.status === 409));

      const corrected = (await app.running.storage.events.readStream(streams.outage('o-corrections'))).filter((e) => e.type === 'OutageCorrected').map((e) => e.data as Corrected);
      expect(corrected).toHaveLength(winners.length);
      // The winners are exactly the writers whose correction is in the stream, once each.
      expect(corrected.map((c) => c.reason).sort()).toEqual(winners.map((w) => `writer ${responses.indexOf(w)}`).sort());
      // No lost update: each correction records as "previous" what the one before it wrote.
      let endedAt = '2026-10-05T12:00:00Z';
      for (const correction of corrected) {
        expect(correction.previous).toEqual({ startedAt, endedAt });
        endedAt = correction.endedAt!;
      }
      // Each winner was answered with the state its own event made.
      expect(winners.map((w) => w.body.corrections).sort((a: number, b: number) => a - b)).toEqual(corrected.map((_, i) => i + 1));
      for (const winner of winners) expect(winner.body.endedAt).toBe(corrected[winner.body.corrections - 1]!.endedAt);

      const read = await app.http().get('/outages/o-corrections');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ corrections: winners.length, startedAt, endedAt: corrected.at(-1)!.endedAt });
    },
  );

  it(
    'ends: exactly one 200 and 49 × 409, one OutageEnded, and the outage ends when the winner said',
    async () => {
      await startOutage('o-ends');
      const responses = await Promise.all(Array.from({ length: WRITERS }, (_, k) => app.http().post('/outages/o-ends/end').send({ endedAt: endOf(k) })));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(WRITERS - 1);
      expectConflictProblems(responses.filter((r) => r.status === 409));
      const winner = responses.find((r) => r.status === 200)!;

      const ended = (await app.running.storage.events.readStream(streams.outage('o-ends'))).filter((e) => e.type === 'OutageEnded');
      expect(ended.map((e) => e.data)).toEqual([{ outageId: 'o-ends', endedAt: winner.body.endedAt }]);
      expect(winner.body.endedAt).toBe(endOf(responses.indexOf(winner)));
      const read = await app.http().get('/outages/o-ends');
      expect(read.body).toMatchObject({ endedAt: winner.body.endedAt, ongoing: false, corrections: 0 });
    },
  );
});
