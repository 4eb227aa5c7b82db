/**
 * The connection string and the client made from it: options the adapter reads or refuses, the
 * warning about credentials that would be dropped, and a client that can be replaced.
 */
import { EventStoreDBClient } from '@eventstore/db-client';

export interface EsdbEventStoreOptions {
  /**
   * Upper bound, in ms, on each read of a stream or of `$all`. The client gives its streaming
   * reads no deadline at all, so without this a server that accepts the connection and never
   * answers would hang a read forever. Defaults to the connection string's `defaultDeadline`, else 10 s.
   */
  readTimeoutMs?: number;
  /**
   * Upper bound, in ms, on waiting for an append to be confirmed. Needed for the same reason: the
   * client's first question to a server (its feature list) and its batch-append stream carry no
   * client-side deadline. Defaults to the connection string's `defaultDeadline`, else 10 s.
   */
  appendTimeoutMs?: number;
  /** How long a subscription waits for more events before it hands over a partial batch. */
  subscriptionLingerMs?: number;
  /** Where warnings about the configuration go (default: `console.warn`). */
  warn?: (message: string) => void;
}

/** The `defaultDeadline` setting of a connection string, if it has one. */
export function defaultDeadlineOf(connectionString: string): number | undefined {
  const value = setting(connectionString, 'defaultDeadline');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** A connection string the adapter cannot work with. */
export class EsdbConnectionStringError extends Error {
  override readonly name = 'EsdbConnectionStringError';
}

/** A key as the client's parser compares it (`toflatCase`): `throw_on_append_failure` is `throwOnAppendFailure`. */
const flat = (key: string): string => key.trim().toLowerCase().replace(/[_-]/g, '');

/**
 * An option of the connection string as the client reads it (parseConnectionString.js): keys in any
 * case, with or without `_` and `-`; the value trimmed; the last occurrence wins.
 */
function setting(connectionString: string, name: string): string | undefined {
  const query = connectionString.trim().replace(/\/+$/, '').split('?')[1];
  let value: string | undefined;
  for (const pair of query?.split('&') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && flat(pair.slice(0, at)) === flat(name)) value = pair.slice(at + 1).trim();
  }
  return value;
}

/**
 * Checks what the client would silently get wrong:
 * - `throwOnAppendFailure=false` makes the client resolve a failed append (a lost race) as
 *   `{ success: false }` instead of throwing, and the adapter treats every resolved append as
 *   written: refused;
 * - credentials with `tls=false`: the client sends no credentials over an insecure channel
 *   (`createCredentialsMetadataGenerator`: "Credentials are unsupported in insecure mode, and
 *   will be ignored"), so a secure server would see an anonymous user, which may not read `$all`.
 *   An insecure server has no users at all: the credentials are pointless there too. A warning.
 */
export function checkConnectionString(connectionString: string, warn: (message: string) => void): void {
  if (setting(connectionString, 'throwOnAppendFailure')?.toLowerCase() === 'false') {
    throw new EsdbConnectionStringError(
      'the EventStoreDB connection string sets throwOnAppendFailure=false, which makes a failed append look written; remove the option',
    );
  }
  const credentials = /^[a-z+]+:\/\/[^/@?]+@/i.test(connectionString);
  if (credentials && setting(connectionString, 'tls')?.toLowerCase() === 'false') {
    warn(
      'the EventStoreDB connection string has credentials and tls=false: the client never sends credentials without TLS, ' +
        'so they are ignored. A secure server then sees an anonymous user, who cannot read $all (projections fail with "access denied"). ' +
        'Use TLS with a user of the $admins group (esdb://admin:changeit@host:2113?tlsCAFile=ca.crt), or no credentials for a server run with --insecure.',
    );
  }
}

/**
 * The client, replaceable. The client caches its first server-features query with no deadline:
 * if that query is never answered, every later append waits on it for the life of the client.
 * So after an append that timed out the adapter starts over with a fresh client; the old one is
 * disposed of at close (disposing it earlier would cancel subscriptions still running on it).
 */
export class ClientHolder {
  #client: EventStoreDBClient;
  readonly #retired: EventStoreDBClient[] = [];

  constructor(private readonly connectionString: string) {
    this.#client = EventStoreDBClient.connectionString(connectionString);
  }

  get current(): EventStoreDBClient {
    return this.#client;
  }

  /** Replaces the client, unless `failed` was already replaced. */
  renew(failed: EventStoreDBClient): void {
    if (failed !== this.#client) return;
    this.#retired.push(failed);
    this.#client = EventStoreDBClient.connectionString(this.connectionString);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.#client, ...this.#retired].map((client) => client.dispose()));
  }
}
