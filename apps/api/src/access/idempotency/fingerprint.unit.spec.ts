import { describe, expect, it } from '@jest/globals';
import { requestFingerprint } from './fingerprint.js';

describe('the request fingerprint of an Idempotency-Key', () => {
  it('ignores the order of object keys, at every depth', () => {
    expect(requestFingerprint('POST', '/outages', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(requestFingerprint('POST', '/outages', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  });

  it('tells apart bodies, array orders, URLs and methods', () => {
    const base = requestFingerprint('POST', '/outages', { regions: ['fra', 'sin'] });
    expect(requestFingerprint('POST', '/outages', { regions: ['sin', 'fra'] })).not.toBe(base);
    expect(requestFingerprint('POST', '/outages/x/end', { regions: ['fra', 'sin'] })).not.toBe(base);
    expect(requestFingerprint('PUT', '/outages', { regions: ['fra', 'sin'] })).not.toBe(base);
    expect(requestFingerprint('POST', '/outages', { regions: ['fra', 'sin'], extra: null })).not.toBe(base);
  });

  it('treats a missing body as an empty one', () => {
    expect(requestFingerprint('POST', '/maintenances/m/cancel', undefined)).toBe(requestFingerprint('POST', '/maintenances/m/cancel', null));
  });
});
