import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../kernel/env.js';
import { buildDeps } from '../../server/deps.js';
import { manifests } from '../../server/modules.js';
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createSite } from '../sites/index.js';
import { registerServiceRequestsCommands } from './cli.js';
import { geocodeAddress } from './commands/geocode.js';
import { importPlaces, savePlace } from './commands/places.js';
import { MAX_DEPTH, MAX_LISTED_ERRORS, readGazetteer, readGazetteerFile } from './formats/geojson-places.js';
import { srPlaces } from './store/tables.js';

/**
 * Hostile gazetteer files for `polity service-requests places import`: each is refused with the
 * file or the feature's JSON path and the reason, the command fails, and the gazetteer is exactly
 * as it was (all or nothing). Bounds (features per site, file size, nesting) are proven here at
 * small sizes through their options; bench/geocode.ts runs the 300,000-place file.
 */

const point = (lon: unknown, lat: unknown) => ({ type: 'Point', coordinates: [lon, lat] });
const feature = (name: unknown, geometry: unknown = point(-3.7, 40), extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties: { name, ...extra },
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** A deterministic generator (mulberry32), so a failing random case can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Refusal = { message: string; fields: Record<string, string> };

describe.each(testDatabases())('places import under hostile input (%s)', (kind) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await createTestContext(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'polity-gazetteer-'));
    // A gazetteer already there, so "nothing stored" is checked against something.
    await savePlace(t.deps, t.site.id, { name: 'Plaza Mayor', kind: 'square', aliases: ['Main Square'], lat: 40.4155, lon: -3.7074 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  /** Runs the command in this process; returns stdout and stderr, or the error with both. */
  async function run(...args: string[]): Promise<{ out: string; err: string; error?: Refusal }> {
    const program = new Command('polity').exitOverride();
    registerServiceRequestsCommands(program, async () => ({ deps: t.deps, close: async () => {} }));
    let out = '';
    let err = '';
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true)),
    ];
    try {
      await program.parseAsync(['node', 'polity', ...args]);
      return { out, err };
    } catch (error) {
      return { out, err, error: error as Refusal };
    } finally {
      for (const s of spies) s.mockRestore();
    }
  }
  let n = 0;
  const fileOf = (content: string | Uint8Array) => {
    const file = path.join(dir, `case-${n++}.geojson`);
    writeFileSync(file, content);
    return file;
  };
  const gazetteer = async () =>
    (await t.deps.db.select().from(srPlaces).where(eq(srPlaces.siteId, t.site.id)).orderBy(asc(srPlaces.name))).map((p) => ({
      name: p.name,
      kind: p.kind,
      aliases: p.aliases,
      lat: p.lat,
      lon: p.lon,
    }));
  const importFile = (file: string) => run('service-requests', 'places', 'import', file, '--site', 'test.localhost');

  const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  const good = collection(feature('Calle Mayor'), feature('Old Market'));
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  // prettier-ignore
  const cases: [label: string, content: () => string | Uint8Array, field: string, reason: RegExp][] = [
    ['an empty file', () => '', 'file', /is empty/],
    ['a file cut mid-feature', () => good.slice(0, good.length - 20), 'file', /cut short/],
    ['a file cut mid-string', () => good.slice(0, good.indexOf('Old') + 2), 'file', /cut short/],
    ['a doubled comma', () => good.replace('},{', '},,{'), 'file', /^is not valid JSON at line 1, column 148: Unexpected token/],
    ['JSON with NaN', () => good.replace('-3.7', 'NaN'), 'file', /^is not valid JSON at line 1, column 101: /],
    ['JSON split over lines, broken on the third', () => good.replaceAll('},{', '},\n{').replace('"Old Market"', '"Old Market" "x"'), 'file', /^is not valid JSON at line 2, column \d+/],
    ['a Latin-1 name', () => latin1(collection(feature('Plaza de España'))), 'file', /not UTF-8 \(invalid byte at byte \d+, line 1; Latin-1/],
    ['UTF-16 with a byte-order mark', () => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')])), 'file', /UTF-16/],
    ['UTF-16 without a byte-order mark', () => new Uint8Array(Buffer.from(good, 'utf16le')), 'file', /NUL byte \(at byte 1, line 1\)/],
    ['an overlong UTF-8 sequence', () => new Uint8Array(Buffer.concat([Buffer.from(good.slice(0, 10)), Buffer.from([0xc0, 0xaf]), Buffer.from(good.slice(10))])), 'file', /invalid byte at byte 10, line 1/],
    ['nesting a thousand deep', () => collection(feature('Deep', point(-3.7, 40), { extra: JSON.parse(deep(1000)) as unknown })), 'file', new RegExp(`more than ${MAX_DEPTH} deep at line 1, column \\d+`)],
    ['nesting a million deep', () => deep(1_000_000), 'file', /more than 32 deep at line 1, column 33/],
    ['a Feature, not a collection', () => JSON.stringify(feature('Lone')), 'type', /FeatureCollection, got the text "Feature"/],
    ['a bare list', () => '[1, 2]', 'type', /FeatureCollection, got a list/],
    ['features as an object', () => '{"type": "FeatureCollection", "features": {}}', 'features', /list of features, got an object/],
    ['no features', () => collection(), 'features', /no features/],
    ['a feature that is a number', () => collection(feature('Ok'), 42), 'features[1]', /Feature object, got 42/],
    ['a feature of another type', () => collection({ ...feature('Ok'), type: 'Place' }), 'features[0].type', /"Feature", got the text "Place"/],
    ['a missing name', () => collection(feature(undefined)), 'features[0].properties.name', /^missing: every place needs a name$/],
    ['a null name', () => collection(feature(null)), 'features[0].properties.name', /missing/],
    ['a numeric name', () => collection(feature(12)), 'features[0].properties.name', /must be text, got 12/],
    ['a name that is a list', () => collection(feature(['a'])), 'features[0].properties.name', /must be text, got a list/],
    ['a blank name', () => collection(feature('   ')), 'features[0].properties.name', /empty/],
    ['a name of only little words', () => collection(feature('The')), 'features[0].properties.name', /no word an address could be matched on/],
    ['a name of 100,000 characters', () => collection(feature('x'.repeat(100_000))), 'features[0].properties.name', /^\("x{60}"\) the name is 100000 characters long; at most 200$/],
    ['a name with a NUL', () => collection(feature('Bad\u0000Name')), 'features[0].properties.name', /control character \(U\+0000\)/],
    ['a name with a newline', () => collection(feature('Two\nLines')), 'features[0].properties.name', /control character \(U\+000A\)/],
    ['a name with half a surrogate pair', () => collection(feature('Odd \ud800 name')), 'features[0].properties.name', /lone UTF-16 surrogate/],
    ['no geometry', () => collection({ type: 'Feature', properties: { name: 'Nowhere' } }), 'features[0].geometry', /^\("Nowhere"\) a place needs a Point geometry, got/],
    ['a LineString', () => collection(feature('A line', { type: 'LineString', coordinates: [[0, 0], [1, 1]] })), 'features[0].geometry.type', /Point .*got the text "LineString"/],
    ['a Polygon', () => collection(feature('An area', { type: 'Polygon', coordinates: [] })), 'features[0].geometry.type', /Point/],
    ['one coordinate', () => collection(feature('Half', { type: 'Point', coordinates: [1] })), 'features[0].geometry.coordinates', /\[longitude, latitude\]/],
    ['coordinates as text', () => collection(feature('Text', { type: 'Point', coordinates: '1,2' })), 'features[0].geometry.coordinates', /got the text "1,2"/],
    ['a longitude as text', () => collection(feature('Texty', point('-3.7', 40))), 'features[0].geometry.coordinates[0]', /longitude must be a number, got the text "-3.7"/],
    ['a latitude null (NaN written by JSON.stringify)', () => collection(feature('Nan', point(-3.7, NaN))), 'features[0].geometry.coordinates[1]', /latitude must be a number, got null/],
    ['a latitude of 1e400', () => collection(feature('Huge')).replace('40]', '1e400]'), 'features[0].geometry.coordinates[1]', /finite number \(the file says Infinity/],
    ['a latitude of 95', () => collection(feature('North', point(-3.7, 95))), 'features[0].geometry.coordinates[1]', /latitude must be -90..90, got 95/],
    ['a longitude of -180.5', () => collection(feature('West', point(-180.5, 40))), 'features[0].geometry.coordinates[0]', /longitude must be -180..180, got -180.5/],
    ['properties as a list', () => collection({ type: 'Feature', geometry: point(1, 1), properties: ['name'] }), 'features[0].properties', /expected an object, got a list/],
    ['an unknown kind', () => collection(feature('Odd', point(1, 1), { kind: 'river' })), 'features[0].properties.kind', /one of street, square, landmark, district, got the text "river"/],
    ['aliases as a number', () => collection(feature('Odd', point(1, 1), { aliases: 3 })), 'features[0].properties.aliases', /list of names, or names separated by ";", got 3/],
    ['an alias that is an object', () => collection(feature('Odd', point(1, 1), { aliases: ['ok', { deep: 1 }] })), 'features[0].properties.aliases[1]', /other name must be text, got an object/],
    ['an alias too long', () => collection(feature('Odd', point(1, 1), { aliases: ['x'.repeat(201)] })), 'features[0].properties.aliases[0]', /201 characters long; at most 200/],
    ['21 aliases', () => collection(feature('Odd', point(1, 1), { aliases: Array.from({ length: 21 }, (_, i) => `a${i}`) })), 'features[0].properties.aliases', /21 other names; at most 20/],
    ['two features named alike', () => collection(feature('Calle de la Estación'), feature('calle  ESTACION')), 'features[1].properties.name', /"calle {2}ESTACION" is the same name as features\[0\] \("Calle de la Estación"\) to the gazetteer/],
    ['a name repeated exactly', () => collection(feature('Old Market'), feature('Old Market', point(1, 1))), 'features[1].properties.name', /same name as features\[0\]/],
  ];

  it('refuses each bad file by file or feature path and reason, exits with an error, and stores nothing', async () => {
    const before = await gazetteer();
    expect(before).toHaveLength(1);
    for (const [label, content, field, reason] of cases) {
      const file = fileOf(content());
      const { out, err, error } = await importFile(file);
      expect(error, label).toBeDefined();
      expect(error?.message, label).toMatch(/nothing was imported|not/i);
      expect(Object.keys(error?.fields ?? {}), `${label}: ${JSON.stringify(error?.fields)}`).toContain(field);
      expect(error?.fields[field], label).toMatch(reason);
      // The command line lists each problem before failing.
      expect(err, label).toContain(`${file}: ${field}: `);
      expect(out, label).toBe('');
    }
    expect(await gazetteer()).toEqual(before);
  });

  it('names every bad feature of a file, lists the first hundred, and stores none of its good ones', async () => {
    const before = await gazetteer();
    const features = Array.from({ length: 400 }, (_, i) => (i % 2 ? feature(`Good ${i}`, point(1, 1)) : feature(`Bad ${i}`, point(1, 91))));
    const { err, error } = await importFile(fileOf(collection(...features)));
    expect(error?.message).toBe('200 of 400 features have problems; nothing was imported. The first 100 of 200 problems are listed.');
    expect(Object.keys(error?.fields ?? {})).toHaveLength(MAX_LISTED_ERRORS);
    expect(error?.fields['features[398].geometry.coordinates[1]']).toBeUndefined();
    expect(error?.fields['features[0].geometry.coordinates[1]']).toBe('("Bad 0") latitude must be -90..90, got 91');
    expect(err.split('\n').filter(Boolean)).toHaveLength(MAX_LISTED_ERRORS);
    expect(await gazetteer()).toEqual(before);
  });

  it('refuses random bytes and randomly damaged files, or imports them whole', async () => {
    const next = random(7946);
    const base = collection(
      ...Array.from({ length: 5 }, (_, i) => feature(`Random Place ${i}`, point(-3.7 + i / 100, 40), { kind: 'street', aliases: [`Alias ${i}`] })),
    );
    let imported = 0;
    for (let i = 0; i < 30; i++) {
      let content: Uint8Array;
      if (i < 10) content = Uint8Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256));
      else {
        content = new Uint8Array(Buffer.from(base));
        const cut = Math.floor(next() * content.length);
        content = i % 3 === 0 ? content.subarray(0, cut) : content;
        for (let k = 0; k < 1 + Math.floor(next() * 3); k++) content[Math.floor(next() * content.length)] = Math.floor(next() * 256);
      }
      const before = await gazetteer();
      const { error, out } = await importFile(fileOf(content));
      if (error) {
        expect(Object.keys(error.fields).length, `case ${i}`).toBeGreaterThan(0);
        for (const [field, reason] of Object.entries(error.fields))
          expect(`${field}: ${reason}`, `case ${i}`).toMatch(/^(file|type|features)(\[\d+\][\w.[\]]*)?: \S/);
        expect(await gazetteer(), `case ${i}`).toEqual(before);
      } else {
        imported++;
        expect(out, `case ${i}`).toMatch(/^\d+ place\(s\) saved/);
      }
    }
    // Damage that leaves valid JSON and valid places (a changed digit) is imported: not every case is an error.
    expect(imported).toBeLessThan(30);
  });

  it('replaces a stored place named the same way, and says so', async () => {
    const { out, error } = await importFile(
      fileOf(collection(feature('PLAZA MAYOR', point(-3.7075, 40.4156), { kind: 'square', aliases: 'Plaza Major' }), feature('Calle Nueva'))),
    );
    expect(error).toBeUndefined();
    expect(out).toBe('2 place(s) saved: 1 new, 1 replacing a stored place of the same name.\n  features[0] "PLAZA MAYOR" replaced "Plaza Mayor"\n');
    const places = await gazetteer();
    expect(places.filter((p) => /plaza mayor/i.test(p.name))).toEqual([
      { name: 'PLAZA MAYOR', kind: 'square', aliases: ['Plaza Major'], lat: 40.4156, lon: -3.7075 },
    ]);
    // The request-time matcher sees the new gazetteer at once.
    expect(await geocodeAddress(t.deps, t.site.id, 'calle nueva 3')).toMatchObject({ status: 'one', places: [{ name: 'Calle Nueva' }] });
    expect(await geocodeAddress(t.deps, t.site.id, 'Plaza Major')).toMatchObject({ status: 'one', places: [{ lat: 40.4156 }] });
  });

  it('bounds the gazetteer: features per file and places per site, file size, before storing anything', async () => {
    const before = await gazetteer();
    const max = before.length + 7;
    const many = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => feature(`${prefix} ${i}`, point(1, 1)));
    // More features than a site may hold: refused before any feature is checked.
    expect(() => readGazetteer(JSON.parse(collection(...many(11, 'Too'))), { maxPlaces: 10 })).toThrow(
      expect.objectContaining({ fields: { features: expect.stringMatching(/^11 features; at most 10 places per site .*GEOCODER_URL/) } }),
    );
    // Few enough in the file, but too many with the places stored already.
    const entries = readGazetteer(JSON.parse(collection(...many(8, 'Extra'))));
    await expect(importPlaces(t.deps, t.site.id, entries, { maxPlaces: max })).rejects.toMatchObject({
      fields: { features: expect.stringMatching(new RegExp(`would hold ${max + 1} places; at most ${max} per site`)) },
    });
    expect(await gazetteer()).toEqual(before);
    // Replacing stored places does not count twice.
    const replacing = readGazetteer(JSON.parse(collection(...many(7, 'Extra'), feature('calle nueva'))));
    await expect(importPlaces(t.deps, t.site.id, replacing, { maxPlaces: max })).resolves.toMatchObject({ added: 7 });
    await importPlaces(t.deps, t.site.id, readGazetteer(JSON.parse(collection(feature('Calle Nueva'))))); // back as it was
    expect((await gazetteer()).length).toBe(before.length + 7);
    // A file larger than the limit is refused before it is read.
    await expect(readGazetteerFile(fileOf(good), { maxBytes: 10 })).rejects.toMatchObject({
      fields: { file: expect.stringMatching(/^is 0\.0 MB; a gazetteer file may be at most 0 MB$/) },
    });
    const missing = await importFile(path.join(dir, 'no-such-file.geojson'));
    expect(missing.error?.fields.file).toMatch(/cannot be read: ENOENT/);
  });

  it('imports a few thousand places in batches, and matches typed addresses among them quickly', async () => {
    const count = 5000;
    const features = Array.from({ length: count }, (_, i) =>
      feature(`Street ${i} of the ${['North', 'South', 'East', 'West'][i % 4]}`, point(-3.7 + (i % 100) / 1000, 40 + Math.floor(i / 100) / 1000), {
        kind: 'street',
      }),
    );
    const { out, error } = await importFile(fileOf(collection(...features)));
    expect(error).toBeUndefined();
    expect(out).toMatch(new RegExp(`^${count} place\\(s\\) saved: ${count} new`));
    expect(await geocodeAddress(t.deps, t.site.id, 'Street 4322 of the East')).toMatchObject({
      status: 'one',
      places: [{ name: 'Street 4322 of the East' }],
    });
    const started = performance.now();
    for (let i = 0; i < 20; i++) await geocodeAddress(t.deps, t.site.id, `Street ${i * 37} of the ${i % 2 ? 'North' : 'Sourh'}`);
    // Matching no longer compares every place for each address: 20 addresses among 5,000 places stay far under a second each.
    expect((performance.now() - started) / 20).toBeLessThan(1000);
  });
});

describe('polity service-requests places import, as a command', () => {
  const BIN = fileURLToPath(new URL('../../../bin/polity.js', import.meta.url));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'polity-places-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const polity = (...args: string[]) =>
    promisify(execFile)(process.execPath, [BIN, 'service-requests', 'places', ...args, '--site', 'places.localhost'], { env });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 naming the feature of a bad file and stores nothing, then exits 0 on a good one', async () => {
    const built = await buildDeps(readEnv(env), manifests);
    await createSite(built.deps, { slug: 'places', name: { en: 'Places' }, hosts: ['places.localhost'], locales: ['en'], defaultLocale: 'en' });
    await built.close();
    const bad = path.join(dataDir, 'bad.geojson');
    writeFileSync(bad, collection(feature('Good Street'), feature('Bad Street', point(-3.7, 'north'))));
    const refused = await polity('import', bad).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect((refused as { stderr: string }).stderr).toContain(
      `${bad}: features[1].geometry.coordinates[1]: ("Bad Street") latitude must be a number, got the text "north"\n`,
    );
    expect((refused as { stderr: string }).stderr).toMatch(/polity: 1 of 2 features have problems; nothing was imported\./);

    const good = path.join(dataDir, 'good.geojson');
    writeFileSync(good, collection(feature('Other Street', point(-3.71, 40.01)), feature('Third Street')));
    expect((await polity('import', good)).stdout).toBe('2 place(s) saved: 2 new, 0 replacing a stored place of the same name.\n');
    // Good Street, valid in the refused file, was never stored.
    const after = await buildDeps(readEnv(env), manifests);
    try {
      expect((await after.deps.db.select({ name: srPlaces.name }).from(srPlaces).orderBy(asc(srPlaces.name))).map((p) => p.name)).toEqual([
        'Other Street',
        'Third Street',
      ]);
    } finally {
      await after.close();
    }
  }, 180_000);
});
