import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/connection.js';
import { fixedClock } from '../../kernel/clock.js';
import { scheduleRiskRefresh } from './jobs/risk-refresh.js';
import { procurementProcesses } from './store/tables.js';

/**
 * Test helper: stores compiled releases as the ingest side does (one process row each, its
 * changeSeq drawn from the versions' sequence as an ingest's is) and queues the risk refresh job as an ingest does; `t.drainJobs()` runs it.
 */
export async function storeCompiledForTest(
  db: Db,
  siteId: string,
  releases: Record<string, unknown>[],
  now = new Date('2026-03-02T10:00:00Z'),
): Promise<void> {
  for (const compiled of releases) {
    const ocid = String(compiled.ocid);
    const [{ seq }] = rowsOf<{ seq: number }>(
      await db.execute(sql`select nextval(pg_get_serial_sequence('procurement_versions', 'seq'))::int as seq`),
    );
    const values = { siteId, ocid, compiled, releaseCount: 1, version: 1, changeSeq: seq, updatedAt: now };
    await db
      .insert(procurementProcesses)
      .values(values)
      .onConflictDoUpdate({
        target: [procurementProcesses.siteId, procurementProcesses.ocid],
        set: { compiled, changeSeq: values.changeSeq, updatedAt: now },
      });
  }
  await scheduleRiskRefresh(db, fixedClock(now.toISOString()), siteId);
}

/** Test helper: the real ProZorro sample's compiled releases (POLITY_DATASETS/ocds). */
export function readUkrainianSample(): Record<string, unknown>[] {
  const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
  return readFileSync(path.join(root, 'ocds', 'ukraine-prozorro-2016-2017', 'compiled.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Test helper: a hand-built compiled release flagged by PZ02 (two rejected bidders) and PZ05 (award 50% below the expected value). */
export function buildFlaggedRelease(ocid: string, opts: { value?: number; buyer?: string; region?: string } = {}): Record<string, unknown> {
  const value = opts.value ?? 1_000_000;
  const buyer = opts.buyer ?? 'UA-EDR-TEST-BUYER';
  const org = (id: string) => ({ id, name: `Org ${id}` });
  return {
    ocid,
    date: '2024-05-01T10:00:00Z',
    buyer: org(buyer),
    parties: [{ id: buyer, name: `Org ${buyer}`, roles: ['buyer'], address: { region: opts.region ?? 'Київська область' } }],
    tender: {
      id: ocid,
      title: `Test tender ${ocid}`,
      status: 'complete',
      procurementMethod: 'open',
      value: { amount: value, currency: 'UAH' },
      tenderPeriod: { startDate: '2024-04-01T00:00:00Z', endDate: '2024-04-30T00:00:00Z' },
    },
    awards: [
      { id: 'a1', status: 'unsuccessful', suppliers: [org('X1')], value: { amount: value * 0.4, currency: 'UAH' } },
      { id: 'a2', status: 'unsuccessful', suppliers: [org('X2')], value: { amount: value * 0.45, currency: 'UAH' } },
      { id: 'a3', status: 'active', date: '2024-05-01T10:00:00Z', suppliers: [org('W1')], value: { amount: value * 0.5, currency: 'UAH' } },
    ],
  };
}
