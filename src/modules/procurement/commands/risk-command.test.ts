import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { assessRiskFile } from './risk-command.js';

const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');

describe('polity procurement risk', () => {
  it('reports counts over the real Ukrainian sample', async () => {
    const r = await assessRiskFile(path.join(root, 'ocds', 'ukraine-prozorro-2016-2017', 'compiled.jsonl'));
    expect(r.processes).toBe(11);
    // See prozorro-rules/real-data.test.ts and routes/risk-api.test.ts: six flagged, all by R003 (short periods of the
    // belowThreshold tenders); R018 and PZ01 on the two single-bid ones, PZ05 on 000504-c.
    expect(r.flagged).toBe(6);
    expect(r.byIndicator).toMatchObject({ R003: 6, R018: 2, PZ01: 2, PZ05: 1, PZ02: 0, PZ06: 0 });
    // Medium: 000468-c and 000670-b (0.3 + 0.4 + 0.4 = 1.1), 000504-c (0.3 + 0.2 = 0.5); the other eight are low.
    expect(r.buckets).toEqual({ low: 8, medium: 3, high: 0 });
    expect(r.queue[0]).toMatchObject({ ocid: 'ocds-be6bcu-UA-2016-08-31-000670-b', score: 1.1, bucket: 'medium' });
    expect(r.issues).toEqual([]);
  });

  it('reports a malformed line and keeps the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'risk-'));
    const file = path.join(dir, 'x.jsonl');
    writeFileSync(file, '{"ocid":"a","tender":{"procurementMethod":"open","numberOfTenderers":1,"status":"complete"}}\n{not json\n');
    const r = await assessRiskFile(file);
    expect(r.processes).toBe(1);
    expect(r.byIndicator.PZ01).toBe(1);
    expect(r.issues.map((i) => i.line)).toEqual([2]);
  });
});
