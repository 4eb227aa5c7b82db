import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TEST_CONSISTENCY_TIMEOUT_MS, until } from './wait.js';

/** The repository's root, wherever this file runs from (sources under jest, or dist/). */
export const REPO_ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'test')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
})();

export const SERVER_SCRIPT = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const REBUILD_SCRIPT = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'rebuild.js');

let built: Promise<void> | null = null;

const DIST = join(REPO_ROOT, 'dist');
const BUILD_INFO = join(DIST, '.build.tsbuildinfo');
const BUILD_LOCK = join(DIST, '.build.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes dist/'s build lock (a file with the owner's PID); false while another live process holds it. */
function takeBuildLock(): boolean {
  try {
    writeFileSync(BUILD_LOCK, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    let owner = 0;
    try {
      owner = Number(readFileSync(BUILD_LOCK, 'utf8').trim());
    } catch {
      return false; // released meanwhile: taken at the next try
    }
    // An empty file is a lock being taken this instant: its owner is alive.
    if (owner > 0 && !alive(owner)) rmSync(BUILD_LOCK, { force: true });
    return false;
  }
}

/**
 * `npm run build`'s compilation once per test file that runs the programs users run, from dist/.
 * Incremental (its build info in dist/), so only the first file of a run compiles everything; one
 * test process at a time, so no process starts a server from a file another is rewriting.
 */
export function buildOnce(): Promise<void> {
  built ??= (async () => {
    mkdirSync(DIST, { recursive: true });
    await until(takeBuildLock, { everyMs: 100 });
    try {
      // The build info only says what was emitted: outputs removed since then are rebuilt in full.
      if (!existsSync(SERVER_SCRIPT)) rmSync(BUILD_INFO, { force: true });
      const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], { cwd: REPO_ROOT });
    } finally {
      rmSync(BUILD_LOCK, { force: true });
    }
  })();
  return built;
}

/**
 * The child's environment: this one's, without what would point it at another store or change how
 * node runs (jest's NODE_OPTIONS), plus `env`.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, EVENTSTORE_CONNECTION_STRING: _esdb, NODE_OPTIONS: _options, DATA_DIR: _dir, PORT: _port, ...rest } = process.env;
  return { ...rest, ...env };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildRun {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

export function run(script: string, args: string[], options: { cwd: string; env: Record<string, string> }): ChildRun {
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface ServerProcess extends ChildRun {
  pid: number;
  url: string;
  /** Sends the signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

const LISTENING = /SLA Ledger on http:\/\/localhost:(\d+)/;

/**
 * Starts `node dist/apps/api/src/main.js` and waits until it either says where it listens or ends.
 * Resolves `{ started: false }` with its exit when it ends first (a refused start).
 */
export async function startServer(options: { cwd: string; env: Record<string, string> }): Promise<{ started: true; server: ServerProcess } | { started: false; exit: Exit; run: ChildRun }> {
  const child = run(SERVER_SCRIPT, [], { cwd: options.cwd, env: { PORT: '0', LOG_LEVEL: 'info', SLA_CONSISTENCY_TIMEOUT_MS: TEST_CONSISTENCY_TIMEOUT_MS, ...options.env } });
  const listening = new Promise<string>((resolve) => {
    child.child.stdout!.on('data', () => {
      const match = LISTENING.exec(child.stdout());
      if (match) resolve(match[1]!);
    });
  });
  const first = await Promise.race([listening.then((port) => ({ port })), child.exited.then((exit) => ({ exit }))]);
  if ('exit' in first) return { started: false, exit: first.exit, run: child };
  const server: ServerProcess = {
    ...child,
    pid: child.child.pid!,
    url: `http://127.0.0.1:${first.port}`,
    stop: async (signal = 'SIGTERM') => {
      if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill(signal);
      return child.exited;
    },
  };
  return { started: true, server };
}

/** A PID that belonged to a process and no longer does: a short-lived child, waited for. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}
