import { ApiProperty } from '@nestjs/swagger';
import { Flag, Id, Instant, Int, NullableInstant, NullableText, Text } from '../infrastructure/openapi/properties.js';
import { PageOf, ScopeResponse } from '../shared/common.response.js';

export class WindowResponse {
  @Instant({ example: '2026-12-05T00:00:00Z' })
  start!: string;

  @Instant({ example: '2026-12-05T02:00:00Z' })
  end!: string;
}

export class NoticeResponse {
  @Instant()
  sentAt!: string;

  @ApiProperty({ type: [String], nullable: true, description: 'null: every customer in the scope when it was sent (R8)' })
  customers!: string[] | null;

  @Flag({ description: 'Whether it left the contract\'s notice, under the calendar in force when it was sent (R8)' })
  inTime!: boolean;
}

/** A scheduled maintenance: its window, its notices and where it stands. */
export class MaintenanceResponse {
  @Id()
  id!: string;

  @ApiProperty({ type: ScopeResponse })
  scope!: ScopeResponse;

  @Text({ example: 'Database upgrade' })
  title!: string;

  @ApiProperty({ type: WindowResponse })
  window!: WindowResponse;

  @Flag({ description: 'Scheduled with too little notice, knowingly: it counts as Down Time (R9)' })
  acceptedAsDowntime!: boolean;

  @ApiProperty({ type: [NoticeResponse], description: 'Notices for the current window only: moving the window voids earlier ones' })
  notices!: NoticeResponse[];

  @ApiProperty({ type: [WindowResponse] })
  previousWindows!: WindowResponse[];

  @NullableInstant()
  startedAt!: string | null;

  @NullableInstant()
  completedAt!: string | null;

  @NullableInstant()
  cancelledAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether the latest notice leaves enough working days before the window (R8); null before any notice' })
  noticeInTime!: boolean | null;
}

export const MaintenancePage = PageOf(MaintenanceResponse, 'MaintenancePage');

/** An emergency maintenance (R9): excluded from Down Time only within the contract's yearly allowance. */
export class EmergencyMaintenanceResponse {
  @Id()
  id!: string;

  @ApiProperty({ type: ScopeResponse })
  scope!: ScopeResponse;

  @Text({ example: 'Security patch' })
  reason!: string;

  @Instant()
  startedAt!: string;

  @NullableInstant({ description: 'null while it lasts' })
  endedAt!: string | null;

  @Flag()
  ongoing!: boolean;

  @Flag({ description: 'Recorded in error and voided: it excludes nothing from voidedAt on (asOf before it still shows it)' })
  voided!: boolean;

  @NullableText({ description: 'Why it was voided' })
  voidReason!: string | null;

  @NullableInstant({ description: 'When the void was recorded' })
  voidedAt!: string | null;
}

export const EmergencyMaintenancePage = PageOf(EmergencyMaintenanceResponse, 'EmergencyMaintenancePage');

/** The notice check of a window (R8, R9), as POST /maintenances would judge it. */
export class NoticeCheckResponse {
  @Instant()
  noticeSentAt!: string;

  @Instant()
  windowStart!: string;

  @Int({ description: 'Full working days strictly between the two legal-zone days; 0 when the window starts first' })
  workingDaysOfNotice!: number;

  @Int({ example: 3 })
  requiredWorkingDays!: number;

  @Flag()
  inTime!: boolean;

  @Instant({ description: 'The first start a window may have for this notice to be in time' })
  earliestCompliantStart!: string;

  @Text({ example: 'Europe/Paris' })
  legalTimeZone!: string;

  @Text({ example: 'FR' })
  holidayCountry!: string;
}

/** One customer's notice of a maintenance: sent by email by the product, or recorded from outside. */
export class NoticeListEntryResponse {
  @Id()
  customerId!: string;

  @NullableText({ example: 'ops@acme.example', description: 'Where the email went; null for a recorded notice or a customer without one' })
  email!: string | null;

  @ApiProperty({ enum: ['pending', 'sent', 'failed', 'recorded'], description: 'pending: not yet accepted by the SMTP server; sent: accepted (250); failed: refused for good (5xx); recorded: sent outside the product (R8)' })
  status!: 'pending' | 'sent' | 'failed' | 'recorded';

  @ApiProperty({ enum: ['request', 'cancel'], description: 'request announces the window; cancel withdraws it' })
  kind!: 'request' | 'cancel';

  @NullableText({ example: '<notice-m1-acme-1@sla-ledger>', description: 'The Message-ID, stable per notice: a resend after a crash carries the same one' })
  messageId!: string | null;

  @NullableInstant({ description: 'When the SMTP server accepted it, or when the recorded notice was sent' })
  sentAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether it left enough working days before the window, judged when it was accepted (R8); null while pending or failed' })
  inTime!: boolean | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Working days of notice it left; null while pending or failed' })
  workingDays!: number | null;

  @Int({ description: 'Tries to send it so far' })
  attempts!: number;

  @NullableText({ description: 'Why the last try failed' })
  lastError!: string | null;

  @NullableInstant({ description: 'When the next try is due, while pending' })
  retryAt!: string | null;

  @NullableText({ example: '250 2.0.0 OK queued', description: "The SMTP server's reply" })
  response!: string | null;

  @NullableText({ description: "The caller's reference for a recorded notice" })
  evidence!: string | null;

  @NullableText({ example: 'token:ops', description: 'Who recorded it' })
  recordedBy!: string | null;
}

export class NoticeListResponse {
  @Id()
  maintenanceId!: string;

  @ApiProperty({ type: [NoticeListEntryResponse] })
  items!: NoticeListEntryResponse[];
}
