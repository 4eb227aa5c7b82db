import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import type { Request, Response } from 'express';
import { ReadSide } from '../../infrastructure/read-side.js';
import { ID_MESSAGE, ID_PATTERN } from '../../shared/validators.js';
import { ROLES, type Role } from '../access-policy.js';
import { AnswerHoldsSecret } from '../idempotency/idempotency.interceptor.js';
import { principalOf } from '../principal.js';
import { digestOf, newTokenSecret } from './token-secret.js';
import { DuplicateTokenNameError, TokenStore, type ApiToken } from './token-store.js';

export class CreateTokenDto {
  @ApiProperty({ example: 'grafana-ops', description: 'Recorded as the actor (token:<name>) of every event the token causes' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ required: false, example: 'acme', description: 'Required for, and only for, a customer token: the customer it may read' })
  @ValidateIf((dto: CreateTokenDto) => dto.role === 'customer' || dto.customerId !== undefined)
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId?: string;
}

@ApiTags('access')
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokenStore,
    private readonly readSide: ReadSide,
  ) {}

  /** The secret is in this answer only; the ledger keeps its SHA-256 digest. */
  @Post()
  @HttpCode(201)
  @AnswerHoldsSecret()
  async create(@Body() body: CreateTokenDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ApiToken & { token: string }> {
    const customerId = body.customerId ?? null;
    if (body.role !== 'customer' && customerId !== null) {
      throw new BadRequestException({ detail: `customerId is only for customer tokens; a ${body.role} token is not bound to a customer`, violations: [{ field: 'customerId', problem: 'only allowed with role customer' }] });
    }
    if (customerId !== null && !(await (await this.readSide.entities()).exists('customer', [customerId])).has(customerId)) {
      throw new BadRequestException({ detail: `unknown customer ${customerId}: onboard it with POST /customers first`, violations: [{ field: 'customerId', problem: `unknown customer ${customerId}` }] });
    }
    const token = newTokenSecret();
    try {
      const created = await this.tokens.create({ id: randomUUID(), name: body.name, role: body.role, customerId, createdBy: principalOf(request)?.actor ?? 'anonymous' }, digestOf(token));
      response.setHeader('Location', `/tokens/${created.id}`);
      return { ...created, token };
    } catch (error) {
      if (error instanceof DuplicateTokenNameError) {
        throw new ConflictException({ detail: `a token named ${body.name} already exists (names are never reused, so events keep one meaning); choose another name` });
      }
      throw error;
    }
  }

  @Get()
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  /** Takes effect on the next request: tokens are looked up on every call, never cached. */
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.tokens.revoke(id))) throw new NotFoundException({ detail: `token ${id} does not exist; GET /tokens lists them` });
  }
}
