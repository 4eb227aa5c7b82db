import { ApiProperty } from '@nestjs/swagger';
import { SUB_PROCESSOR_FIELDS, SUB_PROCESSOR_TYPES } from '#domain';
import { Flag, Id, Instant, Int, NullableInstant, NullableText, Text, Texts } from '../infrastructure/openapi/properties.js';

export class SubProcessorFieldsResponse {
  @Text({ example: 'Equinix, Inc.' })
  legalName!: string;

  @ApiProperty({ enum: SUB_PROCESSOR_TYPES })
  type!: string;

  @Text({ example: 'Bare-metal servers running customer workloads' })
  purpose!: string;

  @Text({ example: 'United States' })
  location!: string;

  @Flag({ description: 'Works for the whole platform: may touch every customer\'s data' })
  platform!: boolean;

  @Texts({ example: ['fra'], description: 'Regions whose customers\' data it may touch' })
  regions!: string[];

  @Texts({ example: ['customer workloads'] })
  dataCategories!: string[];

  @Texts({ example: ['Equinix Metal'], description: 'Other names regions and outages use for it' })
  aliases!: string[];
}

export class SubProcessorVersionResponse {
  @ApiProperty({ enum: ['registered', 'changed', 'retired'] })
  change!: string;

  @Instant({ description: 'From when this version holds' })
  effectiveAt!: string;

  @NullableText()
  reason!: string | null;

  @ApiProperty({ type: [String], enum: SUB_PROCESSOR_FIELDS, description: 'The fields this version changed' })
  changed!: string[];

  @ApiProperty({ type: SubProcessorFieldsResponse, description: 'The entry as it stands from effectiveAt' })
  fields!: SubProcessorFieldsResponse;

  @NullableInstant({ required: false, description: "On a change: until when the customers whose data it touches may object (the notice plus SLA_SUBPROCESSOR_OBJECTION_DAYS); null when it reached no customer" })
  objectionUntil?: string | null;
}

/** One customer's email about a change of the entry (R15). */
export class ChangeNoticeResponse {
  @Text({ example: '<notice.sub-processor-equinix.acme.1@provider.example>' })
  messageId!: string;

  @Id({ example: 'acme' })
  customerId!: string;

  @Text({ example: 'ops@acme.example' })
  email!: string;

  @Int({ example: 1, description: 'The version of the history it announces (0 the registration)' })
  version!: number;

  @Instant()
  plannedAt!: string;

  @Instant({ description: 'Until when the customer may object' })
  objectionUntil!: string;

  @ApiProperty({ enum: ['pending', 'sent', 'failed'] })
  status!: string;

  @NullableInstant({ description: 'When the mail server accepted it' })
  sentAt!: string | null;

  @NullableText({ description: "The server's reply on acceptance, or the reason of a refusal" })
  response!: string | null;

  @Int()
  attempts!: number;

  @NullableText()
  lastError!: string | null;

  @NullableInstant()
  retryAt!: string | null;
}

/** One entry of the register as last recorded, with every version. */
export class SubProcessorResponse extends SubProcessorFieldsResponse {
  @Id({ example: 'equinix' })
  id!: string;

  @Instant({ description: 'When the latest version took (or takes) effect' })
  effectiveAt!: string;

  @NullableInstant({ description: 'From when it no longer works for the platform; null while it does' })
  retiredAt!: string | null;

  @ApiProperty({ type: [SubProcessorVersionResponse] })
  history!: SubProcessorVersionResponse[];

  @ApiProperty({ type: [ChangeNoticeResponse], required: false, description: 'The change notices emailed to customers, once a change reached some' })
  notices?: ChangeNoticeResponse[];
}

/** An entry as it was in effect at an instant. */
export class SubProcessorInEffectResponse extends SubProcessorFieldsResponse {
  @Id({ example: 'equinix' })
  id!: string;

  @Instant({ description: 'When the version in effect took effect' })
  effectiveAt!: string;
}

export class UsedByResponse {
  @ApiProperty({ enum: ['region', 'outage'] })
  kind!: 'region' | 'outage';

  @Id()
  id!: string;
}

/** A free-text provider or cause that names no registered entry yet. */
export class UnregisteredValueResponse {
  @Text({ example: 'Hetzner' })
  value!: string;

  @ApiProperty({ type: [UsedByResponse] })
  usedBy!: UsedByResponse[];

  @Text({ example: 'register it with POST /sub-processors (legalName or aliases naming it), and it links' })
  remedy!: string;
}

export class SubProcessorRegisterResponse {
  @NullableInstant({ description: 'The instant the register was read at, or null for every entry as last recorded' })
  asOf!: string | null;

  @ApiProperty({ type: [SubProcessorResponse], description: 'Without asOf every entry, retired ones too (see retiredAt); with asOf the entries in effect then, each as it then stood' })
  items!: SubProcessorResponse[];

  @Int()
  total!: number;

  @Int()
  offset!: number;

  @Int()
  limit!: number;

  @ApiProperty({ type: [UnregisteredValueResponse], description: 'Regions\' providers and outages\' sub-processors that name no registered entry' })
  unregistered!: UnregisteredValueResponse[];
}

export class CustomerSubProcessorResponse extends SubProcessorInEffectResponse {
  @ApiProperty({ type: [String], example: ['platform', 'region fra'], description: 'Why it may touch this customer\'s data: "platform", or the regions of its footprint it serves' })
  because!: string[];
}

export class CustomerSubProcessorsResponse {
  @Id({ example: 'acme' })
  customerId!: string;

  @Instant()
  asOf!: string;

  @Texts({ example: ['fra'], description: 'The customer\'s regions at asOf' })
  regions!: string[];

  @ApiProperty({ type: [CustomerSubProcessorResponse] })
  items!: CustomerSubProcessorResponse[];

  @Texts({ example: ['sub-processor Hetzner is not registered: POST /sub-processors'], description: 'Providers of its regions that name no registered entry' })
  warnings!: string[];
}
