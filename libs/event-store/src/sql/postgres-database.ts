import { createHash } from 'node:crypto';
import pg from 'pg';
import { EventStoreUnavailableError } from '../errors.js';
import type { QueryOptions, SqlDatabase, SqlExecutor } from './sql-database.js';

/** Error codes and conditions that mean "the database is not there", as opposed to a bad statement. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export function isConnectionError(error: unknown): boolean {
  // Not `instanceof Error`: socket errors are made by Node's own realm, which a VM context (jest) does not share.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return typeof message === 'string' && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message);
}

function mapError(error: unknown): unknown {
  return isConnectionError(error)
    ? new EventStoreUnavailableError('the PostgreSQL database cannot be reached', { cause: error })
    : error;
}

/** Prepared statements are named after their text, so that one text is prepared once per connection. */
const statementNames = new Map<string, string>();

function statement(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined): pg.QueryConfig {
  if (!options?.prepare) return { text: sql, values: params };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `sla_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      // A network that silently drops packets would otherwise hang a query for ever.
      keepAlive: true,
      query_timeout: 60_000,
    });
    // An idle client that loses its server must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }> {
    try {
      const result = await this.pool.query(statement(sql, params, options));
      return { rows: result.rows as Row[] };
    } catch (error) {
      throw mapError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapError(error);
    }
    const tx: SqlExecutor = {
      query: async <Row>(sql: string, params?: unknown[], options?: QueryOptions) => {
        const result = await client.query(statement(sql, params, options));
        return { rows: result.rows as Row[] };
      },
    };
    let broken: unknown;
    // The pool listens for errors of idle clients only: a connection lost while checked out would
    // otherwise be an unhandled 'error' event, which ends the process.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const value = await work(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      broken ??= isConnectionError(error) ? error : undefined;
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw mapError(error);
    } finally {
      client.off('error', onError);
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
