import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeProzorroRules } from './compute-prozorro-rules.js';
import { createDefaultProzorroRuleSettings, PROZORRO_RULE_CODES, PROZORRO_VALUE_FLOORS } from './types.js';

// The real ProZorro sample (11 compiled releases, 2016-2017) under POLITY_DATASETS/ocds.
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const file = path.join(root, 'ocds', 'ukraine-prozorro-2016-2017', 'compiled.jsonl');

function readLines(p: string): unknown[] {
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

function countByRule(out: Record<string, Record<string, number>>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(PROZORRO_RULE_CODES.map((c) => [c, 0]));
  for (const flags of Object.values(out)) for (const code of Object.keys(flags)) counts[code]++;
  return counts;
}

describe('ProZorro-derived rules over the real Ukrainian sample', () => {
  it('finds the data', () => {
    expect(existsSync(file), `missing ${file}: set POLITY_DATASETS`).toBe(true);
  });

  it('flags what the records show, by hand', () => {
    const out = computeProzorroRules(readLines(file), createDefaultProzorroRuleSettings());
    // PZ01: two open belowThreshold tenders completed with numberOfTenderers = 1.
    // PZ05: UA-2016-06-08-000504-c expected 7,500 UAH, awarded 2,875 UAH (61.7% below).
    // No process has two rejected bidders (000504-c has one unsuccessful award), no amendments, and
    // no buyer-supplier pair has two awards in 160,000-199,999.99 UAH.
    expect(countByRule(out)).toEqual({ PZ01: 2, PZ02: 0, PZ03: 0, PZ04: 0, PZ05: 1, PZ06: 0 });
    expect(Object.keys(out).sort()).toEqual([
      'ocds-be6bcu-UA-2016-06-02-000468-c',
      'ocds-be6bcu-UA-2016-06-08-000504-c',
      'ocds-be6bcu-UA-2016-08-31-000670-b',
    ]);
    expect(out['ocds-be6bcu-UA-2016-06-08-000504-c'].PZ05).toBeCloseTo(1 - 2875 / 7500, 12);
  });

  it('flags nothing with ProZorro value floors: every sample tender is below 400,000 UAH or limited', () => {
    const out = computeProzorroRules(readLines(file), { ...createDefaultProzorroRuleSettings(), valueFloors: PROZORRO_VALUE_FLOORS });
    expect(out).toEqual({});
  });

  it('runs over the Armenian and Moldovan samples as published (before any prepare step)', () => {
    const armenia = computeProzorroRules(
      readLines(path.join(root, 'ocds', 'armenia-armeps-2018', 'releases.jsonl')),
      createDefaultProzorroRuleSettings(),
    );
    // One completed selective tender with numberOfTenderers = 1 (AM-PPS-da8b…); the cancelled single-bid one is excluded.
    // No PZ05: the two deep-discount candidates are multi-lot awards whose relatedLots are non-standard {lotId} objects.
    // No PZ02: rejections use the non-standard bid status `not-qualified`, which prepare remaps to `disqualified`.
    expect(countByRule(armenia)).toEqual({ PZ01: 1, PZ02: 0, PZ03: 0, PZ04: 0, PZ05: 0, PZ06: 0 });
    expect(Object.keys(armenia)).toHaveLength(1);
    expect(Object.keys(armenia)[0]).toMatch(/AM-PPS-da8b1b1a019e53c5d1fd025ad076ad3d$/);
    // Moldova: award statuses are "" and methods are in Romanian, so nothing is active or competitive until prepared.
    const moldova = computeProzorroRules(
      readLines(path.join(root, 'ocds', 'moldova-mtender', 'compiled.jsonl')),
      createDefaultProzorroRuleSettings(),
    );
    expect(moldova).toEqual({});
  });
});
