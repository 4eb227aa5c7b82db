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
