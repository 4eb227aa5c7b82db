/**
 * Fault switches of the EventStoreDB test server, each answering the way the server does:
 * - `unavailable`: every call fails with UNAVAILABLE "Server Is Not Ready" (RpcExceptions.ServerNotReady,
 *   what a node answers before it has joined a cluster);
 * - `notLeader`: writes, and reads sent with `requires-leader: true`, fail with NOT_FOUND "Leader info
 *   available" and the `exception: not-leader`, `leader-endpoint-host`/`-port` trailers
 *   (RpcExceptions.LeaderInfo), pointing back at this server;
 * - `featuresNeverAnswer`: the server-features query is accepted and never answered;
 * - `appendsNeverAnswer`: appends (plain and batch) are accepted and never answered;
 * - `staleFollowerReads`: reads without `requires-leader` see the log as it was when the switch was
 *   turned on, like a follower that lags behind the leader;
 * - `dropLiveSubscriptions()`: every live `$all` subscription ends with ABORTED "Operation timed out:
 *   Consumer too slow to handle event while live. Client resubscription required."
 *   (Enumerators.AllSubscriptionFiltered.cs, ConsumerTooSlow, through RpcExceptions.Timeout).
 */
export class Faults {
  unavailable = false;
  notLeader = false;
  featuresNeverAnswer = false;
  appendsNeverAnswer = false;
  #staleAt: bigint | null = null;
  readonly #droppers = new Set<() => void>();

  constructor(private readonly checkpoint: () => bigint) {}

  set staleFollowerReads(on: boolean) {
    this.#staleAt = on ? this.checkpoint() : null;
  }

  get staleFollowerReads(): boolean {
    return this.#staleAt !== null;
  }

  /** Where a read stops: the end of the log, or the lagging follower's end. */
  readEnd(requiresLeader: boolean): bigint {
    return requiresLeader || this.#staleAt === null ? this.checkpoint() : this.#staleAt;
  }

  /** Registers a live subscription's "drop me" hook; returns its removal. */
  onDrop(drop: () => void): () => void {
    this.#droppers.add(drop);
    return () => this.#droppers.delete(drop);
  }

  /** How many `$all` subscriptions are open and live (caught up), i.e. could be dropped now. */
  get liveSubscriptions(): number {
    return this.#droppers.size;
  }

  /** How many live subscriptions were dropped. */
  dropLiveSubscriptions(): number {
    const droppers = [...this.#droppers];
    this.#droppers.clear();
    for (const drop of droppers) drop();
    return droppers.length;
  }

  reset(): void {
    this.unavailable = false;
    this.notLeader = false;
    this.featuresNeverAnswer = false;
    this.appendsNeverAnswer = false;
    this.#staleAt = null;
  }
}
