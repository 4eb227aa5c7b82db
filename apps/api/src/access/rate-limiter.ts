interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per caller: `perMinute` requests in a burst, refilled evenly over the minute, so a
 * steady client at the limit is never refused. Kept in this process's memory: each instance of the
 * API counts on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(caller: string): RateDecision {
    const now = this.now();
    const previous = this.buckets.get(caller);
    const tokens = previous ? Math.min(this.perMinute, previous.tokens + (now - previous.updatedAt) * this.perMs) : this.perMinute;
    if (tokens < 1) {
      this.buckets.set(caller, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(caller, { tokens: tokens - 1, updatedAt: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return { allowed: true };
  }

  /** A full bucket is the same as no bucket: dropping them bounds memory by the callers of the last minute. */
  private forgetFull(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.perMinute) this.buckets.delete(caller);
    }
  }
}

/** What the access guard asks before each request of an authenticated caller. */
export interface RequestLimiter {
  take(caller: string): Promise<RateDecision>;
}

/** One process's own buckets: enough when one process serves the API (the embedded store). */
export class InMemoryRequestLimiter implements RequestLimiter {
  private readonly limiter: RateLimiter;
  constructor(perMinute: number, now: () => number = Date.now) {
    this.limiter = new RateLimiter(perMinute, now);
  }
  async take(caller: string): Promise<RateDecision> {
    return this.limiter.take(caller);
  }
}

interface SqlRunner {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * The same token bucket kept in the database, so that every API process sharing it counts one
 * caller's requests together: one statement per request takes a token if the refilled bucket has one.
 */
export class SharedRequestLimiter implements RequestLimiter {
  private readonly perMs: number;
  private lastPurge = 0;

  constructor(
    private readonly db: SqlRunner,
    private readonly table: string,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  async setup(): Promise<void> {
    // Unlogged: a bucket is worth nothing after a crash (a full bucket is the same as none), and
    // every request updates its caller's row, so a commit that waits for the disk would queue one
    // caller's concurrent requests behind each other's flushes.
    await this.db.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${this.table} (caller text PRIMARY KEY, tokens double precision NOT NULL, updated_at bigint NOT NULL)`);
    const { rows } = await this.db.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE oid = $1::regclass`, [this.table]);
    if (rows[0]?.relpersistence === 'p') await this.db.query(`ALTER TABLE ${this.table} SET UNLOGGED`);
  }

  async take(caller: string): Promise<RateDecision> {
    const now = this.now();
    await this.purge(now);
    const refilled = `LEAST($2::double precision, b.tokens + GREATEST(0, $3::bigint - b.updated_at) * $4::double precision)`;
    const { rows } = await this.db.query(
      `INSERT INTO ${this.table} AS b (caller, tokens, updated_at) VALUES ($1, $2::double precision - 1, $3::bigint)
       ON CONFLICT (caller) DO UPDATE SET tokens = ${refilled} - 1, updated_at = GREATEST(b.updated_at, $3::bigint)
       WHERE ${refilled} >= 1
       RETURNING tokens`,
      [caller, this.perMinute, now, this.perMs],
    );
    if (rows.length > 0) return { allowed: true };
    const { rows: buckets } = await this.db.query<{ tokens: number; updated_at: string }>(`SELECT tokens, updated_at::text AS updated_at FROM ${this.table} WHERE caller = $1`, [caller]);
    const bucket = buckets[0];
    const tokens = bucket ? Math.min(this.perMinute, Number(bucket.tokens) + Math.max(0, now - Number(bucket.updated_at)) * this.perMs) : 0;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  /** A bucket untouched for a minute is full again: the same as no bucket. */
  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.db.query(`DELETE FROM ${this.table} WHERE updated_at < $1::bigint`, [now - 60_000]);
  }
}
