import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DESCRIBED_EVENT_TYPES, describeEvent } from './describe-event.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [join(dir, entry.name)] : [],
  );
}

describe('timeline sentences', () => {
  it('has a sentence for every event type the deciders declare', () => {
    const declared = new Set(sources(join(import.meta.dirname, '..')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/type: '([A-Z][A-Za-z]+)'; data/g)].map((m) => m[1]!)));
    expect(declared.size).toBeGreaterThan(20);
    expect([...declared].filter((type) => !DESCRIBED_EVENT_TYPES.includes(type))).toEqual([]);
  });

  it('says what happened in words', () => {
    expect(describeEvent('OutageCorrected', { outageId: 'o1', startedAt: '2026-10-05T10:00:00Z', endedAt: '2026-10-05T11:00:00Z', reason: 'monitoring lagged', previous: { startedAt: '2026-10-05T10:00:00Z', endedAt: '2026-10-05T11:30:00Z' } })).toBe(
      'Outage o1 corrected to 2026-10-05T10:00:00Z – 2026-10-05T11:00:00Z (was 2026-10-05T10:00:00Z – 2026-10-05T11:30:00Z): monitoring lagged.',
    );
    expect(describeEvent('CreditGranted', { month: '2026-10', amount: { amount: 941, currency: 'EUR' }, reason: null })).toBe('Service Credit for 2026-10 granted: 9.41 EUR.');
    expect(describeEvent('OutageClassified', { outageId: 'o1', exclusion: 'force-majeure', reason: 'flood' })).toBe('Outage o1 classified as force-majeure, excluded from Down Time: flood.');
  });
});

describe('amounts in sentences', () => {
  it("print in the currency's own digits", () => {
    expect(describeEvent('CreditGranted', { month: '2026-10', amount: { amount: 300000, currency: 'JPY' }, reason: null })).toBe('Service Credit for 2026-10 granted: 300,000 JPY.');
    expect(describeEvent('CreditGranted', { month: '2026-10', amount: { amount: 1234, currency: 'KWD' }, reason: null })).toBe('Service Credit for 2026-10 granted: 1.234 KWD.');
  });
});
