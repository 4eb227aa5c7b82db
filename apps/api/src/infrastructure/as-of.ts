import { Inject, Injectable } from '@nestjs/common';
import { DomainError, recordedUpTo, streams, type Customer, type StreamKind } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { InMemoryEntities, type EntitySource } from '#projections';
import { entityKinds } from '#projections';
import { ReadSide } from './read-side.js';
import { EVENT_STORE } from './tokens.js';

const INCIDENT_KINDS: StreamKind[] = ['outage', 'maintenance', 'emergencyMaintenance'];

/**
 * The entities as they stood at a past record instant: only events recorded up to then count.
 * The streams that can matter to one customer are its own, the plans, and the incidents its
 * timeline names; each is read from the store and folded again with the domain's `evolve`.
 */
@Injectable()
export class AsOf {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readSide: ReadSide,
  ) {}

  async forCustomer(customerId: string, asOf: string): Promise<EntitySource> {
    // Record times are kept to the millisecond; `asOf` covers the whole second (or fraction) it names.
    const upTo = recordedUpTo(asOf);
    const entities = await this.readSide.entities();
    const customer = await entities.get<Customer>('customer', customerId);
    if (!customer) throw new DomainError('not-found', `customer ${customerId} does not exist`);
    const timeline = await this.readSide.timeline();
    const regions = [...new Set(customer.footprint.flatMap((f) => f.regions))];
    const incidents = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await timeline.forCustomer(customerId, regions, customer.activeFrom, { asOf: upTo, offset, limit: 1000 });
      for (const entry of page.items) if (INCIDENT_KINDS.includes(entry.kind as StreamKind)) incidents.add(streams[entry.kind as StreamKind](entry.entityId));
      if (offset + page.items.length >= page.total) break;
    }
    const plans = (await entities.all<{ id: string }>('plan')).map((plan) => streams.plan(plan.id));
    const names = [streams.customer(customerId), streams.billing(customerId), streams.support(customerId), ...plans, ...incidents];
    const cutoff = Date.parse(upTo);
    const events: RecordedEvent[] = [];
    for (const name of names) {
      for (const event of await this.store.readStream(name)) if (Date.parse(event.metadata.recordedAt) <= cutoff) events.push(event);
    }
    events.sort((a, b) => (a.position < b.position ? -1 : 1));
    return new InMemoryEntities(entityKinds, events);
  }
}
