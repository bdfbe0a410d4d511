import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/connection.js';
import { LOCK_FILE, readDataFolderLock } from '../db/data-lock.js';
import { readEnv } from '../kernel/env.js';
import { silentLogger } from '../kernel/log.js';
import { createSite } from '../modules/sites/index.js';
import { buildDeps } from '../server/deps.js';
import { manifests } from '../server/modules.js';
import { runPolity, startServeProcess, type ServeProcess } from './test-processes.js';

/**
 * Two processes on one PGlite data folder: `polity serve` in one, a command in another. Before
 * the lock, the command printed success (an API key, an ingest summary) while its writes went
 * into files the server would overwrite; now it is refused, naming the server, and nothing is
 * stored until the server stops.
 */
const dir = mkdtempSync(join(tmpdir(), 'polity-two-'));
const env = { DATA_DIR: dir, SECRET_KEY: 'two-process-test-secret-'.padEnd(40, 'x') };
const HOST = 'lock.localhost';

async function apiKeyNames(): Promise<string[]> {
  const built = await buildDeps(readEnv({ ...env, LOG_LEVEL: 'silent' }), manifests, { log: silentLogger });
  try {
    return rowsOf<{ name: string }>(await built.deps.db.execute(sql`select name from sr_api_keys order by created_at`)).map((r) => r.name);
  } finally {
    await built.close();
  }
}

describe('one PGlite data folder, two processes', () => {
  let server: ServeProcess | null = null;

  beforeAll(async () => {
    const built = await buildDeps(readEnv({ ...env, LOG_LEVEL: 'silent' }), manifests, { log: silentLogger });
    await createSite(built.deps, { slug: 'lock', name: { en: 'Lock' }, hosts: [HOST], isDefault: true, locales: ['en'], defaultLocale: 'en' });
    await built.close();
  }, 180_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a command while `polity serve` holds the folder, naming it; the command works once the server stops', async () => {
    server = await startServeProcess(env);
    expect(readDataFolderLock(dir)).toMatchObject({ pid: server.pid, command: 'polity serve --no-worker' });

    const key = await runPolity(['service-requests', 'api-key', 'create', '--site', HOST, '--name', 'while serving'], env);
    expect(key.code).toBe(1);
    expect(key.stdout).toBe('');
    expect(key.stderr).toContain(`in use by process ${server.pid} (\`polity serve --no-worker\`)`);
    expect(key.stderr).toContain('Stop that process');
    expect(key.stderr).toContain('DATABASE_URL');

    const file = join(dir, 'one.jsonl');
    writeFileSync(
      file,
      JSON.stringify({ ocid: 'ocds-lock-1', id: '1', date: '2026-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender' }) + '\n',
    );
    const ingest = await runPolity(['procurement', 'ingest', file, '--site', HOST, '--no-progress'], env);
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toBe('');
    expect(ingest.stderr).toContain(`in use by process ${server.pid}`);

    // The server still answers, and stops gracefully, releasing the folder.
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    server = null;
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const after = await runPolity(['service-requests', 'api-key', 'create', '--site', HOST, '--name', 'after the server stopped'], env);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout.trim()).toMatch(/^\S{20,}$/);
    expect(await apiKeyNames()).toEqual(['after the server stopped']);
  }, 300_000);

  it('takes over the folder of a server killed with kill -9', async () => {
    server = await startServeProcess(env);
    const pid = server.pid;
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    server = null;
    expect(readDataFolderLock(dir)?.pid).toBe(pid);

    const list = await runPolity(['service-requests', 'api-key', 'list', '--site', HOST], env);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('after the server stopped');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 300_000);
});
