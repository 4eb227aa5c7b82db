/**
 * Every kind of refusal the API answers, by a stable name. A problem's `type` is
 * `/problems/<name>`, a page that describes it (ProblemsController); its `title` is the standard
 * title of its status (RFC 9110), so a client tells "too little notice" from "end before start" by
 * `type`, never by parsing `detail`.
 */

/** The reason phrases of RFC 9110 (§15), used as every problem's title. */
export const STANDARD_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function standardTitle(status: number): string {
  return STANDARD_TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export interface ProblemKind {
  status: number;
  /** One line: what happened. */
  summary: string;
  /** What it means and what to do about it. */
  remedy: string;
}

export const PROBLEMS = {
  'validation-failed': { status: 400, summary: 'A field, query parameter or header is missing, unknown or malformed.', remedy: '`violations` lists each `{ field, problem }`; fix those fields and send the request again. Instants need an offset (2026-10-05T10:00:00Z), months are YYYY-MM, amounts are integers of minor units.' },
  'malformed-json': { status: 400, summary: 'The body is not valid JSON.', remedy: 'Send a JSON object with Content-Type: application/json.' },
  'unknown-reference': { status: 400, summary: 'The request names a plan, region, customer or outage that does not exist.', remedy: 'Create it first (POST /plans, /regions, /customers, /outages) or correct the id; `violations` names the field.' },
  unauthorized: { status: 401, summary: 'No bearer token, or one that is unknown or revoked.', remedy: 'Send Authorization: Bearer <token>; an admin creates tokens with POST /tokens.' },
  forbidden: { status: 403, summary: "The token's role may not call this operation.", remedy: 'The operation\'s `x-roles` in /docs-json lists the roles that may; a customer token reads only its own customer.' },
  'not-found': { status: 404, summary: 'The resource does not exist.', remedy: 'Check the id in the URL; lists (GET /outages, /customers, …) show what exists.' },
  'already-exists': { status: 409, summary: 'A resource with this id (or name) already exists.', remedy: 'Ids are never reused: read the existing one, or choose another id.' },
  'already-voided': { status: 409, summary: 'The incident was voided: recorded in error, it counts in no figure and can no longer change.', remedy: 'Read it (GET /outages/{id}) for when and why it was voided; record the real incident under a new id.' },
  'already-ended': { status: 409, summary: 'The outage or emergency maintenance has already ended.', remedy: 'To change a recorded end, post a correction (POST /outages/{id}/corrections).' },
  'state-conflict': { status: 409, summary: 'The resource is no longer in a state that allows this (cancelled, started, completed, offboarded, decided).', remedy: 'Read the resource again: `detail` says what state it is in.' },
  'concurrent-write': { status: 409, summary: 'Another request changed the same record while this one was handled.', remedy: 'Nothing was written: read the resource again and retry.' },
  'history-deleted': { status: 409, summary: "The record's history in the event store was deleted or truncated outside SLA Ledger (EventStoreDB).", remedy: 'Nothing can fix it from the API: an operator restores the stream from a backup; `detail` names the stream and what happened to it.' },
  'import-does-not-continue': { status: 409, summary: "Imported events do not continue the store's streams: a gap in a stream's revisions, or a stream or event id that holds other events.", remedy: 'Import a whole export (sla export), in its order, into a store that holds no other events of these streams; a batch already imported is skipped when sent again.' },
  'backup-unavailable': { status: 409, summary: 'This server keeps its data outside the embedded store, so it has no folder to copy.', remedy: 'Back PostgreSQL up with pg_dump (or the provider\'s backups), EventStoreDB with its own backups.' },
  'rebuild-running': { status: 409, summary: 'A rebuild of the read models is already running.', remedy: 'Follow it on GET /health (`rebuild.state`); start another once it is done.' },
  'idempotency-in-progress': { status: 409, summary: 'A request with this Idempotency-Key is still being handled.', remedy: 'Retry once it has answered; the repeat then gets the same answer.' },
  'body-too-large': { status: 413, summary: 'The body is larger than the server accepts.', remedy: 'Send a smaller body; the limit is SLA_BODY_LIMIT (100kb unless configured).' },
  'unsupported-media-type': { status: 415, summary: 'The body is not sent as JSON.', remedy: 'Send Content-Type: application/json with a JSON body (POST /sub-processors/import also takes text/csv).' },
  'unsupported-encoding': { status: 415, summary: 'The body encoding or charset is not supported.', remedy: 'Send UTF-8 JSON, uncompressed or gzip/deflate.' },
  'insufficient-notice': { status: 422, summary: 'A maintenance notice leaves fewer than three full working days before the window (R8).', remedy: 'Start the window at `earliestCompliantStart` or later (`earliestCompliantStartLocal` shows it in the legal time zone), or set acceptAsDowntime: true to record the maintenance as Down Time (R9).' },
  'end-before-start': { status: 422, summary: 'An end (or a later instant) is not after the start it must follow.', remedy: 'Send an end after the start; for a window, window.end after window.start.' },
  'fact-in-the-future': { status: 422, summary: 'A fact is dated in the future: only what has happened is recorded.', remedy: 'Record it once it has happened, or correct the instant (mind its offset).' },
  'out-of-order': { status: 422, summary: "A change is dated before the record's last change, or before what it answers.", remedy: 'Changes are recorded in order: date it after the last recorded change.' },
  'no-change': { status: 422, summary: 'The command would change nothing.', remedy: 'The record already says this; send a value that differs.' },
  'credit-not-grantable': { status: 422, summary: "Granting this credit would contradict the contract's conditions (§4.3, R12, R13).", remedy: '`state` and `reasons` say why it is not claimable; deny it or leave it.' },
  'currency-mismatch': { status: 422, summary: 'The amount is in another currency than the customer is billed in.', remedy: "Use the customer's currency (its monthlyFee)." },
  'idempotency-key-reused': { status: 422, summary: 'This Idempotency-Key was used for a different request.', remedy: 'Use a new key for a new request; a key repeats only the very same method, URL and body.' },
  'rule-violated': { status: 422, summary: 'The request is well-formed but a rule of the contract refuses it.', remedy: '`detail` names the rule and what would be accepted.' },
  'rate-limited': { status: 429, summary: 'The token used its requests for this minute.', remedy: 'Wait Retry-After seconds; the limit is RATE_LIMIT_PER_MINUTE per token.' },
  'internal-error': { status: 500, summary: 'An unexpected error; it has been logged.', remedy: 'Retry later; if it persists, report the X-Request-Id of the answer.' },
  'store-unavailable': { status: 503, summary: 'The event store does not answer.', remedy: 'A command may or may not have been stored: read the resource back before retrying, after Retry-After seconds.' },
  'read-models-behind': { status: 503, summary: 'The read models have not caught up with the latest write in time.', remedy: 'Retry after Retry-After seconds; the wait is SLA_CONSISTENCY_TIMEOUT_MS.' },
  'service-unavailable': { status: 503, summary: 'The service cannot answer now.', remedy: 'Retry after Retry-After seconds.' },
} satisfies Record<string, ProblemKind>;

export type ProblemName = keyof typeof PROBLEMS;

/** The problem of a status when nothing more precise is known. */
const BY_STATUS: Record<number, ProblemName> = {
  400: 'validation-failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'state-conflict',
  413: 'body-too-large',
  415: 'unsupported-encoding',
  422: 'rule-violated',
  429: 'rate-limited',
  500: 'internal-error',
  503: 'service-unavailable',
};

export function isProblemName(name: unknown): name is ProblemName {
  return typeof name === 'string' && Object.hasOwn(PROBLEMS, name);
}

export function problemForStatus(status: number): ProblemName | null {
  return BY_STATUS[status] ?? null;
}

export function problemType(name: ProblemName): string {
  return `/problems/${name}`;
}
