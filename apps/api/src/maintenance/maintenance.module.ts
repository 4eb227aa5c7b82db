import { Module } from '@nestjs/common';
import { CancelMaintenanceController, CancelMaintenanceHandler } from './cancel-maintenance/cancel-maintenance.js';
import { CompleteMaintenanceController, CompleteMaintenanceHandler } from './complete-maintenance/complete-maintenance.js';
import { EndEmergencyMaintenanceController, EndEmergencyMaintenanceHandler } from './end-emergency-maintenance/end-emergency-maintenance.js';
import { VoidEmergencyMaintenanceController, VoidEmergencyMaintenanceHandler } from './void-emergency-maintenance/void-emergency-maintenance.js';
import { GetEmergencyMaintenanceController, GetEmergencyMaintenanceHandler } from './get-emergency-maintenance/get-emergency-maintenance.js';
import { GetMaintenanceController, GetMaintenanceHandler } from './get-maintenance/get-maintenance.js';
import { ListEmergencyMaintenancesController, ListEmergencyMaintenancesHandler } from './list-emergency-maintenances/list-emergency-maintenances.js';
import { ListMaintenancesController, ListMaintenancesHandler } from './list-maintenances/list-maintenances.js';
import { NoticeCheckController } from './notice-check/notice-check.js';
import { RescheduleMaintenanceController, RescheduleMaintenanceHandler } from './reschedule-maintenance/reschedule-maintenance.js';
import { ScheduleMaintenanceController } from './schedule-maintenance/schedule-maintenance.controller.js';
import { ScheduleMaintenanceHandler } from './schedule-maintenance/schedule-maintenance.handler.js';
import { SendNoticeController, SendNoticeHandler } from './send-notice/send-notice.js';
import { ListNoticesController, ListNoticesHandler } from './list-notices/list-notices.js';
import { NoticeOutbox } from '../notices/notice-outbox.service.js';
import { StartEmergencyMaintenanceController, StartEmergencyMaintenanceHandler } from './start-emergency-maintenance/start-emergency-maintenance.js';
import { StartMaintenanceController, StartMaintenanceHandler } from './start-maintenance/start-maintenance.js';

/** Scheduled maintenance (notice policy R8, R9) and emergency maintenance (no notice, R6). */
@Module({
  controllers: [
    ScheduleMaintenanceController,
    ListMaintenancesController,
    GetMaintenanceController,
    SendNoticeController,
    ListNoticesController,
    RescheduleMaintenanceController,
    StartMaintenanceController,
    CompleteMaintenanceController,
    CancelMaintenanceController,
    StartEmergencyMaintenanceController,
    ListEmergencyMaintenancesController,
    GetEmergencyMaintenanceController,
    EndEmergencyMaintenanceController,
    VoidEmergencyMaintenanceController,
    NoticeCheckController,
  ],
  providers: [
    ScheduleMaintenanceHandler,
    SendNoticeHandler,
    ListNoticesHandler,
    NoticeOutbox,
    RescheduleMaintenanceHandler,
    StartMaintenanceHandler,
    CompleteMaintenanceHandler,
    CancelMaintenanceHandler,
    ListMaintenancesHandler,
    GetMaintenanceHandler,
    StartEmergencyMaintenanceHandler,
    EndEmergencyMaintenanceHandler,
    VoidEmergencyMaintenanceHandler,
    ListEmergencyMaintenancesHandler,
    GetEmergencyMaintenanceHandler,
  ],
})
export class MaintenanceModule {}
