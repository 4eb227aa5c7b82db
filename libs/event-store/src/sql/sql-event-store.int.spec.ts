import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { describePostgres, openEmbedded, openPostgres, type DatabaseUnderTest } from '../../../../test/support/databases.js';
import type { RecordedEvent } from '../port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { SqlEventStore } from './sql-event-store.js';

async function storeOn(database: DatabaseUnderTest) {
  const store = await SqlEventStore.create(database.db, { schema: database.schema, pollIntervalMs: 50 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}

describeEventStoreContract('embedded (PGlite)', async () => storeOn(await openEmbedded('es')));

describePostgres('PostgreSQL event store', (url) => {
  describeEventStoreContract('postgres', async () => storeOn(await openPostgres(url, 'es')));

  describe('an append that commits after a later one', () => {
    let database: DatabaseUnderTest;
    let store: SqlEventStore;
    let writer: pg.Client;
    beforeAll(async () => {
      database = await openPostgres(url, 'es');
      store = await SqlEventStore.create(database.db, { schema: database.schema, pollIntervalMs: 50 });
      writer = new pg.Client({ connectionString: url });
      await writer.connect();
    });
    afterAll(async () => {
      await writer?.end();
      await store?.close();
      await database?.drop();
    });

    it('is never read past: readAll holds back the later event until the earlier transaction ends, then gives both in position order', async () => {
      const head = await store.headPosition();
      const metadata = { actor: 'contract-suite', correlationId: randomUUID(), causationId: null, occurredAt: '2026-10-05T10:00:00.000Z', schemaVersion: 1 };
      // A second connection takes the lower position and keeps its transaction open.
      await writer.query('BEGIN');
      await writer.query(`SELECT * FROM ${database.schema}.append_events($1, -1, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])`, ['slow', [randomUUID()], ['Slow'], [{}], [metadata]]);
      const later = await store.append('fast', [{ id: randomUUID(), type: 'Fast', data: {}, metadata }], 'no-stream');
      // Had the reader been given the later event now, its checkpoint would pass the earlier one for good.
      const mine = (events: RecordedEvent[]) => events.filter((e) => e.stream === 'slow' || e.stream === 'fast');
      expect(mine(await store.readAll(head, 100))).toEqual([]);
      await writer.query('COMMIT');
      const both = mine(await store.readAll(head, 100));
      expect(both.map((e) => e.type)).toEqual(['Slow', 'Fast']);
      expect(both[1]!.position).toBe(later.position);
      expect(both[0]!.position < both[1]!.position).toBe(true);
    });
  });
});
