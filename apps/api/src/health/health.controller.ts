import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EventStore } from '#event-store';
import { ProjectionsService } from '../infrastructure/projections.service.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';
import { LiveResponse, ReadyResponse, RebuildResponse } from './health.response.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Liveness: the process answers HTTP. Restart it only when this fails. */
  @Operation({ summary: 'Liveness', description: 'The process answers HTTP. Restart it only when this fails.', ok: LiveResponse, errors: [] })
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 when the event store answers, 503 when it does not (send no traffic here), with
   * how far each projection is behind the store. `/health` is the same, for existing probes.
   */
  @Operation({
    summary: 'Readiness',
    description:
      'Whether the event store answers (503 when not: send no traffic here), with how far each projection is behind the store. `/health/ready` also answers 503 (`status: catching-up`) until the read models have caught up with the events the store held when the process started; `/health` answers 200 then, for existing probes.',
    ok: ReadyResponse,
    errors: [],
  })
  @ApiResponse({ status: 503, description: 'The event store does not answer, or (`/health/ready`) the read models are still catching up with the store as it was at start: send no traffic here yet', headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } }, type: ReadyResponse })
  @Get(['health', 'health/ready'])
  async ready(@Req() request: Request, @Res() response: Response): Promise<void> {
    // Sent by hand: with a passthrough response, Nest would overwrite the 503 with the route's 200.
    try {
      const projections = await this.projections.status();
      // `/health/ready` also waits for the read models to have caught up with the store as it was at
      // start (a warm start of a big store answers queries from half-projected read models before);
      // `/health` keeps answering 200 for the probes that use it.
      if (request.path === '/health/ready' && !this.projections.caughtUp) {
        response.status(503).setHeader('Retry-After', '1');
        response.json({ status: 'catching-up', store: 'reachable', projections, rebuild: this.projections.rebuild });
        return;
      }
      response.status(200).json({ status: 'ok', store: 'reachable', projections, rebuild: this.projections.rebuild });
    } catch {
      response.status(503).setHeader('Retry-After', '5');
      response.json({ status: 'unavailable', store: 'unreachable', projections: this.projections.runners.map((r) => r.status()), rebuild: this.projections.rebuild });
    }
  }

  /**
   * Projects every event again into new read models built beside the ones in use; those keep
   * answering until the new ones have caught up and take their place in one step.
   */
  @Operation({
    summary: 'Rebuild the read models',
    description:
      'Projects every event again into new read models built beside the ones in use, which keep answering (and following new events) until the new ones have caught up and replace them in one step. Answers at once; `GET /health` shows `rebuild.state`. 409 while one runs.',
    ok: RebuildResponse,
    status: 202,
    command: true,
  })
  @Post('admin/projections/rebuild')
  @HttpCode(202)
  async rebuild() {
    const headPosition = (await this.store.headPosition()).toString();
    const { startedAt } = this.projections.startRebuild();
    return { status: 'rebuilding', headPosition, startedAt };
  }
}
