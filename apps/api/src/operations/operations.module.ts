import { Module } from '@nestjs/common';
import { BackupController } from './backup/backup.js';
import { ImportEventsController } from './import-events/import-events.js';

/** Moving a ledger between stores and keeping copies of it: admin only. */
@Module({ controllers: [ImportEventsController, BackupController] })
export class OperationsModule {}
