import { Rational } from '../../../math/rational.js';
import { AppError } from '../../../kernel/errors.js';
import { COMPLETIONS, type Completion } from '../core/add1.js';
import { computeOutcome, RULES, SATISFACTIONS, type RuleName } from '../core/compute.js';
import type { Election } from '../core/election.js';
import type { Satisfaction } from '../core/greedy.js';
import { parseTieBreak, TIE_CRITERIA } from '../core/tie-break.js';
import { readElection, readPabulibPath } from '../formats/pabulib.js';

/** Options of `polity budgeting compute`, as commander hands them over (strings). */
export interface ComputeFlags {
  rule?: string;
  satisfaction?: string;
  completion?: string;
  threshold?: string;
  tieBreak?: string;
  comparison?: boolean;
  explain?: boolean;
}

/** The JSON printed by `--json`. */
export interface ComputeReport {
  rule: string;
  satisfaction: string;
  completion: string;
  tieBreak: string;
  selected: string[];
  selectedSorted: string[];
  totalCost: string;
  budget: string;
  endowmentPerVoter?: string;
  comparison?: { prefersRule: number; prefersGreedy: number; switchedToGreedy: boolean };
  rounds?: { project: string; note: string }[];
}

function bad(flag: string, reason: string): AppError {
  return new AppError('invalid_input', `${flag}: ${reason}`, { fields: { [flag]: reason } });
}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw bad(flag, `"${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

const byId = (a: string, b: string) => {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
};

const currency = (e: Election, units: bigint) => Rational.of(units, e.scale).toDecimal();

/** Reads a `.pb` file and counts it under the flags' rule; bad flags fail naming the flag. */
export function computeFromFile(file: string, flags: ComputeFlags): ComputeReport {
  if (flags.rule === undefined) throw bad('--rule', `required, one of ${RULES.join(', ')}`);
  const rule = pick<RuleName>('--rule', flags.rule, RULES, 'greedy');
  const satisfaction = pick<Satisfaction>('--satisfaction', flags.satisfaction, SATISFACTIONS, 'cost');
  const completion = pick<Completion>('--completion', flags.completion, COMPLETIONS, 'none');
  if (completion !== 'none' && rule !== 'mes') throw bad('--completion', 'applies to --rule mes only');
  if (completion !== 'none' && satisfaction === 'points') throw bad('--completion', 'add1 completions take cost or cardinality satisfaction');
  const tieBreak = parseTieBreak(flags.tieBreak ?? '');
  if (tieBreak === null) throw bad('--tie-break', `"${flags.tieBreak}" is not a comma list of ${TIE_CRITERIA.join(', ')}`);
  let threshold: Rational | undefined;
  if (flags.threshold !== undefined) {
    try {
      threshold = Rational.parse(flags.threshold);
    } catch {
      throw bad('--threshold', `"${flags.threshold}" is not a number`);
    }
  }
  const e = readElection(readPabulibPath(file));
  if (rule === 'greedy-threshold' && !threshold && !e.threshold)
    throw bad('--threshold', 'required: the file has no META min_project_score_threshold');
  const out = computeOutcome(e, { rule, satisfaction, completion, threshold, tieBreak, comparison: !!flags.comparison, explain: !!flags.explain });
  const selected = out.selected.map((p) => e.projects[p].id);
  return {
    rule,
    satisfaction,
    completion,
    tieBreak: tieBreak.length ? tieBreak.join(',') : 'lexico',
    selected,
    selectedSorted: [...selected].sort(byId),
    totalCost: currency(e, out.totalCost),
    budget: currency(e, e.budget),
    ...(out.endowment ? { endowmentPerVoter: Rational.of(out.endowment.num, out.endowment.den * e.scale).toDecimal() } : {}),
    ...(out.comparison ? { comparison: out.comparison } : {}),
    ...(flags.explain ? { rounds: out.rounds } : {}),
  };
}

/** The human-readable form of a report. */
export function presentReport(r: ComputeReport): string {
  const lines = [
    `rule: ${r.rule}${r.rule === 'mes' ? ` (satisfaction ${r.satisfaction}, completion ${r.completion})` : ''}, tie-break ${r.tieBreak}`,
    `selected (in order): ${r.selected.join(' ')}`,
    `selected (sorted):   ${r.selectedSorted.join(' ')}`,
    `total cost: ${r.totalCost} of ${r.budget}`,
  ];
  if (r.endowmentPerVoter) lines.push(`share per voter: ${r.endowmentPerVoter}`);
  if (r.comparison)
    lines.push(
      `comparison: ${r.comparison.prefersRule} prefer the rule, ${r.comparison.prefersGreedy} prefer greedy${r.comparison.switchedToGreedy ? ' (switched to greedy)' : ''}`,
    );
  if (r.rounds) r.rounds.forEach((x, i) => lines.push(`  ${String(i + 1).padStart(3)}. ${x.project}: ${x.note}`));
  return lines.join('\n') + '\n';
}
