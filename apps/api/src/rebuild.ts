import { DataDirInUseError } from '#event-store';
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
  if (error instanceof DataDirInUseError) {
    // Rebuilding beside a running server would write into its folder behind its back.
    console.error(error.message);
    console.error('The server is running on it: use POST /admin/projections/rebuild on that server instead, or stop it and run npm run rebuild again.');
  } else {
    console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  }
  process.exit(1);
});
