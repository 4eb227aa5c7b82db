import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { DataDirInUseError, DataDirLock, EmbeddedDatabase, LOCK_FILE_NAME } from '#event-store';
import { CliError } from './errors.js';
import type { Context } from './incidents.js';

/** Takes the folder's lock as the server does, so that nothing runs on it meanwhile. */
function lockFolder(dir: string, cwd: string, hint: string): DataDirLock {
  try {
    return DataDirLock.acquire(resolve(cwd, dir), dir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new CliError(`${error.message}: ${hint}`);
    throw error;
  }
}

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function backupCommand(ctx: Context): Command {
  return new Command('backup')
    .summary('copy the embedded store to a .tar.gz')
    .description('write a consistent copy of the embedded store (a .tar.gz) taken from the running server, or from a stopped one\'s folder with --data-dir')
    .argument('<file>', 'where to write the archive, e.g. sla-2026-11-30.tar.gz')
    .option('--data-dir <dir>', 'copy this folder directly; only while no server runs on it')
    .action(async (file: string, options: { dataDir?: string }) => {
      let archive: Uint8Array;
      if (options.dataDir === undefined) {
        archive = await ctx.client().bytes('/admin/backup', 'application/gzip');
      } else {
        const lock = lockFolder(options.dataDir, ctx.io.cwd, 'a server is running on it; back it up through that server instead: sla backup <file> (with SLA_URL)');
        try {
          if (!existsSync(resolve(ctx.io.cwd, options.dataDir, 'PG_VERSION'))) throw new CliError(`DATA_DIR ${options.dataDir} holds no store to back up`);
          const database = await EmbeddedDatabase.open(resolve(ctx.io.cwd, options.dataDir));
          try {
            archive = await database.backup();
          } finally {
            await database.close();
          }
        } finally {
          lock.release();
        }
      }
      writeFileSync(resolve(ctx.io.cwd, file), archive);
      ctx.io.stdout.write(`backup written to ${file} (${size(archive.length)})\n`);
    });
}

export function restoreCommand(ctx: Context): Command {
  return new Command('restore')
    .summary('make a new DATA_DIR from a backup')
    .description('make a new embedded store folder from a backup archive; start the server on it afterwards')
    .argument('<file>', 'an archive written by sla backup')
    .requiredOption('--data-dir <dir>', 'the folder to create: it must be empty or not exist yet')
    .action(async (file: string, options: { dataDir: string }) => {
      let archive: Uint8Array;
      try {
        archive = readFileSync(resolve(ctx.io.cwd, file));
      } catch {
        throw new CliError(`cannot read ${file}: no such file`);
      }
      const dir = resolve(ctx.io.cwd, options.dataDir);
      const lock = lockFolder(options.dataDir, ctx.io.cwd, 'a server is running on it; stop it, and restore into a new folder');
      try {
        if (readdirSync(dir).some((name) => name !== LOCK_FILE_NAME)) {
          throw new CliError(`DATA_DIR ${options.dataDir} is not empty: restore into a new folder (then point DATA_DIR at it), or move this one away first`);
        }
        let events: number;
        try {
          const database = await EmbeddedDatabase.restore(dir, archive);
          try {
            const schema = ctx.io.env.SLA_EVENT_SCHEMA || 'sla_events';
            const { rows } = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema.replace(/[^a-z0-9_]/gi, '')}.events`);
            events = rows[0]!.n;
          } finally {
            await database.close();
          }
        } catch (error) {
          throw new CliError(`${file} could not be restored (${error instanceof Error ? error.message : String(error)}): give an archive written by sla backup`);
        }
        // The archive carries the lock file of the process it was taken from: the folder is ours until we release it.
        writeFileSync(lock.path, `${process.pid}\n`);
        ctx.io.stdout.write(`restored ${events} event(s) into ${options.dataDir}; start the server with DATA_DIR=${options.dataDir}\n`);
      } finally {
        lock.release();
      }
    });
}
