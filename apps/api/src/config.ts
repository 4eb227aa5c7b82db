import { resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { isWorkingDay, UnknownHolidayCountryError } from '#domain';

/** Everything the deployment may set, read once from the environment and checked at start-up. */
export interface AppConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  eventStoreConnectionString: string | null;
  billingTimeZone: string;
  legalTimeZone: string;
  holidayCountry: string;
  adminToken: string | null;
  /** Schemas of the event store and of the read models (tests use fresh ones). */
  eventSchema: string;
  readModelSchema: string;
  /** How long a query waits for projections to include the latest write before answering 503. */
  consistencyTimeoutMs: number;
  bodyLimit: string;
  /** Days after a month's end within which a credit request counts (R13); null: no deadline. */
  claimDeadlineDays: number | null;
  /** Requests a token may make per minute before 429. */
  rateLimitPerMinute: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlHours: number;
  /** Browser origins allowed by CORS; null: no CORS headers at all. */
  corsOrigins: string[] | null;
  logLevel: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function zone(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!IANAZone.isValidZone(value)) throw new ConfigError(`${name}=${value} is not an IANA time zone (for example Europe/Paris or UTC)`);
  return value;
}

function knowsHolidays(country: string): boolean {
  try {
    isWorkingDay('2026-01-01', country);
    return true;
  } catch (error) {
    if (error instanceof UnknownHolidayCountryError) return false;
    throw error;
  }
}

function claimDeadline(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 3650) throw new ConfigError(`CLAIM_DEADLINE_DAYS=${value} must be a whole number of days (0–3650), or unset for no deadline`);
  return days;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigError(`${name}=${raw} must be a whole number from 1 to ${max}`);
  return value;
}

function corsOrigins(value: string | undefined): string[] | null {
  const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const invalid = origins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (invalid.length > 0) throw new ConfigError(`CORS_ORIGINS has ${invalid.join(', ')}: list origins such as https://status.example.com, comma-separated, without a path`);
  return origins.length > 0 ? origins : null;
}

function adminToken(value: string | undefined): string | null {
  if (!value) return null;
  // A short bootstrap secret could be guessed faster than the rate limit can slow anyone down.
  if (value.length < 16) throw new ConfigError('SLA_ADMIN_TOKEN must be at least 16 characters; generate one with `openssl rand -base64 32`');
  return value;
}

function logLevel(value: string | undefined): LogLevel {
  const level = (value || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL=${value} must be one of ${LOG_LEVELS.join(', ')}`);
  return level as LogLevel;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a TCP port number`);
  const holidayCountry = (env.HOLIDAY_COUNTRY || 'FR').toUpperCase();
  if (!knowsHolidays(holidayCountry)) {
    throw new ConfigError(`HOLIDAY_COUNTRY=${holidayCountry} is not a country the holiday calendar knows (use an ISO 3166 code such as FR or DE)`);
  }
  return {
    port,
    dataDir: (env.DATA_DIR ?? '').startsWith('memory://') ? env.DATA_DIR! : resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || null,
    billingTimeZone: zone(env, 'BILLING_TIME_ZONE', 'UTC'),
    legalTimeZone: zone(env, 'LEGAL_TIME_ZONE', 'Europe/Paris'),
    holidayCountry,
    adminToken: adminToken(env.SLA_ADMIN_TOKEN),
    eventSchema: env.SLA_EVENT_SCHEMA || 'sla_events',
    readModelSchema: env.SLA_READ_MODEL_SCHEMA || 'sla_read',
    consistencyTimeoutMs: Number(env.SLA_CONSISTENCY_TIMEOUT_MS || 5_000),
    bodyLimit: env.SLA_BODY_LIMIT || '100kb',
    claimDeadlineDays: claimDeadline(env.CLAIM_DEADLINE_DAYS),
    rateLimitPerMinute: wholeNumber(env, 'RATE_LIMIT_PER_MINUTE', 600, 1_000_000),
    idempotencyTtlHours: wholeNumber(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24 * 365),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    logLevel: logLevel(env.LOG_LEVEL),
  };
}
