import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertSchemaName, type SqlDatabase } from '#event-store';
import type { AppConfig } from '../../config.js';
import { APP_CONFIG, READ_DATABASE } from '../../infrastructure/tokens.js';

/** What the first request with a key was answered, kept to answer its repeats. */
export interface StoredAnswer {
  status: number;
  /** Exactly as first sent; null for an answer that held a secret, which is never stored. */
  body: unknown;
  headers: Record<string, string>;
  heldSecret: boolean;
}

export type Reservation =
  /** `seed` decides every id the request makes, so that running it again makes the same ones. */
  | { kind: 'reserved'; seed: string }
  /** The same request was started before and never answered (its process died, or its answer was not kept). */
  | { kind: 'unfinished'; seed: string; leaseExpired: boolean }
  | { kind: 'answered'; answer: StoredAnswer }
  | { kind: 'other-request' }
  | { kind: 'in-progress' };

/** A request that has not finished after this long is taken to have died with its process. */
const LEASE_MS = 2 * 60_000;
const PURGE_EVERY_MS = 60_000;

/**
 * Idempotency keys live in the read database beside the read models, but are not one: nothing
 * rebuilds them, and a key is forgotten once its TTL has passed.
 */
@Injectable()
export class IdempotencyStore {
  private readonly table: string;
  private readonly ttlMs: number;
  private lastPurge = 0;

  constructor(
    @Inject(READ_DATABASE) private readonly db: SqlDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.table = `${assertSchemaName(config.readModelSchema)}.idempotency_keys`;
    this.ttlMs = config.idempotencyTtlHours * 3_600_000;
  }

  async setup(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.table.split('.')[0]};
      CREATE TABLE IF NOT EXISTS ${this.table} (
        caller text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL,
        status integer,
        answer text,
        PRIMARY KEY (caller, key)
      );
      ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS seed text;
      CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON ${this.table} (created_at)`);
  }

  /**
   * Claims the key for this request (with a new seed), unless a claim exists: then says what it was.
   * A claim outlives the request's process: a retry of a request that never got its answer finds it
   * unfinished, with the seed the first run used.
   */
  async reserve(caller: string, key: string, fingerprint: string, now = Date.now()): Promise<Reservation> {
    await this.purge(now);
    // A claim that vanished between the two statements (released by a failed request) is claimed again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const seed = randomUUID();
      const { rows: claimed } = await this.db.query(
        `INSERT INTO ${this.table} AS k (caller, key, fingerprint, created_at, seed) VALUES ($1, $2, $3, $4, $6)
         ON CONFLICT (caller, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, created_at = EXCLUDED.created_at, status = NULL, answer = NULL, seed = EXCLUDED.seed
         WHERE k.created_at < $5
         RETURNING caller`,
        [caller, key, fingerprint, new Date(now).toISOString(), new Date(now - this.ttlMs).toISOString(), seed],
      );
      if (claimed.length === 1) return { kind: 'reserved', seed };
      const { rows } = await this.db.query<{ fingerprint: string; status: number | null; answer: string | null; seed: string | null; created_at: Date | string }>(
        `SELECT fingerprint, status, answer, seed, created_at FROM ${this.table} WHERE caller = $1 AND key = $2`,
        [caller, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.fingerprint !== fingerprint) return { kind: 'other-request' };
      if (row.status === null || row.answer === null) {
        // A claim from before seeds were kept made its ids at random: it cannot be rerun safely.
        if (row.seed === null) return { kind: 'in-progress' };
        return { kind: 'unfinished', seed: row.seed, leaseExpired: new Date(row.created_at).getTime() < now - LEASE_MS };
      }
      return { kind: 'answered', answer: { status: row.status, ...(JSON.parse(row.answer) as Omit<StoredAnswer, 'status'>) } };
    }
    return { kind: 'in-progress' };
  }

  async complete(caller: string, key: string, answer: StoredAnswer): Promise<void> {
    const { status, ...rest } = answer;
    await this.db.query(`UPDATE ${this.table} SET status = $3, answer = $4 WHERE caller = $1 AND key = $2`, [caller, key, status, JSON.stringify(rest)]);
  }

  /** A request that was refused wrote nothing, so its key may be used again for a retry. */
  async release(caller: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE caller = $1 AND key = $2 AND status IS NULL`, [caller, key]);
  }

  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.db.query(`DELETE FROM ${this.table} WHERE created_at < $1`, [new Date(now - this.ttlMs).toISOString()]);
  }
}
