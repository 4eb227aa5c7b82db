import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP port, open from the first moment of the process: while the store opens and the
 * application starts (tens of seconds for a large embedded store), `/health/live` already answers
 * 200, so that a liveness probe does not restart a process that is only starting; readiness and
 * every other route answer 503 with `Retry-After` until the application takes the port over.
 */
export class EarlyPort {
  private handler: RequestListener | null = null;
  private constructor(readonly server: Server) {}

  static async listen(port: number): Promise<EarlyPort> {
    let early: EarlyPort | null = null;
    const server = createServer((request, response) => {
      if (early?.handler) return early.handler(request, response);
      starting(request, response);
    });
    early = new EarlyPort(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return early;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** From now on every request goes to the application. */
  handOver(handler: RequestListener): void {
    this.handler = handler;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function starting(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/health/live') {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'ok', starting: true }));
    return;
  }
  if (path === '/health' || path === '/health/ready') {
    response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }).end(JSON.stringify({ status: 'starting', store: 'opening' }));
    return;
  }
  const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'the server is starting (opening the store); retry in a moment', instance: request.url };
  response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' }).end(JSON.stringify(problem));
}
