import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './processes.js';

/** The Node flags `npm run start:prod` gives the server: what the bench's measured process runs with too. */
export function serverNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts['start:prod']!.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`start:prod does not run node: ${scripts['start:prod']}`);
  return words.slice(1).filter((word) => word.startsWith('--'));
}
