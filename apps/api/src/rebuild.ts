import { ConfigError, loadConfig } from './config.js';
import { createRunners } from './infrastructure/projections.service.js';
import { openStorage } from './infrastructure/storage.js';

/**
 * `npm run rebuild`: empties every read model and projects every event again, then exits. Run it
 * with the server stopped (or use POST /admin/projections/rebuild on a running server).
 */
async function rebuild(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(config);
  try {
    for (const runner of createRunners(storage.events, storage.database, config)) {
      const started = Date.now();
      await runner.setup();
      await runner.rebuild();
      await runner.catchUp();
      console.log(`${runner.projection.name}: rebuilt up to position ${runner.position} in ${Date.now() - started} ms`);
    }
  } finally {
    await storage.close();
  }
}

rebuild().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
