import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, resolveSubProcessor, toUtc, unregisteredWarning, type Customer, type Region, type SubProcessor } from '#domain';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';
import { ReadSide } from '../infrastructure/read-side.js';
import { AsOfQuery } from '../shared/as-of.query.js';
import { CustomerSubProcessorsResponse } from './sub-processor.response.js';
import { inEffect } from './sub-processor-register.js';

/** The regions a customer ran in at `at`: none before it subscribed or after it left. */
export function regionsAt(customer: Customer, at: string): string[] {
  const t = Date.parse(at);
  if (t < Date.parse(customer.activeFrom) || (customer.offboardedAt && t >= Date.parse(customer.offboardedAt))) return [];
  let regions: string[] = [];
  for (const entry of customer.footprint) if (Date.parse(entry.from) <= t) regions = entry.regions;
  return regions;
}

@ApiTags('sub-processors')
@Controller('customers')
export class CustomerSubProcessorsController {
  constructor(private readonly readSide: ReadSide) {}

  @Operation({
    summary: "A customer's sub-processors",
    description:
      "The sub-processors that may touch this customer's data at asOf (now unless said; the register's versions then in effect): the platform-wide ones, those serving a region of its footprint then, and the providers of those regions. `because` says why each is listed; `warnings` names providers that are not registered.",
    ok: CustomerSubProcessorsResponse,
  })
  @Get(':id/sub-processors')
  async list(@Param('id') customerId: string, @Query() query: AsOfQuery) {
    const entities = await this.readSide.entities();
    const customer = await entities.get<Customer>('customer', customerId);
    if (!customer) throw new DomainError('not-found', `customer ${customerId} does not exist; GET /customers lists them`);
    const asOf = toUtc(query.asOf ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const regions = regionsAt(customer, asOf);
    const register = inEffect(await entities.all<SubProcessor>('subProcessor'), asOf);
    const regionStates = new Map((await entities.many(['region'], regions)).map((r) => [r.id, r.state as Region]));
    const because = new Map<string, string[]>();
    const add = (id: string, reason: string) => because.set(id, [...(because.get(id) ?? []), reason]);
    for (const entry of register) {
      if (entry.platform) add(entry.id, 'platform');
      for (const region of regions) if (entry.regions.includes(region)) add(entry.id, `region ${region}`);
    }
    const warnings: string[] = [];
    for (const region of regions) {
      const provider = regionStates.get(region)?.provider ?? null;
      if (provider === null) continue;
      const entry = resolveSubProcessor(register, provider);
      if (!entry) warnings.push(unregisteredWarning(provider));
      else if (!(because.get(entry.id) ?? []).includes(`region ${region}`)) add(entry.id, `region ${region} (its provider)`);
    }
    const items = register.filter((e) => because.has(e.id)).map(({ history: _history, retiredAt: _retired, notices: _notices, ...entry }) => ({ ...entry, because: because.get(entry.id)! }));
    return { customerId, asOf, regions, items, warnings: [...new Set(warnings)] };
  }
}
