import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, storage } = await createApp(config);
  await app.listen(config.port);
  Logger.log(`SLA Ledger on http://localhost:${config.port} (API docs at /docs); ${storage.describe}`, 'Main');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
