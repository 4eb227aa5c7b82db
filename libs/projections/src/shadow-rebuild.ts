import { assertSchemaName, type SqlDatabase } from '#event-store';
import type { ProjectionRunner } from './projection-runner.js';

export interface RebuildBesideOptions {
  database: SqlDatabase;
  /** The schema the live read models are in. */
  schema: string;
  /** The runners serving reads now: paused only for the last events and the swap. */
  live: readonly ProjectionRunner[];
  /** The same projections, writing into another schema. */
  runnersIn(schema: string): ProjectionRunner[];
}

/** The schema a rebuild builds the new read models in, beside the live ones. */
export function shadowSchemaOf(schema: string): string {
  return assertSchemaName(`${schema}_rebuild`);
}

/**
 * Rebuilds every read model from the first event without ever serving an empty or half-built one:
 * the new tables are built in a schema beside the live ones while the live ones keep answering
 * (and keep following new events); once the new ones have caught up, the live runners pause, the
 * new ones project the last events, and one transaction moves their tables and checkpoints in place
 * of the old. A reader sees the old read models or the new ones, never a mix and never nothing.
 * Tables of the schema that are not read models (tokens, idempotency keys) are not touched.
 */
export async function rebuildBeside({ database, schema, live, runnersIn }: RebuildBesideOptions): Promise<{ position: bigint }> {
  const target = assertSchemaName(schema);
  const shadow = shadowSchemaOf(target);
  await database.exec(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
  const runners = runnersIn(shadow);
  try {
    for (const runner of runners) {
      await runner.setup();
      await runner.catchUp();
    }
    const wasRunning = live.map((runner) => runner.status().active);
    await Promise.all(live.map((runner) => runner.stop()));
    try {
      for (const runner of runners) await runner.catchUp();
      await database.transaction(async (tx) => {
        const { rows } = await tx.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'checkpoints' ORDER BY table_name`,
          [shadow],
        );
        for (const { name } of rows) {
          const table = assertSchemaName(name);
          await tx.query(`DROP TABLE IF EXISTS ${target}.${table} CASCADE`);
          await tx.query(`ALTER TABLE ${shadow}.${table} SET SCHEMA ${target}`);
        }
        await tx.query(
          `INSERT INTO ${target}.checkpoints (projection, position) SELECT projection, position FROM ${shadow}.checkpoints
           ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position`,
        );
        await tx.query(`DROP SCHEMA ${shadow} CASCADE`);
      });
    } finally {
      live.forEach((runner, i) => {
        if (wasRunning[i]) runner.start();
      });
    }
    return { position: runners.reduce((low, r) => (r.position < low ? r.position : low), runners[0]?.position ?? 0n) };
  } catch (error) {
    await database.exec(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`).catch(() => undefined);
    throw error;
  }
}
