import { assessProcesses, DEFAULT_RISK_WEIGHTS, bucketRiskScore, computeRiskScore } from '../src/modules/procurement/index.js';
import { orderAuditQueue, selectForAudit } from '../src/modules/procurement/core/risk-queue.js';
import { createRandom } from '../src/math/random.js';
import { report } from './lib.js';

/** `n` compiled releases shaped like ProZorro's: open and limited methods, bids, rejections, awards, amended contracts. */
export function generateReleases(n: number): Record<string, unknown>[] {
  const random = createRandom(42);
  const pick = (k: number) => Math.floor(random() * k);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const ocid = `ocds-bench-${i}`;
    const buyer = { id: `B${pick(2000)}`, name: 'Buyer' };
    const open = random() < 0.6;
    const value = Math.round(50_000 + random() * 2_000_000);
    const bidders = open ? 1 + pick(5) : 0;
    const tenderers = Array.from({ length: bidders }, () => ({ id: `S${pick(20_000)}`, name: 'Supplier' }));
    const winner = tenderers[0] ?? { id: `S${pick(20_000)}`, name: 'Supplier' };
    const start = Date.UTC(2024, pick(12), 1 + pick(28));
    const end = start + (3 + pick(30)) * 86_400_000;
    const awarded = open ? Math.round(value * (0.55 + random() * 0.45)) : Math.round(150_000 + random() * 60_000);
    const rejected = tenderers.slice(1).filter(() => random() < 0.3);
    out.push({
      ocid,
      date: new Date(end).toISOString(),
      buyer,
      tender: {
        status: 'complete',
        procurementMethod: open ? 'open' : 'limited',
        numberOfTenderers: open ? bidders : undefined,
        value: { amount: value, currency: 'UAH' },
        tenderPeriod: { startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() },
      },
      bids: open
        ? {
            details: tenderers.map((t, k) => ({
              id: `${k}`,
              status: 'valid',
              tenderers: [t],
              value: { amount: awarded + k * 1000, currency: 'UAH' },
            })),
          }
        : undefined,
      awards: [
        ...rejected.map((t, k) => ({ id: `r${k}`, status: 'unsuccessful', suppliers: [t], value: { amount: awarded, currency: 'UAH' } })),
        {
          id: 'a',
          status: 'active',
          date: new Date(end + 86_400_000).toISOString(),
          suppliers: [winner],
          value: { amount: awarded, currency: 'UAH' },
        },
      ],
      contracts: [
        {
          id: 'c',
          awardID: 'a',
          value: { amount: random() < 0.1 ? Math.round(awarded * 1.1) : awarded, currency: 'UAH' },
          amendments: Array.from({ length: random() < 0.1 ? 1 + pick(4) : 0 }, (_, k) => ({ id: `m${k}` })),
        },
      ],
    });
  }
  return out;
}

/** Risk assessment (Cardinal's indicators + ProZorro-derived rules + summaries) and queue ordering over generated processes. */
export async function benchProcurementRisk(n = Number(process.env.BENCH_RISK_PROCESSES ?? 100_000)): Promise<void> {
  const releases = generateReleases(n);
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const assessed = assessProcesses(releases);
  const assessMs = performance.now() - t;
  const heapAfter = process.memoryUsage().heapUsed;
  t = performance.now();
  const candidates = assessed
    .map((a) => ({ ocid: a.ocid, score: computeRiskScore(Object.keys(a.flags), DEFAULT_RISK_WEIGHTS), value: a.value, buyer: a.buyer?.id ?? null }))
    .filter((c) => c.score > 0);
  const queue = orderAuditQueue(candidates);
  const selected = selectForAudit(queue.map((e) => ({ ocid: e.item.ocid, bucket: bucketRiskScore(e.item.score), entity: e.item.buyer })));
  const queueMs = performance.now() - t;
  if (assessed.length !== n || queue.length === 0) throw new Error('risk bench: assessment lost processes or flagged none');
  report(`Procurement risk over ${n.toLocaleString('en')} generated processes`, [
    [
      'assess (12 Cardinal indicators + 6 ProZorro rules + summaries)',
      `${Math.round(n / (assessMs / 1000)).toLocaleString('en')} processes/s (${(assessMs / 1000).toFixed(2)} s)`,
    ],
    ['heap growth during assessment', `${Math.round((heapAfter - heapBefore) / 1e6)} MB`],
    [
      'flagged processes',
      `${candidates.length.toLocaleString('en')} (${selected.size.toLocaleString('en')} selected by the State Audit Service shares)`,
    ],
    ['score, order and select the queue', `${queueMs.toFixed(0)} ms`],
  ]);
}
