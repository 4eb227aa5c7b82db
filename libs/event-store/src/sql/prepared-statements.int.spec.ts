import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { describePostgres, freshSchema, openEmbedded, openPostgres, type DatabaseUnderTest } from '../../../../test/support/databases.js';

/**
 * `{ prepare: true }` is a speed-up only: a prepared statement answers what the plain one answers,
 * in and out of transactions, and still works once its table is dropped and made again (a rebuild,
 * a test schema made afresh).
 */
function describePrepared(name: string, open: () => Promise<DatabaseUnderTest>, postgres: boolean): void {
  describe(name, () => {
    // One database for the file, a schema of its own per test.
    let database: DatabaseUnderTest;
    let schema: string | null = null;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(async () => database?.drop());
    afterEach(async () => {
      if (schema) await database.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      schema = null;
    });

    async function withTable(): Promise<{ db: DatabaseUnderTest['db']; table: string; create: () => Promise<void> }> {
      const { db } = database;
      const own = (schema = freshSchema('prep'));
      const table = `${own}.things`;
      const create = async () => {
        await db.exec(`CREATE SCHEMA IF NOT EXISTS ${own}; DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id text PRIMARY KEY, n int NOT NULL)`);
        await db.query(`INSERT INTO ${table} VALUES ('a', 1), ('b', 2), ('c', 3)`);
      };
      await create();
      return { db, table, create };
    }

    it('answers as the plain statement does, outside and inside a transaction', async () => {
      const { db, table } = await withTable();
      const sql = `SELECT id, n FROM ${table} WHERE n >= $1 ORDER BY id`;
      const plain = await db.query(sql, [2]);
      expect(plain.rows).toEqual([{ id: 'b', n: 2 }, { id: 'c', n: 3 }]);
      for (let i = 0; i < 7; i += 1) expect(await db.query(sql, [2], { prepare: true })).toEqual(plain);
      expect((await db.query(sql, [3], { prepare: true })).rows).toEqual([{ id: 'c', n: 3 }]);
      const inside = await db.transaction(async (tx) => {
        await tx.query(`UPDATE ${table} SET n = n + 10 WHERE id = $1`, ['a'], { prepare: true });
        return (await tx.query(sql, [11], { prepare: true })).rows;
      });
      expect(inside).toEqual([{ id: 'a', n: 11 }]);
    });

    it('still answers after its table is dropped and made again', async () => {
      const { db, table, create } = await withTable();
      const sql = `SELECT count(*)::int AS count FROM ${table} WHERE n > $1`;
      const count = async () => (await db.transaction((tx) => tx.query<{ count: number }>(sql, [1], { prepare: true }))).rows[0]!.count;
      expect(await count()).toBe(2);
      await create();
      await db.query(`INSERT INTO ${table} VALUES ('d', 4)`);
      expect(await count()).toBe(3);
    });

    if (postgres) {
      it('is parsed once per connection, not at every call', async () => {
        const { db, table } = await withTable();
        const sql = `SELECT n FROM ${table} WHERE id = $1`;
        const prepared = await db.transaction(async (tx) => {
          for (const id of ['a', 'b', 'c', 'a']) await tx.query(sql, [id], { prepare: true });
          return (await tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1`, [sql])).rows[0]!.count;
        });
        expect(prepared).toBe(1);
      });
    }
  });
}

describePrepared('prepared statements on the embedded database', () => openEmbedded('prep'), false);

describePostgres('prepared statements on PostgreSQL', (url) => {
  describePrepared('postgres', () => openPostgres(url, 'prep'), true);
});
