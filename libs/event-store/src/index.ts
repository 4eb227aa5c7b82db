export * from './port.js';
export * from './errors.js';
export * from './sql/sql-database.js';
export { PostgresDatabase, isConnectionError } from './sql/postgres-database.js';
export { EmbeddedDatabase } from './sql/embedded-database.js';
export { SqlEventStore } from './sql/sql-event-store.js';
export { EsdbEventStore } from './esdb/esdb-event-store.js';
