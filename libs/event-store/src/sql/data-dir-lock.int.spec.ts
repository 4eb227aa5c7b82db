import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DataDirInUseError, DataDirLock } from './data-dir-lock.js';

describe('DataDirLock', () => {
  let dir: string;
  const lockFile = () => join(dir, 'sla-ledger.lock');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sla-lock-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the owner PID, refuses the same folder twice in one process, and removes the file on release', () => {
    const lock = DataDirLock.acquire(dir, './data');
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    expect(() => DataDirLock.acquire(dir, './data')).toThrow(new DataDirInUseError('./data', process.pid));
    lock.release();
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    DataDirLock.acquire(dir).release();
  });

  it('refuses a folder whose lock names a live process, leaving its lock alone', () => {
    writeFileSync(lockFile(), `${process.ppid}\n`);
    expect(() => DataDirLock.acquire(dir, 'some/dir')).toThrow(`DATA_DIR some/dir is in use by process ${process.ppid}`);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it.each([
    ['a process that is gone', '2147483646\n'],
    ['unreadable text', 'not a pid'],
    ['an empty file (a crash between create and write)', ''],
    ['this very PID, left by an earlier life of the container', `${process.pid}\n`],
  ])('takes over a lock naming %s', (_name, text) => {
    writeFileSync(lockFile(), text);
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('does not remove a lock another process took after this one was released', () => {
    const lock = DataDirLock.acquire(dir);
    writeFileSync(lockFile(), `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.ppid}\n`);
  });
});
