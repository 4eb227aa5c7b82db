import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { changedFields, resolveSubProcessor, type SubProcessor, type SubProcessorFields } from '#domain';
import { Operation } from '../infrastructure/openapi/operation.decorator.js';
import { Int, NullableText, Text } from '../infrastructure/openapi/properties.js';
import { toProblem } from '../infrastructure/problem-details.filter.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import { Meta } from '../infrastructure/request-meta.js';
import { validationPipe } from '../infrastructure/validation.js';
import { CsvSyntaxError, readCsvObjects } from '../shared/csv-reader.js';
import { RegisterSubProcessorDto } from './sub-processor.dto.js';
import { SubProcessorRegister } from './sub-processor-register.js';

const MAX_ROWS = 1000;
const LIST_COLUMNS = new Set(['regions', 'dataCategories', 'aliases']);

export class ImportRowResponse {
  @Int({ description: 'The row of the list, 1 the first entry (after a CSV header)' })
  row!: number;

  @NullableText({ description: 'The entry the row is about, null when it names none' })
  id!: string | null;

  @ApiProperty({ enum: ['created', 'changed', 'unchanged', 'refused'] })
  outcome!: 'created' | 'changed' | 'unchanged' | 'refused';

  @ApiProperty({ type: [String], required: false, description: 'With changed: the fields that changed' })
  changed?: string[];

  @Int({ required: false, description: 'With refused: the status the row alone would have been answered with' })
  status?: number;

  @Text({ required: false, description: 'With refused: the problem type, as /problems/<name>' })
  type?: string;

  @Text({ required: false, description: 'With refused: what was wrong and how to fix it' })
  detail?: string;

  @ApiProperty({ required: false, type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } } } })
  violations?: { field: string; problem: string }[];
}

export class ImportResultResponse {
  @Int()
  created!: number;

  @Int()
  changed!: number;

  @Int()
  unchanged!: number;

  @Int()
  refused!: number;

  @ApiProperty({ type: [ImportRowResponse] })
  rows!: ImportRowResponse[];
}

/** An id from a legal name, for lists that have none: "Equinix, Inc." → "equinix-inc". */
export function idFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** A CSV row's text as the JSON an entry is: lists split on ";" or "|", platform a yes/no. */
function fromCsv(values: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (value === '') continue;
    if (LIST_COLUMNS.has(name)) row[name] = value.split(/[;|]/).map((v) => v.trim()).filter((v) => v !== '');
    else if (name === 'platform') row[name] = /^(true|yes|y|1)$/i.test(value) ? true : /^(false|no|n|0)$/i.test(value) ? false : value;
    else row[name] = value;
  }
  return row;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

@ApiTags('sub-processors')
@Controller('sub-processors')
export class ImportSubProcessorsController {
  private readonly pipe = validationPipe();

  constructor(private readonly register: SubProcessorRegister) {}

  @Operation({
    summary: 'Import a sub-processor list',
    description:
      'A published list as a JSON array of entries (the fields of POST /sub-processors) or as CSV with a header line (the same names as columns; regions, dataCategories and aliases separated by ";"). A row without id is the entry its legal name names, or a new one with an id made from it. What a row leaves out (a column the list lacks, an empty cell) stays as the register has it. Each row is registered, changed (the fields that differ, from its effectiveAt or now) or refused on its own; the answer says which, row by row.',
    ok: ImportResultResponse,
    command: true,
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'string', description: 'CSV with a header line' }] } })
  @Post('import')
  @HttpCode(200)
  async import(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const rows = this.rowsOf(body, contentType);
    const result: ImportResultResponse = { created: 0, changed: 0, unchanged: 0, refused: 0, rows: [] };
    let position: bigint | null = null;
    const entries = new Map((await this.register.entries()).map((e) => [e.id, e]));
    for (const [index, raw] of rows.entries()) {
      const row = index + 1;
      // A row without id is the entry its legal name already names, or a new one named after it.
      const input =
        isRecord(raw) && raw.id === undefined && typeof raw.legalName === 'string' ? { ...raw, id: resolveSubProcessor([...entries.values()], raw.legalName)?.id ?? idFromName(raw.legalName) } : raw;
      const id = isRecord(input) && typeof input.id === 'string' ? input.id : null;
      try {
        const dto = (await this.pipe.transform(input, { type: 'body', metatype: RegisterSubProcessorDto })) as RegisterSubProcessorDto;
        const existing = entries.get(dto.id);
        const outcome = existing ? await this.update(existing, dto, meta) : { answer: await this.register.register(dto, meta), changed: [] };
        if (!outcome) {
          result.rows.push({ row, id, outcome: 'unchanged' });
          result.unchanged++;
          continue;
        }
        entries.set(dto.id, outcome.answer.view);
        position = outcome.answer.position;
        result.rows.push(existing ? { row, id, outcome: 'changed', changed: outcome.changed } : { row, id, outcome: 'created' });
        if (existing) result.changed++;
        else result.created++;
      } catch (error) {
        const problem = toProblem(error);
        if (problem.status >= 500) throw error;
        result.rows.push({ row, id, outcome: 'refused', status: problem.status, type: problem.type, detail: problem.detail, ...(Array.isArray(problem.violations) && { violations: problem.violations as ImportRowResponse['violations'] }) });
        result.refused++;
      }
    }
    if (position !== null) response.setHeader('Event-Position', position.toString());
    return result;
  }

  private async update(existing: SubProcessor, dto: RegisterSubProcessorDto, meta: RequestMeta) {
    const { id, effectiveAt, reason, ...fields } = dto;
    // What the list does not say (a column it lacks, an empty cell) stays as the register has it.
    const wanted: Partial<SubProcessorFields> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const changed = changedFields(existing, wanted);
    if (changed.length === 0) return null;
    const changes = Object.fromEntries(changed.map((name) => [name, wanted[name]]));
    const answer = await this.register.change(id, { ...changes, effectiveAt: effectiveAt ?? new Date().toISOString(), reason: reason ?? 'imported list' }, meta);
    return { answer, changed };
  }

  private rowsOf(body: unknown, contentType: string | undefined): unknown[] {
    let rows: unknown[];
    if (typeof body === 'string' && /^text\/csv/i.test(contentType ?? '')) {
      try {
        rows = readCsvObjects(body).map((r) => fromCsv(r.values));
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        throw new BadRequestException({ problem: 'validation-failed', detail: `the CSV is malformed at ${error.message}`, violations: [{ field: 'body', problem: error.message }] });
      }
    } else if (Array.isArray(body)) {
      rows = body;
    } else {
      throw new BadRequestException({ problem: 'validation-failed', detail: 'send a JSON array of entries, or CSV with a header line as text/csv', violations: [{ field: 'body', problem: 'must be a JSON array or text/csv' }] });
    }
    if (rows.length === 0) throw new BadRequestException({ problem: 'validation-failed', detail: 'the list has no entries', violations: [{ field: 'body', problem: 'must hold at least one entry' }] });
    if (rows.length > MAX_ROWS) throw new BadRequestException({ problem: 'validation-failed', detail: `the list has ${rows.length} entries; import at most ${MAX_ROWS} at once`, violations: [{ field: 'body', problem: `at most ${MAX_ROWS} entries` }] });
    return rows;
  }
}
