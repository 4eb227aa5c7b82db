import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answer } from '../infrastructure/answer.js';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';
import { Meta, type RequestMeta } from '../infrastructure/request-meta.js';
import { PagingQuery } from '../shared/paging.dto.js';
import { IsInstant, Optional } from '../shared/validators.js';
import { ApiProperty } from '@nestjs/swagger';
import { ChangeSubProcessorDto, RegisterSubProcessorDto, RetireSubProcessorDto } from './sub-processor.dto.js';
import { SubProcessorRegisterResponse, SubProcessorResponse } from './sub-processor.response.js';
import { inEffect, SubProcessorRegister } from './sub-processor-register.js';

export class RegisterQuery extends PagingQuery {
  @ApiProperty({ required: false, description: 'The register as it was in effect at this instant: versions that had taken effect by then, retired entries left out' })
  @Optional()
  @IsInstant()
  asOf?: string;
}

@ApiTags('sub-processors')
@Controller('sub-processors')
export class SubProcessorsController {
  constructor(private readonly register: SubProcessorRegister) {}

  @Operation({
    summary: 'Register a sub-processor',
    description: 'An entry of the sub-processor register (R15): who works for the platform, what for, where, on which data. Its regions must be registered; its legal name and aliases name it alone.',
    ok: SubProcessorResponse,
    status: 201,
    command: true,
    headers: ['Location'],
  })
  @Post()
  @HttpCode(201)
  async create(@Body() body: RegisterSubProcessorDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.register.register(body, meta), `/sub-processors/${body.id}`);
  }

  @Operation({
    summary: 'Change a sub-processor',
    description: 'A new version of the entry, in effect from effectiveAt (which may be ahead, as announced changes are), with the reason; only the fields sent change.',
    ok: SubProcessorResponse,
    status: 201,
    command: true,
  })
  @Post(':id/changes')
  @HttpCode(201)
  async change(@Param('id') id: string, @Body() body: ChangeSubProcessorDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.register.change(id, body, meta));
  }

  @Operation({ summary: 'Retire a sub-processor', description: 'From effectiveAt it no longer works for the platform; its history stays.', ok: SubProcessorResponse, status: 201, command: true })
  @Post(':id/retire')
  @HttpCode(201)
  async retire(@Param('id') id: string, @Body() body: RetireSubProcessorDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return answer(response, await this.register.retire(id, body, meta));
  }

  @Operation({
    summary: 'List the sub-processor register',
    description: 'Every entry with its history; with asOf, the entries in effect at that instant as their version then said. `unregistered` lists the regions\' providers and outages\' sub-processors that name no entry.',
    ok: SubProcessorRegisterResponse,
  })
  @Get()
  async list(@Query() query: RegisterQuery) {
    const entries = await this.register.entries();
    const unregistered = await this.register.unregistered(entries);
    const page = <T>(items: T[]) => ({ items: items.slice(query.offset, query.offset + query.limit), total: items.length, offset: query.offset, limit: query.limit });
    return { asOf: query.asOf ?? null, ...page(query.asOf ? inEffect(entries, query.asOf) : entries), unregistered };
  }

  @Operation({ summary: 'Read a sub-processor', description: 'One entry as last recorded, with every version (registered, changed, retired) and its reason.', ok: SubProcessorResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.register.get(id);
  }
}

