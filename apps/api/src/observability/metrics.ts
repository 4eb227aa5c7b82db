import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SqlDatabase } from '#event-store';
import { monthOf } from '#domain';
import type { AppConfig } from '../config.js';
import { ProjectionsService } from '../infrastructure/projections.service.js';
import { APP_CONFIG, READ_DATABASE } from '../infrastructure/tokens.js';
import { businessGauges } from './business-gauges.js';

/**
 * Prometheus metrics of one application instance. Its own registry (not prom-client's global one)
 * so that several applications in one process, as in the tests, never share or clash.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly appended: Counter<'type'>;

  constructor(projections: ProjectionsService, @Inject(READ_DATABASE) database: SqlDatabase, @Inject(APP_CONFIG) config: AppConfig) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.appended = new Counter({ name: 'sla_events_appended_total', help: 'Events appended to the event store by this instance, by type', labelNames: ['type'], registers });
    // One look at the store per scrape, shared by the gauges below, which prom-client collects at once.
    let pending: Promise<Awaited<ReturnType<ProjectionsService['status']>> | null> | null = null;
    const probe = () => (pending ??= projections.status().catch(() => null).finally(() => (pending = null)));
    new Gauge({
      name: 'sla_event_store_up',
      help: '1 when the event store answered the scrape, else 0',
      registers,
      async collect() {
        this.set((await probe()) ? 1 : 0);
      },
    });
    // Computed on scrape, so it is exactly as fresh as the scrape and costs nothing in between.
    new Gauge({
      name: 'sla_projection_lag_events',
      help: 'Events in the store that a projection has not applied yet',
      labelNames: ['projection'],
      registers,
      async collect() {
        this.reset();
        for (const status of (await probe()) ?? []) this.set({ projection: status.name }, Number(status.lag));
      },
    });
    businessGauges(registers, database, config.readModelSchema, () => monthOf(Math.floor(Date.now() / 1000), config.billingTimeZone), config.holidayCountry);
  }

  eventsAppended(types: readonly string[]): void {
    for (const type of types) this.appended.inc({ type });
  }

  /** Labels by route pattern, never by URL, so ids in paths cannot multiply the series. */
  middleware(): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      response.on('finish', () => {
        const route: unknown = request.route?.path;
        const labels = { method: request.method, route: typeof route === 'string' ? route : 'unmatched', status: String(response.statusCode) };
        this.requests.inc(labels);
        this.latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }
}
