import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventStore } from '#event-store';
import { ProjectionsService } from '../infrastructure/projections.service.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Liveness: the process answers HTTP. Restart it only when this fails. */
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 when the event store answers, 503 when it does not (send no traffic here), with
   * how far each projection is behind the store. `/health` is the same, for existing probes.
   */
  @Get(['health', 'health/ready'])
  async ready(@Res() response: Response): Promise<void> {
    // Sent by hand: with a passthrough response, Nest would overwrite the 503 with the route's 200.
    try {
      const projections = await this.projections.status();
      response.status(200).json({ status: 'ok', store: 'reachable', projections });
    } catch {
      response.status(503).setHeader('Retry-After', '5');
      response.json({ status: 'unavailable', store: 'unreachable', projections: this.projections.runners.map((r) => r.status()) });
    }
  }

  /** Empties every read model and projects all events again. */
  @Post('admin/projections/rebuild')
  @HttpCode(202)
  async rebuild() {
    await this.projections.rebuild();
    return { status: 'rebuilding', headPosition: (await this.store.headPosition()).toString() };
  }
}
