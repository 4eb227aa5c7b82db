import { DomainError, type Customer } from '#domain';
import type { EntityStatesReader } from '#projections';

/**
 * Billing and support streams are keyed by customer id and would accept any id: the customer read
 * model is asked first, so a typo is a 404 rather than a stream nobody will ever read.
 */
export async function requireCustomer(entities: EntityStatesReader, customerId: string): Promise<Customer> {
  const customer = await entities.get<Customer>('customer', customerId);
  if (!customer) throw new DomainError('not-found', `customer ${customerId} does not exist; onboard it with POST /customers`);
  return customer;
}
