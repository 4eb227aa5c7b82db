import {
  billingDecider,
  customerDecider,
  DEFAULT_CALENDAR,
  emergencyMaintenanceDecider,
  formatMonth,
  fromEpochSeconds,
  maintenanceDecider,
  monthOf,
  monthRange,
  outageDecider,
  parseMonth,
  planDecider,
  regionDecider,
  streams,
  subProcessorDecider,
  toEpochSeconds,
  toUtc,
  type CalendarConfig,
  type CommandContext,
  type Decider,
  type Impact,
  type Month,
  type Plan,
  type Region,
  type Scope,
} from '#domain';
import type { ListedSubProcessor } from './sub-processor-lists.js';

/** Events for one stream, in order, exactly as the product's deciders produce them. */
export interface WorldStream {
  stream: string;
  events: { type: string; data: unknown }[];
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same world. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function previousMonth(month: Month): Month {
  const { year, month: m } = parseMonth(month);
  return formatMonth(m === 1 ? { year: year - 1, month: 12 } : { year, month: m - 1 });
}

/** The three calendar months (billing zone) before the month of `now`, oldest first, with their bounds in epoch seconds. */
export function worldMonths(now: Date, billingTimeZone: string): { month: Month; start: number; end: number }[] {
  const current = monthOf(Math.floor(now.getTime() / 1000), billingTimeZone);
  const months = [previousMonth(previousMonth(previousMonth(current))), previousMonth(previousMonth(current)), previousMonth(current)];
  return months.map((month) => ({ month, ...monthRange(month, billingTimeZone) }));
}

export const WORLD_REGIONS: readonly Region[] = [
  { id: 'fra', name: 'Frankfurt', provider: 'Equinix Metal' },
  { id: 'par', name: 'Paris', provider: 'Amazon Web Services' },
  { id: 'was', name: 'Washington, D.C.', provider: 'IBM Cloud' },
  { id: 'sin', name: 'Singapore', provider: 'Amazon Web Services' },
];

export const WORLD_PLANS: readonly (Plan & { fee: { amount: number; currency: string } })[] = [
  { id: 'starter', name: 'Starter', availabilityTarget: '99.5', creditPolicy: { kind: 'pro-rata-downtime' }, responseTimeMinutes: 1440, supportHours: 'always', supportChannels: ['email'], fee: { amount: 2_900, currency: 'EUR' } },
  { id: 'business', name: 'Business', availabilityTarget: '99.9', creditPolicy: { kind: 'tiers', tiers: [{ below: '99.9', percent: 10 }, { below: '99', percent: 25 }] }, responseTimeMinutes: 240, supportHours: 'always', supportChannels: ['email', 'chat'], fee: { amount: 49_900, currency: 'USD' } },
  { id: 'enterprise', name: 'Enterprise', availabilityTarget: '99.95', creditPolicy: { kind: 'pro-rata-shortfall' }, responseTimeMinutes: 60, supportHours: 'always', supportChannels: ['email', 'chat', 'phone'], fee: { amount: 300_000, currency: 'JPY' } },
];

/** Runs commands through a decider as the product's command runner does: decide on the folded state, then evolve. */
function run<C, E extends { type: string; data: unknown }, S>(decider: Decider<C, E, S>, commands: C[], context: CommandContext): E[] {
  let state = decider.initialState;
  const out: E[] = [];
  for (const command of commands) {
    const events = decider.decide(command, state, context);
    for (const e of events) state = decider.evolve(state, e);
    out.push(...events);
  }
  return out;
}


export interface WorldOptions {
  /** The deployment's calendars: months in the billing zone, notice working days in the legal zone. */
  calendar?: CalendarConfig;
  /** Published sub-processors, registered at the window's start; some outages name one as their cause. */
  subProcessors?: readonly ListedSubProcessor[];
}

const HOUR = 3_600;
const DAY = 86_400;

/** An incident as the customers' streams need it: who it reaches, when, and whether it is Down Time. */
interface Incident {
  scope: Scope;
  start: number;
  end: number;
  downtime: boolean;
}

function reaches(incident: Incident, regions: readonly string[]): boolean {
  return incident.scope.kind === 'platform' || (incident.scope.kind === 'regions' && incident.scope.regions.some((r) => regions.includes(r)));
}

/**
 * worldStreams(seed, customers, now, options) yields the world's streams one by one, so a writer can
 * append them in batches without holding the whole world; `generateWorld` collects them.
 *
 * Over the three calendar months (billing zone) before `now`'s month:
 *  - the 4 regions, the 3 plans (EUR, USD, JPY) and the register, at the window's start;
 *  - per month one platform-wide outage and four regional ones (some degraded, one classified as an
 *    exclusion, one naming a sub-processor when the register has any); a platform-wide outage across
 *    the first month boundary and a regional one across the second;
 *  - per month three scheduled maintenances (one platform-wide) noticed 10 days ahead, one of them
 *    overrunning its window, plus one noticed the day before and accepted as Down Time; one with a
 *    second notice; one emergency maintenance on a region;
 *  - the customers, onboarded in the first month, a fifth changing plan later;
 *  - per customer its invoices (one a month, due 14 days after the month, paid by most, a few late)
 *    and credit requests for some of the months in which an outage reached it.
 * All incidents end before the current month starts. Every command goes through the product's
 * decider with `now` as its record time, so every event is one the commands would accept now.
 */
export function* worldStreams(seed: number, customers: number, now: Date, options: WorldOptions = {}): Generator<WorldStream> {
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const subProcessors = options.subProcessors ?? [];
  const random = rng(seed);
  const between = (from: number, to: number) => from + Math.floor(random() * (to - from));
  const minuteBetween = (from: number, to: number) => Math.floor(between(from, to) / 60) * 60;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const iso = fromEpochSeconds;
  const months = worldMonths(now, calendar.billingTimeZone);
  const start = months[0]!.start;
  const end = months[2]!.end;
  const nowSeconds = toEpochSeconds(toUtc(now.toISOString()));
  if (nowSeconds < end) throw new RangeError(`now ${now.toISOString()} is before the end of the world's last month`);
  const context: CommandContext = { now: iso(nowSeconds) };
  const regionIds = WORLD_REGIONS.map((r) => r.id);

  for (const region of WORLD_REGIONS) yield { stream: streams.region(region.id), events: run(regionDecider, [{ type: 'RegisterRegion', region }], context) };
  for (const { fee: _fee, ...plan } of WORLD_PLANS) yield { stream: streams.plan(plan.id), events: run(planDecider, [{ type: 'DefinePlan', plan }], context) };
  for (const { id, ...fields } of subProcessors) {
    yield { stream: streams.subProcessor(id), events: run(subProcessorDecider, [{ type: 'RegisterSubProcessor', subProcessorId: id, effectiveAt: iso(start), reason: 'published list', fields }], context) };
  }

  // Outages.
  const out: WorldStream[] = [];
  const incidents: Incident[] = [];
  let outages = 0;
  const outage = (scope: Scope, impact: Impact, from: number, to: number, title: string, extra: { exclusion?: boolean; subProcessor?: string | null } = {}): WorldStream => {
    const id = `o${String(++outages).padStart(3, '0')}`;
    const commands: Parameters<typeof outageDecider.decide>[0][] = [
      { type: 'StartOutage', outageId: id, scope, impact, title, startedAt: iso(from), subProcessor: extra.subProcessor ?? null },
      { type: 'EndOutage', outageId: id, endedAt: iso(to) },
    ];
    if (extra.exclusion) commands.push({ type: 'ClassifyOutage', outageId: id, exclusion: 'internet-network', reason: 'root cause analysis: a transit provider outside the platform' });
    incidents.push({ scope, start: from, end: to, downtime: impact === 'unavailable' && !extra.exclusion });
    return { stream: streams.outage(id), events: run(outageDecider, commands, context) };
  };
  const regionsScope = (): Scope => {
    const first = pick(regionIds);
    if (random() < 0.2) {
      const second = pick(regionIds.filter((r) => r !== first));
      return { kind: 'regions', regions: [first, second] };
    }
    return { kind: 'regions', regions: [first] };
  };
  const named = (scope: Scope) => (scope.kind === 'regions' ? scope.regions.map((r) => WORLD_REGIONS.find((w) => w.id === r)!.name).join(' and ') : 'platform');
  months.forEach((m, k) => {
    // Leave the month's last day to the outage across the boundary.
    const at = (length: number) => {
      const from = minuteBetween(m.start + HOUR, m.end - DAY - length);
      return [from, from + length] as const;
    };
    const [pFrom, pTo] = at(60 * between(10, 46));
    out.push(outage({ kind: 'platform' }, 'unavailable', pFrom, pTo, 'API gateway unavailable everywhere'));
    for (let n = 0; n < 4; n++) {
      const scope = regionsScope();
      const impact: Impact = n === 1 ? 'degraded' : 'unavailable';
      const [from, to] = at(60 * between(5, 91));
      const subProcessor = n === 2 && subProcessors.length > 0 ? pick(subProcessors).id : null;
      const title = `${named(scope)}: ${impact === 'degraded' ? 'slow responses' : 'service unavailable'}`;
      out.push(outage(scope, impact, from, to, title, { exclusion: n === 3 && k === 1, subProcessor }));
    }
    if (k < 2) {
      // Across the boundary into the next month: 10–50 minutes before, 20–80 minutes after.
      const from = m.end - 60 * between(10, 51);
      const to = m.end + 60 * between(20, 81);
      out.push(k === 0 ? outage({ kind: 'platform' }, 'unavailable', from, to, 'database failover at midnight') : outage(regionsScope(), 'unavailable', from, to, 'storage unavailable at midnight'));
    }
  });
  yield* out.splice(0);

  // Scheduled maintenances: windows at night, 1–3 hours.
  const maintenance = maintenanceDecider(calendar);
  let maintenances = 0;
  for (const [k, m] of months.entries()) {
    for (let n = 0; n < 4; n++) {
      const id = `m${String(++maintenances).padStart(3, '0')}`;
      const scope: Scope = n === 0 ? { kind: 'platform' } : regionsScope();
      const day = Math.floor(between(m.start + 2 * DAY, m.end - 2 * DAY) / DAY) * DAY;
      const windowStart = day + 2 * HOUR;
      const length = HOUR * between(1, 4);
      const window = { start: iso(windowStart), end: iso(windowStart + length) };
      const late = n === 3;
      // Ten days ahead always leaves the contract's working days; the day before never does.
      const noticeSentAt = late ? windowStart - DAY : windowStart - 10 * DAY;
      const commands: Parameters<typeof maintenance.decide>[0][] = [
        { type: 'ScheduleMaintenance', maintenanceId: id, scope, title: `${named(scope)}: ${late ? 'urgent' : 'planned'} database upgrade`, window, noticeSentAt: iso(noticeSentAt), acceptAsDowntime: late, evidence: `notice-${id}` },
      ];
      if (n === 1) commands.push({ type: 'SendNotice', maintenanceId: id, sentAt: iso(windowStart - 2 * DAY), customers: null, evidence: `reminder-${id}` });
      const overrun = n === 2 || (n === 1 && k === 2);
      const startedAt = windowStart + 60 * between(0, 6);
      const completedAt = overrun ? windowStart + length + 60 * between(15, 46) : windowStart + length - 60 * between(0, 20);
      commands.push({ type: 'StartMaintenance', maintenanceId: id, at: iso(startedAt) }, { type: 'CompleteMaintenance', maintenanceId: id, at: iso(completedAt) });
      // An overrun past the window is Down Time for those it reaches (R9); a late notice makes the whole window so.
      if (overrun) incidents.push({ scope, start: windowStart + length, end: completedAt, downtime: true });
      if (late) incidents.push({ scope, start: startedAt, end: completedAt, downtime: true });
      yield { stream: streams.maintenance(id), events: run(maintenance, commands, context) };
    }
  }

  // Emergency maintenances: no notice, excluded for their whole duration (R6).
  for (const [k, m] of months.entries()) {
    const id = `e${k + 1}`;
    const from = minuteBetween(m.start + DAY, m.end - 2 * DAY);
    const to = from + 60 * between(30, 61);
    yield {
      stream: streams.emergencyMaintenance(id),
      events: run(
        emergencyMaintenanceDecider,
        [
          { type: 'StartEmergencyMaintenance', emergencyId: id, scope: { kind: 'regions', regions: [pick(regionIds)] }, reason: 'security patch for a critical vulnerability', startedAt: iso(from) },
          { type: 'EndEmergencyMaintenance', emergencyId: id, endedAt: iso(to) },
        ],
        context,
      ),
    };
  }

  // Customers and their billing.
  const width = String(customers).length;
  const firstMonth = months[0]!;
  for (let i = 0; i < customers; i++) {
    const id = `c${String(i + 1).padStart(width, '0')}`;
    const plan = WORLD_PLANS[Math.floor(random() * WORLD_PLANS.length)]!;
    const first = pick(regionIds);
    const second = pick(regionIds);
    const regions = second === first ? [first] : [first, second];
    const activeFrom = minuteBetween(firstMonth.start, firstMonth.end);
    const commands: Parameters<typeof customerDecider.decide>[0][] = [
      { type: 'OnboardCustomer', customerId: id, name: `Customer ${id}`, email: `ops+${id}@example.com`, planId: plan.id, regions, monthlyFee: plan.fee, activeFrom: iso(activeFrom) },
    ];
    if (random() < 0.2) {
      const other = WORLD_PLANS.find((p) => p.id !== plan.id)!;
      commands.push({ type: 'ChangePlan', customerId: id, planId: other.id, effectiveAt: iso(minuteBetween(months[1]!.start, months[2]!.end)) });
    }
    yield { stream: streams.customer(id), events: run(customerDecider, commands, context) };

    const billing: Parameters<typeof billingDecider.decide>[0][] = [];
    for (const m of months) {
      const invoiceId = `${id}-${m.month}`;
      const dueAt = m.end + 14 * DAY;
      billing.push({ type: 'IssueInvoice', customerId: id, invoiceId, month: m.month, amount: plan.fee, dueAt: iso(dueAt) });
      const late = random() < 0.05;
      const paidAt = late ? dueAt + 60 * between(60, 7 * 24 * 60) : m.end + 60 * between(60, 13 * 24 * 60);
      if (paidAt <= nowSeconds) billing.push({ type: 'RecordPayment', customerId: id, invoiceId, paidAt: iso(paidAt) });
      const reached = incidents.some((x) => x.downtime && x.end > Math.max(m.start, activeFrom) && x.start < m.end && reaches(x, regions));
      if (reached && random() < 0.25) {
        const requestedAt = Math.min(nowSeconds, m.end + 60 * between(60, 10 * 24 * 60));
        billing.push({ type: 'RequestCredit', customerId: id, month: m.month, requestedAt: iso(requestedAt), monthRange: { start: m.start, end: m.end } });
      }
    }
    yield { stream: streams.billing(id), events: run(billingDecider, billing, context) };
  }
}

/**
 * generateWorld(seed, customers, now, options) → WorldStream[]: a pure, deterministic world (same
 * arguments, same streams), as `worldStreams` describes it. Never reads the clock: the caller passes `now`.
 */
export function generateWorld(seed: number, customers: number, now: Date, options: WorldOptions = {}): WorldStream[] {
  return [...worldStreams(seed, customers, now, options)];
}
