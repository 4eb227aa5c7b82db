import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { customerFacts, customersReached, DomainError, toEpochSeconds, type Customer, type EmergencyMaintenance, type Maintenance, type Outage, type Scope } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { Instant, Int } from '../../infrastructure/openapi/properties.js';

type IncidentKind = 'outage' | 'maintenance' | 'emergencyMaintenance';

export class ReachedCustomersResponse {
  @ApiProperty({ type: [String], example: ['acme'], description: 'Ids of the customers in scope and subscribed at some instant of the run' })
  customers!: string[];

  @Int()
  total!: number;

  @Instant({ description: 'Start of the run the answer covers' })
  from!: string;

  @Instant({ description: 'End of the run: its end, or now while it is ongoing (a maintenance not started yet: its window)' })
  to!: string;
}

export class GetReachedCustomers extends Query<ReachedCustomersResponse> {
  constructor(readonly kind: IncidentKind, readonly id: string) {
    super();
  }
}

/** What the incident covers: its actual run, up to now while open; a maintenance not yet started, its announced window. */
function runOf(kind: IncidentKind, state: Outage | Maintenance | EmergencyMaintenance, now: string): { scope: Scope; from: string; to: string } {
  switch (kind) {
    case 'outage': {
      const o = state as Outage;
      return { scope: o.scope, from: o.startedAt, to: o.endedAt ?? now };
    }
    case 'maintenance': {
      const m = state as Maintenance;
      return m.startedAt ? { scope: m.scope, from: m.startedAt, to: m.completedAt ?? now } : { scope: m.scope, from: m.window.start, to: m.window.end };
    }
    case 'emergencyMaintenance': {
      const e = state as EmergencyMaintenance;
      return { scope: e.scope, from: e.startedAt, to: e.endedAt ?? now };
    }
  }
}

const NAMES: Record<IncidentKind, string> = { outage: 'outage', maintenance: 'maintenance', emergencyMaintenance: 'emergency maintenance' };

@QueryHandler(GetReachedCustomers)
export class GetReachedCustomersHandler implements IQueryHandler<GetReachedCustomers> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ kind, id }: GetReachedCustomers): Promise<ReachedCustomersResponse> {
    const entities = await this.readSide.entities();
    const state = await entities.get<Outage | Maintenance | EmergencyMaintenance>(kind, id);
    if (!state) throw new DomainError('not-found', `${NAMES[kind]} ${id} does not exist`);
    const { scope, from, to } = runOf(kind, state, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const customers = (await entities.all<Customer>('customer')).map(customerFacts).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const reached = customersReached(customers, scope, { start: toEpochSeconds(from), end: Math.max(toEpochSeconds(from), toEpochSeconds(to)) });
    return { customers: reached, total: reached.length, from, to };
  }
}

const DESCRIPTION = 'The customers the incident reaches (R4): in its scope, with their footprint of the time, and subscribed, at some instant of its run. Whether that is Down Time is the month figures\' answer.';

@ApiTags('availability')
@Controller()
export class ReachedCustomersController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Customers an outage reaches', description: DESCRIPTION, ok: ReachedCustomersResponse })
  @Get('outages/:id/customers')
  outage(@Param('id') id: string) {
    return this.queries.execute(new GetReachedCustomers('outage', id));
  }

  @Operation({ summary: 'Customers a maintenance reaches', description: DESCRIPTION, ok: ReachedCustomersResponse })
  @Get('maintenances/:id/customers')
  maintenance(@Param('id') id: string) {
    return this.queries.execute(new GetReachedCustomers('maintenance', id));
  }

  @Operation({ summary: 'Customers an emergency maintenance reaches', description: DESCRIPTION, ok: ReachedCustomersResponse })
  @Get('emergency-maintenances/:id/customers')
  emergency(@Param('id') id: string) {
    return this.queries.execute(new GetReachedCustomers('emergencyMaintenance', id));
  }
}
