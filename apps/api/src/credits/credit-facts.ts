import type { Billing, Customer, Plan, Support } from '#domain';
import { assertSchemaName } from '#event-store';
import type { ReadSide } from '../infrastructure/read-side.js';

export interface CreditFacts {
  customers: Map<string, Customer>;
  billing: Map<string, Billing>;
  support: Map<string, Support>;
  plans: Map<string, Plan>;
}

/**
 * The customers, their billing and support streams and the plans a month's credits need, in one
 * query on the entity-states table: a month's list would otherwise cost three lookups per customer.
 */
export async function loadCreditFacts(readSide: ReadSide, customerIds: string[], planIds: string[]): Promise<CreditFacts> {
  const facts: CreditFacts = { customers: new Map(), billing: new Map(), support: new Map(), plans: new Map() };
  if (customerIds.length === 0) return facts;
  // Only after the read models include every write this process answered (read-your-writes).
  await readSide.entities();
  const table = `${assertSchemaName(readSide.config.readModelSchema)}.entity_states`;
  const { rows } = await readSide.database.query<{ kind: string; id: string; state: unknown }>(
    `SELECT kind, id, state FROM ${table}
     WHERE (kind = ANY($1::text[]) AND id = ANY($2::text[])) OR (kind = 'plan' AND id = ANY($3::text[]))`,
    [['customer', 'billing', 'support'], customerIds, planIds],
  );
  for (const row of rows) {
    if (row.kind === 'customer') facts.customers.set(row.id, row.state as Customer);
    else if (row.kind === 'billing') facts.billing.set(row.id, row.state as Billing);
    else if (row.kind === 'support') facts.support.set(row.id, row.state as Support);
    else facts.plans.set(row.id, row.state as Plan);
  }
  return facts;
}
