import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../../infrastructure/answer.js';
import { Meta, type RequestMeta } from '../../infrastructure/request-meta.js';
import { OnboardCustomerDto } from './onboard-customer.dto.js';
import { OnboardCustomerRequest } from './onboard-customer.handler.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CustomerResponse } from '../customer.response.js';

@ApiTags('customers')
@Controller('customers')
export class OnboardCustomerController {
  constructor(private readonly commands: CommandBus) {}

  @Operation({ summary: 'Onboard a customer', description: 'Records a customer with its plan, regions and monthly fee (integer minor units, echoed formatted); its Coverage Period begins at activeFrom (R3).', ok: CustomerResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  async onboard(@Body() body: OnboardCustomerDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.commands.execute(new OnboardCustomerRequest(body, meta)), `/customers/${body.id}`);
  }
}
