import { serve, type ServerType } from '@hono/node-server';
import { caseStudyInput } from '../src/modules/library/core/schemas.js';
import { COUNTRY_CODES } from '../src/kernel/countries.js';
import { LEVELS, SECTORS, STAGES } from '../src/modules/library/core/vocabulary.js';
import { saveCaseStudy, searchCaseStudies } from '../src/modules/library/index.js';
import { demoCaseStudies } from '../src/modules/library/seed/content.js';
import { createApp } from '../src/server/app.js';
import { loadPageHandler } from '../src/server/pages.js';
import { mountStaticAssets } from '../src/server/static.js';
import { createTestContext, type TestContext } from '../src/server/testing.js';
import { load, ms, percentile, report, startHello, timeRuns } from './lib.js';

const COUNT = Number(process.env.BENCH_CASE_STUDIES ?? 10_000);
const COUNTRIES = COUNTRY_CODES.slice(0, 60);

/** Fills a site with `n` case studies: the demo texts with varied facets. */
async function fill(t: TestContext, n: number): Promise<{ slugs: string[]; ms: number }> {
  const started = performance.now();
  const slugs: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = caseStudyInput.parse(demoCaseStudies[i % demoCaseStudies.length]);
    const saved = await saveCaseStudy(t.deps, t.site.id, {
      ...base,
      slug: `${(base.slug ?? 'case').slice(0, 80)}-${i}`,
      country: COUNTRIES[(i * 7) % COUNTRIES.length],
      level: LEVELS[i % LEVELS.length],
      stage: STAGES[(i * 3) % STAGES.length],
      sectors: [SECTORS[i % SECTORS.length], SECTORS[(i * 5 + 3) % SECTORS.length]].filter((s, k, a) => a.indexOf(s) === k),
      yearLaunched: 1990 + (i % 35),
      status: 'published',
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
    });
    slugs.push(saved.slug);
  }
  return { slugs, ms: performance.now() - started };
}

const QUERIES = [
  {
    q: 'participatory budget',
    filters: { country: [COUNTRIES[7], COUNTRIES[14]], sector: ['public-finance', 'democracy-participation'], stage: ['implementation'] },
  },
  { q: 'open data', filters: { level: ['local'], sector: ['digital-government'], year: ['2010', '2011', '2012'] } },
  { q: 'procurement', filters: { country: [COUNTRIES[21]], stage: ['pilot', 'diffusion'], level: ['national'] } },
  { q: 'citizens report', filters: { sector: ['urban-development'], stage: ['evaluation'], country: [COUNTRIES[35], COUNTRIES[42]] } },
];

async function benchOne(kind: 'pglite' | 'postgres'): Promise<[string, string][]> {
  const t = await createTestContext(kind);
  try {
    const filled = await fill(t, COUNT);
    const rows: [string, string][] = [[`insert ${COUNT} case studies (${kind})`, `${ms(filled.ms)} (${((COUNT / filled.ms) * 1000).toFixed(0)}/s)`]];
    const samples = await timeRuns(200, (i) => searchCaseStudies(t.deps, t.site.id, { ...QUERIES[i % QUERIES.length], locale: 'en', limit: 20 }), 20);
    rows.push([`search: text + 3 facets, ${COUNT} docs (${kind}) p50`, ms(percentile(samples, 50))]);
    rows.push([`search: text + 3 facets, ${COUNT} docs (${kind}) p99`, ms(percentile(samples, 99))]);
    const browse = await timeRuns(100, () => searchCaseStudies(t.deps, t.site.id, { locale: 'en', limit: 20 }), 10);
    rows.push([`browse: no query, facets only (${kind}) p50 / p99`, `${ms(percentile(browse, 50))} / ${ms(percentile(browse, 99))}`]);

    if (kind === 'postgres') {
      const pages = await loadPageHandler();
      const app = createApp({ deps: t.deps, manifests: t.manifests, pages: pages ?? undefined, assets: mountStaticAssets });
      const server: ServerType = await new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      const base = `http://localhost:${(server.address() as { port: number }).port}`;
      const hello = await startHello();
      try {
        const h = await load(hello.url, { connections: 50, seconds: 5 });
        const page = await load(`${base}/library/case-studies/${filled.slugs[123]}`, { connections: 50, seconds: 5 });
        const api = await load(`${base}/api/v1/library/case-studies?q=open+data&level=local&sector=digital-government&stage=implementation`, {
          connections: 50,
          seconds: 5,
        });
        const line = (r: typeof h) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;
        rows.push(['bare Hono "hello" (50 connections)', line(h)]);
        rows.push(['case-study page (50 connections)', `${line(page)} — ${((page.rps / h.rps) * 100).toFixed(1)}% of hello`]);
        rows.push(['search API (50 connections)', `${line(api)} — ${((api.rps / h.rps) * 100).toFixed(1)}% of hello`]);
      } finally {
        await hello.close();
        await new Promise((r) => server.close(() => r(null)));
      }
    }
    return rows;
  } finally {
    await t.close();
  }
}

/** Library search over 10,000 case studies on PGlite and PostgreSQL, and HTTP throughput. */
export async function benchLibrary(): Promise<void> {
  report('Library on PGlite', await benchOne('pglite'));
  if (process.env.TEST_DATABASE_URL) report('Library on PostgreSQL', await benchOne('postgres'));
  else report('Library on PostgreSQL', [['skipped', 'set TEST_DATABASE_URL to a PostgreSQL server (a fresh database is created and dropped)']]);
}
