import { ApiProperty } from '@nestjs/swagger';
import { Flag, NullableText, Text } from '../infrastructure/openapi/properties.js';

export class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class ProjectionStatusResponse {
  @Text({ example: 'entity-states' })
  name!: string;

  @Text({ pattern: '^[0-9]+$', description: 'The global position it has projected up to' })
  checkpoint!: string;

  @Flag()
  running!: boolean;

  @Flag({ description: 'Whether this process projects it; false while another process holds its lease (this one follows its checkpoint)' })
  active!: boolean;

  @NullableText({ description: 'Why its last batch failed, while it retries' })
  lastError!: string | null;

  @Text({ pattern: '^[0-9]+$', required: false, description: "The store's head position (absent when the store does not answer)" })
  headPosition?: string;

  @Text({ pattern: '^[0-9]+$', required: false, description: 'How many positions it is behind the head' })
  lag?: string;
}

export class RebuildStateResponse {
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'], description: 'The last rebuild of the read models: `running` while new ones are built beside those answering' })
  state!: 'idle' | 'running' | 'done' | 'failed';

  @NullableText({ format: 'date-time' })
  startedAt!: string | null;

  @NullableText({ format: 'date-time' })
  finishedAt!: string | null;

  @NullableText({ pattern: '^[0-9]+$', description: 'The position the new read models had reached when they took over' })
  position!: string | null;

  @NullableText({ description: 'Why it failed; the read models in use were left as they were' })
  error!: string | null;
}

export class ReadyResponse {
  @ApiProperty({ enum: ['ok', 'unavailable', 'catching-up'] })
  status!: 'ok' | 'unavailable' | 'catching-up';

  @ApiProperty({ enum: ['reachable', 'unreachable'] })
  store!: 'reachable' | 'unreachable';

  @ApiProperty({ type: [ProjectionStatusResponse] })
  projections!: ProjectionStatusResponse[];

  @ApiProperty({ type: RebuildStateResponse })
  rebuild!: RebuildStateResponse;
}

export class RebuildResponse {
  @ApiProperty({ enum: ['rebuilding'] })
  status!: 'rebuilding';

  @Text({ pattern: '^[0-9]+$', description: "The store's head position when the rebuild started; the new read models take over once past it" })
  headPosition!: string;

  @Text({ format: 'date-time' })
  startedAt!: string;
}
