import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../support/processes.js';
import { serverNodeFlags } from '../support/server-flags.js';

/** Every way of starting the server gives it the same Node flags (the README says why each is there). */
describe('the Node flags of the server', () => {
  it('are the same for npm start, npm run start:prod and the container', () => {
    const flags = serverNodeFlags();
    expect(flags).toEqual(['--max-semi-space-size=8']);
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`npm run build && node ${flags.join(' ')} dist/apps/api/src/main.js`);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd!)).toEqual(['node', ...flags, 'dist/apps/api/src/main.js']);
  });
});
