/** What an outage or a maintenance touches (R4). */
export type Scope =
  | { kind: 'platform' }
  | { kind: 'regions'; regions: string[] }
  | { kind: 'customers'; customers: string[] };

export type Impact = 'unavailable' | 'degraded';

export const EXCLUSION_CAUSES = [
  'customer-environment',
  'third-party-in-customer-environment',
  'misuse',
  'internet-network',
  'customer-hardware',
  'force-majeure',
] as const;

export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];

export function isExclusionCause(value: unknown): value is ExclusionCause {
  return typeof value === 'string' && (EXCLUSION_CAUSES as readonly string[]).includes(value);
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'platform':
      return 'the whole platform';
    case 'regions':
      return `region${scope.regions.length > 1 ? 's' : ''} ${scope.regions.join(', ')}`;
    case 'customers':
      return `customer${scope.customers.length > 1 ? 's' : ''} ${scope.customers.join(', ')}`;
    default: {
      const never: never = scope;
      return never;
    }
  }
}
