import { ApiProperty } from '@nestjs/swagger';
import { Instant, NullableInstant, NullableText, Text } from '../../infrastructure/openapi/properties.js';
import { ROLES } from '../access-policy.js';

/** An API token as the ledger keeps it: never its secret, only who it stands for. */
export class TokenResponse {
  @Text({ format: 'uuid' })
  id!: string;

  @Text({ example: 'grafana-ops' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;

  @NullableText({ description: 'The one customer a customer token reads' })
  customerId!: string | null;

  @Instant()
  createdAt!: string;

  @Text({ example: 'admin' })
  createdBy!: string;

  @NullableInstant()
  revokedAt!: string | null;
}

export class CreatedTokenResponse extends TokenResponse {
  @Text({ description: 'The secret, shown in this answer only; send it as Authorization: Bearer <token>' })
  token!: string;
}

/** Who the calling token stands for. */
export class CurrentTokenResponse {
  @Text({ example: 'token:ops-bot', description: 'Recorded as the actor of every event the token causes' })
  actor!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;

  @NullableText({ description: 'The one customer a customer token reads' })
  customerId!: string | null;

  @NullableText({ description: 'null for the bootstrap token from SLA_ADMIN_TOKEN' })
  tokenId!: string | null;
}
