/**
 * Emmett's PostgreSQL event store under the bench workload, in a child process of its own: Emmett
 * (through dumbo) installs process-wide `pg` type parsers (int8 as BigInt, JSON with a reviver) that
 * must not touch our store or the raw baseline in the parent.
 *
 * Started by event-store.bench.ts with `fork`; BENCH_EMMETT_URL is the connection string, whose
 * `options=-c search_path=<schema>` puts Emmett's tables and functions in a fresh schema the parent
 * created (and drops). Requests and answers go over the IPC channel:
 *   parent → { id, type: 'run', options } | { id, type: 'truncate' } | { id, type: 'close' }
 *   child  → { type: 'ready' } once the schema is migrated, then { id, ok: true, result? } | { id, ok: false, error }
 */
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { runWorkload, type AppendBatch, type WorkloadOptions, type WorkloadResult } from './workload.js';

export type EmmettRequest =
  | { id: number; type: 'run'; options: WorkloadOptions }
  | { id: number; type: 'truncate' }
  | { id: number; type: 'close' };

export type EmmettAnswer =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { id: number; ok: true; result?: WorkloadResult }
  | { id: number; ok: false; error: string };

function send(message: EmmettAnswer): void {
  process.send?.(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(): Promise<void> {
  const url = process.env.BENCH_EMMETT_URL;
  if (!url || !process.send) throw new Error('emmett-child runs only as a forked child with BENCH_EMMETT_URL set');
  const store = getPostgreSQLEventStore(url);

  // Emmett counts stream versions from 1 (0 = no stream; appending at 0 inserts the stream row and
  // fails on an existing stream); our revisions count from 0. Its STREAM_DOES_NOT_EXIST is not
  // enforced on append in 0.42.0, so 'no-stream' is sent as version 0n, which is.
  const append: AppendBatch = async (stream, events, expected) => {
    const result = await store.appendToStream(
      stream,
      events.map((event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata, messageId: event.id } })),
      { expectedStreamVersion: expected === 'no-stream' ? 0n : BigInt(expected + 1) },
    );
    return Number(result.nextExpectedStreamVersion) - 1;
  };

  await store.schema.migrate();
  send({ type: 'ready' });

  process.on('message', (message: EmmettRequest) => {
    void (async () => {
      try {
        switch (message.type) {
          case 'run':
            send({ id: message.id, ok: true, result: await runWorkload(append, message.options) });
            return;
          case 'truncate':
            await store.schema.dangerous.truncate();
            send({ id: message.id, ok: true });
            return;
          case 'close':
            await store.close();
            send({ id: message.id, ok: true });
            process.disconnect();
            return;
        }
      } catch (error) {
        send({ id: message.id, ok: false, error: describe(error) });
      }
    })();
  });
}

// Without its parent the child has nothing to do.
process.on('disconnect', () => process.exit());

main().catch((error: unknown) => {
  send({ type: 'failed', error: describe(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
