import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createApp, type RunningApp } from './app.js';
import { FirstAdmin, firstAdminBanner } from './access/tokens/first-admin.js';
import { loadConfig } from './config.js';
import { EarlyPort } from './health/early-liveness.js';

export interface Started {
  running: RunningApp;
  port: number;
  /** Stops accepting requests; then close `running`. */
  stopListening(): Promise<void>;
}

/**
 * Reads the configuration, serves the API and writes the start-up lines to `out`; on a first start
 * without SLA_ADMIN_TOKEN the last thing written is the framed admin token. `main` passes stdout.
 */
export async function start(env: NodeJS.ProcessEnv, out: DestinationStream): Promise<Started> {
  const config = loadConfig(env);
  // The port opens first, so that liveness answers while the store opens. Taken already: the start
  // goes on, to fail with the clearer reason (a locked DATA_DIR) or with the port's own error.
  const early = await EarlyPort.listen(config.port).catch(() => null);
  if (early) Logger.log(`SLA Ledger starting: port ${early.port} open, /health/live answers, the rest once started`, 'Main');
  let running: RunningApp;
  try {
    running = await createApp(config, { shutdownHooks: false, logDestination: out });
  } catch (error) {
    await early?.close();
    throw error;
  }
  let port: number;
  if (early) {
    early.handOver(running.app.getHttpAdapter().getInstance());
    port = early.port;
  } else {
    await running.app.listen(config.port);
    port = (running.app.getHttpServer().address() as AddressInfo | null)?.port ?? config.port;
  }
  Logger.log(`SLA Ledger on http://localhost:${port} (API docs at /docs, /docs-json, /docs-yaml); ${running.storage.describe}`, 'Main');
  const issued = running.app.get(FirstAdmin).issued;
  if (issued) out.write(firstAdminBanner(issued, port));
  return { running, port, stopListening: async () => early?.close() };
}
