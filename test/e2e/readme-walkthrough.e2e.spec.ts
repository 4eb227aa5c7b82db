import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeOnBackends } from '../support/databases.js';

/** The README's "first minutes" block, its curl commands in order: method, path and body as written there. */
function walkthrough(): { method: 'get' | 'post'; path: string; body?: unknown }[] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The first minutes'));
  const block = section.slice(section.indexOf('```sh') + 5, section.indexOf('```', section.indexOf('```sh') + 5)).replace(/\\\n\s*/g, '');
  return block
    .split('\n')
    .filter((line) => line.startsWith('curl '))
    .map((line) => {
      const path = /localhost:3000(\/\S*)/.exec(line)![1]!;
      const body = /-d '([^']*)'/.exec(line)?.[1];
      return { method: line.includes('-X POST') ? 'post' : 'get', path, ...(body !== undefined && { body: JSON.parse(body) }) };
    });
}

describeOnBackends("the README's first minutes", (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => app?.close());

  it('runs from an empty store to the figures it promises', async () => {
    const steps = walkthrough();
    expect(steps.map((s) => `${s.method} ${s.path}`)).toEqual([
      'post /plans', 'post /regions', 'post /customers', 'post /outages', 'post /outages/fra-1/end',
      'get /customers/acme/availability/2026-10', 'get /customers/acme/credits/2026-10', 'post /tokens',
    ]);
    const answers = [];
    for (const step of steps) {
      const request = step.method === 'post' ? app.http().post(step.path).send(step.body as object) : app.http().get(step.path);
      const response = await request;
      expect([step.path, response.status]).toEqual([step.path, step.method === 'post' ? (step.path.endsWith('/end') ? 200 : 201) : 200]);
      answers.push(response.body);
    }
    // October: 31 × 1,440 = 44,640 min; fra-1 10:00–11:30 = 90 min; (44,640 − 90) / 44,640 = 99.79838… → 99.7984.
    expect(answers[5]).toMatchObject({ coveragePeriodMinutes: 44640, downtimeMinutes: 90, availabilityRate: '99.7984', belowTarget: true });
    // 200,000 × 90 / 44,640 = 403.2 → 403 cents.
    expect(answers[6]).toMatchObject({ state: 'eligible-unclaimed', amount: { amount: 403, currency: 'EUR', formatted: '4.03 EUR' } });
  });
});
