import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startPolity, type Polity } from './harness.js';

/** Every script the page asks for, and street tiles refused as if the machine had no internet. */
async function watch(page: Page): Promise<string[]> {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
  return scripts;
}

const field = (page: Page, name: string) => page.locator(`#field-${name}`).inputValue();

describe('the kit map in a browser', () => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity();
  }, 180_000);
  afterAll(() => p?.close());

  it('loads the map library only on pages with a map, draws the areas without tiles, and a click (also before the library loads) and the arrow keys fill the fields', async () => {
    const page = await p.newPage();
    const scripts = await watch(page);

    // Pages without a map never fetch the map library.
    await page.goto(`${p.url}/`);
    await page.goto(`${p.url}/service-requests/new`);
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => s.includes('map-leaflet'))).toEqual([]);

    // The report form: the server's plain drawing is there before any script runs.
    const html = await (await page.request.get(`${p.url}/service-requests/new?service=STREETLIGHT`)).text();
    expect(html).toMatch(/<svg class="site-map-plain"[\s\S]*class="site-map-area"/);
    expect(html).toContain('Church Street');

    // Hold the map library back, to click on the map before it has loaded.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/map-leaflet-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${p.url}/service-requests/new?service=STREETLIGHT`);
    const plain = page.locator('svg.site-map-plain');
    await plain.waitFor();
    // The map island has started: the "Use my location" button appears only then.
    await page.getByRole('button', { name: 'Use my location' }).waitFor();
    const box = (await plain.boundingBox())!;
    await plain.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    const early = { lat: Number(await field(page, 'lat')), lon: Number(await field(page, 'long')) };
    expect(early.lat).toBeGreaterThan(39.9);
    expect(early.lat).toBeLessThan(40.1);
    expect(early.lon).toBeGreaterThan(-3.8);
    expect(early.lon).toBeLessThan(-3.6);

    // The library arrives: it takes over with the same pin, and the areas and places without tiles.
    release();
    await page.locator('figure.site-map.site-map-live').waitFor();
    expect(scripts.filter((s) => s.includes('map-leaflet'))).toHaveLength(1);
    await page.locator('.site-map-pin-icon').waitFor();
    expect(await page.locator('.leaflet-overlay-pane path.site-map-area').count()).toBeGreaterThan(0);
    await page.getByText('The street map could not be loaded').waitFor();
    await page.locator('.site-map-place-label', { hasText: 'Church Street' }).waitFor();
    expect(Number(await field(page, 'lat'))).toBe(early.lat);
    await expectAccessible(page, 'report form with the map');

    // A click on the street map moves the pin and fills the fields.
    const frame = page.getByRole('application', { name: /map/i });
    const fb = (await frame.boundingBox())!;
    await frame.click({ position: { x: fb.width * 0.45, y: fb.height * 0.42 } });
    const clicked = { lat: Number(await field(page, 'lat')), lon: Number(await field(page, 'long')) };
    expect(clicked.lat).toBeGreaterThan(early.lat);
    expect(clicked.lon).toBeLessThan(early.lon);

    // The arrow keys move it: north, then east; each move is announced.
    await frame.focus();
    await page.keyboard.press('ArrowUp');
    const north = { lat: Number(await field(page, 'lat')), lon: Number(await field(page, 'long')) };
    expect(north.lat).toBeGreaterThan(clicked.lat);
    expect(north.lon).toBeCloseTo(clicked.lon, 5);
    await page.keyboard.press('Shift+ArrowRight');
    const east = { lat: Number(await field(page, 'lat')), lon: Number(await field(page, 'long')) };
    expect(east.lon).toBeGreaterThan(north.lon);
    expect(east.lat).toBeCloseTo(north.lat, 5);
    expect(await page.getByRole('status').filter({ hasText: 'Pin placed at latitude' }).count()).toBe(1);

    // Sent from the pin alone, the report is named by the nearest known place.
    await page.getByLabel('Describe the problem').fill('The lamp is dark');
    await page.getByLabel('Email address').fill('resident@example.org');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.waitForURL(/\/service-requests\/reports\//, { timeout: 5000 }).catch(() => undefined);
    // The form may first show reports nearby (send again) or ask to confirm a place outside every area.
    for (let step = 0; step < 3 && !/\/service-requests\/reports\//.test(page.url()); step++) {
      await page.waitForLoadState('load');
      const outside = page.locator('input[name="outside_ok"]');
      if (await outside.count()) await outside.check();
      if (/\/service-requests\/new/.test(page.url())) await page.getByRole('button', { name: 'Send the report' }).click();
      await page.waitForURL(/\/service-requests\/reports\//, { timeout: 5000 }).catch(() => undefined);
    }
    await page.waitForURL(/\/service-requests\/reports\/[0-9a-f-]{36}\?new=1/);
    const title = await page.locator('h1').textContent();
    expect(title).toMatch(/^Street light out near \D+$/);
  }, 120_000);

  it('shows the reports as clusters and links on the dashboard, and the plain drawing keeps working without the library', async () => {
    const page = await p.newPage();
    await watch(page);
    await page.route('**/assets/map-leaflet-*.js', (route) => route.abort());
    await page.goto(`${p.url}/service-requests/dashboard`);
    const plain = page.locator('svg.site-map-plain').first();
    await plain.waitFor();
    // The demo's open reports: many lie close together, so some are drawn as numbered clusters.
    expect(await plain.locator('.site-map-cluster').count()).toBeGreaterThan(0);
    expect(await plain.locator('a[href^="/service-requests/reports/"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'dashboard without the map library');

    // With the library (and still no tiles), the reports are dots and named clusters, and axe is content.
    const live = await p.newPage();
    await watch(live);
    await live.goto(`${p.url}/service-requests/dashboard`);
    await live.locator('figure.site-map.site-map-live').waitFor();
    await live.locator('.leaflet-marker-pane [role="button"]').first().waitFor();
    const cluster = live.locator('.site-map-cluster-icon').first();
    if (await cluster.count()) expect(await live.getByRole('button', { name: /reports here/ }).count()).toBeGreaterThan(0);
    await expectAccessible(live, 'dashboard with the street map');
  }, 60_000);
});
