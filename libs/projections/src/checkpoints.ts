import { assertSchemaName, type SqlExecutor } from '#event-store';

export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
  constructor(readonly projection: string) {
    super(`checkpoint of ${projection} moved under this runner: another runner is projecting it`);
  }
}

/** Checkpoints are compare-and-set, written in the read model's own transaction. */
export class Checkpoints {
  readonly schema: string;

  constructor(schema: string) {
    this.schema = assertSchemaName(schema);
  }

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${this.schema}.checkpoints (projection text PRIMARY KEY, position bigint NOT NULL)`,
    );
  }

  async load(db: SqlExecutor, projection: string): Promise<bigint> {
    await db.query(
      `INSERT INTO ${this.schema}.checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING`,
      [projection],
    );
    const { rows } = await db.query<{ position: string }>(
      `SELECT position::text AS position FROM ${this.schema}.checkpoints WHERE projection = $1`,
      [projection],
    );
    return BigInt(rows[0]!.position);
  }

  async advance(tx: SqlExecutor, projection: string, from: bigint, to: bigint): Promise<void> {
    const { rows } = await tx.query(
      `UPDATE ${this.schema}.checkpoints SET position = $3 WHERE projection = $1 AND position = $2 RETURNING projection`,
      [projection, from.toString(), to.toString()],
      { prepare: true },
    );
    if (rows.length !== 1) throw new CheckpointConflictError(projection);
  }

  /**
   * Holds the projection's checkpoint row until `tx` ends and answers it: no batch of that
   * projection commits meanwhile, so the read model stays as it is at that position.
   */
  async lock(tx: SqlExecutor, projection: string): Promise<bigint> {
    await tx.query(`INSERT INTO ${this.schema}.checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING`, [projection]);
    const { rows } = await tx.query<{ position: string }>(
      `SELECT position::text AS position FROM ${this.schema}.checkpoints WHERE projection = $1 FOR UPDATE`,
      [projection],
    );
    return BigInt(rows[0]!.position);
  }

  async reset(tx: SqlExecutor, projection: string): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.schema}.checkpoints (projection, position) VALUES ($1, 0)
       ON CONFLICT (projection) DO UPDATE SET position = 0`,
      [projection],
    );
  }
}
