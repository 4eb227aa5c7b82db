/**
 * Who may call which route: one table, read by the global guard and checked against every route
 * the application registers (test/e2e/access.e2e.spec.ts), so a new route is denied until it is
 * given a line here rather than being open by accident.
 */

export const ROLES = ['admin', 'ops', 'support', 'finance', 'customer'] as const;
export type Role = (typeof ROLES)[number];
/** The roles a rule names; `admin` may call every route in the table, `customer` only `own` ones. */
export type StaffRole = 'ops' | 'support' | 'finance';

/** Whoever a request's bearer token stands for; `actor` is copied into every event it causes. */
export interface Principal {
  actor: string;
  role: Role;
  /** Set for `customer` tokens only: the one customer whose figures the token may read. */
  customerId: string | null;
  /** Null for the bootstrap token from SLA_ADMIN_TOKEN, which has no row to revoke. */
  tokenId: string | null;
}

export interface AccessRule {
  roles: readonly StaffRole[];
  /** A `customer` token may call it for its own customer (the `:id` after `/customers/`). */
  own?: true;
  /** Any valid token, a customer's too: questions about the caller itself. */
  anyToken?: true;
}

const OPS: readonly StaffRole[] = ['ops'];
const SUPPORT: readonly StaffRole[] = ['support'];
const FINANCE: readonly StaffRole[] = ['finance'];
const STAFF: readonly StaffRole[] = ['ops', 'support', 'finance'];
const ADMIN_ONLY: readonly StaffRole[] = [];

/** Reachable without a token: probes and scrapers run where no secret should have to live. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['GET /health', 'GET /health/live', 'GET /health/ready', 'GET /metrics', 'GET /problems', 'GET /problems/:name']);

/**
 * Swagger UI's pages (`/docs`, `/docs/…`, `/docs-json`, `/docs-yaml`): served straight by express,
 * outside Nest's guards; listed so the route census knows them, and public as documentation.
 */
const DOCS = '/docs';

/** Keyed by `METHOD /express/route/:pattern`; parameter names do not matter, only positions. */
export const ACCESS_MATRIX: Readonly<Record<string, AccessRule>> = {
  // Reference data and customers: admin writes, every member of staff reads.
  'POST /plans': { roles: ADMIN_ONLY },
  'GET /plans': { roles: STAFF },
  'GET /plans/:id': { roles: STAFF },
  'POST /regions': { roles: ADMIN_ONLY },
  'GET /regions': { roles: STAFF },
  'GET /regions/:id': { roles: STAFF },
  'POST /customers': { roles: ADMIN_ONLY },
  'GET /customers': { roles: STAFF },
  'GET /customers/:id': { roles: STAFF },
  'POST /customers/:id/plan': { roles: ADMIN_ONLY },
  'POST /customers/:id/regions': { roles: ADMIN_ONLY },
  'POST /customers/:id/offboard': { roles: ADMIN_ONLY },

  // The sub-processor register (R15): admin keeps it; staff read it and what its entries' failures cost.
  'POST /sub-processors': { roles: ADMIN_ONLY },
  'POST /sub-processors/import': { roles: ADMIN_ONLY },
  'POST /sub-processors/:id/changes': { roles: ADMIN_ONLY },
  'POST /sub-processors/:id/retire': { roles: ADMIN_ONLY },
  'GET /sub-processors': { roles: STAFF },
  'GET /sub-processors/:id': { roles: STAFF },
  'GET /sub-processors/impact/:month': { roles: STAFF },
  'GET /sub-processors/:id/impact/:month': { roles: STAFF },
  // A customer is entitled to know who may touch its data (R15).
  'GET /customers/:id/sub-processors': { roles: STAFF, own: true },

  // Incidents and maintenance: ops records them; staff read them.
  'POST /outages': { roles: OPS },
  'GET /outages': { roles: STAFF },
  'GET /outages/:id': { roles: STAFF },
  'POST /outages/:id/end': { roles: OPS },
  'POST /outages/:id/void': { roles: OPS },
  'POST /outages/:id/corrections': { roles: OPS },
  'POST /outages/:id/classification': { roles: OPS },
  'GET /outages/:id/timeline': { roles: ['ops', 'support'] },
  'GET /outages/:id/customers': { roles: STAFF },
  'POST /maintenances': { roles: OPS },
  'GET /notice-check': { roles: OPS },
  'GET /maintenances': { roles: STAFF },
  'GET /maintenances/:id': { roles: STAFF },
  'POST /maintenances/:id/notices': { roles: OPS },
  'GET /maintenances/:id/notices': { roles: STAFF },
  'POST /maintenances/:id/reschedule': { roles: OPS },
  'POST /maintenances/:id/start': { roles: OPS },
  'POST /maintenances/:id/complete': { roles: OPS },
  'POST /maintenances/:id/cancel': { roles: OPS },
  'GET /maintenances/:id/timeline': { roles: ['ops', 'support'] },
  'GET /maintenances/:id/customers': { roles: STAFF },
  'POST /emergency-maintenances': { roles: OPS },
  'GET /emergency-maintenances': { roles: STAFF },
  'GET /emergency-maintenances/:id': { roles: STAFF },
  'POST /emergency-maintenances/:id/end': { roles: OPS },
  'POST /emergency-maintenances/:id/void': { roles: OPS },
  'GET /emergency-maintenances/:id/timeline': { roles: ['ops', 'support'] },
  'GET /emergency-maintenances/:id/customers': { roles: STAFF },

  // Figures: staff read them; a customer token reads its own.
  'GET /availability/:month': { roles: STAFF },
  'GET /customers/:id/availability/:month': { roles: STAFF, own: true },
  // It shows credit amounts as well as availability, so it is read as credits are.
  'GET /customers/:id/availability/:month/changes': { roles: ['support', 'finance'], own: true },

  // Money: finance bills and decides; support takes claims in; a customer reads its own credits.
  'POST /customers/:id/invoices': { roles: FINANCE },
  'GET /customers/:id/invoices/:invoiceId': { roles: FINANCE },
  'POST /customers/:id/invoices/:invoiceId/payments': { roles: FINANCE },
  'POST /customers/:id/credit-requests': { roles: ['support', 'finance'] },
  'POST /credits/:customerId/:month/decision': { roles: FINANCE },
  'GET /credits/:month': { roles: ['support', 'finance'] },
  'GET /customers/:id/credits/:month': { roles: ['support', 'finance'], own: true },

  // Support: failure reports and the record of what happened.
  'POST /customers/:id/failure-reports': { roles: SUPPORT },
  'GET /customers/:id/failure-reports': { roles: SUPPORT, own: true },
  'GET /customers/:id/failure-reports/:reportId': { roles: SUPPORT, own: true },
  'POST /customers/:id/failure-reports/:reportId/acknowledgement': { roles: SUPPORT },
  'GET /customers/:id/timeline': { roles: SUPPORT, own: true },
  'GET /support/compliance/:month': { roles: SUPPORT },

  // Operating the ledger itself; the raw event feed holds every customer's data, so admin only.
  'GET /events': { roles: ADMIN_ONLY },
  'POST /admin/projections/rebuild': { roles: ADMIN_ONLY },
  // Appending raw events rewrites history and a backup holds everything: admin only.
  'POST /admin/events': { roles: ADMIN_ONLY },
  'GET /admin/backup': { roles: ADMIN_ONLY },
  'POST /tokens': { roles: ADMIN_ONLY },
  'GET /tokens': { roles: ADMIN_ONLY },
  'GET /tokens/current': { roles: STAFF, anyToken: true },
  'DELETE /tokens/:id': { roles: ADMIN_ONLY },
};

/** Express answers HEAD with the GET handler, so HEAD is whatever GET is. */
function verbOf(method: string): string {
  const verb = method.toUpperCase();
  return verb === 'HEAD' ? 'GET' : verb;
}

/** `GET /customers/:customerId/credits/:month` and `…/:id/…` are the same route to the policy. */
export function routeKey(method: string, path: string): string {
  return `${verbOf(method)} ${path.replace(/:[^/]+/g, ':')}`;
}

const RULES = new Map(Object.entries(ACCESS_MATRIX).map(([key, rule]) => [routeKey(...(key.split(' ') as [string, string])), rule]));
const PUBLIC = new Set([...PUBLIC_ROUTES].map((key) => routeKey(...(key.split(' ') as [string, string]))));

export function isPublic(method: string, path: string): boolean {
  if (PUBLIC.has(routeKey(method, path))) return true;
  return verbOf(method) === 'GET' && (path === DOCS || path.startsWith(`${DOCS}/`) || path === `${DOCS}-json` || path === `${DOCS}-yaml`);
}

export function ruleFor(method: string, path: string): AccessRule | undefined {
  return RULES.get(routeKey(method, path));
}

/** The name of the route parameter holding the customer, in routes under `/customers/:x/`. */
export function customerParam(path: string): string | null {
  const [, collection, param, ...rest] = path.split('/');
  return collection === 'customers' && param?.startsWith(':') && rest.length > 0 ? param.slice(1) : null;
}

export type AccessDecision = { allowed: true } | { allowed: false; status: 401 | 403; detail: string };

const ALLOWED: AccessDecision = { allowed: true };

/**
 * The whole access rule. `path` is the express route pattern the request matched (not its URL),
 * and `params` its values.
 */
export function decide(principal: Principal | null, method: string, path: string, params: Readonly<Record<string, string | string[] | undefined>>): AccessDecision {
  const verb = verbOf(method);
  if (isPublic(verb, path)) return ALLOWED;
  if (!principal) {
    return { allowed: false, status: 401, detail: 'this route needs a bearer token: send Authorization: Bearer <token> (an admin creates tokens with POST /tokens)' };
  }
  const rule = ruleFor(verb, path);
  if (!rule) {
    return { allowed: false, status: 403, detail: `${verb} ${path} has no access rule yet, so it is closed to every token` };
  }
  if (principal.role === 'admin' || rule.anyToken) return ALLOWED;
  if (principal.role === 'customer') {
    const param = customerParam(path);
    if (rule.own && verb === 'GET' && param && principal.customerId !== null && params[param] === principal.customerId) return ALLOWED;
    return { allowed: false, status: 403, detail: `a customer token reads only its own customer's figures, credits, failure reports and timeline (under /customers/${principal.customerId}/)` };
  }
  if (rule.roles.includes(principal.role)) return ALLOWED;
  return { allowed: false, status: 403, detail: `a ${principal.role} token may not call ${verb} ${path}; it is open to ${rolesOf(rule).join(', ')}` };
}

/** Every role that may call a route, for error messages and the documentation table. */
export function rolesOf(rule: AccessRule): Role[] {
  return ['admin', ...rule.roles, ...(rule.own || rule.anyToken ? (['customer'] as const) : [])];
}
