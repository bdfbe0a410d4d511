import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../kernel/env.js';
import { manifests } from './modules.js';
import { startServer } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'polity-serve-'));

describe('a running server', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data in DATA_DIR across restarts and shuts down gracefully', async () => {
    const env = readEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const first = await startServer(env, manifests, { demo: true });
    const base = `http://127.0.0.1:${first.port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const site = await (await fetch(`${base}/api/v1/site`)).json();
    expect(site.slug).toBe('demo');
    await first.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const second = await startServer(env, manifests, { demo: true });
    const again = await (await fetch(`http://127.0.0.1:${second.port}/api/v1/site`)).json();
    expect(again.id).toBe(site.id);
    await second.stop();
  }, 120_000);
});
