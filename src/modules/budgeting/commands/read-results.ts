import type { Deps } from '../../../db/context.js';
import { Rational } from '../../../math/rational.js';
import { computeOutcome } from '../core/compute.js';
import type { Choice, ProcessRule } from '../core/process-types.js';
import { countChoicesWon, explainOutcome, replayShares, type ProjectVerdict } from '../core/explain.js';
import { listDistricts, listResults } from '../store/queries.js';
import type { DistrictRow, ProcessRow } from '../store/tables.js';
import { countDistrict, ruleOptions } from './results.js';

/** One district's result, explained (plain data for the API and the results page). */
export interface DistrictResult {
  district: { slug: string; name: string; budget: string; cityWide: boolean };
  rule: ProcessRule;
  numVoters: number;
  totalCost: string;
  selected: string[];
  projects: (ProjectVerdict & { title: string })[];
  choicesWon: { won: number; voters: number }[];
  /** Under Equal Shares: the equal share per voter and how the largest ballot groups spent it. */
  shares: {
    perVoter: string;
    completion: string[];
    groups: { voters: number; choices: string[]; payments: { project: string; amount: string }[]; left: string }[];
    mine: { payments: { project: string; amount: string }[]; left: string } | null;
  } | null;
  computedAt: string;
}

const GROUPS_SHOWN = 12;

/**
 * The stored results of a process, each district recounted from its ballots to explain every
 * project (the recount must select what was stored; a mismatch is reported as an error). `mine`
 * (a voter's ballots) adds "your share went to ..." under Equal Shares.
 */
export async function readResults(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  mine: { districtId: string; choices: Choice[] }[] = [],
): Promise<DistrictResult[]> {
  const [stored, districts] = await Promise.all([listResults(deps.db, siteId, process.id), listDistricts(deps.db, siteId, process.id)]);
  const out: DistrictResult[] = [];
  for (const d of districts) {
    const r = stored.find((x) => x.districtId === d.id);
    if (!r) continue;
    out.push(
      await explainDistrict(
        deps,
        siteId,
        process,
        d,
        r.rule,
        r.selected,
        r.rounds,
        r.endowment,
        r.computedAt.toISOString(),
        mine.find((m) => m.districtId === d.id)?.choices ?? null,
      ),
    );
  }
  return out;
}

async function explainDistrict(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  d: DistrictRow,
  rule: ProcessRule,
  selectedCodes: string[],
  rounds: { project: string; note: string }[],
  endowment: string | null,
  computedAt: string,
  mine: Choice[] | null,
): Promise<DistrictResult> {
  const { election: e, file } = await countDistrict(deps, siteId, process, d, { ...rule, comparison: false });
  const index = new Map(e.projects.map((p, i) => [p.id, i]));
  const selected = selectedCodes.map((c) => index.get(c)).filter((i): i is number => i !== undefined);
  const titles = new Map(file.projects.rows.map((r) => [r.project_id, r.name ?? r.project_id]));
  const verdicts = explainOutcome(e, selected, rounds).map((v) => ({ ...v, title: titles.get(v.code) ?? v.code }));
  let shares: DistrictResult['shares'] = null;
  if (rule.rule === 'mes' && e.numVoters > 0) {
    // The share per voter in currency units: the add1 endowment if there was one, else budget / voters.
    const perVoter = endowment ? parseFraction(endowment) : Rational.of(e.budget, e.scale * BigInt(e.numVoters));
    const unitShare = Rational.of(perVoter.num * e.scale, perVoter.den);
    const replay = replayShares(e, selected, unitShare, rule.satisfaction === 'points');
    const money = (r: Rational) => r.toDecimal(2);
    const groups = [...replay.spending].sort((a, b) => b.weight - a.weight || a.group - b.group).slice(0, GROUPS_SHOWN);
    let mineOut = null;
    if (mine) {
      const key = mine.map((c) => c.project).join(',');
      const gi = e.groups.findIndex((g) => g.projects.map((p) => e.projects[p].id).join(',') === key);
      if (gi >= 0) {
        const s = replay.spending[gi];
        mineOut = { payments: s.payments.map((p) => ({ project: p.project, amount: money(p.amount) })), left: money(s.left) };
      }
    }
    shares = {
      perVoter: money(perVoter),
      completion: replay.completion,
      groups: groups.map((s) => ({
        voters: s.weight,
        choices: e.groups[s.group].projects.map((p) => e.projects[p].id),
        payments: s.payments.map((p) => ({ project: p.project, amount: money(p.amount) })),
        left: money(s.left),
      })),
      mine: mineOut,
    };
  }
  return {
    district: { slug: d.slug, name: d.name, budget: d.budget, cityWide: d.cityWide },
    rule,
    numVoters: e.numVoters,
    totalCost: Rational.of(
      selected.reduce((s, p) => s + e.projects[p].cost, 0n),
      e.scale,
    ).toDecimal(2),
    selected: selectedCodes,
    projects: verdicts,
    choicesWon: countChoicesWon(e, selected),
    shares,
    computedAt,
  };
}

function parseFraction(s: string): Rational {
  const [n, d] = s.split('/');
  return Rational.of(BigInt(n), BigInt(d ?? '1'));
}

/** Two rules side by side on one district's ballots: the projects each selects and the cost. */
export async function compareRules(deps: Deps, siteId: string, process: ProcessRow, d: DistrictRow, rules: [ProcessRule, ProcessRule]) {
  const { election: e } = await countDistrict(deps, siteId, process, d);
  return rules.map((rule) => {
    const o = computeOutcome(e, ruleOptions(rule, false));
    return { rule, selected: o.selected.map((i) => e.projects[i].id), totalCost: Rational.of(o.totalCost, e.scale).toDecimal(2) };
  });
}
