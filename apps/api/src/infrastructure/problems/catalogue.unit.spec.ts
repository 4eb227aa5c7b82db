import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PROBLEM } from '#domain';
import { PROBLEMS, STANDARD_TITLES } from './catalogue.js';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the problem catalogue', () => {
  it('knows every problem name the code raises', () => {
    const used = new Set<string>(Object.values(DEFAULT_PROBLEM));
    for (const file of [...sources(join(root, 'apps/api/src')), ...sources(join(root, 'libs/domain/src'))]) {
      const text = readFileSync(file, 'utf8');
      // DomainError(code, detail, extensions, 'name') and HttpException bodies { problem: 'name' }
      for (const match of text.matchAll(/(?:\{\}|extensions|\})\s*,\s*'([a-z][a-z-]+)',?\s*\)/g)) used.add(match[1]!);
      for (const match of text.matchAll(/problem: '([a-z][a-z-]+)'/g)) used.add(match[1]!);
    }
    expect([...used].filter((name) => !(name in PROBLEMS))).toEqual([]);
    expect(used.has('insufficient-notice')).toBe(true);
    expect(used.has('end-before-start')).toBe(true);
  });

  it('gives every problem a status with a standard title, a summary and a remedy', () => {
    for (const [name, problem] of Object.entries(PROBLEMS)) {
      expect([name, STANDARD_TITLES[problem.status]]).toEqual([name, expect.any(String)]);
      expect(problem.summary).toMatch(/\.$/);
      expect(problem.remedy.length).toBeGreaterThan(10);
    }
    expect(STANDARD_TITLES[422]).toBe('Unprocessable Content');
    expect(STANDARD_TITLES[413]).toBe('Content Too Large');
  });
});
