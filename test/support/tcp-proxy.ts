import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Connections currently relayed. */
  readonly open: number;
  /** `url` with its host and port replaced by the proxy's (same user, password and database). */
  urlFor(url: string): string;
  /** Destroys every relayed connection and refuses new ones, like a database that vanished. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a server, so a test can take the database away from a running
 * application and give it back without touching the server itself.
 */
export async function openTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      // Either side going away takes the other with it, as a broken network path would.
      socket.on('error', () => teardown());
      socket.on('close', () => teardown());
    }
    function teardown() {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  let listening = true;

  const cut = async () => {
    if (listening) {
      listening = false;
      // Not listening is what makes new connections refused (ECONNREFUSED) rather than reset.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    }
  };

  return {
    port,
    get open() {
      return sockets.size / 2;
    },
    urlFor(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut,
    async restore() {
      if (!listening) {
        await listen(port);
        listening = true;
      }
    },
    close: cut,
  };
}
