import { describe, expect, it } from '@jest/globals';
import { responseCompliance } from './compliance.js';

describe('response compliance per plan', () => {
  it('counts met, breached and open, judging only the decided ones', () => {
    const reports = [
      { planId: 'pro', status: 'met' as const },
      { planId: 'pro', status: 'met' as const },
      { planId: 'pro', status: 'breached' as const },
      { planId: 'pro', status: 'open' as const },
      { planId: 'basic', status: 'open' as const },
    ];
    expect(responseCompliance(reports)).toEqual([
      { planId: 'basic', reports: 1, met: 0, breached: 0, open: 1, compliance: null },
      // 2 of 3 decided: 66.666… → 66.67
      { planId: 'pro', reports: 4, met: 2, breached: 1, open: 1, compliance: '66.67' },
    ]);
  });

  it('rounds half up and reaches 100.00', () => {
    expect(responseCompliance([{ planId: 'p', status: 'met' }])[0]!.compliance).toBe('100.00');
    const eighths = [...Array(7).fill({ planId: 'p', status: 'met' }), { planId: 'p', status: 'breached' }];
    expect(responseCompliance(eighths)[0]!.compliance).toBe('87.50');
  });
});
