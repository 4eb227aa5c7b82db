import type { AddressInfo } from 'node:net';
import { run } from '../../apps/cli/src/program.js';
import { TEST_ADMIN_TOKEN, type TestApp } from './app.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Makes a test app listen on an ephemeral loopback port, for clients that speak real HTTP. */
export async function listen(app: TestApp): Promise<string> {
  await app.running.app.listen(0, '127.0.0.1');
  const { port } = app.running.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Runs `sla <args>` in this process against `url`, as the admin unless `token` says otherwise. */
export async function sla(url: string, args: string[], options: { token?: string | null; cwd?: string; now?: string; env?: Record<string, string>; terminal?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const token = options.token === undefined ? TEST_ADMIN_TOKEN : options.token;
  const code = await run(
    args,
    {
      stdout: { write: (text: string) => (stdout += text) },
      // A terminal as cli-progress drives one: cursor moves are no-ops, text is kept.
      stderr: Object.assign(
        { write: (text: string) => (stderr += text), isTTY: options.terminal === true },
        options.terminal && { columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, clearScreenDown: () => true, on: () => undefined, removeListener: () => undefined },
      ),
      env: { SLA_URL: url, ...(token !== null && { SLA_TOKEN: token }), ...options.env },
      cwd: options.cwd ?? process.cwd(),
    },
    options.now ? () => options.now! : undefined,
  );
  return { code, stdout, stderr };
}
