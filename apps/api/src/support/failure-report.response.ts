import { ApiProperty } from '@nestjs/swagger';
import { Flag, Id, Instant, Int, Month, NullableInstant, NullableText, Percent, Text } from '../infrastructure/openapi/properties.js';
import { PageOf } from '../shared/common.response.js';

/** A Service Failure report, its response deadline (R14) and whether it was met. */
export class FailureReportResponse {
  @Id()
  id!: string;

  @Id()
  reportId!: string;

  @Id({ example: 'acme' })
  customerId!: string;

  @Instant()
  reportedAt!: string;

  @Text({ example: 'email' })
  channel!: string;

  @NullableText({ description: 'The outage it is about, when known' })
  outageId!: string | null;

  @Text()
  description!: string;

  @NullableInstant()
  acknowledgedAt!: string | null;

  @Id({ description: 'The plan in force when it was made: its channels decide whether it counts (§1)' })
  planId!: string;

  @ApiProperty({ type: [String] })
  supportChannels!: string[];

  @Flag({ description: "false for a report through a channel outside the plan's: recorded, but it claims nothing (§1, R13)" })
  takenIntoAccount!: boolean;

  @Instant({ description: "When the acknowledgement is due: the plan's response time inside its support hours (R14)" })
  deadline!: string;

  @ApiProperty({ enum: ['open', 'met', 'breached'] })
  status!: 'open' | 'met' | 'breached';
}

export const FailureReportPage = PageOf(FailureReportResponse, 'FailureReportPage');

export class PlanComplianceResponse {
  @Id()
  planId!: string;

  @Int()
  reports!: number;

  @Int()
  met!: number;

  @Int()
  breached!: number;

  @Int()
  open!: number;

  @Percent({ nullable: true, example: '95.00', description: 'Met among the decided ones, in percent with 2 decimals; null while none is decided' })
  compliance!: string | null;
}

export class ResponseComplianceResponse {
  @Month()
  month!: string;

  @ApiProperty({ type: [PlanComplianceResponse] })
  plans!: PlanComplianceResponse[];
}
