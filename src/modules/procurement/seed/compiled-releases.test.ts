import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../core/compute-indicators.js';
import { findTypeIssues } from '../core/release-types.js';
import { INDICATOR_CODES, type IndicatorOutput } from '../core/types.js';
import { readJsonLines } from '../formats/json-lines.js';
import { computeIndicatorsFromFile, createDefaultIndicatorSettings } from '../indicators-command.js';
import { generateCompiledReleases, writeCompiledReleases } from './compiled-releases.js';

type Obj = Record<string, unknown>;

function flaggedCodes(output: IndicatorOutput): Set<string> {
  const codes = new Set<string>();
  for (const group of ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const) {
    for (const byCode of Object.values(output[group] ?? {})) for (const code of Object.keys(byCode)) codes.add(code);
  }
  return codes;
}

describe('generated compiled releases', () => {
  it('are the same for the same seed and differ for another seed', () => {
    const a = [...generateCompiledReleases(200, { seed: 1 })];
    const b = [...generateCompiledReleases(200, { seed: 1 })];
    const c = [...generateCompiledReleases(200, { seed: 2 })];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(new Set(a.map((r) => r.ocid)).size).toBe(200);
  });

  it('are shaped like real compiled releases, with every field the indicators read well typed', () => {
    const releases = [...generateCompiledReleases(3000)];
    const currencies = new Set<string>();
    const roles = new Set<string>();
    const methods = new Set<string>();
    let amended = 0;
    let withBids = 0;
    for (const r of releases) {
      expect(findTypeIssues(r), String(r.ocid)).toEqual([]);
      const tender = r.tender as Obj;
      currencies.add((tender.value as Obj).currency as string);
      methods.add(tender.procurementMethod as string);
      for (const p of r.parties as Obj[]) for (const role of p.roles as string[]) roles.add(role);
      for (const c of r.contracts as Obj[]) if ((c.amendments as unknown[]).length > 0) amended += 1;
      if (r.bids) withBids += 1;
      expect((r.buyer as Obj).id).toBe(((r.parties as Obj[])[0] as Obj).id);
    }
    expect(currencies.size).toBeGreaterThanOrEqual(4);
    expect([...roles].sort()).toEqual(['buyer', 'procuringEntity', 'supplier', 'tenderer']);
    expect(methods).toEqual(new Set(['open', 'selective', 'limited', 'direct']));
    expect(amended).toBeGreaterThan(100);
    expect(withBids).toBeGreaterThan(1000);
    expect(withBids).toBeLessThan(3000);
  });

  it('make every indicator flag something, with a small market (per-supplier indicators need repeat bidders)', () => {
    const output = computeIndicators(generateCompiledReleases(10_000, { suppliers: 500, buyers: 80 }), {
      ...createDefaultIndicatorSettings(),
      R044: {},
    });
    expect([...flaggedCodes(output)].sort()).toEqual([...INDICATOR_CODES].sort());
    // A realistic share, not every process: single bids and short periods are common, others rare.
    const ocids = Object.keys(output.OCID ?? {}).length;
    expect(ocids).toBeGreaterThan(1000);
    expect(ocids).toBeLessThan(5000);
  });

  it('stream to a JSON-lines file that reads back as the same releases and gives the same indicators', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-generated-'));
    try {
      const file = path.join(dir, 'compiled.jsonl');
      const bytes = await writeCompiledReleases(file, 1500, { seed: 3 });
      expect(statSync(file).size).toBe(bytes);
      const expected = [...generateCompiledReleases(1500, { seed: 3 })];
      const read: unknown[] = [];
      for await (const { value } of readJsonLines(file, (issue) => expect.fail(issue.error))) read.push(value);
      expect(read).toEqual(expected);
      const settings = { ...createDefaultIndicatorSettings(), R044: {} };
      const fromFile = await computeIndicatorsFromFile(file, settings);
      expect(fromFile.issues).toEqual([]);
      expect(fromFile.lines).toBe(1500);
      expect(fromFile.output).toEqual(computeIndicators(expected, settings));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
