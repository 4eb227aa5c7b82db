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
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { CreatedTokenResponse, CurrentTokenResponse, TokenResponse } from './token.response.js';

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
  @Operation({ summary: 'Create an API token', description: 'A token for a role (and, for a customer token, its customer); the secret is in this answer only, the ledger keeps its SHA-256 digest.', ok: CreatedTokenResponse, status: 201, command: true, headers: ['Location'] })
  @Post()
  @HttpCode(201)
  @AnswerHoldsSecret()
  async create(@Body() body: CreateTokenDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ApiToken & { token: string }> {
    const customerId = body.customerId ?? null;
    if (body.role !== 'customer' && customerId !== null) {
      throw new BadRequestException({ detail: `customerId is only for customer tokens; a ${body.role} token is not bound to a customer`, violations: [{ field: 'customerId', problem: 'only allowed with role customer' }] });
    }
    if (customerId !== null && !(await (await this.readSide.entities()).exists('customer', [customerId])).has(customerId)) {
      throw new BadRequestException({ problem: 'unknown-reference', detail: `unknown customer ${customerId}: onboard it with POST /customers first`, violations: [{ field: 'customerId', problem: `unknown customer ${customerId}` }] });
    }
    const token = newTokenSecret();
    try {
      const created = await this.tokens.create({ id: randomUUID(), name: body.name, role: body.role, customerId, createdBy: principalOf(request)?.actor ?? 'anonymous' }, digestOf(token));
      response.setHeader('Location', `/tokens/${created.id}`);
      return { ...created, token };
    } catch (error) {
      if (error instanceof DuplicateTokenNameError) {
        throw new ConflictException({ problem: 'already-exists', detail: `a token named ${body.name} already exists (names are never reused, so events keep one meaning); choose another name` });
      }
      throw error;
    }
  }

  @Operation({ summary: 'List API tokens', description: 'Every token, revoked ones included, without their secrets.', ok: [TokenResponse] })
  @Get()
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  /** Who the calling token stands for: lets a client (the web interface) show each role what it may do. */
  @Operation({ summary: 'Who this token stands for', description: 'The actor, role and customer of the calling token, so a client can show each role what it may do.', ok: CurrentTokenResponse })
  @Get('current')
  current(@Req() request: Request) {
    const principal = principalOf(request);
    return { actor: principal?.actor ?? null, role: principal?.role ?? null, customerId: principal?.customerId ?? null, tokenId: principal?.tokenId ?? null };
  }

  /** Takes effect on the next request: tokens are looked up on every call, never cached. */
  @Operation({ summary: 'Revoke an API token', description: 'Takes effect on the next request: tokens are looked up on every call, never cached.', ok: null, status: 204 })
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.tokens.revoke(id))) throw new NotFoundException({ detail: `token ${id} does not exist; GET /tokens lists them` });
  }
}
