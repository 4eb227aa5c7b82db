import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'sla-ledger.lock';

/** Another live process owns the folder: PGlite must not open it, or both copies diverge and the folder is ruined. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';

  constructor(readonly dataDir: string, readonly pid: number) {
    super(`DATA_DIR ${dataDir} is in use by process ${pid}`);
  }
}

/** Folders this process holds, so that opening one twice here is refused like a second process. */
const held = new Map<string, DataDirLock>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): { text: string; pid: number | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pid = Number(text.trim());
  return { text, pid: Number.isInteger(pid) && pid > 0 ? pid : null };
}

/**
 * An exclusive claim on an embedded store's folder: `DATA_DIR/sla-ledger.lock` holds the owner's
 * PID, created exclusively so that of two starting processes only one wins. A lock whose process is
 * gone (killed, crashed, the machine restarted) is stale and taken over.
 */
export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(readonly path: string, private readonly key: string) {
    // A process that ends without closing (process.exit, an uncaught error) still frees the folder.
    process.once('exit', this.onExit);
  }

  /** `label` is the folder as the user configured it, for the message; the lock lives in `dataDir`. */
  static acquire(dataDir: string, label: string = dataDir): DataDirLock {
    const key = resolve(dataDir);
    if (held.has(key)) throw new DataDirInUseError(label, process.pid);
    mkdirSync(key, { recursive: true });
    const path = join(key, LOCK_FILE_NAME);
    // Each pass either creates the lock, meets a live owner, or clears a stale lock; a few passes
    // settle any race between processes starting together.
    for (let attempt = 0; attempt < 10; attempt++) {
      if (tryCreate(path)) {
        const lock = new DataDirLock(path, key);
        held.set(key, lock);
        return lock;
      }
      const owner = readOwner(path);
      if (owner === null) continue;
      // Our own PID in a lock we do not hold is a leftover from an earlier life (a container restarts as PID 1).
      if (owner.pid !== null && owner.pid !== process.pid && isAlive(owner.pid)) throw new DataDirInUseError(label, owner.pid);
      takeOverStale(path, owner.text);
    }
    throw new Error(`could not take the lock ${path}: other processes keep changing it`);
  }

  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    held.delete(this.key);
    const owner = readOwner(this.path);
    if (owner?.pid === process.pid) {
      try {
        unlinkSync(this.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

/**
 * The PID is written to a file of our own, which is then linked to the lock's name:
 * link() is atomic and fails if the name exists, so the lock never exists without its PID in it.
 */
function tryCreate(path: string): boolean {
  const draft = `${path}.${process.pid}`;
  // Named by our PID, so a leftover of that name is ours from an earlier life: overwritten.
  const fd = openSync(draft, 'w', 0o644);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Moves the stale lock aside (rename is atomic: of two processes clearing it, one wins) and checks
 * that what was moved is the stale lock read a moment before, not a fresh one a rival just made;
 * a fresh one is put back.
 */
function takeOverStale(path: string, staleText: string): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== null && moved.text !== staleText) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}
