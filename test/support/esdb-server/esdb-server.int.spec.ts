import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANY, EventStoreDBClient, jsonEvent, NO_STREAM, START, streamNameFilter, WrongExpectedVersionError } from '@eventstore/db-client';
import type { Position, ResolvedEvent } from '@eventstore/db-client';
import * as grpc from '@grpc/grpc-js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { startEsdbTestServer, type EsdbTestServer } from './server.js';

/**
 * The test server's rules, through the raw client, as the 23.10 server's source states them (each
 * module cites its file). These are what the adapter's tests rely on the server to do.
 */
describe('the EventStoreDB test server', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  const event = (type = 'E') => jsonEvent({ id: randomUUID(), type, data: { n: 1 } });
  const stream = () => `s-${randomUUID()}`;

  async function all(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
    const out: ResolvedEvent[] = [];
    for await (const resolved of read) out.push(resolved);
    return out;
  }

  beforeAll(async () => {
    server = await startEsdbTestServer({ idempotencyCacheBytes: 10_000 });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  it('opens its log with an epoch record: no event at position 0', async () => {
    const s = stream();
    await client.appendToStream(s, [event()], { expectedRevision: NO_STREAM });
    const [first] = await all(client.readAll({ fromPosition: START, maxCount: 1 }));
    expect(first!.event!.position!.commit).toBeGreaterThan(0n);
  });

  it('reads $all forwards inclusive of the start, and refuses a position inside a record', async () => {
    const s = stream();
    const { position } = await client.appendToStream(s, [event('a'), event('b')], { expectedRevision: NO_STREAM });
    const [a] = await all(client.readStream(s, { maxCount: 1 }));
    const from = a!.event!.position!;
    const read = await all(client.readAll({ fromPosition: from, maxCount: 2 }));
    expect(read.map((r) => r.event!.type)).toEqual(['a', 'b']);
    expect(read[1]!.event!.position).toEqual(position);
    await expect(all(client.readAll({ fromPosition: { commit: from.commit + 1n, prepare: from.commit + 1n } }))).rejects.toThrow(/Unexpected ReadAllResult: Error/);
  });

  it('keeps idempotency for numeric and no-stream revisions across a restart, but not for any', async () => {
    const numeric = stream();
    const events = [event(), event()];
    await client.appendToStream(numeric, events, { expectedRevision: NO_STREAM });
    server.restart();
    const replay = await client.appendToStream(numeric, events, { expectedRevision: NO_STREAM });
    expect(replay.nextExpectedRevision).toBe(1n);
    expect(await all(client.readStream(numeric))).toHaveLength(2);

    const anyStream = stream();
    const once = [event()];
    await client.appendToStream(anyStream, once, { expectedRevision: ANY });
    expect((await client.appendToStream(anyStream, once, { expectedRevision: ANY })).nextExpectedRevision).toBe(0n);
    server.restart();
    // Forgotten with the cache: written a second time.
    expect((await client.appendToStream(anyStream, once, { expectedRevision: ANY })).nextExpectedRevision).toBe(1n);
  });

  it('answers a partly matching retry as wrong expected version, and a stale revision with the current one', async () => {
    const s = stream();
    const [a, b] = [event(), event()];
    await client.appendToStream(s, [a, b], { expectedRevision: NO_STREAM });
    const corrupted = await client.appendToStream(s, [a, event()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e);
    expect(corrupted).toBeInstanceOf(WrongExpectedVersionError);
    const stale = await client.appendToStream(s, [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
    expect((stale as WrongExpectedVersionError).actualVersion).toBe(1n);
  });

  it('starts a subscription from a position after the event there, confirms it, and sends CaughtUp', async () => {
    const s = stream();
    await client.appendToStream(s, [event('a'), event('b'), event('c')], { expectedRevision: NO_STREAM });
    const [a] = await all(client.readStream(s, { maxCount: 1 }));
    const subscription = client.subscribeToAll({ fromPosition: a!.event!.position!, filter: streamNameFilter({ prefixes: [s] }) });
    const seen: string[] = [];
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    subscription.on('data', (resolved: ResolvedEvent) => seen.push(resolved.event!.type));
    // CaughtUp comes after the history: both events are in by then.
    await caughtUp;
    expect(seen).toEqual(['b', 'c']);
    await subscription.unsubscribe();
  });

  it('sends a checkpoint every 32 considered events to a filtered subscription', async () => {
    const checkpoints: Position[] = [];
    const target = stream();
    await client.appendToStream(stream(), Array.from({ length: 40 }, () => event('other')), { expectedRevision: NO_STREAM });
    await client.appendToStream(target, [event('mine')], { expectedRevision: NO_STREAM });
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: [target], checkpointReached: (_s, position) => void checkpoints.push(position) }),
    });
    for await (const resolved of subscription) {
      expect(resolved.event!.type).toBe('mine');
      break;
    }
    await subscription.unsubscribe();
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
  });

  it('records the credentials a call carries, so a test can tell whether a client sent any', async () => {
    const features = new featuresGrpc.ServerFeaturesClient(`${server.host}:${server.port}`, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Basic ${Buffer.from('admin:changeit').toString('base64')}`);
    try {
      await new Promise<void>((resolve, reject) => features.getSupportedMethods(new sharedPb.Empty(), metadata, (error) => (error ? reject(error) : resolve())));
    } finally {
      features.close();
    }
    expect(server.authorizations).toEqual(['Basic YWRtaW46Y2hhbmdlaXQ=']);
  });

  it('drops a live subscription as too slow when told to, with the server\'s message', async () => {
    const subscription = client.subscribeToAll({ fromPosition: START });
    const confirmed = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const failed = new Promise<unknown>((resolve) => subscription.on('error', resolve));
    subscription.on('data', () => undefined);
    await confirmed;
    expect(server.faults.dropLiveSubscriptions()).toBeGreaterThanOrEqual(1);
    expect(String(await failed)).toMatch(/Consumer too slow to handle event while live/);
  });
});
