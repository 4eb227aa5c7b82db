import { BadRequestException, Body, ConflictException, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsObject, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { parseStream } from '#domain';
import { DuplicateEventIdError, WrongExpectedRevisionError, type EventStore, type NewEvent } from '#event-store';
import { Consistency } from '../../infrastructure/consistency.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { Int, Text } from '../../infrastructure/openapi/properties.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

/** The largest batch one request may carry; `sla import` sends smaller ones. */
export const IMPORT_BATCH_LIMIT = 1000;

export class ImportedEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be the event id (a UUID) as exported' })
  id!: string;

  @ApiProperty({ example: 'outage-fra-1' })
  @IsString()
  @Length(1, 300)
  stream!: string;

  @ApiProperty({ type: 'integer', description: 'The event revision in its stream, from 0' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  revision!: number;

  @ApiProperty({ example: 'OutageStarted' })
  @IsString()
  @Length(1, 200)
  type!: string;

  @ApiProperty({ type: Object })
  @IsDefined()
  data!: unknown;

  @ApiProperty({ type: Object, description: 'actor, correlationId, causationId, occurredAt, schemaVersion (recordedAt is kept as importedRecordedAt)' })
  @IsObject()
  metadata!: Record<string, unknown>;
}

export class ImportEventsDto {
  @ApiProperty({ type: [ImportedEventDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(IMPORT_BATCH_LIMIT)
  // Without this, an item that is itself an array passes the nested validation with nothing to check.
  @IsObject({ each: true, message: 'each of events must be an event object, one line of sla export' })
  @ValidateNested({ each: true })
  @Type(() => ImportedEventDto)
  events!: ImportedEventDto[];
}

export class ImportEventsResponse {
  @Int({ description: 'Events in the request (already stored ones included: they were skipped)' })
  received!: number;

  @Text({ pattern: '^[0-9]+$', description: "The store's global position after the last event of this batch" })
  position!: string;
}

interface Run {
  stream: string;
  first: number;
  events: ImportedEventDto[];
}

/** Consecutive events of one stream with consecutive revisions: each run is one atomic append. */
function runsOf(events: ImportedEventDto[]): Run[] {
  const runs: Run[] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last.stream === event.stream && last.first + last.events.length === event.revision) last.events.push(event);
    else runs.push({ stream: event.stream, first: event.revision, events: [event] });
  }
  return runs;
}

function toNewEvent(event: ImportedEventDto): NewEvent {
  // The store stamps its own record time; the original one is kept beside it, for the record.
  const { recordedAt, ...metadata } = event.metadata;
  return { id: event.id, type: event.type, data: event.data, metadata: { ...(metadata as unknown as NewEvent['metadata']), ...(recordedAt !== undefined && { importedRecordedAt: recordedAt }) } };
}

@ApiTags('operations')
@Controller('admin/events')
export class ImportEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly consistency: Consistency,
  ) {}

  /**
   * Appends exported events (GET /events) as they were: same ids, streams and revisions, each
   * event expecting its stream at the revision before it. Sending the same batch again writes
   * nothing twice, so an interrupted import is resumed by running it again.
   */
  @Operation({
    summary: 'Append exported events',
    description:
      'Admin only. Appends events as `GET /events` (or `sla export`) gave them: same ids, streams and revisions, each run of one stream expecting it at the revision before. The same batch again writes nothing, so an interrupted import is resumed by sending it again; a batch that does not continue the store answers 409 import-does-not-continue. The record time is the import\'s; the original is kept as metadata.importedRecordedAt.',
    ok: ImportEventsResponse,
    command: true,
  })
  @Post()
  @HttpCode(200)
  async import(@Body() body: ImportEventsDto, @Res({ passthrough: true }) response: Response) {
    const foreign = body.events.findIndex((event) => parseStream(event.stream) === null);
    if (foreign >= 0) {
      const problem = `${body.events[foreign]!.stream} is not a stream of this product (outage-…, customer-…, plan-… as GET /events shows them): import only files written by sla export`;
      throw new BadRequestException({
        problem: 'validation-failed',
        detail: `the request body is invalid: events[${foreign}].stream: ${problem}`,
        violations: [{ field: `events[${foreign}].stream`, problem }],
      });
    }
    let position = await this.store.headPosition();
    let imported = 0;
    for (const run of runsOf(body.events)) {
      try {
        const appended = await this.store.append(run.stream, run.events.map(toNewEvent), run.first === 0 ? 'no-stream' : run.first - 1);
        position = appended.position;
        // Queries after this answer wait for the read models to include what was imported.
        this.consistency.recordWrite(position);
      } catch (error) {
        const done = `${imported} event(s) of this batch were stored before it; the store is otherwise unchanged`;
        if (error instanceof WrongExpectedRevisionError) {
          const actual = error.actual === 'no-stream' ? 'does not exist' : `is at revision ${error.actual}`;
          throw new ConflictException({
            problem: 'import-does-not-continue',
            detail: `stream ${run.stream} ${actual}, but the next event for it (${run.events[0]!.id}) has revision ${run.first}: import a whole export, in its order, into a store that holds no other events of these streams (${done})`,
          });
        }
        if (error instanceof DuplicateEventIdError) {
          throw new ConflictException({ problem: 'import-does-not-continue', detail: `event ${error.eventId} is already stored elsewhere in this store, with another stream or revision: this file does not continue this store (${done})` });
        }
        throw error;
      }
      imported += run.events.length;
    }
    response.setHeader('Event-Position', position.toString());
    return { received: body.events.length, position: position.toString() };
  }
}
