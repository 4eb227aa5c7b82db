import type { Billing, Customer, Plan, Support } from '#domain';
import type { EntitySource } from '#projections';

export interface CreditFacts {
  customers: Map<string, Customer>;
  billing: Map<string, Billing>;
  support: Map<string, Support>;
  plans: Map<string, Plan>;
}

/**
 * The customers, their billing and support streams and the plans a month's credits need, fetched
 * together: a month's list would otherwise cost three lookups per customer.
 */
export async function loadCreditFacts(source: EntitySource, customerIds: string[], planIds: string[]): Promise<CreditFacts> {
  const facts: CreditFacts = { customers: new Map(), billing: new Map(), support: new Map(), plans: new Map() };
  if (customerIds.length === 0) return facts;
  const [owned, plans] = await Promise.all([source.many(['customer', 'billing', 'support'], customerIds), source.many(['plan'], planIds)]);
  for (const row of [...owned, ...plans]) {
    if (row.kind === 'customer') facts.customers.set(row.id, row.state as Customer);
    else if (row.kind === 'billing') facts.billing.set(row.id, row.state as Billing);
    else if (row.kind === 'support') facts.support.set(row.id, row.state as Support);
    else facts.plans.set(row.id, row.state as Plan);
  }
  return facts;
}
