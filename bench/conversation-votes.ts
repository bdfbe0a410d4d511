import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { createConversation } from '../src/modules/conversations/index.js';
import { createApp } from '../src/server/app.js';
import { createTestContext } from '../src/server/testing.js';
import { load, ms, report, startHello, type LoadResult } from './lib.js';

const STATEMENTS = 200;
const PARTICIPANTS = 2000;
const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * Votes per second accepted over HTTP on PostgreSQL at 100 concurrent connections: every request
 * is a new (participant, statement) pair from 2,000 participants known by xid (the first vote of
 * each joins them), answered 201 only once stored; beside the bare Hono route in the same run.
 */
async function voteLoad(url: string): Promise<LoadResult & { total: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = n++;
          // Participant i mod 2000 votes on statement (i div 2000) mod 200: no pair repeats within a run.
          const body = JSON.stringify({
            statementId: Math.floor(i / PARTICIPANTS) % STATEMENTS,
            vote: ['agree', 'disagree', 'pass'][i % 3],
            xid: `bench-${i % PARTICIPANTS}`,
          });
          return { ...req, body };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** `npm run bench conversation-votes`. */
export async function benchConversationVotes(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    report('Conversations: votes over HTTP', [['skipped', 'set TEST_DATABASE_URL to a PostgreSQL server']]);
    return;
  }
  const t = await createTestContext('postgres', { poolSize: 20 });
  try {
    await createConversation(
      t.deps,
      t.site.id,
      {
        slug: 'bench',
        topic: 'Bench',
        seedStatements: Array.from({ length: STATEMENTS }, (_, i) => `Statement number ${i}`),
        settings: { participation: 'xid', moderation: 'strict', showMap: true, participantsMayWrite: true, statementMaxLength: 140 },
      },
      null,
    );
    const app = createApp({ deps: t.deps, manifests: t.manifests });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    const hello = await startHello();
    try {
      const h = await load(hello.url, { connections: CONNECTIONS, seconds: SECONDS });
      const v = await voteLoad(`http://127.0.0.1:${port}/api/v1/conversations/bench/votes`);
      const stored = await t.database.db.execute(`select count(*)::int as n from conversation_votes`);
      const rows = (stored as unknown as { rows: { n: number }[] }).rows;
      const line = (r: LoadResult) =>
        `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${r.errors ? `, ${r.errors} errors` : ''}`;
      report(`Conversations: votes over HTTP on PostgreSQL (${CONNECTIONS} connections, ${SECONDS} s)`, [
        ['bare Hono "hello"', line(h)],
        ['POST /api/v1/conversations/:slug/votes', `${line(v)} — ${((v.rps / h.rps) * 100).toFixed(1)}% of hello`],
        ['votes stored / requests sent', `${rows[0]?.n ?? '?'} / ${v.total}`],
      ]);
    } finally {
      await hello.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await t.close();
  }
}
