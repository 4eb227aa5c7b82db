import { randomBytes } from 'node:crypto';
import { describe } from '@jest/globals';
import { EmbeddedDatabase, PostgresDatabase, type SqlDatabase } from '#event-store';
import { emptyEmbeddedImage } from './embedded-image.js';

/** A schema name no other test uses, so tests share a server without seeing each other. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/**
 * `describe` for suites that need PostgreSQL. Without DATABASE_URL they are skipped with a printed
 * reason; with REQUIRE_POSTGRES=1 (CI) a missing DATABASE_URL is a failure, never a silent pass.
 */
export function describePostgres(name: string, body: (url: string) => void): void {
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`${name}: REQUIRE_POSTGRES=1 but DATABASE_URL is not set`);
    }
    console.warn(`${name}: skipped, DATABASE_URL is not set (set it to run the PostgreSQL suites)`);
    describe.skip(name, () => body(''));
    return;
  }
  describe(name, () => body(url));
}

export interface DatabaseUnderTest {
  db: SqlDatabase;
  schema: string;
  drop(): Promise<void>;
}

export async function openPostgres(url: string, prefix?: string): Promise<DatabaseUnderTest> {
  const db = new PostgresDatabase(url);
  const schema = freshSchema(prefix);
  return {
    db,
    schema,
    drop: async () => {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

export async function openEmbedded(prefix?: string): Promise<DatabaseUnderTest> {
  const db = await EmbeddedDatabase.open(undefined, { image: await emptyEmbeddedImage() });
  return { db, schema: freshSchema(prefix), drop: () => db.close() };
}

/** Declares the same suite on the embedded store always, and on PostgreSQL when it is configured. */
export function describeOnBackends(name: string, body: (backend: 'embedded' | 'postgres') => void): void {
  describe(`${name} [embedded]`, () => body('embedded'));
  describePostgres(`${name} [postgres]`, () => body('postgres'));
}
