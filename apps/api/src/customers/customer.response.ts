import { ApiProperty } from '@nestjs/swagger';
import { Id, Instant, NullableInstant, Text } from '../infrastructure/openapi/properties.js';
import { MoneyResponse, PageOf } from '../shared/common.response.js';

export class PlanPeriodResponse {
  @Instant({ description: 'From this instant on, the plan applies' })
  from!: string;

  @Id({ example: 'gold' })
  planId!: string;
}

export class FootprintPeriodResponse {
  @Instant()
  from!: string;

  @ApiProperty({ type: [String], example: ['fra'] })
  regions!: string[];
}

/** A customer with the plan and regions in force now spelled out, beside their whole histories. */
export class CustomerResponse {
  @Id({ example: 'acme' })
  id!: string;

  @Text({ example: 'ACME SA' })
  name!: string;

  @Text({ format: 'email', example: 'ops@acme.example' })
  email!: string;

  @Id({ example: 'gold', description: 'The plan in force now' })
  plan!: string;

  @ApiProperty({ type: [String], example: ['fra'], description: 'The regions in force now' })
  regions!: string[];

  @ApiProperty({ type: MoneyResponse })
  monthlyFee!: MoneyResponse;

  @Instant()
  activeFrom!: string;

  @NullableInstant()
  offboardedAt!: string | null;

  @ApiProperty({ type: [PlanPeriodResponse] })
  plans!: PlanPeriodResponse[];

  @ApiProperty({ type: [FootprintPeriodResponse] })
  footprint!: FootprintPeriodResponse[];
}

export const CustomerPage = PageOf(CustomerResponse, 'CustomerPage');
