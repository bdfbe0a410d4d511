import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geocodeAddress } from '../src/modules/service-requests/commands/geocode.js';
import { importPlaces } from '../src/modules/service-requests/commands/places.js';
import { indexGazetteer, matchPlace, type GazetteerPlace } from '../src/modules/service-requests/core/geocode.js';
import { MAX_PLACES, readGazetteerFile } from '../src/modules/service-requests/formats/geojson-places.js';
import { createTestContext } from '../src/server/testing.js';
import { ms, percentile, report, timeRuns } from './lib.js';

const FIRST = ['Station', 'Market', 'Church', 'Mill', 'River', 'Hill', 'Park', 'Orchard', 'Bridge', 'Castle', 'King', 'Queen', 'Elm', 'Oak', 'Ash'];
const SECOND = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old', 'New', 'Green', 'Stone', 'Long', 'High'];
const KINDS = ['Street', 'Road', 'Lane', 'Avenue', 'Square', 'Walk', 'Way', 'Close'];

/** The made-up name of place `i` ("Upper Station Road 12"): distinct for every i. */
const nameOf = (i: number) =>
  `${SECOND[i % SECOND.length]} ${FIRST[Math.floor(i / SECOND.length) % FIRST.length]} ${KINDS[i % KINDS.length]} ${Math.floor(i / 180)}`;

/** A gazetteer of `n` distinct made-up names, with a Spanish alias each. */
function gazetteer(n: number): GazetteerPlace[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i), name: nameOf(i), aliases: [`Calle ${nameOf(i)}`], lat: 40 + i * 1e-5, lon: -3.7 }));
}

/** The same gazetteer as a GeoJSON file. */
function writeGazetteerFile(file: string, n: number): number {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-3.7 + (i % 1000) * 1e-4, 40 + Math.floor(i / 1000) * 1e-4] },
        properties: { name: nameOf(i), kind: 'street', aliases: `Calle ${nameOf(i)}` },
      }),
    );
  }
  const text = `{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`;
  writeFileSync(file, text);
  return text.length;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/**
 * `npm run bench geocode`: matching a typed address against gazetteers of growing size (through
 * the index the geocoder keeps, and comparing every place as a baseline), then the 300,000-place
 * file the issue names (refused: over MAX_PLACES) and a full-size import of MAX_PLACES places.
 */
export async function benchGeocode(): Promise<void> {
  const queries = ['12 upper station rd, by the bakery', 'Staton', 'calle old market lane 3', 'nowhere at all', 'Oak'];
  for (const n of [1_000, 10_000, MAX_PLACES, 300_000]) {
    const places = gazetteer(n);
    let t = performance.now();
    const index = indexGazetteer(places);
    const built = performance.now() - t;
    const samples = await timeRuns(100, async (i) => matchPlace(index, queries[i % queries.length]));
    const rows: [string, string][] = [
      ['index built once', ms(built)],
      ['p50', ms(percentile(samples, 50))],
      ['p99', ms(percentile(samples, 99))],
    ];
    if (n <= 10_000) {
      t = performance.now();
      for (const q of queries) matchPlace(places, q);
      rows.push(['every place compared (the list, no index), mean', ms((performance.now() - t) / queries.length)]);
    }
    report(`Gazetteer match, ${n.toLocaleString('en')} places (per typed address)`, rows);
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'polity-bench-gazetteer-'));
  try {
    const big = path.join(dir, 'places-300k.geojson');
    const size = writeGazetteerFile(big, 300_000);
    // In a process of its own, as `polity service-requests places import` reads it, for its peak memory.
    const reader = new URL('../src/modules/service-requests/formats/geojson-places.ts', import.meta.url).href;
    const script = `const { readGazetteerFile } = await import(${JSON.stringify(reader)});
      const t = performance.now();
      const answer = await readGazetteerFile(${JSON.stringify(big)}).then(() => 'accepted', (e) => e.message);
      console.log(JSON.stringify({ answer, ms: performance.now() - t, maxRss: process.resourceUsage().maxRSS * 1024 }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the gazetteer reader failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { answer: string; ms: number; maxRss: number };
    report('Gazetteer file of 300,000 places (`places import`, in its own process)', [
      ['file', mb(size)],
      ['answer', measured.answer],
      ['time to refuse', ms(measured.ms)],
      ['peak memory (max rss of the process)', mb(measured.maxRss)],
    ]);
    let t: number;

    const full = path.join(dir, 'places-max.geojson');
    writeGazetteerFile(full, MAX_PLACES);
    const ctx = await createTestContext('pglite');
    try {
      t = performance.now();
      const entries = await readGazetteerFile(full);
      const read = performance.now() - t;
      t = performance.now();
      const { added } = await importPlaces(ctx.deps, ctx.site.id, entries);
      const stored = performance.now() - t;
      t = performance.now();
      await geocodeAddress(ctx.deps, ctx.site.id, 'Upper Station Road 12');
      const first = performance.now() - t;
      const samples = await timeRuns(50, async (i) => geocodeAddress(ctx.deps, ctx.site.id, queries[i % queries.length]));
      report(`Gazetteer import of ${MAX_PLACES.toLocaleString('en')} places (the most a site holds; PGlite)`, [
        ['read and check the file', ms(read)],
        [`store ${added.toLocaleString('en')} places (one transaction, batches)`, ms(stored)],
        ['first address after it (reads and indexes the gazetteer)', ms(first)],
        ['next addresses, p50', ms(percentile(samples, 50))],
        ['next addresses, p99', ms(percentile(samples, 99))],
        ['memory (rss) now', mb(process.memoryUsage().rss)],
      ]);
    } finally {
      await ctx.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
