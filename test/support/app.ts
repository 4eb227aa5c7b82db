import request from 'supertest';
import { createApp, type AppOptions, type RunningApp } from '../../apps/api/src/app.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config.js';
import { freshSchema } from './databases.js';
import { emptyEmbeddedImage } from './embedded-image.js';
import { TEST_CONSISTENCY_TIMEOUT_MS } from './wait.js';

export type Backend = 'embedded' | 'postgres';

/** The bootstrap admin token every test app starts with (SLA_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface HttpOptions {
  /** The bearer token to send; null sends none. Default: the admin token. */
  as?: string | null;
}

export interface TestApp {
  running: RunningApp;
  config: AppConfig;
  /** Requests authenticated as the bootstrap admin unless `as` says otherwise. */
  http: (options?: HttpOptions) => ReturnType<typeof request>;
  /** Stops the app and drops its data; `keepData` leaves it for another app to open (a restart). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The whole application over HTTP, on an in-memory PGlite or on fresh PostgreSQL schemas. The rate
 * limit is lifted unless `env` sets one, so a suite's own pace never trips it.
 */
export async function startTestApp(backend: Backend, env: Record<string, string> = {}, options: Pick<AppOptions, 'logDestination'> = {}): Promise<TestApp> {
  const eventSchema = freshSchema('ev');
  const readSchema = freshSchema('rm');
  const config = loadConfig({
    DATA_DIR: 'memory://',
    SLA_EVENT_SCHEMA: eventSchema,
    SLA_READ_MODEL_SCHEMA: readSchema,
    SLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '1000000',
    SLA_CONSISTENCY_TIMEOUT_MS: TEST_CONSISTENCY_TIMEOUT_MS,
    ...(backend === 'postgres' && { DATABASE_URL: process.env.DATABASE_URL! }),
    ...env,
  });
  const memoryImage = config.databaseUrl || !config.dataDir.startsWith('memory://') ? undefined : await emptyEmbeddedImage();
  const running = await createApp(config, { logger: false, memoryImage, ...options });
  const server = running.app.getHttpServer();
  return {
    running,
    config,
    http: ({ as = TEST_ADMIN_TOKEN }: HttpOptions = {}) => {
      const agent = request.agent(server);
      if (as !== null) agent.set('Authorization', `Bearer ${as}`);
      return agent;
    },
    close: async ({ keepData = false } = {}) => {
      // The projections stop with the app first: dropping their tables under a running batch can deadlock.
      try {
        await running.app.close();
        if (backend === 'postgres' && !keepData) {
          await running.storage.database.exec(`DROP SCHEMA IF EXISTS ${config.eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${config.readModelSchema} CASCADE`);
        }
      } finally {
        await running.storage.close();
      }
    },
  };
}
