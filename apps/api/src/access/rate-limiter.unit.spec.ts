import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('the rate limiter', () => {
  it('allows a burst of the limit, then refills evenly over the minute', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toMatchObject({ allowed: false });
  });

  it('counts each caller on its own', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('b')).toEqual({ allowed: true });
  });

  it('lets a refused caller in once the time it was told has passed', () => {
    let now = 0;
    const limiter = new RateLimiter(4, () => now);
    for (let i = 0; i < 4; i++) limiter.take('a');
    const refused = limiter.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
  });
});
