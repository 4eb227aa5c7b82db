import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { importCycles, importGraph, sourceFiles } from './import-graph.js';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** A file longer than this does several jobs: split it by job (STYLE.md, habit 5). */
const MAX_SOURCE_LINES = 400;

/**
 * Source files allowed over MAX_SOURCE_LINES, each with the reason it is not split yet. Empty: keep it
 * so. A file may leave this list, never join it.
 */
const LONG_FILES_ALLOWED: Record<string, string> = {};

/** The rules stay pure: only these packages may be imported by libs/domain (time zones and holidays are data). */
const DOMAIN_ALLOWED_PACKAGES = new Set(['luxon', 'date-holidays']);

describe('layering', () => {
  it('keeps libs/domain free of frameworks, I/O and the other layers', () => {
    const offenders = sources(join(root, 'libs/domain/src'))
      .filter((file) => !file.includes(`${join('src', 'testing')}`))
      .flatMap((file) =>
        importsOf(file)
          .filter((specifier) => !specifier.startsWith('.') && !DOMAIN_ALLOWED_PACKAGES.has(specifier))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('never lets a library depend on the application', () => {
    const offenders = ['libs/domain/src', 'libs/event-store/src', 'libs/projections/src'].flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.includes('apps/'))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the event store free of the domain and the projections', () => {
    const offenders = sources(join(root, 'libs/event-store/src')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier === '#domain' || specifier === '#projections')
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no import cycle among the sources of apps/ and libs/ (type imports included)', () => {
    const cycles = importCycles(importGraph(root, sourceFiles(root, ['apps', 'libs'])));
    expect(cycles.map((files) => files.join(' <-> '))).toEqual([]);
  });

  it(`keeps every source file of apps/ and libs/ within ${MAX_SOURCE_LINES} lines`, () => {
    const long = sourceFiles(root, ['apps', 'libs'])
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1 }))
      .filter(({ file, lines }) => lines > MAX_SOURCE_LINES && !(file in LONG_FILES_ALLOWED))
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});

describe('use-case conventions', () => {
  const api = sources(join(root, 'apps', 'api', 'src'));

  it('names no Nest command class after a domain command: the HTTP request is `<Command>Request`, the rule’s command `{ type: <Command> }`', () => {
    const domainCommands = new Set(sources(join(root, 'libs', 'domain', 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\{ type: '([A-Z]\w+)'/g)].map((m) => m[1]!)));
    const nestCommands = api.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends Command</g)].map((m) => m[1]!));
    expect(nestCommands.length).toBeGreaterThan(20);
    expect(nestCommands.filter((name) => domainCommands.has(name) || !name.endsWith('Request'))).toEqual([]);
  });

  it('keeps views to shaping answers: no *.view.ts runs a command', () => {
    const views = api.filter((file) => file.endsWith('.view.ts'));
    expect(views.length).toBeGreaterThan(3);
    expect(views.filter((file) => /CommandRunner|runner\.run\(/.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file))).toEqual([]);
  });
});

describe('importCycles', () => {
  it('finds each cycle once, whatever its length, and nothing in a graph without one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['f.ts']],
      ['f.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
      ['e.ts', 'f.ts'],
    ]);
    expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});
