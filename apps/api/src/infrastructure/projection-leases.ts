import pg from 'pg';

/**
 * Who projects a read model when several processes share one database: the holder of its lease.
 * Each projection runs in exactly one process at a time; the others follow its checkpoint and
 * take over when the holder dies.
 */
export interface ProjectionLeases {
  /** Takes the lease of `projection` if nobody holds it; true while this process holds it. */
  tryTake(projection: string): Promise<boolean>;
  /** Called when this process loses every lease it held (its lease connection broke). */
  onLost(listener: () => void): void;
  close(): Promise<void>;
}

/** The embedded store is opened by one process only (its folder is locked): it holds every lease. */
export class SoleProcessLeases implements ProjectionLeases {
  async tryTake(): Promise<boolean> {
    return true;
  }
  onLost(): void {}
  async close(): Promise<void> {}
}

/**
 * Leases as PostgreSQL session advisory locks on a connection of their own: held as long as that
 * connection lives, released by the server the moment the process dies (its connection closes),
 * so a standby's next try, a couple of seconds later, takes over. The key is the read-model schema
 * and the projection's name, so deployments on other schemas never compete.
 */
export class AdvisoryLeases implements ProjectionLeases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly schema: string,
  ) {}

  async tryTake(projection: string): Promise<boolean> {
    if (this.held.has(projection)) return true;
    if (this.closed) return false;
    const client = await this.connection();
    const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken', [`sla-ledger:${this.schema}:${projection}`]);
    if (rows[0]?.taken) this.held.add(projection);
    return rows[0]?.taken === true;
  }

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'sla-ledger leases' });
      const lost = () => {
        if (this.client !== client) return;
        this.client = null;
        const had = this.held.size > 0;
        this.held.clear();
        if (had && !this.closed) for (const listener of this.listeners) listener();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
