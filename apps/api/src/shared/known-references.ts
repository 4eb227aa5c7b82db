import { BadRequestException } from '@nestjs/common';
import type { Scope } from '#domain';
import type { EntityStatesReader } from '#projections';
import type { ReadSide } from '../infrastructure/read-side.js';

type Violation = { field: string; problem: string };

/** `unknown region frx: register it with POST /regions first`, one sentence for one or many. */
function unknownOnes(field: string, noun: string, unknown: string[], fix: string): Violation[] {
  if (unknown.length === 0) return [];
  const them = unknown.length === 1 ? 'it' : 'them';
  return [{ field, problem: `unknown ${noun}${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: ${fix.replace('$them', them)}` }];
}

/**
 * A customer on an undefined plan would have no target to be measured against (R10), and a
 * customer or an incident naming an unregistered region (or an incident naming a customer that
 * does not exist) would silently miss everyone it was meant for (R4): each is refused up front, as
 * a fault of the request (400), naming what to create first.
 */
export async function requireKnownReferences(
  readSide: ReadSide,
  references: { planId?: string; regions?: string[]; customers?: string[] },
  fields: { regions?: string; customers?: string } = {},
): Promise<void> {
  // References are only ever added: what the read models hold now is checked without waiting for
  // them to catch up with the latest writes (a wait every command would queue behind), and only a
  // reference not found there is looked for again once they have (read-your-writes: a region just
  // registered is found).
  const found = await violationsIn(readSide.entitiesReader, references, fields);
  if (found.length === 0) return;
  const violations = await violationsIn(await readSide.entities(), references, fields);
  if (violations.length > 0) throw new BadRequestException({ detail: violations.map((v) => v.problem).join('; '), violations, problem: 'unknown-reference' });
}

async function violationsIn(
  entities: EntityStatesReader,
  references: { planId?: string; regions?: string[]; customers?: string[] },
  fields: { regions?: string; customers?: string },
): Promise<Violation[]> {
  const violations: Violation[] = [];
  if (references.planId !== undefined && !(await entities.exists('plan', [references.planId])).has(references.planId)) {
    violations.push({ field: 'planId', problem: `unknown plan ${references.planId}: define it with POST /plans first` });
  }
  if (references.regions !== undefined) {
    const known = await entities.exists('region', references.regions);
    const unknown = references.regions.filter((region) => !known.has(region));
    violations.push(...unknownOnes(fields.regions ?? 'regions', 'region', unknown, 'register $them with POST /regions first'));
  }
  if (references.customers !== undefined) {
    const known = await entities.exists('customer', references.customers);
    const unknown = references.customers.filter((customer) => !known.has(customer));
    violations.push(...unknownOnes(fields.customers ?? 'customers', 'customer', unknown, 'onboard $them with POST /customers first, or check the id'));
  }
  return violations;
}

/** An incident's scope names only regions and customers that exist (R4). */
export function requireKnownScope(readSide: ReadSide, scope: Scope): Promise<void> {
  switch (scope.kind) {
    case 'platform':
      return Promise.resolve();
    case 'regions':
      return requireKnownReferences(readSide, { regions: scope.regions }, { regions: 'scope.regions' });
    case 'customers':
      return requireKnownReferences(readSide, { customers: scope.customers }, { customers: 'scope.customers' });
  }
}
