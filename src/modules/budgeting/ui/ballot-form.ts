import { invalidInput } from '../../../kernel/errors.js';
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
      if (!Number.isInteger(n) || n < 0) throw invalidInput({ choices: `${k}: a whole number` }, `${k}: a whole number`);
      if (type === 'cumulative' && n === 0) continue;
      out.push({ project: k.slice(prefix.length), n });
    }
    if (type === 'cumulative') return out.map((c) => ({ project: c.project, points: c.n }));
    const ranks = out.map((c) => c.n);
    if (new Set(ranks).size !== ranks.length) throw invalidInput({ choices: 'each rank may be given once' }, 'Each rank may be given once.');
    return out.sort((a, b) => a.n - b.n).map((c) => ({ project: c.project }));
  }
  return form
    .getAll('project')
    .filter((v): v is string => typeof v === 'string')
    .map((project) => ({ project }));
}
