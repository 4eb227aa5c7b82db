import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, type Plan } from '#domain';
import { ReadSide } from '../../infrastructure/read-side.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { PlanResponse } from '../reference-data.response.js';

export class GetPlan extends Query<Plan> {
  constructor(readonly planId: string) {
    super();
  }
}

@QueryHandler(GetPlan)
export class GetPlanHandler implements IQueryHandler<GetPlan> {
  constructor(private readonly readSide: ReadSide) {}

  async execute({ planId }: GetPlan): Promise<Plan> {
    const plan = await (await this.readSide.entities()).get<Plan>('plan', planId);
    if (!plan) throw new DomainError('not-found', `plan ${planId} does not exist; define it with POST /plans`);
    return plan;
  }
}

@ApiTags('reference data')
@Controller('plans')
export class GetPlanController {
  constructor(private readonly queries: QueryBus) {}

  @Operation({ summary: 'Read a plan', description: 'One plan with its target, credit policy and support terms.', ok: PlanResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetPlan(id));
  }
}
