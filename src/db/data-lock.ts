import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../kernel/errors.js';
import { newToken } from '../kernel/ids.js';

/**
 * One writer per embedded-database folder.
 *
 * PGlite is PostgreSQL in single-user mode inside this process: it keeps its own buffers and
 * assumes nobody else touches its files. A second process opening the same folder (a
 * `polity procurement ingest` while `polity serve` runs) would see a stale copy, "commit" into
 * it, and its work would be overwritten or lost. So whoever opens a folder first takes a lock
 * file in it naming itself, and every other opener is refused with the holder's pid and command.
 *
 * The lock file is made atomically (written under a private name, then hard-linked into place,
 * which fails if the name exists; `wx` where links are not supported), so a reader never sees a
 * half-written lock. A lock whose process is gone (not alive on this host, a zombie, a pid reused
 * by a newer process, or left from before a reboot) is stale and taken over.
 */

/** Who holds a data folder, as written in its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command line, e.g. `polity serve --demo`. */
  command: string;
  /** When the lock was taken (ISO 8601). */
  startedAt: string;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  bootId?: string;
  /** Linux process start time (clock ticks since boot): tells a reused pid from the holder. */
  processStart?: string;
}

/** A held data-folder lock. `release` is idempotent and runs on exit by itself. */
export interface DataFolderLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): void;
}

/** The lock file's name inside the data folder, next to the `pglite` folder it guards. */
export const LOCK_FILE = 'pglite.lock';

/** Lock files this process holds: the same process opening a folder twice is refused too. */
const heldHere = new Set<string>();

/** Signals that, left unhandled by the command, end the process: the lock goes first. */
const FATAL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Takes the lock of `dir` for this process, or throws a `conflict` AppError naming the live
 * holder and what to do. Stale locks are taken over.
 */
export function lockDataFolder(dir: string, opts: { command?: string } = {}): DataFolderLock {
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: opts.command ?? describeThisCommand(),
    startedAt: new Date().toISOString(),
    ...linuxIdentity(process.pid),
  };
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (createExclusive(path, content)) return holdLock(path, holder, content);
    const found = readLockFile(path);
    if (found.kind === 'missing') continue;
    if (found.kind === 'unreadable') {
      // Being written by a `wx` opener right now, or cut short by a power loss: give a live
      // writer a moment, then treat it as stale.
      if (Date.now() - found.mtimeMs < 2000) {
        sleepSync(25);
        continue;
      }
    } else if (isHolderAlive(found.holder, path)) {
      throw lockedError(dir, path, found.holder);
    }
    removeIfUnchanged(path, found.raw);
  }
  throw new AppError('conflict', `Could not take the lock of the data folder ${dir}: other processes keep taking it (${path}).`);
}

/** The lock file's holder, or null when the folder is not locked (a diagnostic for tests and tools). */
export function readDataFolderLock(dir: string): LockHolder | null {
  const found = readLockFile(join(dir, LOCK_FILE));
  return found.kind === 'held' ? found.holder : null;
}

function holdLock(path: string, holder: LockHolder, content: string): DataFolderLock {
  heldHere.add(path);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    for (const sig of FATAL_SIGNALS) process.off(sig, onSignal);
    // Remove only our own lock: never one another process has (wrongly) taken over since.
    removeIfUnchanged(path, content);
  };
  // A one-shot command (migrate, ingest, ...) stopped by Ctrl-C would die with its lock in place;
  // the lock would be seen as stale later, but release it at once. Commands that stop gracefully
  // on signals (serve, worker) have their own listener: they close the database, which releases.
  const onSignal = (sig: NodeJS.Signals) => {
    if (process.listenerCount(sig) > 1) return;
    release();
    process.kill(process.pid, sig);
  };
  process.on('exit', release);
  for (const sig of FATAL_SIGNALS) process.on(sig, onSignal);
  return { path, holder, release };
}

/** Creates `path` with `content` if it does not exist; false if it does. */
function createExclusive(path: string, content: string): boolean {
  const staged = `${path}.${process.pid}.${newToken(6)}.tmp`;
  writeFileSync(staged, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(staged, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code ?? '')) throw e;
  } finally {
    unlinkSync(staged);
  }
  // A file system without hard links: O_EXCL create, then one write (readers wait while it is empty).
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

type LockFileState = { kind: 'missing' } | { kind: 'unreadable'; raw: string; mtimeMs: number } | { kind: 'held'; raw: string; holder: LockHolder };

function readLockFile(path: string): LockFileState {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  try {
    const holder = JSON.parse(raw) as LockHolder;
    if (Number.isInteger(holder.pid) && holder.pid > 0 && typeof holder.host === 'string') return { kind: 'held', raw, holder };
  } catch {
    // not JSON: unreadable
  }
  return { kind: 'unreadable', raw, mtimeMs };
}

/**
 * Removes the lock file only if it still holds `expected`. It is first renamed aside (atomic), so
 * two processes taking over one stale lock cannot both delete it; if what was moved turns out to
 * be a fresh lock another process has just made, it is put back.
 */
function removeIfUnchanged(path: string, expected: string): void {
  const aside = `${path}.${process.pid}.${newToken(6)}.old`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    if (readFileSync(aside, 'utf8') !== expected) {
      try {
        linkSync(aside, path);
      } catch {
        // Someone made a lock in between; theirs stands.
      }
    }
  } finally {
    unlinkSync(aside);
  }
}

/** Whether the process named in a lock still runs. On another host we cannot tell: assume it does. */
function isHolderAlive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true;
  const here = linuxIdentity(holder.pid);
  if (holder.bootId && here.bootId && holder.bootId !== here.bootId) return false;
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const state = linuxProcessState(holder.pid);
  if (state === 'Z' || state === 'X') return false;
  if (holder.processStart && here.processStart && holder.processStart !== here.processStart) return false;
  return true;
}

function lockedError(dir: string, path: string, holder: LockHolder): AppError {
  const elsewhere = holder.host !== hostname() ? ` (on host ${holder.host}, so it cannot be checked from here)` : '';
  return new AppError(
    'conflict',
    `The data folder ${dir} is in use by process ${holder.pid} (\`${holder.command}\`)${elsewhere}, since ${holder.startedAt}. ` +
      'The embedded database (PGlite) allows one process per data folder, so nothing was done. ' +
      'Stop that process and run this again, or use PostgreSQL (set DATABASE_URL), which any number of processes can share. ' +
      `If that process is gone, delete ${path}.`,
    { details: { holder, lockFile: path } },
  );
}

/** `polity serve --demo` for this process (the script name when it is not the polity command). */
function describeThisCommand(): string {
  const script = process.argv[1] ? basename(process.argv[1]) : 'node';
  const name = /^polity(\.[cm]?[jt]s)?$/.test(script) ? 'polity' : script;
  return [name, ...process.argv.slice(2)].join(' ').slice(0, 300);
}

/** Boot id and process start time on Linux (from /proc); empty elsewhere. */
function linuxIdentity(pid: number): Pick<LockHolder, 'bootId' | 'processStart'> {
  const bootId = readProc('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readProc(`/proc/${pid}/stat`);
  // Fields after the command name (which may hold spaces and parentheses): state is field 3,
  // starttime field 22.
  const processStart = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return { ...(bootId ? { bootId } : {}), ...(processStart ? { processStart } : {}) };
}

function linuxProcessState(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
