import type { PabulibFile } from './pabulib.js';
import type { BallotConstraints, BallotType, Choice, ProcessRule } from '../core/process-types.js';

/** What a Pabulib export needs of a process and one of its districts (plain data, no database). */
export interface ProcessSnapshot {
  slug: string;
  title: string;
  description: string;
  currency: string;
  ballotType: BallotType;
  constraints: BallotConstraints;
  rule: ProcessRule;
  votingStart: string;
  votingEnd: string;
  /** META of an imported file (with `__projects_columns` / `__votes_columns` holding column orders as JSON). */
  pbMeta: Record<string, string> | null;
  district: { slug: string; name: string; budget: string; cityWide: boolean };
  projects: {
    code: string;
    title: string;
    cost: string;
    category: string | null;
    lat: number | null;
    lng: number | null;
    selected: boolean | null;
    pbExtra: Record<string, string> | null;
  }[];
  ballots: { reference: string; choices: Choice[]; pbExtra: Record<string, string> | null }[];
}

/** Pabulib's `vote_type` for a ballot type (knapsack ballots are approval ballots with a cost limit). */
export function pabulibVoteType(t: BallotType): string {
  return t === 'knapsack' ? 'approval' : t === 'choose-one' ? 'choose-1' : t;
}

/** Pabulib's `rule` name for a process rule (as the Pabulib checker lists them). */
export function pabulibRuleName(r: ProcessRule): string {
  if (r.rule === 'mes') return r.completion === 'add1' || r.completion?.startsWith('add1') ? 'equalshares/add1' : 'equalshares';
  if (r.rule === 'greedy-threshold') return 'greedy-threshold';
  if (r.rule === 'max-welfare') return 'unknown';
  return r.rule === 'greedy' || r.rule === 'greedy-no-skip' || r.rule === 'greedy-score' ? 'greedy' : r.rule;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim() !== '' && Number(a.replace(',', '.')) === Number(b);
const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * A district of a process as a Pabulib file. An imported file's own strings are kept wherever they
 * still say the same thing (costs "1000.0", META order, extra columns such as age or sex), so an
 * import followed by an export gives back every field; values that changed since are written anew.
 */
export function buildPabulibFile(s: ProcessSnapshot): PabulibFile {
  const original = s.pbMeta ?? {};
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(original)) if (!k.startsWith('__')) meta[k] = v;
  const set = (k: string, v: string, numeric = false) => {
    if (numeric ? same(meta[k], v) : meta[k] !== undefined && meta[k] === v) return;
    meta[k] = v;
  };
  const keep = (k: string, v: string) => {
    if (meta[k] === undefined) meta[k] = v;
  };
  keep('description', s.title);
  keep('country', 'unknown');
  keep('unit', s.district.name);
  keep('instance', s.slug);
  set('num_projects', String(s.projects.length), true);
  set('num_votes', String(s.ballots.length), true);
  set('budget', s.district.budget, true);
  set('vote_type', pabulibVoteType(s.ballotType));
  keep('rule', pabulibRuleName(s.rule));
  keep('date_begin', dmy(s.votingStart));
  keep('date_end', dmy(s.votingEnd));
  const c = s.constraints;
  if (s.ballotType === 'knapsack') keep('max_sum_cost', s.district.budget);
  if (c.minProjects !== undefined) keep('min_length', String(c.minProjects));
  if (c.maxProjects !== undefined) keep('max_length', String(c.maxProjects));
  if (s.ballotType === 'ordinal' && c.rankK !== undefined) keep('max_length', String(c.rankK));
  if (c.maxPointsPerProject !== undefined) keep('max_points', String(c.maxPointsPerProject));
  if (c.totalPoints !== undefined) keep('max_sum_points', String(c.totalPoints));
  if (s.rule.threshold !== undefined) keep('min_project_score_threshold', s.rule.threshold);
  keep('currency', s.currency);

  const projectColumns: string[] = original.__projects_columns
    ? JSON.parse(original.__projects_columns)
    : [
        'project_id',
        'cost',
        'name',
        ...(s.projects.some((p) => p.category) ? ['category'] : []),
        ...(s.projects.some((p) => p.lat !== null) ? ['latitude', 'longitude'] : []),
        ...(s.projects.some((p) => p.selected !== null) ? ['selected'] : []),
      ];
  const projects = s.projects.map((p) => {
    const x = p.pbExtra ?? {};
    const row: Record<string, string> = {};
    for (const col of projectColumns) {
      if (col === 'project_id') row[col] = p.code;
      else if (col === 'cost') row[col] = same(x.cost, p.cost) ? x.cost : p.cost;
      else if (col === 'name') row[col] = p.title;
      else if (col === 'category') row[col] = x.category ?? p.category ?? '';
      else if (col === 'latitude')
        row[col] = x.latitude !== undefined && same(x.latitude, String(p.lat)) ? x.latitude : p.lat === null ? '' : String(p.lat);
      else if (col === 'longitude')
        row[col] = x.longitude !== undefined && same(x.longitude, String(p.lng)) ? x.longitude : p.lng === null ? '' : String(p.lng);
      else if (col === 'selected' && p.selected !== null && !(x.selected !== undefined && same(x.selected, p.selected ? '1' : '0')))
        row[col] = p.selected ? '1' : '0';
      else row[col] = x[col] ?? '';
    }
    return row;
  });
  const cumulative = s.ballotType === 'cumulative';
  const voteColumns: string[] = original.__votes_columns
    ? JSON.parse(original.__votes_columns)
    : ['voter_id', 'vote', ...(cumulative ? ['points'] : [])];
  const votes = s.ballots.map((b) => {
    const x = b.pbExtra ?? {};
    const row: Record<string, string> = {};
    for (const col of voteColumns) {
      if (col === 'voter_id') row[col] = b.reference;
      else if (col === 'vote') row[col] = b.choices.map((ch) => ch.project).join(',');
      else if (col === 'points')
        row[col] = b.choices.some((ch) => ch.points !== undefined) ? b.choices.map((ch) => String(ch.points ?? 0)).join(',') : (x.points ?? '');
      else row[col] = x[col] ?? '';
    }
    return row;
  });
  return { meta, projects: { columns: projectColumns, rows: projects }, votes: { columns: voteColumns, rows: votes } };
}

/** Ballot type and constraints for an imported file's META. */
export function ballotOfPabulib(meta: Record<string, string>): { ballotType: BallotType; constraints: BallotConstraints } {
  const n = (k: string) => (meta[k] !== undefined && meta[k].trim() !== '' ? Math.floor(Number(meta[k].replace(',', '.'))) : undefined);
  const vt = meta.vote_type;
  if (vt === 'ordinal') return { ballotType: 'ordinal', constraints: { rankK: n('max_length') ?? undefined } };
  if (vt === 'choose-1') return { ballotType: 'choose-one', constraints: {} };
  if (vt === 'cumulative' || vt === 'scoring')
    return { ballotType: 'cumulative', constraints: { maxPointsPerProject: n('max_points'), totalPoints: n('max_sum_points') ?? n('max_points') } };
  const constraints: BallotConstraints = { minProjects: n('min_length'), maxProjects: n('max_length') };
  for (const k of Object.keys(constraints) as (keyof BallotConstraints)[]) if (constraints[k] === undefined) delete constraints[k];
  return { ballotType: meta.max_sum_cost !== undefined ? 'knapsack' : 'approval', constraints };
}
