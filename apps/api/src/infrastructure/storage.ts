import { Logger } from '@nestjs/common';
import {
  DataDirLock,
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

/**
 * Picks the backends from configuration: PostgreSQL if DATABASE_URL, else embedded; EventStoreDB for
 * events if configured. The embedded store's folder is locked before PGlite opens it: a second
 * process on the same folder throws DataDirInUseError instead of ruining it.
 */
export async function openStorage(config: AppConfig, { memoryImage }: { memoryImage?: Blob } = {}): Promise<Storage> {
  let database: SqlDatabase;
  let lock: DataDirLock | null = null;
  if (config.databaseUrl) {
    database = new PostgresDatabase(config.databaseUrl);
  } else if (config.dataDir.startsWith('memory://')) {
    // memory:// keeps everything in memory (tests); anything else is a folder kept across restarts.
    database = await EmbeddedDatabase.open(config.dataDir, { image: memoryImage });
  } else {
    lock = DataDirLock.acquire(config.dataDir, config.dataDirSetting);
    try {
      database = await EmbeddedDatabase.open(config.dataDir);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const events: EventStore = config.eventStoreConnectionString
    ? EsdbEventStore.fromConnectionString(config.eventStoreConnectionString, { warn: (message) => new Logger('EventStoreDB').warn(message) })
    : await SqlEventStore.create(database, { schema: config.eventSchema });
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
  return {
    database,
    events,
    describe: config.eventStoreConnectionString ? `events in EventStoreDB, read models in ${where}` : `events and read models in ${where}`,
    close: async () => {
      try {
        await events.close();
        await database.close();
      } finally {
        lock?.release();
      }
    },
  };
}
