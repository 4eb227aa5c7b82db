import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

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
});
