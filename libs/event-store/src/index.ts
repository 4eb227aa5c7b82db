export * from './port.js';
export * from './errors.js';
export * from './sql/sql-database.js';
export { PostgresDatabase, isConnectionError } from './sql/postgres-database.js';
export { EmbeddedDatabase } from './sql/embedded-database.js';
export { DataDirInUseError, DataDirLock, LOCK_FILE_NAME } from './sql/data-dir-lock.js';
export { SqlEventStore } from './sql/sql-event-store.js';
export { EsdbEventStore, EsdbConnectionStringError } from './esdb/esdb-event-store.js';
