import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/connection.js';
import { readEnv } from '../kernel/env.js';
import { silentLogger } from '../kernel/log.js';
import { createApiKey, saveService } from '../modules/service-requests/index.js';
import { createSite, saveOrganisation } from '../modules/sites/index.js';
import { buildDeps } from '../server/deps.js';
import { manifests } from '../server/modules.js';
import { testDatabases } from '../server/testing.js';
import { createScratchDatabase, startServeProcess } from './test-processes.js';

/** Open311 keys are limited to 60 reports a minute each: enough keys that the load is not refused. */
const KEYS = 20;
const CLIENTS = 4;
/** Kill once this many reports are acknowledged (or after LOAD_MS, whichever first). */
const TARGET_ACKS = 60;
const LOAD_MS = 8000;

/**
 * A real `polity serve` under write load (Open311 reports from several clients) is killed with
 * SIGKILL mid-load; the database is reopened (PGlite recovers its folder and takes over the
 * dead server's lock) and every report the server acknowledged with a 2xx must be there.
 */
describe.each(testDatabases())('acknowledged writes across kill -9 (%s)', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'polity-crash-'));
  const env: Record<string, string> = { DATA_DIR: dir, SECRET_KEY: 'crash-test-secret-'.padEnd(40, 'x') };
  let drop = async () => {};
  const keys: string[] = [];
  const open = () => buildDeps(readEnv({ ...env, LOG_LEVEL: 'silent' }), manifests, { log: silentLogger });

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase('polity_crash');
      env.DATABASE_URL = scratch.url;
      drop = scratch.drop;
    }
    const built = await open();
    const { deps } = built;
    const site = await createSite(deps, {
      slug: 'crash',
      name: { en: 'Crash' },
      hosts: ['crash.localhost'],
      isDefault: true,
      locales: ['en'],
      defaultLocale: 'en',
    });
    const roads = await saveOrganisation(deps, site.id, { slug: 'roads', name: { en: 'Roads' }, kind: 'agency' });
    await saveService(deps, site.id, { code: 'CRASH', name: { en: 'Crash test' }, agencyId: roads.id, locationRequired: false });
    for (let i = 0; i < KEYS; i++) keys.push((await createApiKey(deps, site.id, { name: `load ${i}` })).key);
    await built.close();
  }, 180_000);

  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every report the server acknowledged before it was killed', async () => {
    const server = await startServeProcess(env);
    const acked: string[] = [];
    let refused = 0;
    let cut = 0;
    let stopping = false;
    const client = async (c: number) => {
      for (let n = 0; !stopping; n++) {
        const body = new URLSearchParams({ api_key: keys[(c + n * CLIENTS) % KEYS], service_code: 'CRASH', description: `load ${c}.${n}` });
        try {
          const res = await fetch(`${server.base}/open311/v2/requests.json`, { method: 'POST', body });
          if (!res.ok) {
            refused++;
            await res.arrayBuffer();
            continue;
          }
          const [created] = (await res.json()) as { service_request_id: string }[];
          acked.push(created.service_request_id);
        } catch {
          cut++; // in flight when the server died: not acknowledged
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    const started = Date.now();
    while (acked.length < TARGET_ACKS && Date.now() - started < LOAD_MS) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stopping = true;
    await Promise.all(clients);
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(acked.length, `${refused} answers were not 2xx`).toBeGreaterThanOrEqual(5);
    expect(cut).toBeGreaterThan(0);

    const built = await open();
    try {
      const stored = new Set(rowsOf<{ id: string }>(await built.deps.db.execute(sql`select id::text as id from sr_requests`)).map((r) => r.id));
      const lost = acked.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acked.length);
    } finally {
      await built.close();
    }
  }, 300_000);
});
