/**
 * Messages and errors of the EventStoreDB gRPC protocol, built with the client's own generated
 * classes so the real client reads exactly what it would read from a server.
 * Error shapes: RpcExceptions.cs and Status.cs in src/EventStore.Core/Services/Transport/Grpc
 * (release/oss-v23.10).
 */
import * as grpc from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import type { EventRecord } from './log.js';

export { sharedPb, statusPb, streamsPb };

export interface WireError {
  code: grpc.status;
  details: string;
  metadata?: grpc.Metadata;
}

function trailers(entries: Record<string, string>): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

export const errors = {
  /** RpcExceptions.ServerNotReady. */
  notReady: (): WireError => ({ code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready' }),
  /** RpcExceptions.LeaderInfo. */
  notLeader: (host: string, port: number): WireError => ({
    code: grpc.status.NOT_FOUND,
    details: 'Leader info available',
    metadata: trailers({ exception: 'not-leader', 'leader-endpoint-host': host, 'leader-endpoint-port': String(port) }),
  }),
  /** RpcExceptions.StreamDeleted. */
  streamDeleted: (stream: string): WireError => ({
    code: grpc.status.FAILED_PRECONDITION,
    details: `Event stream '${stream}' is deleted.`,
    metadata: trailers({ exception: 'stream-deleted', 'stream-name': stream }),
  }),
  /** RpcExceptions.UnknownError(ReadAllResult.Error): what a failed read of $all answers. */
  readAllError: (): WireError => ({ code: grpc.status.UNKNOWN, details: 'Unexpected ReadAllResult: Error' }),
  /** What the gRPC host answers for an exception thrown by a handler (a subscription that cannot start). */
  handlerException: (): WireError => ({ code: grpc.status.UNKNOWN, details: 'Exception was thrown by handler.' }),
  /** RpcExceptions.Timeout, with ConsumerTooSlow's message (Enumerators.AllSubscriptionFiltered.cs). */
  consumerTooSlow: (): WireError => ({
    code: grpc.status.ABORTED,
    details: 'Operation timed out: Consumer too slow to handle event while live. Client resubscription required.',
  }),
  invalidArgument: (what: string): WireError => ({ code: grpc.status.INVALID_ARGUMENT, details: what }),
};

function uuid(id: string): InstanceType<typeof sharedPb.UUID> {
  const value = new sharedPb.UUID();
  value.setString(id);
  return value;
}

export function readUuid(value: InstanceType<typeof sharedPb.UUID> | undefined): string {
  if (!value) throw new Error('missing id');
  if (value.hasString()) return value.getString();
  const structured = value.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function streamIdentifier(stream: string): InstanceType<typeof sharedPb.StreamIdentifier> {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream, 'utf8'));
  return identifier;
}

export function streamName(identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

/** An event as a read or a subscription sends it; positions on stream reads too (server 22.6+). */
export function readEventResponse(record: EventRecord, fromAll: boolean): InstanceType<typeof streamsPb.ReadResp> {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuid(record.id));
  recorded.setStreamIdentifier(streamIdentifier(record.stream));
  recorded.setStreamRevision(String(record.eventNumber));
  recorded.setCommitPosition(record.position.toString());
  recorded.setPreparePosition(record.position.toString());
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.createdTicks.toString());
  recorded.setCustomMetadata(record.metadata);
  recorded.setData(record.data);
  const event = new streamsPb.ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (fromAll) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new sharedPb.Empty());
  const response = new streamsPb.ReadResp();
  response.setEvent(event);
  return response;
}

/** A google.rpc.Status carrying one of the protocol's detail messages (Status.cs). */
export function status(code: number, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }) {
  const value = new statusPb.Status();
  value.setCode(code);
  value.setMessage(message);
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), typeName);
  value.setDetails(any);
  return value;
}
