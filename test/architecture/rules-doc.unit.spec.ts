import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = join(import.meta.dirname, '..', '..');
const page = join(root, 'docs', 'rules.md');
const text = readFileSync(page, 'utf8');

/** Every relative link of the page: its text and the repository path it points to. */
const links = [...text.matchAll(/\[([^\]]+)\]\((\.\.?\/[^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => ({
  label: m[1]!,
  path: relative(root, resolve(dirname(page), m[2]!)),
}));

/** Whether `file` declares `symbol` (a function, class, constant, type or re-export of that name). */
function declares(file: string, symbol: string): boolean {
  const source = readFileSync(join(root, file), 'utf8');
  const name = symbol.replace(/[$]/g, '\\$&');
  return new RegExp(`\\b(function|class|const|let|interface|type|enum)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`).test(source);
}

describe('docs/rules.md', () => {
  it('names every rule R1–R15, each under its own heading', () => {
    for (let n = 1; n <= 15; n++) expect(text).toMatch(new RegExp(`^### R${n} `, 'm'));
  });

  it('links only to files that exist', () => {
    expect(links.length).toBeGreaterThan(50);
    expect(links.filter((link) => !existsSync(join(root, link.path))).map((link) => link.path)).toEqual([]);
  });

  it('links each named function to the file that declares it', () => {
    const missing = links.flatMap((link) =>
      [...link.label.matchAll(/`([A-Za-z_$][\w$]*)`/g)]
        .map((m) => m[1]!)
        .filter((symbol) => existsSync(join(root, link.path)) && !declares(link.path, symbol))
        .map((symbol) => `${symbol} is not declared in ${link.path}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every rule code and tests', () => {
    const sections = text.split(/^### /m).slice(1);
    const bare = sections.filter((section) => !/\*\*Code\.\*\*[^]*\]\(\.\.\/(libs|apps)\//.test(section) || !/\*\*Tests\.\*\*[^]*\.spec\.ts\)/.test(section));
    expect(bare.map((section) => section.split('\n')[0])).toEqual([]);
  });
});
