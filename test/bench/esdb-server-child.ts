/**
 * The EventStoreDB test server in a process of its own, for the capacity bench: the bench's own
 * CPU time is then the API process's alone. Prints its connection string, then answers each line
 * on stdin with the log's size and the number of application events in it.
 */
import { startEsdbTestServer } from '../support/esdb-server/server.js';

const server = await startEsdbTestServer();
process.stdout.write(`${JSON.stringify({ connectionString: server.connectionString })}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  const events = server.log.records.filter((r) => r.kind === 'event' && !r.stream.startsWith('$')).length;
  process.stdout.write(`${JSON.stringify({ logBytes: server.log.checkpoint.toString(), events })}\n`);
});
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
