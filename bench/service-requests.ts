import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createApiKey } from '../src/modules/service-requests/index.js';
import { seedCatalogue } from '../src/modules/service-requests/seed/catalogue.js';
import { listRequests } from '../src/modules/service-requests/store/requests.js';
import { createApp } from '../src/server/app.js';
import { createTestContext } from '../src/server/testing.js';
import { load, ms, percentile, report, startHello, timeRuns } from './lib.js';

const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const CODES = ['POTHOLE', 'STREETLIGHT', 'GRAFFITI', 'BULKY', 'TREE'];

/**
 * Open311 at scale on PostgreSQL: COUNT reports spread over a year in the demo city, then
 * `POST requests.json` at 100 connections, `GET requests.json` over a 90-day window, and the
 * map's bounding-box query, beside a bare Hono route measured in the same run.
 */
export async function benchServiceRequests(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    report('Service requests (Open311)', [['skipped', 'set TEST_DATABASE_URL to a PostgreSQL server']]);
    return;
  }
  const t = await createTestContext('postgres');
  const rows: [string, string][] = [];
  try {
    await seedCatalogue(t.deps, t.site.id);
    const now = t.deps.clock.now();
    const started = performance.now();
    // One statement per 100,000 rows: the services' ids come from the catalogue just made.
    for (let from = 0; from < COUNT; from += 100_000) {
      const to = Math.min(COUNT, from + 100_000) - 1;
      await t.deps.db.execute(sql`
        INSERT INTO sr_requests (id, site_id, service_id, service_code, agency_id, status, lat, lon, address, description, attributes, source, token, requested_at, updated_at, expected_at, resolved_at)
        SELECT gen_random_uuid(), ${t.site.id}::uuid, s.id, s.code, s.agency_id,
               CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'open' END,
               39.95 + (g % 1000) * 0.0001, -3.75 + ((g / 1000) % 1000) * 0.0001,
               'Street ' || (g % 500), 'Bench report ' || g, '{}'::jsonb, 'open311', 'bench-' || g,
               ${now.toISOString()}::timestamptz - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute',
               ${now.toISOString()}::timestamptz - (g % 365) * interval '1 day',
               ${now.toISOString()}::timestamptz - (g % 365) * interval '1 day' + interval '72 hours',
               CASE WHEN g % 3 = 0 THEN ${now.toISOString()}::timestamptz - (g % 365) * interval '1 day' + interval '30 hours' END
        FROM generate_series(${from}::int, ${to}::int) AS g
        JOIN sr_services s ON s.site_id = ${t.site.id}::uuid AND s.code = (ARRAY[${sql.raw(CODES.map((c) => `'${c}'`).join(','))}])[1 + g % ${CODES.length}]`);
    }
    await t.deps.db.execute(sql`VACUUM ANALYZE sr_requests`);
    rows.push([`insert ${COUNT.toLocaleString('en')} reports (SQL, postgres)`, ms(performance.now() - started)]);

    const boxes = Array.from({ length: 50 }, (_, i) => ({
      minLat: 39.96 + (i % 10) * 0.005,
      maxLat: 39.975 + (i % 10) * 0.005,
      minLon: -3.74 + (i % 5) * 0.01,
      maxLon: -3.725 + (i % 5) * 0.01,
    }));
    const bbox = await timeRuns(
      200,
      (i) =>
        listRequests(
          t.deps.db,
          t.site.id,
          { bbox: boxes[i % boxes.length], statuses: ['open', 'acknowledged', 'in_progress'] },
          { limit: 500, sort: 'geo' },
        ),
      20,
    );
    rows.push(['map bounding-box query (open, 500 max) p50 / p99', `${ms(percentile(bbox, 50))} / ${ms(percentile(bbox, 99))}`]);

    const keys = await Promise.all(Array.from({ length: 400 }, (_, i) => createApiKey(t.deps, t.site.id, { name: `bench ${i}` })));
    const app = createApp({ deps: t.deps, manifests: t.manifests });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const base = `http://localhost:${(server.address() as { port: number }).port}`;
    const hello = await startHello();
    try {
      const line = (r: { rps: number; p50: number; p99: number; non2xx: number }) =>
        `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;
      const h = await load(hello.url, { connections: 100, seconds: 5 });
      rows.push(['bare Hono "hello" (100 connections)', line(h)]);
      let n = 0;
      const post = await autocannon({
        url: `${base}/open311/v2/requests.json`,
        connections: 100,
        duration: 5,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (req) => {
              n++;
              const body = new URLSearchParams({
                api_key: keys[n % keys.length].key,
                service_code: 'POTHOLE',
                lat: String(39.96 + (n % 800) * 0.0001),
                long: '-3.70',
                'attribute[SIZE]': 'small',
                description: `bench ${n}`,
              });
              return { ...req, body: body.toString() };
            },
          },
        ],
      });
      rows.push([
        'POST requests.json (100 connections)',
        `${line({ rps: post.requests.average, p50: post.latency.p50, p99: post.latency.p99, non2xx: post.non2xx })} — ${((post.requests.average / h.rps) * 100).toFixed(1)}% of hello`,
      ]);
      const window = await load(
        `${base}/open311/v2/requests.json?start_date=${new Date(now.getTime() - 90 * 86_400_000).toISOString()}&end_date=${now.toISOString()}&page_size=100`,
        { connections: 100, seconds: 5 },
      );
      rows.push([
        'GET requests.json, 90-day window, 100 a page (100 connections)',
        `${line(window)} — ${((window.rps / h.rps) * 100).toFixed(1)}% of hello`,
      ]);
      const full = await load(`${base}/open311/v2/requests.json`, { connections: 20, seconds: 5 });
      rows.push(['GET requests.json, spec default (90 days, first 1,000; 20 connections)', line(full)]);
    } finally {
      await hello.close();
      await new Promise((r) => server.close(() => r(null)));
    }
  } finally {
    await t.close();
  }
  report(`Service requests (Open311), ${COUNT.toLocaleString('en')} reports on PostgreSQL`, rows);
}
