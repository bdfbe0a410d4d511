import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../server/testing.js';
import { registerServiceRequestsCommands } from './cli.js';
import { findLiveApiKey, listApiKeys } from './store/api-keys.js';

describe('polity service-requests api-key', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext('pglite');
  });
  afterAll(async () => t?.close());

  async function run(...args: string[]): Promise<string> {
    const program = new Command('polity').exitOverride();
    registerServiceRequestsCommands(program, async () => ({ deps: t.deps, close: async () => {} }));
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'polity', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out;
  }

  it('creates a key for the site of a host, prints it once, and stores only its hash', async () => {
    const out = await run('service-requests', 'api-key', 'create', '--site', 'test.localhost', '--name', 'FixMyStreet bridge');
    const key = out.trim();
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    const live = await findLiveApiKey(t.deps.db, t.site.id, key);
    expect(live?.name).toBe('FixMyStreet bridge');
    expect(live?.keyHash).not.toContain(key);
    const [row] = await listApiKeys(t.deps.db, t.site.id);
    expect(await run('service-requests', 'api-key', 'list', '--site', 'test.localhost')).toContain(row.prefix);
    await run('service-requests', 'api-key', 'revoke', row.id, '--site', 'test.localhost');
    expect(await findLiveApiKey(t.deps.db, t.site.id, key)).toBeNull();
  });

  it('refuses an unknown site and an unknown key', async () => {
    await expect(run('service-requests', 'api-key', 'create', '--site', 'nowhere.example')).rejects.toThrow(/No site is served at nowhere.example/);
    await expect(run('service-requests', 'api-key', 'revoke', 'not-a-key', '--site', 'test.localhost')).rejects.toThrow(/not found/);
  });
});
