import { Inject, Injectable } from '@nestjs/common';
import { assertSchemaName, type SqlDatabase } from '#event-store';
import type { AppConfig } from '../../config.js';
import { APP_CONFIG, READ_DATABASE } from '../../infrastructure/tokens.js';
import type { Role } from '../access-policy.js';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  customerId: string | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  customer_id: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const COLUMNS = `id, name, role, customer_id,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, created_by,
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS revoked_at`;

function tokenOf(row: TokenRow): ApiToken {
  return { id: row.id, name: row.name, role: row.role, customerId: row.customer_id, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at };
}

export class DuplicateTokenNameError extends Error {
  override readonly name = 'DuplicateTokenNameError';
}

/**
 * API tokens are security data, not facts about the SLA: they live in a table of the read
 * database (never rebuilt from events), holding a digest of each secret and never the secret.
 */
@Injectable()
export class TokenStore {
  private readonly table: string;

  constructor(
    @Inject(READ_DATABASE) private readonly db: SqlDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.table = `${assertSchemaName(config.readModelSchema)}.api_tokens`;
  }

  async setup(): Promise<void> {
    // Names are unique for ever, revoked or not: events name their actor by it.
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.table.split('.')[0]};
      CREATE TABLE IF NOT EXISTS ${this.table} (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        role text NOT NULL,
        customer_id text,
        token_digest text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz
      )`);
  }

  async create(token: { id: string; name: string; role: Role; customerId: string | null; createdBy: string }, digest: string): Promise<ApiToken> {
    const { rows } = await this.db.query<TokenRow>(
      `INSERT INTO ${this.table} (id, name, role, customer_id, token_digest, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [token.id, token.name, token.role, token.customerId, digest, token.createdBy],
    );
    if (!rows[0]) throw new DuplicateTokenNameError(token.name);
    return tokenOf(rows[0]);
  }

  /** The live token whose secret has this digest; revoked tokens are not found. */
  async findActive(digest: string): Promise<ApiToken | null> {
    const { rows } = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE token_digest = $1 AND revoked_at IS NULL`, [digest]);
    return rows[0] ? tokenOf(rows[0]) : null;
  }

  async list(): Promise<ApiToken[]> {
    const { rows } = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY created_at, name`);
    return rows.map(tokenOf);
  }

  /** Revoking twice keeps the first time; null when there is no such token. */
  async revoke(id: string): Promise<ApiToken | null> {
    const { rows } = await this.db.query<TokenRow>(
      `UPDATE ${this.table} SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? tokenOf(rows[0]) : null;
  }
}
