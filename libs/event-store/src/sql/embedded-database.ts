import { PGlite } from '@electric-sql/pglite';
import type { QueryOptions, SqlDatabase, SqlExecutor } from './sql-database.js';

/**
 * PostgreSQL compiled to WebAssembly, in-process: the zero-setup default. One connection, so
 * statements queue; PGlite serialises transactions itself.
 */
export class EmbeddedDatabase implements SqlDatabase {
  readonly kind = 'embedded' as const;

  private constructor(private readonly db: PGlite) {}

  /**
   * `dataDir` undefined (or `memory://`) keeps everything in memory (tests). `image`, from
   * `emptyImage()`, starts a new database from a copy of an empty one instead of creating it anew,
   * about a third of the time.
   */
  static async open(dataDir?: string, { image }: { image?: Blob } = {}): Promise<EmbeddedDatabase> {
    const db = await PGlite.create(dataDir, image ? { loadDataDir: image } : {});
    return new EmbeddedDatabase(db);
  }

  /** The folder of a new, empty database, as `open` takes it back: uncompressed, since it is read far more often than kept. */
  static async emptyImage(): Promise<Blob> {
    const db = await PGlite.create();
    try {
      await db.exec('CHECKPOINT');
      return await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
  }

  /** `options.prepare` is not used here: PGlite runs each statement as given. */
  async query<Row>(sql: string, params?: unknown[], _options?: QueryOptions): Promise<{ rows: Row[] }> {
    const result = await this.db.query<Row>(sql, params as unknown[]);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params?: unknown[]) => {
          const result = await tx.query<Row>(sql, params as unknown[]);
          return { rows: result.rows };
        },
      }),
    );
  }

  /**
   * The whole folder as a gzipped tar, taken between two statements after a checkpoint: what a
   * clean stop would have left on disk.
   */
  async backup(): Promise<Uint8Array> {
    await this.db.exec('CHECKPOINT');
    const archive = await this.db.dumpDataDir('gzip');
    return new Uint8Array(await archive.arrayBuffer());
  }

  /** Opens a new store in `dataDir` (an empty folder) from a `backup()` archive. */
  static async restore(dataDir: string, archive: Uint8Array): Promise<EmbeddedDatabase> {
    const db = await PGlite.create(dataDir, { loadDataDir: new Blob([archive]) });
    return new EmbeddedDatabase(db);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
