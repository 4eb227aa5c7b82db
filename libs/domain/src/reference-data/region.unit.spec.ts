import { describe, it } from '@jest/globals';
import { specFor } from '../testing/decider-spec.js';
import { regionDecider, type Region } from './region.js';

const spec = specFor(regionDecider, { now: '2026-10-01T00:00:00Z' });
const fra: Region = { id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' };

describe('region rules', () => {
  it('registers a region with its infrastructure sub-processor (R15)', () => {
    spec([]).when({ type: 'RegisterRegion', region: fra }).then([{ type: 'RegionRegistered', data: fra }]);
  });

  it('registers a region without a provider', () => {
    const sin = { id: 'sin', name: 'Singapore', provider: null };
    spec([]).when({ type: 'RegisterRegion', region: sin }).then([{ type: 'RegionRegistered', data: sin }]);
  });

  it('refuses to register the same region twice', () => {
    spec([{ type: 'RegionRegistered', data: fra }]).when({ type: 'RegisterRegion', region: { ...fra, name: 'Frankfurt 2' } }).thenRefused('conflict', /region fra is already registered/);
  });
});
