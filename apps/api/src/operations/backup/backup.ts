import { ConflictException, Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EmbeddedDatabase, type SqlDatabase } from '#event-store';
import type { AppConfig } from '../../config.js';
import { Operation } from '../../infrastructure/openapi/operation.decorator.js';
import { APP_CONFIG, READ_DATABASE } from '../../infrastructure/tokens.js';

@ApiTags('operations')
@Controller('admin/backup')
export class BackupController {
  constructor(
    @Inject(READ_DATABASE) private readonly database: SqlDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A consistent copy of the embedded store's folder (a gzipped tar, as PGlite dumps it) taken
   * while the server runs; `sla restore` puts it into a new DATA_DIR.
   */
  @Operation({
    summary: 'Back up the embedded store',
    description:
      'Admin only. A consistent copy of DATA_DIR as a gzipped tar (PGlite dumpDataDir after a CHECKPOINT), taken while the server runs; `sla restore` makes a new DATA_DIR from it. 409 backup-unavailable on PostgreSQL or with events in EventStoreDB.',
    ok: String,
    produces: 'application/gzip',
    headers: ['Content-Disposition'],
  })
  @Get()
  async backup(@Res() response: Response): Promise<void> {
    if (!(this.database instanceof EmbeddedDatabase)) {
      throw new ConflictException({ problem: 'backup-unavailable', detail: 'this server keeps its data in PostgreSQL: back it up with pg_dump (or your provider\'s backups); the backup route copies the embedded store only' });
    }
    if (this.config.eventStoreConnectionString) {
      throw new ConflictException({ problem: 'backup-unavailable', detail: 'this server keeps its events in EventStoreDB: back them up there; the embedded store here holds only read models, which a rebuild makes again' });
    }
    const archive = await this.database.backup();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    response
      .status(200)
      .type('application/gzip')
      .setHeader('Content-Disposition', `attachment; filename="sla-ledger-${stamp}.tar.gz"`)
      .send(Buffer.from(archive));
  }
}
