import { describe, expect, it } from '@jest/globals';
import {
  billingDecider,
  customerDecider,
  emergencyMaintenanceDecider,
  foldEvents,
  maintenanceDecider,
  outageDecider,
  parseStream,
  planDecider,
  regionDecider,
  subProcessorDecider,
  toEpochSeconds,
  type CalendarConfig,
  type Decider,
} from '#domain';
import type { ListedSubProcessor } from './sub-processor-lists.js';
import { generateWorld, worldMonths, type WorldStream } from './world.js';

const now = new Date('2026-12-02T22:00:00.000Z');
const CALENDAR: CalendarConfig = { billingTimeZone: 'UTC', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' };
const REGISTER: ListedSubProcessor[] = [
  { id: 'demo-equinix-metal', legalName: 'Equinix Metal', type: 'infrastructure', purpose: 'Hosting', location: 'Germany', platform: false, regions: [], dataCategories: [], aliases: [] },
];

type Data = Record<string, unknown>;
const of = (world: WorldStream[], prefix: string) => world.filter((s) => s.stream.startsWith(prefix));
const events = (world: WorldStream[], type: string) => world.flatMap((s) => s.events.filter((e) => e.type === type).map((e) => e.data as Data));

// Deciders by stream kind, to replay a stream's events through `evolve` (what the command runner folds before deciding).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DECIDERS: Record<string, Decider<any, any, any>> = {
  region: regionDecider,
  plan: planDecider,
  subProcessor: subProcessorDecider,
  outage: outageDecider,
  maintenance: maintenanceDecider(CALENDAR),
  emergencyMaintenance: emergencyMaintenanceDecider,
  customer: customerDecider,
  billing: billingDecider,
};

describe('generateWorld', () => {
  it('is the same world for the same seed, another for another seed', () => {
    expect(generateWorld(7, 50, now)).toEqual(generateWorld(7, 50, now));
    expect(generateWorld(8, 50, now)).not.toEqual(generateWorld(7, 50, now));
  });

  it('has 4 regions, 3 plans and N customers onboarded in September 2026, some changing plan', () => {
    const world = generateWorld(1, 200, now);
    expect(of(world, 'region-')).toHaveLength(4);
    expect(of(world, 'plan-')).toHaveLength(3);
    const customers = of(world, 'customer-');
    expect(customers).toHaveLength(200);
    for (const c of customers) {
      const onboarded = c.events[0]!.data as { activeFrom: string };
      expect(c.events[0]!.type).toBe('CustomerOnboarded');
      expect(onboarded.activeFrom >= '2026-09-01T00:00:00Z' && onboarded.activeFrom < '2026-10-01T00:00:00Z').toBe(true);
    }
    const changes = customers.filter((c) => c.events.some((e) => e.type === 'CustomerPlanChanged')).length;
    expect(changes).toBeGreaterThan(10);
    expect(changes).toBeLessThan(80);
  });

  it('takes the three months before now in the billing zone', () => {
    expect(worldMonths(now, 'UTC').map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    // 2026-12-01T00:30 in Tokyo is still November in UTC.
    expect(worldMonths(new Date('2026-11-30T16:00:00Z'), 'Asia/Tokyo').map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(worldMonths(new Date('2026-01-15T00:00:00Z'), 'UTC').map((m) => m.month)).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('has outages platform-wide and regional, two across a month boundary, all ended before the current month', () => {
    const world = generateWorld(3, 20, now, { calendar: CALENDAR, subProcessors: REGISTER });
    const started = events(world, 'OutageStarted');
    const ended = new Map(events(world, 'OutageEnded').map((e) => [e.outageId, e.endedAt as string]));
    // 5 a month and one across each of the two boundaries inside the window.
    expect(started).toHaveLength(17);
    expect(started.filter((o) => (o.scope as { kind: string }).kind === 'platform')).toHaveLength(4);
    expect(started.filter((o) => (o.scope as { kind: string }).kind === 'regions')).toHaveLength(13);
    expect(started.filter((o) => o.impact === 'degraded')).toHaveLength(3);
    expect(started.filter((o) => o.subProcessor === 'demo-equinix-metal')).toHaveLength(3);
    expect(events(world, 'OutageClassified')).toHaveLength(1);
    const crossing = started.filter((o) => {
      const from = (o.startedAt as string).slice(0, 7);
      const to = ended.get(o.outageId)!.slice(0, 7);
      return from !== to;
    });
    expect(crossing.map((o) => [(o.scope as { kind: string }).kind, (o.startedAt as string).slice(0, 7), ended.get(o.outageId)!.slice(0, 7)])).toEqual([
      ['platform', '2026-09', '2026-10'],
      ['regions', '2026-10', '2026-11'],
    ]);
    for (const o of started) {
      expect((o.startedAt as string) >= '2026-09-01T00:00:00Z').toBe(true);
      expect(ended.get(o.outageId)! < '2026-12-01T00:00:00Z').toBe(true);
    }
  });

  it('has scheduled maintenances noticed ahead (one a month accepted as Down Time) and one emergency maintenance a month', () => {
    const world = generateWorld(3, 20, now, { calendar: CALENDAR });
    const scheduled = events(world, 'MaintenanceScheduled');
    expect(scheduled).toHaveLength(12);
    const notices = events(world, 'MaintenanceNoticeSent');
    // One at scheduling for each, and a reminder for one a month.
    expect(notices).toHaveLength(15);
    for (const n of notices) expect(toEpochSeconds(n.sentAt as string)).toBeLessThan(toEpochSeconds((n.window as { start: string }).start));
    // The reminders go out two days ahead, after a notice in time; of the first notices, one a month is late.
    const first = notices.filter((n) => (n.evidence as string).startsWith('notice-'));
    expect(first).toHaveLength(12);
    expect(first.filter((n) => n.inTime === false).map((n) => n.maintenanceId)).toEqual(['m004', 'm008', 'm012']);
    expect(scheduled.filter((m) => m.acceptedAsDowntime === true)).toHaveLength(3);
    expect(scheduled.filter((m) => (m.scope as { kind: string }).kind === 'platform')).toHaveLength(3);
    expect(events(world, 'MaintenanceCompleted')).toHaveLength(12);
    const emergencies = events(world, 'EmergencyMaintenanceStarted');
    expect(emergencies.map((e) => (e.startedAt as string).slice(0, 7))).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(events(world, 'EmergencyMaintenanceEnded')).toHaveLength(3);
  });

  it('bills every customer each month in its currency and has credit requests for months with Down Time', () => {
    const world = generateWorld(5, 300, now, { calendar: CALENDAR });
    const billing = of(world, 'billing-');
    expect(billing).toHaveLength(300);
    const invoices = events(world, 'InvoiceIssued');
    expect(invoices).toHaveLength(900);
    const fees = new Map(events(world, 'CustomerOnboarded').map((c) => [c.customerId, c.monthlyFee]));
    for (const i of invoices) expect(i.amount).toEqual(fees.get(i.customerId));
    expect(new Set(invoices.map((i) => i.month))).toEqual(new Set(['2026-09', '2026-10', '2026-11']));
    const paid = events(world, 'InvoicePaid');
    expect(paid.length).toBeGreaterThan(600);
    for (const p of paid) expect(p.paidAt as string <= '2026-12-02T22:00:00Z').toBe(true);
    const dueAt = new Map(invoices.map((i) => [i.invoiceId, i.dueAt as string]));
    expect(paid.filter((p) => p.paidAt as string > dueAt.get(p.invoiceId as string)!).length).toBeGreaterThan(0);
    const requests = events(world, 'CreditRequested');
    expect(requests.length).toBeGreaterThan(50);
    for (const r of requests) expect(r.requestedAt as string >= `${r.month as string}-01T00:00:00Z`).toBe(true);
  });

  it('is made of events the deciders accept, recorded at now, for other seeds, dates and calendars too', () => {
    const cases: [number, Date, CalendarConfig][] = [
      [1, now, CALENDAR],
      [2, new Date('2026-12-01T00:00:00Z'), CALENDAR],
      [3, new Date('2026-04-10T08:00:00Z'), { billingTimeZone: 'Europe/Paris', legalTimeZone: 'Europe/Paris', holidayCountry: 'FR' }],
      [4, new Date('2027-01-05T08:00:00Z'), { billingTimeZone: 'America/New_York', legalTimeZone: 'America/New_York', holidayCountry: 'US' }],
    ];
    for (const [seed, at, calendar] of cases) {
      // Generating runs every command through its decider: a refusal would throw here.
      const world = generateWorld(seed, 100, at, { calendar, subProcessors: REGISTER });
      const recordTime = Math.floor(at.getTime() / 1000);
      for (const { stream, events: list } of world) {
        const kind = parseStream(stream)!.kind;
        expect(list.length).toBeGreaterThan(0);
        // Every stream folds without a gap: the state the command runner would read back.
        expect(foldEvents(DECIDERS[kind]!, list)).not.toBeNull();
      }
      const facts = [...events(world, 'OutageEnded').map((e) => e.endedAt), ...events(world, 'MaintenanceCompleted').map((e) => e.at), ...events(world, 'EmergencyMaintenanceEnded').map((e) => e.endedAt)];
      const monthEnd = worldMonths(at, calendar.billingTimeZone)[2]!.end;
      for (const f of facts) expect(toEpochSeconds(f as string)).toBeLessThanOrEqual(monthEnd);
      const recorded = [...events(world, 'InvoicePaid').map((e) => e.paidAt), ...events(world, 'CreditRequested').map((e) => e.requestedAt), ...events(world, 'MaintenanceNoticeSent').map((e) => e.sentAt)];
      for (const r of recorded) expect(toEpochSeconds(r as string)).toBeLessThanOrEqual(recordTime);
    }
  });
});
