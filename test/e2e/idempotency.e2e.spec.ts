import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

const outage = (extra: Record<string, unknown> = {}) => ({ scope: { kind: 'platform' }, impact: 'unavailable', title: 'down', startedAt: '2026-10-05T10:00:00Z', ...extra });

describeOnBackends('Idempotency-Key over HTTP', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend, { IDEMPOTENCY_TTL_HOURS: '1' });
  });
  afterAll(async () => app?.close());

  /**
   * Events stored, counted in the table: on PostgreSQL the store's headPosition() trails behind
   * whatever transaction any other test has open on the server, so it cannot show "nothing new".
   */
  const written = async () =>
    BigInt((await app.running.storage.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${app.config.eventSchema}.events`)).rows[0]!.n);
  const post = (path: string, key: string, body: object, as?: string) => app.http(as ? { as } : {}).post(path).set('Idempotency-Key', key).send(body);

  it('answers a repeat with the first answer, and writes nothing', async () => {
    const first = await post('/outages', 'k-same', outage());
    expect(first.status).toBe(201);
    const before = await written();
    // Same body with its keys in another order: the same request.
    const again = await post('/outages', 'k-same', { startedAt: '2026-10-05T10:00:00Z', title: 'down', impact: 'unavailable', scope: { kind: 'platform' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.text).toBe(first.text);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['event-position']).toBe(first.headers['event-position']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await written()).toBe(before);
    // Without the key, the same body is a new outage (its id is generated).
    expect((await app.http().post('/outages').send(outage())).body.id).not.toBe(first.body.id);
  });

  it('refuses the same key for a different body or URL with 422, and writes nothing', async () => {
    expect((await post('/outages', 'k-other', outage({ id: 'idem-a' }))).status).toBe(201);
    const before = await written();
    const otherBody = await post('/outages', 'k-other', outage({ id: 'idem-b' }));
    expect(otherBody.status).toBe(422);
    expect(otherBody.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(otherBody.body).toMatchObject({ status: 422, detail: expect.stringContaining('different request') });
    const otherUrl = await post('/outages/idem-a/end', 'k-other', outage({ id: 'idem-a' }));
    expect(otherUrl.status).toBe(422);
    expect(await written()).toBe(before);
    expect((await app.http().get('/outages/idem-b')).status).toBe(404);
  });

  it('keeps keys per token: another caller with the same key is another request', async () => {
    const ops = (await app.http().post('/tokens').send({ name: 'idem-ops', role: 'ops' })).body.token as string;
    const mine = await post('/outages', 'k-shared', outage());
    const theirs = await post('/outages', 'k-shared', outage(), ops);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('forgets a key whose request failed, so it can be retried', async () => {
    const refused = await post('/outages', 'k-retry', outage({ impact: 'gone' }));
    expect(refused.status).toBe(400);
    const retried = await post('/outages', 'k-retry', outage({ id: 'idem-retry' }));
    expect(retried.status).toBe(201);
  });

  it('runs two concurrent requests with one key once', async () => {
    const before = await written();
    const answers = await Promise.all([post('/outages', 'k-race', outage()), post('/outages', 'k-race', outage())]);
    const statuses = answers.map((a) => a.status).sort();
    expect([[201, 201], [201, 409]]).toContainEqual(statuses);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(await written()).toBe(before + 1n);
  });

  it('forgets a key after IDEMPOTENCY_TTL_HOURS', async () => {
    const first = await post('/outages', 'k-old', outage());
    await app.running.storage.database.query(`UPDATE ${app.config.readModelSchema}.idempotency_keys SET created_at = now() - interval '2 hours' WHERE key = 'k-old'`);
    const later = await post('/outages', 'k-old', outage());
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('never keeps a token secret to replay it: a repeated token creation is a conflict naming the token', async () => {
    const created = await post('/tokens', 'k-token', { name: 'idem-secret', role: 'support' });
    expect(created.status).toBe(201);
    const again = await post('/tokens', 'k-token', { name: 'idem-secret', role: 'support' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`/tokens/${created.body.id}`);
    const { rows } = await app.running.storage.database.query<{ answer: string }>(`SELECT answer FROM ${app.config.readModelSchema}.idempotency_keys WHERE key = 'k-token'`);
    expect(rows[0]!.answer).not.toContain(created.body.token);
  });

  it('refuses a key that is not 1–255 visible characters, and ignores keys on reads', async () => {
    expect((await post('/outages', 'x'.repeat(256), outage())).status).toBe(400);
    expect((await post('/outages', 'has space', outage())).status).toBe(400);
    expect((await app.http().get('/outages').set('Idempotency-Key', 'k-read')).status).toBe(200);
  });
});
