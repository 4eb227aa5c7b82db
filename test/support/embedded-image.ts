import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedDatabase } from '#event-store';

// The package exports no package.json: its version is read beside its entry point (dist/index.cjs).
const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
const FILE = join(tmpdir(), `sla-ledger-empty-pglite-${version}.tar`);

/**
 * An empty embedded database, made once per PGlite version on this machine and kept in the temp
 * folder: every in-memory store of the suite starts from a copy of it instead of creating a
 * database anew (0.5 s instead of 1.3–2.4 s each, on a 2-core machine).
 */
export async function emptyEmbeddedImage(): Promise<Blob> {
  if (existsSync(FILE)) return new Blob([readFileSync(FILE)]);
  const image = await EmbeddedDatabase.emptyImage();
  // Written aside and renamed: a test file in another worker never reads half an image.
  const aside = `${FILE}.${process.pid}.${Date.now()}`;
  writeFileSync(aside, Buffer.from(await image.arrayBuffer()));
  renameSync(aside, FILE);
  return image;
}
