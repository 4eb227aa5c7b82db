import type { Request } from 'express';
import type { Principal } from './access-policy.js';

/** request-meta.ts reads `principal.actor` from here to stamp events with who caused them. */
type WithPrincipal = Request & { principal?: Principal };

export function principalOf(request: Request): Principal | null {
  return (request as WithPrincipal).principal ?? null;
}

export function setPrincipal(request: Request, principal: Principal): void {
  (request as WithPrincipal).principal = principal;
}
