import { describe, expect, it } from '@jest/globals';
import { rankImpacts, runInMonth, subProcessorImpacts, type ImpactCustomer, type ImpactOutage, type ImpactSegment } from './impact.js';

const MIN = 60;
/** Minutes from the start of the day, as epoch seconds of 5 November 2026 (UTC). */
const DAY = Date.UTC(2026, 10, 5) / 1000;
const at = (minutes: number) => DAY + minutes * MIN;
const H = 60;

const outage = (id: string, subProcessorId: string | null, from: number, to: number, extra: Partial<ImpactOutage> = {}): ImpactOutage => ({
  id,
  subProcessorId,
  impact: 'unavailable',
  exclusion: null,
  intervals: [{ start: at(from), end: at(to) }],
  ...extra,
});
const segment = (from: number, to: number, ...outageIds: string[]): ImpactSegment => ({ start: at(from), end: at(to), sources: outageIds.map((id) => ({ kind: 'outage' as const, id })) });
const customer = (customerId: string, amount: number, downtime: ImpactSegment[], currency = 'EUR'): ImpactCustomer => ({
  customerId,
  credit: { amount, currency },
  downtime,
  downtimeSeconds: downtime.reduce((sum, s) => sum + s.end - s.start, 0),
});
const byId = <T extends { subProcessorId: string }>(list: T[]) => Object.fromEntries(list.map((i) => [i.subProcessorId, i]));

describe('what a sub-processor caused in a month', () => {
  it('one 120-minute outage, the whole of the Down Time of a customer whose credit is 538: all 538 at stake', () => {
    // Fee 1,936.80 EUR on pro-rata-downtime over November (30 days = 43,200 min):
    // 193680 × 120 / 43200 = 538 exactly. The outage is the only cause: share 1, 538 × 1 = 538.
    const [equinix] = subProcessorImpacts({
      subProcessorIds: ['equinix'],
      outages: [outage('eq-1', 'equinix', 10 * H, 12 * H)],
      customers: [customer('acme', 538, [segment(10 * H, 12 * H, 'eq-1')])],
    });
    expect(equinix).toEqual({
      subProcessorId: 'equinix',
      minutes: 120,
      customersAffected: 1,
      customerMinutes: 120,
      credits: [{ amount: 538, currency: 'EUR' }],
      outages: [{ id: 'eq-1', minutes: 120, counted: true, customersAffected: 1 }],
      customers: [{ customerId: 'acme', downtimeMinutes: 120, causedMinutes: 120, share: 1, credit: { amount: 538, currency: 'EUR' }, atStake: { amount: 538, currency: 'EUR' } }],
    });
  });

  it('two causes overlapping for an hour share it evenly: 90 + 90 of 180 minutes, 360 + 360 of a 720 credit', () => {
    // equinix 10:00–12:00, aws 11:00–13:00: 10–11 equinix alone (60), 11–12 both (30 each), 12–13 aws alone (60).
    // Each caused 60 + 30 = 90 of the 180 minutes: share 1/2, 720 × 1/2 = 360.
    const impacts = byId(
      subProcessorImpacts({
        subProcessorIds: ['aws', 'equinix'],
        outages: [outage('eq-2', 'equinix', 10 * H, 12 * H), outage('aws-1', 'aws', 11 * H, 13 * H)],
        customers: [customer('beta', 720, [segment(10 * H, 11 * H, 'eq-2'), segment(11 * H, 12 * H, 'aws-1', 'eq-2'), segment(12 * H, 13 * H, 'aws-1')])],
      }),
    );
    for (const id of ['aws', 'equinix']) {
      expect(impacts[id]).toMatchObject({ minutes: 120, customersAffected: 1, customerMinutes: 90, credits: [{ amount: 360, currency: 'EUR' }] });
      expect(impacts[id]!.customers[0]).toMatchObject({ downtimeMinutes: 180, causedMinutes: 90, share: 0.5 });
    }
  });

  it('rounds each customer\'s part half up, once: 807 split in two is 403.5 → 404 each (808 in all, documented)', () => {
    const impacts = byId(
      subProcessorImpacts({
        subProcessorIds: ['aws', 'equinix'],
        outages: [outage('eq-2', 'equinix', 10 * H, 12 * H), outage('aws-1', 'aws', 11 * H, 13 * H)],
        customers: [customer('beta', 807, [segment(10 * H, 11 * H, 'eq-2'), segment(11 * H, 12 * H, 'aws-1', 'eq-2'), segment(12 * H, 13 * H, 'aws-1')])],
      }),
    );
    expect(impacts.equinix!.credits).toEqual([{ amount: 404, currency: 'EUR' }]);
    expect(impacts.aws!.credits).toEqual([{ amount: 404, currency: 'EUR' }]);
  });

  it('counts the provider\'s own outage and a counted maintenance as causes of their own: a third each', () => {
    // 60 minutes of Down Time, all under gcp's outage, an unattributed one and a maintenance that counts:
    // gcp caused 60 / 3 = 20 minutes; credit 100 × 1/3 = 33.33… → 33. An exact third is shown as 0.3333.
    const [gcp] = subProcessorImpacts({
      subProcessorIds: ['gcp'],
      outages: [outage('g-1', 'gcp', 0, 60), outage('own-1', null, 0, 60)],
      customers: [customer('acme', 100, [{ start: at(0), end: at(60), sources: [{ kind: 'outage', id: 'g-1' }, { kind: 'outage', id: 'own-1' }, { kind: 'maintenance', id: 'm-1' }] }])],
    });
    expect(gcp).toMatchObject({ customerMinutes: 20, credits: [{ amount: 33, currency: 'EUR' }] });
    expect(gcp!.customers[0]).toMatchObject({ causedMinutes: 20, share: 0.3333 });
  });

  it('keeps a split that is no whole number of seconds exact until the one rounding', () => {
    // 1 second under 3 causes (gcp one of them) and 2 seconds under gcp alone: gcp caused 1/3 + 2 = 7/3 s
    // of 3 s; credit 9 × 7/9 = 7 exactly (a float would give 6.999…).
    const [gcp] = subProcessorImpacts({
      subProcessorIds: ['gcp'],
      outages: [outage('g-1', 'gcp', 0, 1), outage('a', null, 0, 1), outage('b', null, 0, 1)],
      customers: [
        customer('acme', 9, [
          { start: DAY, end: DAY + 1, sources: [{ kind: 'outage', id: 'a' }, { kind: 'outage', id: 'b' }, { kind: 'outage', id: 'g-1' }] },
          { start: DAY + 1, end: DAY + 3, sources: [{ kind: 'outage', id: 'g-1' }] },
        ]),
      ],
    });
    expect(gcp!.credits).toEqual([{ amount: 7, currency: 'EUR' }]);
    // 7/3 s = 0.0388… min → 0.04
    expect(gcp!.customerMinutes).toBe(0.04);
  });

  it('is one cause however many of its outages overlap; an excluded or degraded outage over the same time is none', () => {
    // 10:00–11:00 under two equinix outages and one classified as customer-caused: equinix alone, 60 of 60.
    const [equinix] = subProcessorImpacts({
      subProcessorIds: ['equinix'],
      outages: [
        outage('eq-a', 'equinix', 10 * H, 11 * H),
        outage('eq-b', 'equinix', 10 * H, 11 * H),
        outage('cust', null, 10 * H, 11 * H, { exclusion: 'customer-environment' }),
        outage('slow', 'equinix', 9 * H, 12 * H, { impact: 'degraded' }),
      ],
      customers: [customer('acme', 250, [segment(10 * H, 11 * H, 'cust', 'eq-a', 'eq-b', 'slow')])],
    });
    expect(equinix).toMatchObject({ minutes: 60, customerMinutes: 60, credits: [{ amount: 250, currency: 'EUR' }] });
    // The degraded outage is listed with its own 180 minutes, but counted false and reaching no one.
    expect(equinix!.outages).toEqual([
      { id: 'eq-a', minutes: 60, counted: true, customersAffected: 1 },
      { id: 'eq-b', minutes: 60, counted: true, customersAffected: 1 },
      { id: 'slow', minutes: 180, counted: false, customersAffected: 0 },
    ]);
  });

  it('gives wall-clock minutes once however many customers it reached, customer minutes per customer, credits per currency', () => {
    // One platform outage 10:00–12:00 reaching acme (EUR, credit 538) and kyoto (JPY, credit 1200),
    // and 11:00–12:30 a second gcp outage: wall clock 10:00–12:30 = 150 minutes.
    const [gcp] = subProcessorImpacts({
      subProcessorIds: ['gcp'],
      outages: [outage('g-1', 'gcp', 10 * H, 12 * H), outage('g-2', 'gcp', 11 * H, 12 * H + 30)],
      customers: [
        customer('acme', 538, [segment(10 * H, 12 * H, 'g-1')]),
        customer('kyoto', 1200, [segment(10 * H, 11 * H, 'g-1'), segment(11 * H, 12 * H, 'g-1', 'g-2'), segment(12 * H, 12 * H + 30, 'g-2')], 'JPY'),
      ],
    });
    expect(gcp).toMatchObject({
      minutes: 150,
      customersAffected: 2,
      // acme 120 + kyoto 150
      customerMinutes: 270,
      credits: [
        { amount: 538, currency: 'EUR' },
        { amount: 1200, currency: 'JPY' },
      ],
    });
    expect(gcp!.outages.map((o) => [o.id, o.customersAffected])).toEqual([['g-1', 2], ['g-2', 1]]);
    expect(gcp!.customers.map((c) => c.customerId)).toEqual(['kyoto', 'acme']);
  });

  it('gives an entry nothing was attributed to a line of zeros', () => {
    expect(subProcessorImpacts({ subProcessorIds: ['intercom'], outages: [], customers: [] })).toEqual([
      { subProcessorId: 'intercom', minutes: 0, customersAffected: 0, customerMinutes: 0, credits: [], outages: [], customers: [] },
    ]);
  });
});

describe('the ranking', () => {
  it('orders by credits currency by currency, then customer minutes, then id', () => {
    const line = (subProcessorId: string, credits: [number, string][], customerMinutes: number) => ({ subProcessorId, credits: credits.map(([amount, currency]) => ({ amount, currency })), customerMinutes });
    const ranked = rankImpacts([
      line('zero', [], 0),
      line('usd-only', [[5000, 'USD']], 10),
      line('eur-small', [[100, 'EUR']], 500),
      line('eur-big-b', [[900, 'EUR']], 30),
      line('eur-big-a', [[900, 'EUR']], 30),
      line('eur-big-more-time', [[900, 'EUR']], 45),
      line('minutes-only', [], 60),
    ]);
    expect(ranked.map((i) => i.subProcessorId)).toEqual(['eur-big-more-time', 'eur-big-a', 'eur-big-b', 'eur-small', 'usd-only', 'minutes-only', 'zero']);
  });
});

describe("an outage's run in the month", () => {
  const november = { start: Date.UTC(2026, 10, 1) / 1000, end: Date.UTC(2026, 11, 1) / 1000 };
  it('clips to the month and runs an open outage up to now', () => {
    expect(runInMonth(november, november.start - 3600, november.start + 3600, 0)).toEqual([{ start: november.start, end: november.start + 3600 }]);
    expect(runInMonth(november, november.end - 60, null, november.end + 999)).toEqual([{ start: november.end - 60, end: november.end }]);
    expect(runInMonth(november, november.end, null, november.end + 60)).toEqual([]);
  });
});
