import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients, as the server accepted them. */
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  readonly port: number;
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Recipients refused for good (550) or for now (451) while listed here. */
  readonly refuse: Map<string, 550 | 451>;
  /**
   * Runs once a message is whole and kept in `received`, before the server answers it: while it
   * runs, the sender waits for the 250. A test holds the answer here to act at that instant.
   */
  beforeReply: ((mail: ReceivedMail) => void | Promise<void>) | null;
  /** How many messages the server answered with 250, so far. */
  readonly answered: number;
  /** Errors of connections the sender dropped in the middle (a killed process), kept rather than thrown. */
  readonly connectionErrors: Error[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback, on a port of its own, keeping every message it accepted. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refuse = new Map<string, 550 | 451>();
  const connectionErrors: Error[] = [];
  let answered = 0;
  let beforeReply: TestSmtpServer['beforeReply'] = null;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address);
      if (!code) return callback();
      const error = Object.assign(new Error(code === 550 ? `${address.address}: no such mailbox` : `${address.address}: mailbox busy, try later`), { responseCode: code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then(async (parsed) => {
            const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw, parsed };
            received.push(mail);
            await beforeReply?.(mail);
          })
          .then(
            () => {
              callback();
              answered += 1;
            },
            (error: Error) => callback(error),
          );
      });
    },
  });
  // A sender that dies in the middle of a transaction resets its connection: that is the test's doing, not a failure of the server.
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    get beforeReply() {
      return beforeReply;
    },
    set beforeReply(hook) {
      beforeReply = hook;
    },
    get answered() {
      return answered;
    },
    connectionErrors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `probe` until `done` holds for its answer (or fails after `timeoutMs`): a wait for a condition. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
