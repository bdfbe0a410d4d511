import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { seedConsultations } from '../src/modules/consultations/index.js';
import { SURVEY_LIMITS } from '../src/modules/consultations/commands/take-part.js';
import { createApp } from '../src/server/app.js';
import { createTestContext } from '../src/server/testing.js';
import { load, ms, report, startHello, type LoadResult } from './lib.js';

const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * Survey responses accepted over HTTP on PostgreSQL at 100 concurrent connections: every request
 * is a new anonymous respondent (no cookie) answering the demo survey's first page (age band,
 * gender, region, education) and saving it, answered 200 only once stored; beside the bare Hono
 * route in the same run. All load comes from one address, so the per-address cap on new anonymous
 * responses is lifted for the run (it is what keeps one person from flooding a real survey).
 */
export async function benchConsultationResponses(): Promise<void> {
  const title = `Consultations: survey responses over HTTP on PostgreSQL (${CONNECTIONS} connections, ${SECONDS} s)`;
  if (!process.env.TEST_DATABASE_URL) {
    report(title, [['skipped', 'set TEST_DATABASE_URL to a PostgreSQL server']]);
    return;
  }
  const t = await createTestContext('postgres', { poolSize: 20 });
  const cap = SURVEY_LIMITS.newResponsesPerClient.limit;
  SURVEY_LIMITS.newResponsesPerClient.limit = 1e9;
  try {
    await seedConsultations(t.deps, t.site.id);
    const app = createApp({ deps: t.deps, manifests: t.manifests });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    const hello = await startHello();
    try {
      const h = await load(hello.url, { connections: CONNECTIONS, seconds: SECONDS });
      const ages = ['16_24', '25_39', '40_54', '55_64', '65_plus'];
      let n = 0;
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/api/v1/consultations/future-of-europe/survey`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', host: 'test.localhost', 'x-requested-with': 'bench' },
            setupRequest: (req) => {
              const i = n++;
              return { ...req, body: JSON.stringify({ page: 0, move: 'save', answers: { age: ages[i % 5], gender: i % 2 ? 'woman' : 'man' } }) };
            },
          },
        ],
      });
      const r: LoadResult = {
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors,
        non2xx: result.non2xx,
      };
      const line = (x: LoadResult) =>
        `${x.rps.toFixed(0)} req/s, p50 ${ms(x.p50)}, p99 ${ms(x.p99)}${x.non2xx ? `, ${x.non2xx} non-2xx` : ''}${x.errors ? `, ${x.errors} errors` : ''}`;
      report(title, [
        ['bare Hono "hello"', line(h)],
        ['POST /api/v1/consultations/:slug/survey (new respondent, save)', `${line(r)} — ${((r.rps / h.rps) * 100).toFixed(1)}% of hello`],
      ]);
    } finally {
      await hello.close();
      await new Promise<void>((done) => server.close(() => done()));
    }
  } finally {
    SURVEY_LIMITS.newResponsesPerClient.limit = cap;
    await t.close();
  }
}
