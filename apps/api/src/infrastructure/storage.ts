import { mkdirSync } from 'node:fs';
import {
  EmbeddedDatabase,
  EsdbEventStore,
  PostgresDatabase,
  SqlEventStore,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import type { AppConfig } from '../config.js';

export interface Storage {
  /** Where read models (and, unless EventStoreDB is configured, events) live. */
  database: SqlDatabase;
  events: EventStore;
  describe: string;
  close(): Promise<void>;
}

/** Picks the backends from configuration: PostgreSQL if DATABASE_URL, else embedded; EventStoreDB for events if configured. */
export async function openStorage(config: AppConfig): Promise<Storage> {
  let database: SqlDatabase;
  if (config.databaseUrl) {
    database = new PostgresDatabase(config.databaseUrl);
  } else {
    // memory:// keeps everything in memory (tests); anything else is a folder kept across restarts.
    if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
    database = await EmbeddedDatabase.open(config.dataDir);
  }
  const events: EventStore = config.eventStoreConnectionString
    ? EsdbEventStore.fromConnectionString(config.eventStoreConnectionString)
    : await SqlEventStore.create(database, { schema: config.eventSchema });
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
  return {
    database,
    events,
    describe: config.eventStoreConnectionString ? `events in EventStoreDB, read models in ${where}` : `events and read models in ${where}`,
    close: async () => {
      await events.close();
      await database.close();
    },
  };
}
