import { INVALID_INPUT_MESSAGE, invalidInput } from '../../../kernel/errors.js';
import type { BallotType, Choice } from '../core/process-types.js';

/**
 * Reads a ballot form (see `BallotFields`) into choices: `project` values for approval, knapsack and
 * choose-one; `points.<code>` for cumulative (empty fields skipped); `rank.<code>` for ordinal (best
 * first). A malformed number is refused naming its field.
 */
export function readBallotForm(type: BallotType, form: FormData): Choice[] {
  if (type === 'cumulative' || type === 'ordinal') {
    const prefix = type === 'cumulative' ? 'points.' : 'rank.';
    const out: { project: string; n: number }[] = [];
    for (const [k, v] of form.entries()) {
      if (!k.startsWith(prefix) || typeof v !== 'string' || v.trim() === '') continue;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0)
        throw invalidInput({ choices: `${k}: a whole number` }, INVALID_INPUT_MESSAGE, { choices: { reason: 'not_whole' } });
      if (type === 'cumulative' && n === 0) continue;
      out.push({ project: k.slice(prefix.length), n });
    }
    if (type === 'cumulative') return out.map((c) => ({ project: c.project, points: c.n }));
    const ranks = out.map((c) => c.n);
    if (new Set(ranks).size !== ranks.length)
      throw invalidInput({ choices: 'each rank may be given once' }, INVALID_INPUT_MESSAGE, { choices: { reason: 'budgeting_rank_twice' } });
    return out.sort((a, b) => a.n - b.n).map((c) => ({ project: c.project }));
  }
  return form
    .getAll('project')
    .filter((v): v is string => typeof v === 'string')
    .map((project) => ({ project }));
}

/**
 * The choices a refused or re-opened ballot form held (its typed values, as `formValues` keeps
 * them), so the form shows them again instead of an empty ballot. Only `projects` are read.
 */
export function choicesFromValues(type: BallotType, projects: readonly { code: string }[], values: Record<string, string | string[]>): Choice[] {
  const list = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : values[k] ? [values[k] as string] : []);
  if (type === 'cumulative')
    return projects.filter((p) => values[`points.${p.code}`]).map((p) => ({ project: p.code, points: Number(values[`points.${p.code}`]) }));
  if (type === 'ordinal')
    return projects
      .filter((p) => values[`rank.${p.code}`])
      .sort((a, b) => Number(values[`rank.${a.code}`]) - Number(values[`rank.${b.code}`]))
      .map((p) => ({ project: p.code }));
  const known = new Set(projects.map((p) => p.code));
  return list('project')
    .filter((project) => known.has(project))
    .map((project) => ({ project }));
}
