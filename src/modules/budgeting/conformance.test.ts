import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeOutcome, type RuleOptions } from './core/compute.js';
import type { Election } from './core/election.js';
import { prepareEqualShares, runEqualShares } from './core/equal-shares.js';
import { runEqualSharesCertified, type CertifiedStats } from './core/equal-shares-float.js';
import { computePhragmen } from './core/phragmen.js';
import { computePhragmenExact } from './core/phragmen-exact.js';
import { makeTieOrder } from './core/tie-break.js';
import { Rational } from '../../math/rational.js';
import { parsePabulib, readElection, writePabulib } from './formats/pabulib.js';

/**
 * Conformance over the real Pabulib instances in POLITY_DATASETS/pb: every outcome recorded in
 * pb/expected/<instance>.json (pabutools 1.2.3 and equalshares.net's compute tool, with the exact
 * calls in each file) must select exactly the same projects, plus the checks issue 4 lists.
 */
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const pbDir = path.join(datasets, 'pb');
const present = existsSync(path.join(pbDir, 'expected'));

/** The flags of issue 4's table for each key of pb/expected/*.json. */
const PABUTOOLS_KEYS: Record<string, RuleOptions> = {
  greedy_cost: { rule: 'greedy' },
  greedy_threshold: { rule: 'greedy-threshold' },
  greedy_score: { rule: 'greedy-score' },
  mes_cost: { rule: 'mes', satisfaction: 'cost' },
  mes_card: { rule: 'mes', satisfaction: 'cardinality' },
  mes_points: { rule: 'mes', satisfaction: 'points' },
  mes_cost_add1: { rule: 'mes', satisfaction: 'cost', completion: 'add1-exhaustive' },
  mes_card_add1: { rule: 'mes', satisfaction: 'cardinality', completion: 'add1-exhaustive' },
  mes_cost_add1_greedy: { rule: 'mes', satisfaction: 'cost', completion: 'add1-exhaustive-greedy' },
};
const CROSS_CHECK_KEYS: Record<string, RuleOptions> = {
  none: { rule: 'mes', satisfaction: 'cost', tieBreak: ['min-cost', 'max-votes'] },
  add1: { rule: 'mes', satisfaction: 'cost', completion: 'add1', tieBreak: ['min-cost', 'max-votes'] },
};

interface Expected {
  selected_in_file: string[];
  outcomes: Record<string, { winners_in_selection_order: string[]; winners_sorted: string[]; total_cost: string }>;
  cross_check_equalshares_compute_tool?: { results: Record<string, { winners_in_selection_order: string[]; winners_sorted: string[] }> };
}

const elections = new Map<string, Election>();
function load(name: string): Election {
  let e = elections.get(name);
  if (!e) {
    e = readElection(parsePabulib(readFileSync(path.join(pbDir, name), 'utf8')));
    elections.set(name, e);
  }
  return e;
}
const ids = (e: Election, selected: number[]) => selected.map((p) => e.projects[p].id);
const sortIds = (xs: string[]) => [...xs].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));

if (!present) {
  describe('budgeting conformance', () => {
    it('needs the Pabulib data', () => {
      expect.fail(`No Pabulib data at ${pbDir}: set POLITY_DATASETS to the folder holding pb/ and pb/expected/ (default ../shared/data).`);
    });
  });
} else {
  const instances = readdirSync(pbDir)
    .filter((f) => f.endsWith('.pb'))
    .sort();
  describe.each(instances)('%s', (file) => {
    const expected = JSON.parse(readFileSync(path.join(pbDir, 'expected', file.replace(/\.pb$/, '.json')), 'utf8')) as Expected;

    it('round-trips through the Pabulib writer keeping every field', () => {
      const parsed = parsePabulib(readFileSync(path.join(pbDir, file), 'utf8'));
      expect(parsePabulib(writePabulib(parsed))).toEqual(parsed);
    });

    for (const [key, outcome] of Object.entries(expected.outcomes)) {
      it(`pabutools ${key}`, () => {
        const options = PABUTOOLS_KEYS[key];
        expect(options, `no flags known for ${key}`).toBeDefined();
        const e = load(file);
        const got = computeOutcome(e, options);
        expect(ids(e, got.selected)).toEqual(outcome.winners_in_selection_order);
        expect(got.totalCost / e.scale).toBe(BigInt(outcome.total_cost));
      });
    }

    for (const [key, result] of Object.entries(expected.cross_check_equalshares_compute_tool?.results ?? {})) {
      if (!(key in CROSS_CHECK_KEYS)) continue;
      it(`equalshares.net ${key}`, () => {
        const e = load(file);
        const got = computeOutcome(e, CROSS_CHECK_KEYS[key]);
        expect(sortIds(ids(e, got.selected))).toEqual(sortIds(result.winners_sorted));
      });
    }
  });

  describe('certified arithmetic equals exact rationals on real instances', () => {
    // The pure-exact references take seconds on the two largest instances (Warsaw, Toulouse), so
    // this compares them on the instances with at most 7,000 voters; the certified runs on the
    // large ones are checked against pabutools' and equalshares.net's outcomes above.
    const small = instances.filter((file) => load(file).numVoters <= 7000);
    it.each(small)('%s: Phragmén and Equal Shares (B/n and the next 5 add1 shares) select the same', (file) => {
      const e = load(file);
      const tie = makeTieOrder(e, []);
      expect(computePhragmen(e, tie).selected).toEqual(computePhragmenExact(e, tie).selected);
      const stats: CertifiedStats = { float: 0, exact: 0 };
      for (const sat of ['cost', 'cardinality'] as const) {
        const d = prepareEqualShares(e, sat);
        for (let k = 0; k < 6; k++) {
          const endowment = Rational.of(e.budget, e.numVoters).add(Rational.of(e.scale * BigInt(k)));
          expect(runEqualSharesCertified(d, endowment, tie, stats).selected).toEqual(runEqualShares(d, endowment, tie).selected);
        }
      }
      expect(stats.float).toBeGreaterThan(0);
    });
  });

  describe('real results (issue 4)', () => {
    const selectedColumn = (file: string) =>
      parsePabulib(readFileSync(path.join(pbDir, file), 'utf8'))
        .projects.rows.filter((r) => r.selected === '1')
        .map((r) => r.project_id);

    it('Warsaw 2026: greedy-threshold reproduces the selected column', () => {
      const e = load('Poland_Warszawa_2026.pb');
      expect(sortIds(ids(e, computeOutcome(e, { rule: 'greedy-threshold' }).selected))).toEqual(sortIds(selectedColumn('Poland_Warszawa_2026.pb')));
    });

    it('Kraków 2020 Grzegórzki: greedy reproduces the selected column', () => {
      const e = load('Poland_Krakow_2020_Grzegorzki.pb');
      expect(sortIds(ids(e, computeOutcome(e, { rule: 'greedy' }).selected))).toEqual(sortIds(selectedColumn('Poland_Krakow_2020_Grzegorzki.pb')));
    });

    it("Wieliczka 2023: Pabulib's equalshares/add1 (with its comparison step) reproduces the selected column, pabutools' early stop does not", () => {
      const file = 'Poland_Wieliczka_2023_Green_Budget.pb';
      const e = load(file);
      const real = sortIds(selectedColumn(file));
      const add1 = computeOutcome(e, {
        rule: 'mes',
        satisfaction: 'cost',
        completion: 'add1',
        tieBreak: ['min-cost', 'max-votes'],
        comparison: true,
      });
      expect(add1.comparison?.switchedToGreedy).toBe(false);
      expect(sortIds(ids(e, add1.selected))).toEqual(real);
      const early = computeOutcome(e, { rule: 'mes', satisfaction: 'cost', completion: 'add1-exhaustive' });
      expect(sortIds(ids(e, early.selected))).not.toEqual(real);
    });
  });

  describe('command line', () => {
    it('prints the outcome as JSON', () => {
      const out = execFileSync(
        process.execPath,
        [
          'bin/polity.js',
          'budgeting',
          'compute',
          path.join(pbDir, 'Netherlands_Assen_2024.pb'),
          '--rule',
          'mes',
          '--completion',
          'add1-exhaustive',
          '--json',
        ],
        {
          encoding: 'utf8',
        },
      );
      const json = JSON.parse(out) as { rule: string; selected: string[]; selectedSorted: string[]; totalCost: string; budget: string };
      expect(json.selected).toEqual(['3', '9', '11', '2', '13', '14', '5', '6', '12']);
      expect(json.selectedSorted).toEqual(['2', '3', '5', '6', '9', '11', '12', '13', '14']);
      expect(json.totalCost).toBe('76700');
      expect(json.budget).toBe('100000');
    });
  });
}
