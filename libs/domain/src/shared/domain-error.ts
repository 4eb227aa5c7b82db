/**
 * A command the rules refuse. `code` says which kind of refusal, so the edge can pick the status:
 * not-found 404, conflict 409 (the state moved on), rejected 422 (the request can never succeed
 * as it is). `detail` is written for the person who sent the command.
 */
export type DomainErrorCode = 'not-found' | 'conflict' | 'rejected';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
