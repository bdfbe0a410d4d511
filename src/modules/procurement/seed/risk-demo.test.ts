import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { refreshRiskAssessments } from '../commands/risk-refresh.js';
import { assessProcesses } from '../core/risk-process.js';
import { PROZORRO_RULE_CODES } from '../core/prozorro-rules/types.js';
import { buildRiskDemoReleases, seedRiskDemo } from './risk-demo.js';

describe('procurement risk demo data', () => {
  it('fires every ProZorro-derived rule at least once', () => {
    const assessed = assessProcesses(buildRiskDemoReleases());
    const fired = new Set(assessed.flatMap((a) => Object.keys(a.flags)));
    for (const code of PROZORRO_RULE_CODES) expect(fired, code).toContain(code);
    const byTitle = new Map(assessed.map((a) => [a.title, Object.keys(a.flags).sort()]));
    // Three furniture purchases of 190,000-198,000 UAH from Beta within a year: split.
    expect(byTitle.get('Classroom furniture')).toContain('PZ06');
    // Road resurfacing: two rejected bidders, four amendments, price raised from 37.5 to 41 million.
    expect(byTitle.get('Resurfacing of the regional road P-01')).toEqual(expect.arrayContaining(['PZ02', 'PZ03', 'PZ04']));
    expect(byTitle.get('Hospital laundry services')).toEqual([]);
  });
});

describe.each(testDatabases())('seeding the demo through ingest (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  }, 60_000);
  afterAll(() => t?.close());
  it('stores twelve processes once, however often it runs', async () => {
    await seedRiskDemo(t.deps, t.site.id);
    await seedRiskDemo(t.deps, t.site.id);
    const result = await refreshRiskAssessments(t.deps, t.site.id);
    expect(result.processes).toBe(12);
    expect(result.flagged).toBeGreaterThanOrEqual(8);
  });
});
