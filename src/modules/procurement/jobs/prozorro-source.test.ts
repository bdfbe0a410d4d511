import { getRiskAssessment, listRiskAssessments } from '../store/risk.js';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob } from '../../../db/jobs.js';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { runDueJobs } from '../../../server/worker.js';
import { createSource } from '../commands/source-commands.js';
import { mapProzorroTender } from '../formats/prozorro.js';
import { getProcessHistory, listCompiledReleases } from '../store/releases.js';
import { findSource } from '../store/sources.js';

const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const BASE = JSON.parse(readFileSync(path.join(root, 'ocds/prozorro-native-api/base_tender_UA-2023-02-16-009364-a.json'), 'utf8')) as Record<
  string,
  unknown
>;

type Tender = Record<string, unknown> & { id: string; tenderID: string; dateModified: string };

/** A variant of the real tender: its own id, tenderID and dateModified; odd ones get lots, a second (disqualified) bid, a contract and complaints. */
function variant(n: number): Tender {
  const t = structuredClone(BASE) as Tender;
  t.id = `t${String(n).padStart(4, '0')}`;
  t.tenderID = `UA-2023-02-16-${String(n).padStart(6, '0')}-a`;
  t.dateModified = new Date(Date.UTC(2023, 2, 1, 10, 0, n)).toISOString();
  if (n % 2 === 1) {
    const bids = t.bids as Record<string, unknown>[];
    const second = structuredClone(bids[0]);
    second.id = 'bid-2';
    second.status = 'unsuccessful';
    (second.tenderers as Record<string, unknown>[])[0].identifier = { scheme: 'UA-EDR', id: '11111111' };
    bids.push(second);
    t.lots = [{ id: 'lot-1', title: 'Lot 1', status: 'active', value: { amount: 4177, currency: 'UAH' } }];
    for (const b of bids) {
      b.lotValues = [{ relatedLot: 'lot-1', value: b.value, status: b.status === 'active' ? 'active' : 'unsuccessful' }];
      delete b.value;
    }
    const award = (t.awards as Record<string, unknown>[])[0];
    award.status = 'active';
    award.lotID = 'lot-1';
    award.complaints = [{ id: 'c1', complaintID: 'UA-C-1', status: 'pending', type: 'complaint', title: 'Unfair', date: t.dateModified }];
    t.contracts = [
      {
        id: 'k1',
        awardID: award.id,
        status: 'active',
        value: { amount: 4176.66, currency: 'UAH' },
        dateSigned: t.dateModified,
        changes: [
          { id: 'ch1', status: 'active', dateSigned: '2023-04-01T00:00:00+03:00', rationale: 'Price up', rationaleTypes: ['itemPriceVariation'] },
        ],
      },
    ];
  }
  return t;
}

/** A loopback server shaped like ProZorro's API 2.5: the tenders feed (`feed=changes`, `offset`, `descending`, `next_page`/`prev_page`) and each tender by id. */
async function startProzorro(tenders: Tender[], gone: Tender[] = []) {
  const log: string[] = [];
  const faults = { feed429: 0, tender503: new Map<string, number>() };
  const ts = (t: Tender) => Date.parse(t.dateModified) / 1000;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push(url.pathname + url.search);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/2.5/tenders') {
      if (faults.feed429 > 0) {
        faults.feed429 -= 1;
        return send(429, { status: 'error' }, { 'retry-after': '0' });
      }
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const descending = url.searchParams.get('descending') === '1';
      const offset = url.searchParams.get('offset');
      const sorted = [...tenders, ...gone].sort((a, b) => ts(a) - ts(b));
      if (descending) sorted.reverse();
      const after = offset === null ? sorted : sorted.filter((t) => (descending ? ts(t) < Number(offset) : ts(t) > Number(offset)));
      const page = after.slice(0, limit);
      const last = page.at(-1);
      const first = page[0];
      const nextOffset = last ? String(ts(last)) : (offset ?? '0');
      return send(200, {
        data: page.map((t) => ({ id: t.id, dateModified: t.dateModified })),
        next_page: { offset: nextOffset, path: `/api/2.5/tenders?offset=${nextOffset}`, uri: `http://x/api/2.5/tenders?offset=${nextOffset}` },
        ...(descending && offset === null && first ? { prev_page: { offset: String(ts(first)) } } : {}),
      });
    }
    const m = /^\/api\/2\.5\/tenders\/([^/]+)$/.exec(url.pathname);
    const tender = m && tenders.find((t) => t.id === m[1]);
    if (!tender) return send(404, { status: 'error', errors: [{ description: 'Not Found' }] });
    const fails = faults.tender503.get(tender.id) ?? 0;
    if (fails > 0) {
      faults.tender503.set(tender.id, fails - 1);
      return send(503, { status: 'error' }, { 'retry-after': '0' });
    }
    return send(200, { data: tender });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/2.5`, log, faults, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('mapProzorroTender', () => {
  it('maps the real native tender to an OCDS release: parties with roles, bids, awards, statuses, CPV', () => {
    const r = mapProzorroTender(BASE);
    expect(r.ocid).toBe('ocds-be6bcu-UA-2023-02-16-009364-a');
    expect(r.id).toBe(`${BASE.id as string}-${BASE.dateModified as string}`);
    expect(r.date).toBe(BASE.dateModified);
    const tender = r.tender as Record<string, unknown>;
    expect(tender).toMatchObject({ status: 'active', procurementMethod: 'open', procurementMethodDetails: 'belowThreshold', numberOfTenderers: 1 });
    expect(tender.value).toEqual({ amount: 4177, currency: 'UAH' });
    expect((tender.items as { classification: { scheme: string; id: string } }[])[0].classification).toMatchObject({
      scheme: 'CPV',
      id: '45310000-3',
    });
    expect(r.buyer).toEqual({ id: 'UA-EDR-39604270', name: (BASE.procuringEntity as { name: string }).name });
    const parties = r.parties as { id: string; roles: string[] }[];
    expect(parties.map((p) => [p.id, p.roles])).toEqual([
      ['UA-EDR-39604270', ['buyer', 'procuringEntity']],
      ['UA-EDR-38526925', ['tenderer', 'supplier']],
    ]);
    expect((r.bids as { details: unknown[] }).details).toEqual([
      expect.objectContaining({ id: 'f6e09f31d3024049b3bf227742e31bd6', status: 'valid', value: { amount: 4176.66, currency: 'UAH' } }),
    ]);
    expect(r.awards).toEqual([
      expect.objectContaining({
        status: 'pending',
        relatedBid: 'f6e09f31d3024049b3bf227742e31bd6',
        suppliers: [{ id: 'UA-EDR-38526925', name: expect.any(String) as unknown }],
      }),
    ]);
  });

  it('maps lots (one bid detail per lot), disqualified bids, contracts and award complaints; refuses a tender without dateModified', () => {
    const r = mapProzorroTender(variant(1));
    const details = (r.bids as { details: { id: string; status: string; relatedLots: string[] }[] }).details;
    expect(details.map((d) => [d.id, d.status, d.relatedLots])).toEqual([
      ['f6e09f31d3024049b3bf227742e31bd6-lot-1', 'valid', ['lot-1']],
      ['bid-2-lot-1', 'disqualified', ['lot-1']],
    ]);
    expect((r.awards as { relatedBid: string }[])[0].relatedBid).toBe('f6e09f31d3024049b3bf227742e31bd6-lot-1');
    expect(r.contracts).toEqual([
      expect.objectContaining({
        id: 'k1',
        status: 'active',
        amendments: [{ id: 'ch1', date: '2023-04-01T00:00:00+03:00', rationale: 'Price up', description: 'itemPriceVariation' }],
      }),
    ]);
    expect(r.complaints).toEqual([expect.objectContaining({ id: 'c1', relatedAward: 'f2588db5ac4b4fe0a3628fcb1b5fda73', relatedLot: 'lot-1' })]);
    expect(r.tag).toEqual(['tender', 'award', 'contract']);
    expect(() => mapProzorroTender({ id: 'x', tenderID: 'UA-1' })).toThrow(/no dateModified/);
  });
});

describe.each(testDatabases())('ProZorro API source as a job (%s)', (kind) => {
  let t: TestContext;
  let api: Awaited<ReturnType<typeof startProzorro>>;
  const tenders = Array.from({ length: 7 }, (_, i) => variant(i + 1));
  // Listed in the feed but no longer served (404): passed over, not a stuck feed.
  const gone = { ...variant(99), id: 'gone', dateModified: new Date(Date.UTC(2023, 2, 1, 9)).toISOString() };
  beforeAll(async () => {
    t = await createTestContext(kind);
    api = await startProzorro(tenders, [gone]);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  it('crawls backward through history, survives a 429 and a crash mid-way, resumes from the saved cursor, and follows new changes forward', async () => {
    // Pages of 2: the first page holds the two newest tenders (7, 6); history then goes 5,4 / 3,2 / 1.
    api.faults.feed429 = 1;
    // Tender 3 answers 503 five times: the run fails on the page 5,4 -> 3,2 and stops there.
    api.faults.tender503.set('t0003', 5);
    const source = await createSource(t.deps, t.site.id, {
      name: 'prozorro',
      kind: 'prozorro',
      url: `${api.url}?limit=2`,
      intervalSeconds: 600,
      settings: '',
    });
    // First drain: 429 (retried), the first page, then history until tender 3 fails for good.
    await t.drainJobs();
    let state = (await findSource(t.deps.db, t.site.id, source.id))!;
    expect(state.lastError).toMatch(/t0003: gave up after 5 attempts \(HTTP 503\)/);
    expect(state.state.failures).toBe(1);
    // The 429 was answered by waiting and asking again.
    expect(api.log.filter((l) => l === '/api/2.5/tenders?feed=changes&descending=1&limit=2')).toHaveLength(2);
    const before = (await listCompiledReleases(t.deps.db, t.site.id, { limit: 100 })).map((r) => r.ocid).sort();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(7);
    // A crash: a worker claims the retry and dies; after its lease runs out another worker takes over.
    t.clock.advance(10 * 60_000);
    const dead = await claimJob(t.deps.db, t.clock, 'dead-worker', 60_000);
    expect(dead?.kind).toBe('procurement.source.poll');
    t.clock.advance(2 * 60_000);
    const restarted = { ...t.deps, memo: new Map<string, unknown>() };
    await runDueJobs(restarted, t.manifests);
    state = (await findSource(t.deps.db, t.site.id, source.id))!;
    expect(state.lastError).toBeNull();
    expect(state.state.backwardDone).toBe(true);
    const all = await listCompiledReleases(t.deps.db, t.site.id, { limit: 100 });
    expect(all.map((r) => r.ocid).sort()).toEqual(tenders.map((x) => `ocds-be6bcu-${x.tenderID}`).sort());
    // Nothing fetched twice that had been stored: every tender but the ones on the failed page once.
    const fetches = (id: string) => api.log.filter((l) => l === `/api/2.5/tenders/${id}`).length;
    expect(fetches('t0007')).toBe(1);
    expect(fetches('t0001')).toBe(1);
    expect(fetches('gone')).toBe(1);
    // Each process has exactly one release and one version.
    for (const r of all) expect(r.version).toBe(1);
    // The pages stored queued the risk refresh job, which the same drain ran: every process is assessed.
    expect((await listRiskAssessments(t.deps.db, t.site.id)).map((r) => r.ocid).sort()).toEqual(all.map((r) => r.ocid).sort());
    // A new change appears: tender 2 gets a contract; the next poll reads it going forward.
    const changed = tenders.find((x) => x.id === 't0002')!;
    changed.dateModified = new Date(Date.UTC(2023, 2, 2)).toISOString();
    changed.status = 'complete';
    changed.contracts = [{ id: 'k9', awardID: 'f2588db5ac4b4fe0a3628fcb1b5fda73', status: 'active', value: { amount: 4000, currency: 'UAH' } }];
    t.clock.advance(3600_000);
    await t.drainJobs();
    const history = await getProcessHistory(t.deps.db, t.site.id, `ocds-be6bcu-${changed.tenderID}`);
    expect(history!.versions).toHaveLength(2);
    const paths = history!.versions[1].changes.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['/date', '/tender/status', '/contracts']));
    expect(history!.versions[1].changes.find((c) => c.path === '/tender/status')).toEqual({
      path: '/tender/status',
      before: 'active',
      after: 'complete',
    });
    // ... and its assessment was refreshed by the job the page queued.
    expect((await getRiskAssessment(t.deps.db, t.site.id, `ocds-be6bcu-${changed.tenderID}`))?.summary.status).toBe('complete');
    // Polling again with nothing new stores nothing.
    const seqBefore = (await listCompiledReleases(t.deps.db, t.site.id, { limit: 100 })).map((r) => r.changeSeq);
    t.clock.advance(3600_000);
    await t.drainJobs();
    expect((await listCompiledReleases(t.deps.db, t.site.id, { limit: 100 })).map((r) => r.changeSeq)).toEqual(seqBefore);
  });
});
