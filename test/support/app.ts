import request from 'supertest';
import { createApp, type RunningApp } from '../../apps/api/src/app.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config.js';
import { freshSchema } from './databases.js';

export type Backend = 'embedded' | 'postgres';

export interface TestApp {
  running: RunningApp;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The whole application over HTTP, on an in-memory PGlite or on fresh PostgreSQL schemas. */
export async function startTestApp(backend: Backend, env: Record<string, string> = {}): Promise<TestApp> {
  const eventSchema = freshSchema('ev');
  const readSchema = freshSchema('rm');
  const config = loadConfig({
    DATA_DIR: 'memory://',
    SLA_EVENT_SCHEMA: eventSchema,
    SLA_READ_MODEL_SCHEMA: readSchema,
    ...(backend === 'postgres' && { DATABASE_URL: process.env.DATABASE_URL! }),
    ...env,
  });
  const running = await createApp(config, { logger: false });
  const server = running.app.getHttpServer();
  return {
    running,
    config,
    http: () => request(server),
    close: async () => {
      if (backend === 'postgres') {
        await running.storage.database.exec(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${readSchema} CASCADE`);
      }
      await running.close();
    },
  };
}
