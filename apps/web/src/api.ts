/**
 * The HTTP API as the browser sees it: one fetch wrapper that sends the signed-in token and turns
 * a Problem Details answer into an ApiError carrying the API's `detail` verbatim.
 */
import { sessionToken } from './session-store.ts';

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  [field: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, body?: unknown, accept = 'application/json', token = sessionToken()): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { status: response.status, ...(await response.json()) };
    } catch {
      problem = { status: response.status, detail: `${response.status} ${response.statusText}` };
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function get<T>(path: string, query?: Query, token?: string): Promise<T> {
  return (await send('GET', withQuery(path, query), undefined, 'application/json', token)).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await send('POST', path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The answer as it arrives, for a caller that shows progress while it reads the body. */
export async function getResponse(path: string, query: Query, accept: string): Promise<Response> {
  return send('GET', withQuery(path, query), undefined, accept);
}

export async function getText(path: string, query: Query, accept: string): Promise<string> {
  return (await send('GET', withQuery(path, query), undefined, accept)).text();
}

// The shapes the API answers with (see /docs-json); only the fields the screens use.
export type Scope = { kind: 'platform' } | { kind: 'regions'; regions: string[] } | { kind: 'customers'; customers: string[] };
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}
export interface Money {
  amount: number;
  currency: string;
}
export interface Me {
  actor: string;
  role: 'admin' | 'ops' | 'support' | 'finance' | 'customer';
  customerId: string | null;
}
export interface Outage {
  id: string;
  scope: Scope;
  title: string;
  impact: 'unavailable' | 'degraded';
  startedAt: string;
  endedAt: string | null;
  exclusion: string | null;
  exclusionReason: string | null;
  corrections: number;
  subProcessor: string | null;
  ongoing: boolean;
  voided?: boolean;
  voidReason?: string | null;
  voidedAt?: string | null;
}
export interface Maintenance {
  id: string;
  scope: Scope;
  title: string;
  window: { start: string; end: string };
  notices: { sentAt: string; inTime: boolean; customers: string[] | null }[];
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  acceptedAsDowntime: boolean;
  noticeInTime: boolean | null;
}
export interface EmergencyMaintenance {
  id: string;
  scope: Scope;
  reason: string;
  startedAt: string;
  endedAt: string | null;
  ongoing?: boolean;
  voided?: boolean;
  voidReason?: string | null;
  voidedAt?: string | null;
}
export interface Region {
  id: string;
  name: string;
}
export interface Customer {
  id: string;
  name: string;
  email: string;
  plan: string;
  regions: string[];
  monthlyFee: Money;
  activeFrom: string;
  offboardedAt: string | null;
  plans: { from: string; planId: string }[];
  footprint: { from: string; regions: string[] }[];
}
export interface Source {
  kind: string;
  id: string;
  eventIds: string[];
  note: string;
}
export interface Interval {
  start: string;
  end: string;
  minutes: number;
  treatment: string;
  sources: Source[];
}
export interface Availability {
  customerId: string;
  month: string;
  planId: string;
  coveragePeriodMinutes: number;
  downtimeMinutes: number;
  excludedMinutes: { scheduledMaintenance: number; emergencyMaintenance: number; exclusions: number };
  availabilityRate: string | null;
  target: string;
  belowTarget: boolean;
  ongoing: boolean;
  intervals?: Interval[];
  computedAt?: string;
}
export const CREDIT_STATES = ['not-eligible', 'eligible-unclaimed', 'claimed', 'denied', 'granted', 'applied'] as const;
export type CreditState = (typeof CREDIT_STATES)[number];
export interface Credit {
  customerId: string;
  month: string;
  availabilityRate: string | null;
  target: string;
  fee: Money;
  policy: string;
  amount: Money;
  state: CreditState;
  explanation?: string;
  reasons: string[];
  evidence?: { decision: { decision: string; reason?: string | null; invoiceId?: string | null } | null };
}
export interface MonthCredits extends Page<Credit> {
  month: string;
  totals: (Money & { count: number })[];
  /** One entry per state and currency, over the lines the filters select. */
  totalsByState: (Money & { state: CreditState; count: number })[];
}
export interface TimelineEntry {
  position: string;
  eventId: string;
  kind: string;
  entityId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  summary: string;
}
export interface FailureReport {
  id: string;
  customerId: string;
  reportedAt: string;
  channel: string;
  description: string;
  outageId: string | null;
  deadline: string | null;
  acknowledgedAt: string | null;
  status: 'open' | 'met' | 'breached';
}
export interface NoticeCheck {
  noticeSentAt: string;
  windowStart: string;
  workingDaysOfNotice: number;
  requiredWorkingDays: number;
  inTime: boolean;
  earliestCompliantStart: string;
  legalTimeZone: string;
  holidayCountry: string;
}
