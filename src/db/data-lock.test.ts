import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { LOCK_FILE, lockDataFolder, readDataFolderLock, type LockHolder } from './data-lock.js';

const LOCK_MODULE = fileURLToPath(new URL('./data-lock.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'polity-lock-'));
const newFolder = () => mkdtempSync(join(root, 'folder-'));
const lockFile = (dir: string) => join(dir, LOCK_FILE);
const writeLock = (dir: string, holder: Partial<LockHolder>) =>
  writeFileSync(lockFile(dir), JSON.stringify({ host: hostname(), command: 'polity serve', startedAt: '2026-01-01T00:00:00.000Z', ...holder }));

/**
 * A child process that, once told to go (a line on its stdin), takes the lock of `dir` and
 * prints `won` (then holds it until a signal), or prints `refused` and ends.
 */
function lockInChild(dir: string) {
  const code = `
    import { lockDataFolder } from ${JSON.stringify(LOCK_MODULE)};
    console.log('ready');
    process.stdin.once('data', () => {
      try {
        lockDataFolder(process.env.LOCK_DIR, { command: 'lock-holder' });
        console.log('won');
        setInterval(() => {}, 1000);
      } catch (e) {
        console.log(e.code === 'conflict' ? 'refused' : 'error ' + e.message);
        process.exit(3);
      }
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, LOCK_DIR: dir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let pending = '';
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.map((l) => l.trim()));
    for (const w of waiters.splice(0)) w();
  });
  const nextLine = (n: number) =>
    new Promise<string>((resolve) => {
      const check = () => (lines.length >= n ? resolve(lines[n - 1]) : waiters.push(check));
      check();
    });
  const ended = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return {
    child,
    ended,
    ready: nextLine(1),
    /** Tells it to take the lock; resolves with `won` or `refused`. */
    go: () => (child.stdin.write('go\n'), nextLine(2)),
  };
}

/** The pid of a process that has just ended (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid as number;
}

describe('the data-folder lock', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names its holder, refuses a second taker in the same process, and goes on release', () => {
    const dir = newFolder();
    const lock = lockDataFolder(dir, { command: 'polity serve --demo' });
    expect(readDataFolderLock(dir)).toMatchObject({ pid: process.pid, host: hostname(), command: 'polity serve --demo' });
    expect(() => lockDataFolder(dir)).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining(`process ${process.pid} (\`polity serve --demo\`)`) }),
    );
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lockDataFolder(dir).release();
  });

  it('refuses while another process holds the folder, naming it and saying what to do; a signal releases it', async () => {
    const dir = newFolder();
    const holder = lockInChild(dir);
    await holder.ready;
    expect(await holder.go()).toBe('won');
    let message = '';
    try {
      lockDataFolder(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`process ${holder.child.pid} (\`lock-holder\`)`);
    expect(message).toContain('Stop that process');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('nothing was done');
    holder.child.kill('SIGTERM');
    await holder.ended;
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 30_000);

  it('takes over the lock of a process killed with kill -9', async () => {
    const dir = newFolder();
    const holder = lockInChild(dir);
    await holder.ready;
    expect(await holder.go()).toBe('won');
    holder.child.kill('SIGKILL');
    await holder.ended;
    expect(readDataFolderLock(dir)?.pid).toBe(holder.child.pid);
    const lock = lockDataFolder(dir);
    expect(readDataFolderLock(dir)?.pid).toBe(process.pid);
    lock.release();
  }, 30_000);

  it('takes over stale locks: dead pid, pid reused by a newer process, before a reboot, unreadable', async () => {
    const stale: Partial<LockHolder>[] = [
      { pid: await deadPid() },
      // Our parent is alive, but it started long before this lock says its holder did.
      { pid: process.ppid, processStart: '1' },
      { pid: process.ppid, bootId: '00000000-0000-0000-0000-000000000000' },
    ];
    for (const holder of stale) {
      const dir = newFolder();
      writeLock(dir, holder);
      const lock = lockDataFolder(dir);
      expect(readDataFolderLock(dir)?.pid).toBe(process.pid);
      lock.release();
    }
    const dir = newFolder();
    writeFileSync(lockFile(dir), '{"pid": 12');
    utimesSync(lockFile(dir), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    lockDataFolder(dir).release();
  });

  it('refuses a lock held by a live process, or by a process on another host', () => {
    const dir = newFolder();
    writeLock(dir, { pid: process.ppid });
    expect(() => lockDataFolder(dir)).toThrow(new RegExp(`process ${process.ppid} \\(\`polity serve\`\\)`));
    writeLock(dir, { pid: 4242, host: 'another-host' });
    expect(() => lockDataFolder(dir)).toThrow(/process 4242 \(`polity serve`\) \(on host another-host/);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).host).toBe('another-host');
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const dir = newFolder();
    writeLock(dir, { pid: await deadPid() });
    const racers = Array.from({ length: 5 }, () => lockInChild(dir));
    await Promise.all(racers.map((r) => r.ready));
    const said = await Promise.all(racers.map((r) => r.go()));
    expect(said.filter((s) => s === 'won')).toHaveLength(1);
    expect(said.filter((s) => s === 'refused')).toHaveLength(4);
    racers[said.indexOf('won')].child.kill('SIGTERM');
    await Promise.all(racers.map((r) => r.ended));
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 60_000);

  it('is taken by openDatabase for a PGlite folder until close', async () => {
    const dir = newFolder();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(readDataFolderLock(dir)?.pid).toBe(process.pid);
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toMatchObject({ code: 'conflict' });
    await first.close();
    expect(existsSync(lockFile(dir))).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  }, 180_000);
});
