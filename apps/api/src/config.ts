import { resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { isWorkingDay, UnknownHolidayCountryError, type CalendarConfig } from '#domain';

/** Everything the deployment may set, read once from the environment and checked at start-up. */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** DATA_DIR as the user wrote it (`./data`), for messages; `dataDir` is the resolved path. */
  dataDirSetting: string;
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
  /** Worker threads that compute whole months of figures (SLA_COMPUTE_THREADS, default 1); 0: on the main thread, in turns. */
  computeThreads: number;
  bodyLimit: string;
  /** Days after a month's end within which a credit request counts (R13); null: no deadline. */
  claimDeadlineDays: number | null;
  /** Days a customer has to object to a sub-processor change it was notified of (R15; SLA_SUBPROCESSOR_OBJECTION_DAYS). */
  subProcessorObjectionDays: number;
  /** Requests a token may make per minute before 429. */
  rateLimitPerMinute: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlHours: number;
  /** Browser origins allowed by CORS; null: no CORS headers at all. */
  corsOrigins: string[] | null;
  logLevel: LogLevel;
  /** What this process does: answer HTTP (`api`), project the read models (`projector`), or both. */
  role: ProcessRole;
  /** Maintenance notices by email; see the README's "Maintenance notices". */
  mail: MailConfig;
}

export interface MailConfig {
  /** smtp:// or smtps:// with credentials; null: each message is written under `outboxDir` instead. */
  smtpUrl: string | null;
  /** The From of every notice, `Name <address>` or an address. */
  from: string;
  /** The right part of Message-IDs: the From address's domain. */
  domain: string;
  /** Whom a customer contacts about a notice, printed in every email. */
  contact: string;
  /** The longest wait between two tries of a notice the server did not accept (4xx, no connection). */
  retryMs: number;
  /** Where `.eml` files go without SMTP_URL; null (in-memory data): kept in memory. */
  outboxDir: string | null;
  /** false (SLA_NOTICE_SENDING=off): notices are planned and stay pending, nothing is sent (a staging copy). */
  sending: boolean;
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

/** 0 to 16 worker threads; a typo stops the start. */
function computeThreads(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 0 || threads > 16) {
    throw new ConfigError(`SLA_COMPUTE_THREADS=${value} must be a whole number from 0 to 16: worker threads that compute whole months (0: on the main thread)`);
  }
  return threads;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** What the JSON body parser accepts as a limit, checked here so a typo stops the start instead of failing every request. */
function bodyLimit(value: string | undefined): string {
  if (value === undefined || value === '') return '100kb';
  const match = SIZE.exec(value.trim());
  const bytes = match ? Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]! : NaN;
  if (!(bytes >= 1024 && bytes <= 100 * 1024 ** 2)) {
    throw new ConfigError(`SLA_BODY_LIMIT=${value} must be a size from 1kb to 100mb, written like 100kb or 2mb`);
  }
  return value.trim();
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

export const PROCESS_ROLES = ['all', 'api', 'projector'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

function processRole(value: string | undefined, databaseUrl: string | null): ProcessRole {
  const role = (value || 'all').toLowerCase();
  if (!(PROCESS_ROLES as readonly string[]).includes(role)) throw new ConfigError(`SLA_ROLE=${value} must be one of ${PROCESS_ROLES.join(', ')}`);
  if (role !== 'all' && !databaseUrl) {
    throw new ConfigError(`SLA_ROLE=${role} needs DATABASE_URL: processes share their read models through PostgreSQL (the embedded store is opened by one process only)`);
  }
  return role as ProcessRole;
}

function logLevel(value: string | undefined): LogLevel {
  const level = (value || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL=${value} must be one of ${LOG_LEVELS.join(', ')}`);
  return level as LogLevel;
}

const ADDRESS = /^[^\s<>@",;]+@[A-Za-z0-9.-]+\.?[A-Za-z0-9-]*$/;

function smtpUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('SMTP_URL is not a URL: use smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (it starts with ${url.protocol}//)`);
  if (!url.hostname) throw new ConfigError('SMTP_URL names no host: use smtp://user:password@host:587');
  return value;
}

function mailFrom(value: string | undefined): { from: string; address: string } {
  const from = (value || 'SLA Ledger <notices@sla-ledger.localhost>').trim();
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from;
  if (!ADDRESS.test(address) || from.length > 300) throw new ConfigError(`MAIL_FROM=${value} must be an address or "Name <address>", for example "Provider Ops <ops@provider.example>"`);
  return { from, address };
}

function mailConfig(env: NodeJS.ProcessEnv, dataDir: string): MailConfig {
  const { from, address } = mailFrom(env.MAIL_FROM);
  const retryMs = env.SLA_NOTICE_RETRY_MS ? wholeNumber(env, 'SLA_NOTICE_RETRY_MS', 30_000, 86_400_000) : 30_000;
  const contact = (env.SLA_CONTACT || address).trim();
  if (contact.length > 500) throw new ConfigError('SLA_CONTACT must be at most 500 characters: whom customers reach about a maintenance, e.g. "support@provider.example, +33 1 23 45 67 89"');
  const outboxDir = env.SLA_OUTBOX_DIR ? resolve(env.SLA_OUTBOX_DIR) : dataDir.startsWith('memory://') ? null : resolve(dataDir, 'outbox');
  const sendingSetting = (env.SLA_NOTICE_SENDING || 'on').toLowerCase();
  if (sendingSetting !== 'on' && sendingSetting !== 'off') throw new ConfigError(`SLA_NOTICE_SENDING=${env.SLA_NOTICE_SENDING} must be on or off`);
  return { sending: sendingSetting === 'on', smtpUrl: smtpUrl(env.SMTP_URL), from, domain: address.split('@')[1]!.replace(/\.$/, ''), contact, retryMs, outboxDir };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a TCP port number`);
  const holidayCountry = (env.HOLIDAY_COUNTRY || 'FR').toUpperCase();
  if (!knowsHolidays(holidayCountry)) {
    throw new ConfigError(`HOLIDAY_COUNTRY=${holidayCountry} is not a country the holiday calendar knows (use an ISO 3166 code such as FR or DE)`);
  }
  const dataDir = (env.DATA_DIR ?? '').startsWith('memory://') ? env.DATA_DIR! : resolve(env.DATA_DIR || './data');
  return {
    port,
    dataDir,
    dataDirSetting: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || null,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || null,
    billingTimeZone: zone(env, 'BILLING_TIME_ZONE', 'UTC'),
    legalTimeZone: zone(env, 'LEGAL_TIME_ZONE', 'Europe/Paris'),
    holidayCountry,
    adminToken: adminToken(env.SLA_ADMIN_TOKEN),
    eventSchema: env.SLA_EVENT_SCHEMA || 'sla_events',
    readModelSchema: env.SLA_READ_MODEL_SCHEMA || 'sla_read',
    consistencyTimeoutMs: wholeNumber(env, 'SLA_CONSISTENCY_TIMEOUT_MS', 5_000, 600_000),
    computeThreads: computeThreads(env.SLA_COMPUTE_THREADS),
    bodyLimit: bodyLimit(env.SLA_BODY_LIMIT),
    claimDeadlineDays: claimDeadline(env.CLAIM_DEADLINE_DAYS),
    subProcessorObjectionDays: wholeNumber(env, 'SLA_SUBPROCESSOR_OBJECTION_DAYS', 30, 365),
    rateLimitPerMinute: wholeNumber(env, 'RATE_LIMIT_PER_MINUTE', 600, 1_000_000),
    idempotencyTtlHours: wholeNumber(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24 * 365),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    logLevel: logLevel(env.LOG_LEVEL),
    mail: mailConfig(env, dataDir),
    role: processRole(env.SLA_ROLE, env.DATABASE_URL || null),
  };
}

/**
 * The deployment's calendars (R2 in docs/rules.md): the billing zone of the months, the legal zone
 * and holiday country of working days. Every rule that needs a calendar takes it from here.
 */
export function calendarOf(config: Pick<AppConfig, keyof CalendarConfig>): CalendarConfig {
  return { billingTimeZone: config.billingTimeZone, legalTimeZone: config.legalTimeZone, holidayCountry: config.holidayCountry };
}
