/**
 * A wire-level EventStoreDB test server: the gRPC services the real `@eventstore/db-client`
 * speaks (its own generated definitions, `StreamsService` and `ServerFeaturesService`), served by
 * `@grpc/grpc-js` on loopback, over an in-memory log that follows the 23.10 server's rules (each
 * module names the source files it follows). Insecure mode only: no TLS, no users.
 *
 *   const server = await startEsdbTestServer();
 *   const store = EsdbEventStore.fromConnectionString(server.connectionString);
 *   server.faults.notLeader = true;  // see faults.ts
 */
import * as grpc from '@grpc/grpc-js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import { readAll, readStream, type Direction } from './all-reader.js';
import { Faults } from './faults.js';
import { InvalidReadError, TransactionLog, type EventRecord } from './log.js';
import { ANY, NO_STREAM, STREAM_EXISTS, StreamIndex, type ProposedEvent, type WriteOutcome } from './streams.js';
import { subscribeToAll } from './subscriptions.js';
import { errors, readEventResponse, readUuid, sharedPb, status, streamIdentifier, streamName, streamsPb, type WireError } from './wire.js';

export { Faults } from './faults.js';

/** The version the server features report; the rules followed are those of 23.10. */
export const SERVER_VERSION = '23.10.8';

type Call = { metadata: grpc.Metadata };

export interface EsdbTestServer {
  /** e.g. `esdb://127.0.0.1:40123?tls=false` */
  connectionString: string;
  host: string;
  port: number;
  faults: Faults;
  log: TransactionLog;
  streams: StreamIndex;
  /** Writes an event to a system stream, as the server's own statistics and settings do. */
  writeSystemEvent(stream?: string, type?: string): EventRecord;
  softDelete(stream: string): void;
  tombstone(stream: string): void;
  truncateBefore(stream: string, eventNumber: number): void;
  /** A restart: the log stays, in-memory caches (the idempotency cache among them) are lost. */
  restart(): void;
  /** Every `authorization` header received, in order (a client sends `Basic ...` for its credentials). */
  authorizations: string[];
  close(): Promise<void>;
}

export interface EsdbTestServerOptions {
  /** Bound of the idempotency cache used for `any` appends (8 MB on a real server). */
  idempotencyCacheBytes?: number;
}

/** The `authorization` header of a call, if it carries one. */
function authorizationOf(call: Call): string | undefined {
  const value = call.metadata.get('authorization')[0];
  return value === undefined ? undefined : String(value);
}

function requiresLeader(call: Call): boolean {
  return call.metadata.get('requires-leader')[0] === 'true';
}

function proposed(message: {
  getId(): InstanceType<typeof sharedPb.UUID> | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  // Streams.Append.cs: both are required (RpcExceptions.RequiredMetadataPropertyMissing).
  if (type === undefined || contentType === undefined) throw new Error('missing required metadata property type/content-type');
  return {
    id: readUuid(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const log = new TransactionLog();
  const streams = new StreamIndex(log, options);
  const faults = new Faults(() => log.checkpoint);
  const host = '127.0.0.1';
  let port = 0;
  const authorizations: string[] = [];

  /** A fault that applies to this call, if any. */
  const noteCredentials = (call: Call): void => {
    const authorization = authorizationOf(call);
    if (authorization !== undefined) authorizations.push(authorization);
  };
  const faultFor = (call: Call, isWrite: boolean): WireError | null => {
    if (faults.unavailable) return errors.notReady();
    if (faults.notLeader && (isWrite || requiresLeader(call))) return errors.notLeader(host, port);
    return null;
  };

  const read: grpc.handleServerStreamingCall<InstanceType<typeof streamsPb.ReadReq>, InstanceType<typeof streamsPb.ReadResp>> = (call) => {
    noteCredentials(call);
    const fail = (error: WireError) => call.emit('error', error);
    const fault = faultFor(call, false);
    if (fault) return fail(fault);
    const options = call.request.getOptions()!;
    if (options.hasAll() && options.hasSubscription()) {
      return subscribeToAll(call, { log, streams, faults, fail });
    }
    if (options.hasSubscription()) return fail(errors.invalidArgument('stream subscriptions are not served by the test server'));
    const direction: Direction = options.getReadDirection() === 1 ? 'backwards' : 'forwards';
    const count = Number(BigInt(options.getCount() || '0') > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : options.getCount());
    const end = faults.readEnd(requiresLeader(call));
    if (options.hasAll()) {
      const all = options.getAll()!;
      const from = all.hasStart() ? 'start' : all.hasEnd() ? 'end' : BigInt(all.getPosition()!.getCommitPosition());
      let records: EventRecord[];
      try {
        records = readAll(log, from, direction, count, end);
      } catch (error) {
        if (error instanceof InvalidReadError) return fail(errors.readAllError());
        throw error;
      }
      for (const record of records) call.write(readEventResponse(record, true));
      return call.end();
    }
    const streamOptions = options.getStream()!;
    const stream = streamName(streamOptions.getStreamIdentifier());
    const from = streamOptions.hasStart() ? 'start' : streamOptions.hasEnd() ? 'end' : Number(streamOptions.getRevision());
    const result = readStream(streams, stream, from, direction, count, end);
    if (result.status === 'deleted') return fail(errors.streamDeleted(stream));
    if (result.status === 'not-found') {
      const notFound = new streamsPb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamIdentifier(stream));
      const response = new streamsPb.ReadResp();
      response.setStreamNotFound(notFound);
      call.write(response);
      return call.end();
    }
    for (const record of result.events) call.write(readEventResponse(record, false));
    call.end();
  };

  /** Streams.Append.cs: options first, then the proposed events; one answer at the end. */
  const append: grpc.handleClientStreamingCall<InstanceType<typeof streamsPb.AppendReq>, InstanceType<typeof streamsPb.AppendResp>> = (call, callback) => {
    noteCredentials(call);
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: ProposedEvent[] = [];
    let broken: Error | null = null;
    call.on('data', (request: InstanceType<typeof streamsPb.AppendReq>) => {
      try {
        if (!options) {
          if (!request.hasOptions()) throw new Error('the first message of an append must carry its options');
          options = request.getOptions()!;
        } else events.push(proposed(request.getProposedMessage()!));
      } catch (error) {
        broken = error as Error;
      }
    });
    call.on('end', () => {
      const fault = faultFor(call, true);
      if (fault) return callback(fault, null);
      if (broken || !options) return callback(errors.invalidArgument(broken?.message ?? 'no options'), null);
      if (faults.appendsNeverAnswer) return;
      const stream = streamName(options.getStreamIdentifier());
      const expected = options.hasRevision() ? Number(options.getRevision()) : options.hasNoStream() ? NO_STREAM : options.hasStreamExists() ? STREAM_EXISTS : ANY;
      const outcome = streams.write(stream, expected, events);
      if (outcome.result === 'stream-deleted') return callback(errors.streamDeleted(stream), null);
      const response = new streamsPb.AppendResp();
      if (outcome.result === 'success') {
        const success = new streamsPb.AppendResp.Success();
        success.setCurrentRevision(String(outcome.lastEventNumber));
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
        else if (options.hasNoStream()) wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new sharedPb.Empty());
        else wrong.setExpectedAny(new sharedPb.Empty());
        if (outcome.currentVersion < 0) wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(String(outcome.currentVersion));
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };

  /**
   * Streams.BatchAppend.cs: requests carry a correlation id, the options in the first, events
   * across one or more, `is_final` on the last; each write is answered on the shared stream with
   * its correlation id, success or a google.rpc.Status (Status.cs).
   */
  const batchAppend: grpc.handleBidiStreamingCall<InstanceType<typeof streamsPb.BatchAppendReq>, InstanceType<typeof streamsPb.BatchAppendResp>> = (call) => {
    noteCredentials(call);
    const fault = faultFor(call, true);
    if (fault) {
      call.emit('error', fault);
      return;
    }
    const pending = new Map<string, { options: InstanceType<typeof streamsPb.BatchAppendReq.Options>; events: ProposedEvent[] }>();
    call.on('data', (request: InstanceType<typeof streamsPb.BatchAppendReq>) => {
      const correlation = request.getCorrelationId();
      const id = readUuid(correlation);
      let write = pending.get(id);
      if (!write) {
        if (!request.hasOptions()) return;
        write = { options: request.getOptions()!, events: [] };
        pending.set(id, write);
      }
      for (const message of request.getProposedMessagesList()) write.events.push(proposed(message));
      if (!request.getIsFinal()) return;
      pending.delete(id);
      const late = faultFor(call, true);
      if (late) {
        call.emit('error', late);
        return;
      }
      if (faults.appendsNeverAnswer) return;
      const { options } = write;
      const stream = streamName(options.getStreamIdentifier());
      const expected = options.hasStreamPosition() ? Number(options.getStreamPosition()) : options.hasNoStream() ? NO_STREAM : options.hasStreamExists() ? STREAM_EXISTS : ANY;
      const outcome = streams.write(stream, expected, write.events);
      const response = new streamsPb.BatchAppendResp();
      response.setCorrelationId(correlation);
      response.setStreamIdentifier(streamIdentifier(stream));
      if (outcome.result === 'success') {
        const success = new streamsPb.BatchAppendResp.Success();
        success.setCurrentRevision(String(outcome.lastEventNumber));
        const position = new sharedPb.AllStreamPosition();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        response.setError(batchError(outcome, stream, expected));
      }
      call.write(response);
    });
    call.on('end', () => call.end());
  };

  const server = new grpc.Server();
  server.addService(streamsGrpc.StreamsService, {
    read,
    append,
    batchAppend,
    delete: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not served by the test server' }, null),
    tombstone: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not served by the test server' }, null),
  });
  server.addService(featuresGrpc.ServerFeaturesService, {
    // ServerFeatures.cs: the client's gRPC methods, lower-cased, with the features it adds to
    // stream reads and batch appends, and the server's version.
    getSupportedMethods: (call: Call, callback: grpc.sendUnaryData<InstanceType<typeof featuresPb.SupportedMethods>>) => {
      noteCredentials(call);
      if (faults.unavailable) return callback(errors.notReady(), null);
      if (faults.featuresNeverAnswer) return;
      const methods = ['read', 'append', 'batchappend', 'delete', 'tombstone'].map((name) => {
        const method = new featuresPb.SupportedMethod();
        method.setServiceName('event_store.client.streams.streams');
        method.setMethodName(name);
        if (name === 'read') method.setFeaturesList(['position', 'events']);
        if (name === 'batchappend') method.setFeaturesList(['deadline_duration']);
        return method;
      });
      const supported = new featuresPb.SupportedMethods();
      supported.setMethodsList(methods);
      supported.setEventStoreServerVersion(SERVER_VERSION);
      callback(null, supported);
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    connectionString: `esdb://${host}:${port}?tls=false`,
    host,
    port,
    faults,
    log,
    streams,
    writeSystemEvent: (stream = `$stats-${host}:${port}`, type = '$statsCollected') => {
      const data = new TextEncoder().encode('{"proc-mem":1}');
      streams.write(stream, ANY, [{ id: crypto.randomUUID(), type, contentType: 'application/json', data, metadata: new Uint8Array() }]);
      return log.records[log.records.length - 1] as EventRecord;
    },
    softDelete: (stream) => streams.softDelete(stream),
    tombstone: (stream) => streams.tombstone(stream),
    truncateBefore: (stream, eventNumber) => streams.truncateBefore(stream, eventNumber),
    restart: () => streams.restart(),
    authorizations,
    close: async () => {
      faults.dropLiveSubscriptions();
      server.forceShutdown();
    },
  };
}

function batchError(outcome: Exclude<WriteOutcome, { result: 'success' }>, stream: string, expected: number) {
  if (outcome.result === 'stream-deleted') {
    const deleted = new sharedPb.StreamDeleted();
    deleted.setStreamIdentifier(streamIdentifier(stream));
    return status(5, 'StreamDeleted', 'event_store.client.StreamDeleted', deleted);
  }
  // WrongExpectedVersion.Create(current, expected), code ALREADY_EXISTS.
  const wrong = new sharedPb.WrongExpectedVersion();
  if (outcome.currentVersion < 0) wrong.setCurrentNoStream(new emptyPb.Empty());
  else wrong.setCurrentStreamRevision(String(outcome.currentVersion));
  if (expected >= 0) wrong.setExpectedStreamPosition(String(expected));
  else if (expected === NO_STREAM) wrong.setExpectedNoStream(new emptyPb.Empty());
  else if (expected === STREAM_EXISTS) wrong.setExpectedStreamExists(new emptyPb.Empty());
  else wrong.setExpectedAny(new emptyPb.Empty());
  return status(6, 'WrongExpectedVersion', 'event_store.client.WrongExpectedVersion', wrong);
}
