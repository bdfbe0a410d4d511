import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../server/testing.js';
import { registerServiceRequestsCommands } from './cli.js';
import { findLiveApiKey, listApiKeys } from './store/api-keys.js';
import { listPlaces } from './store/places.js';

describe('polity service-requests api-key and places', () => {
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

  it('imports a gazetteer from GeoJSON, all or nothing, naming the feature and field of each error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-places-'));
    try {
      const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
      const good = path.join(dir, 'good.geojson');
      writeFileSync(
        good,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: point(-3.71, 40.01), properties: { name: 'Calle Mayor', kind: 'street', aliases: 'Main Street; Mayor' } },
            { type: 'Feature', geometry: point(-3.72, 40.02), properties: { name: 'Old Market' } },
          ],
        }),
      );
      expect(await run('service-requests', 'places', 'import', good, '--site', 'test.localhost')).toBe(
        '2 place(s) saved: 2 new, 0 replacing a stored place of the same name.\n',
      );
      const saved = await listPlaces(t.deps.db, t.site.id);
      expect(saved.find((p) => p.name === 'Calle Mayor')).toMatchObject({
        kind: 'street',
        aliases: ['Main Street', 'Mayor'],
        lat: 40.01,
        lon: -3.71,
      });
      expect(saved.find((p) => p.name === 'Old Market')).toMatchObject({ kind: 'landmark', aliases: [] });
      expect(await run('service-requests', 'places', 'list', '--site', 'test.localhost')).toContain(
        'street\tCalle Mayor\t40.01\t-3.71\tMain Street; Mayor',
      );

      const bad = path.join(dir, 'bad.geojson');
      writeFileSync(
        bad,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: point(-3.7, 40), properties: { name: 'Plaza Nueva', kind: 'square' } },
            { type: 'Feature', geometry: point(-3.7, 40), properties: { kind: 'square' } },
            { type: 'Feature', geometry: point(-3.7, 95), properties: { name: 'Too far north' } },
            { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { name: 'A line' } },
            { type: 'Feature', geometry: point(-3.7, 40), properties: { name: 'Odd', kind: 'river' } },
          ],
        }),
      );
      const err = (await run('service-requests', 'places', 'import', bad, '--site', 'test.localhost').catch((e: unknown) => e)) as {
        message: string;
        fields: Record<string, string>;
      };
      expect(err.message).toMatch(/4 of 5 features have problems; nothing was imported/);
      expect(Object.keys(err.fields).sort()).toEqual([
        'features[1].properties.name',
        'features[2].geometry.coordinates[1]',
        'features[3].geometry.type',
        'features[4].properties.kind',
      ]);
      expect(err.fields['features[2].geometry.coordinates[1]']).toBe('("Too far north") latitude must be -90..90, got 95');
      // The valid first feature was not saved either.
      expect((await listPlaces(t.deps.db, t.site.id)).map((p) => p.name).sort()).toEqual(['Calle Mayor', 'Old Market']);

      writeFileSync(bad, '{"type": "FeatureCollection", "features": [');
      await expect(run('service-requests', 'places', 'import', bad, '--site', 'test.localhost')).rejects.toMatchObject({
        fields: { file: expect.stringMatching(/cut short/) },
      });
      writeFileSync(bad, '{"type": "Feature"}');
      await expect(run('service-requests', 'places', 'import', bad, '--site', 'test.localhost')).rejects.toMatchObject({
        fields: { type: expect.stringMatching(/FeatureCollection/) },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown site and an unknown key', async () => {
    await expect(run('service-requests', 'api-key', 'create', '--site', 'nowhere.example')).rejects.toThrow(/No site is served at nowhere.example/);
    await expect(run('service-requests', 'api-key', 'revoke', 'not-a-key', '--site', 'test.localhost')).rejects.toThrow(/not found/);
  });
});
