import { describePostgres, openEmbedded, openPostgres, type DatabaseUnderTest } from '../../../../test/support/databases.js';
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
});
