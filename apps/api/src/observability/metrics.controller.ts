import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics } from './metrics.js';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus text format; public like /health, so a scraper needs no secret (see the README). */
  @Operation({ summary: 'Prometheus metrics', description: 'Process, HTTP and business gauges in the Prometheus text format; public like /health, so a scraper needs no secret.', ok: String, produces: 'text/plain', errors: [] })
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.type(this.metrics.registry.contentType).send(body);
  }
}
