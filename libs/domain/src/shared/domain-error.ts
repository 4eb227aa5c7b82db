/**
 * A command the rules refuse. `code` says which kind of refusal, so the edge can pick the status:
 * not-found 404, conflict 409 (the state moved on), rejected 422 (the request can never succeed
 * as it is). `detail` is written for the person who sent the command; `problem` is the stable name
 * a client compares (the edge serves it as `type: /problems/<problem>`).
 */
export type DomainErrorCode = 'not-found' | 'conflict' | 'rejected';

/** The problem a refusal of each code is, unless the rule that refused names a more precise one. */
export const DEFAULT_PROBLEM: Record<DomainErrorCode, string> = {
  'not-found': 'not-found',
  conflict: 'state-conflict',
  rejected: 'rule-violated',
};

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly problem: string;
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    problem?: string,
  ) {
    super(detail);
    this.problem = problem ?? DEFAULT_PROBLEM[code];
  }
}
