/**
 * The little of SQL the stores and read models need, so that PostgreSQL (`pg`) and the embedded
 * PGlite run the same statements.
 */
export interface QueryOptions {
  /**
   * The statement runs again and again with this exact text (a projection's batch statements):
   * PostgreSQL parses and plans it once per connection instead of at every call. Only for statements
   * whose best plan does not depend on the values; the embedded database ignores it.
   */
  prepare?: boolean;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'embedded';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are spliced into SQL, so only plain lower-case identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and _`);
  }
  return schema;
}
