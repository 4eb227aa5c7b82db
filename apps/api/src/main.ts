import { Logger } from '@nestjs/common';
import { DataDirInUseError } from '#event-store';
import { ConfigError } from './config.js';
import { start } from './start.js';

async function main(): Promise<void> {
  const { running, stopListening } = await start(process.env, process.stdout);
  // Closing the app and then the storage ends the projections, closes PGlite cleanly and frees DATA_DIR.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    Logger.log(`${signal}: closing`, 'Main');
    // The port first: no new request reaches an application whose storage is closing.
    stopListening()
      .then(() => running.close())
      .then(
        () => {
          Logger.log('closed: projections stopped, storage closed', 'Main');
          process.exit(0);
        },
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
  } else if (error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
