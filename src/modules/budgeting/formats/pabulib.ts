import { Rational } from '../../../math/rational.js';
import { AppError } from '../../../kernel/errors.js';
import { groupBallots, type Election, type VoteType } from '../core/election.js';

/**
 * Pabulib `.pb` files (pabulib.org; field list from github.com/pabulib/checker, summarised in
 * ../shared/references/pb-rules.md): sections META, PROJECTS and VOTES, each followed by a header
 * row, `;`-separated, fields optionally quoted with `"` (a doubled `""` inside quotes is one quote).
 * Values are kept as the file's strings so that a round trip keeps every field; typed reading
 * happens in `readElection`.
 */
export interface PabulibTable {
  /** Column names from the section's header row, in file order. */
  columns: string[];
  /** One record per row, keyed by column name. */
  rows: Record<string, string>[];
}

/** A parsed `.pb` file: META as ordered key/value pairs, PROJECTS and VOTES as tables. */
export interface PabulibFile {
  meta: Record<string, string>;
  projects: PabulibTable;
  votes: PabulibTable;
}

/** META keys the Pabulib checker requires. */
export const REQUIRED_META = [
  'description',
  'country',
  'unit',
  'instance',
  'num_projects',
  'num_votes',
  'budget',
  'vote_type',
  'rule',
  'date_begin',
  'date_end',
] as const;

/** Vote types the Pabulib checker accepts. */
export const VOTE_TYPES = ['approval', 'choose-1', 'scoring', 'cumulative', 'ordinal'] as const;

/** META keys whose values must be numbers (checker's integer/float fields). */
const NUMERIC_META = [
  'num_projects',
  'num_votes',
  'budget',
  'min_length',
  'max_length',
  'min_sum_cost',
  'max_sum_cost',
  'min_points',
  'max_points',
  'min_sum_points',
  'max_sum_points',
  'min_project_score_threshold',
];

function fail(line: number, expected: string, found?: string): never {
  const message = `line ${line}: expected ${expected}${found === undefined ? '' : `, found "${found.slice(0, 80)}"`}`;
  throw new AppError('invalid_input', `Malformed Pabulib file: ${message}`, {
    fields: { file: message },
    details: { line, expected, ...(found === undefined ? {} : { found: found.slice(0, 200) }) },
  });
}

/** Splits one line on `;`, honouring double-quoted fields; returns null on an unterminated quote. */
function splitLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i >= line.length) return out;
      if (line[i] !== ';') return null;
      i++;
    } else {
      const s = line.indexOf(';', i);
      if (s < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, s));
      i = s + 1;
    }
  }
}

function isNumber(text: string): boolean {
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text.trim());
}

/**
 * Parses a `.pb` file. Throws AppError('invalid_input') naming the line and what was expected
 * when the file is malformed (missing section or header, wrong field count, unknown project in a
 * vote, missing required META key, non-numeric cost or budget).
 */
export function parsePabulib(text: string): PabulibFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  const meta: Record<string, string> = {};
  const projects: PabulibTable = { columns: [], rows: [] };
  const votes: PabulibTable = { columns: [], rows: [] };
  let section: 'meta' | 'projects' | 'votes' | null = null;
  let header: string[] | null = null;
  const seen = new Set<string>();
  const projectLines = new Map<string, number>();
  const voteLines: number[] = [];
  for (let idx = 0; idx < lines.length; idx++) {
    const lineNo = idx + 1;
    const raw = lines[idx];
    if (raw.trim() === '') continue;
    const name = raw.trim().toLowerCase();
    if (name === 'meta' || name === 'projects' || name === 'votes') {
      const order = ['meta', 'projects', 'votes'];
      if (seen.has(name)) fail(lineNo, `each section once`, raw);
      if (order.indexOf(name) !== seen.size) fail(lineNo, `section ${order[seen.size].toUpperCase()}`, raw);
      seen.add(name);
      section = name;
      header = null;
      continue;
    }
    if (section === null) fail(lineNo, 'the section name META', raw);
    const fields = splitLine(raw);
    if (fields === null) fail(lineNo, 'fields separated by ";" with balanced double quotes', raw);
    if (header === null) {
      header = fields.map((f) => f.trim());
      if (section === 'meta' && (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value'))
        fail(lineNo, 'the META header "key;value"', raw);
      if (section === 'projects') {
        if (header[0] !== 'project_id' || !header.includes('cost'))
          fail(lineNo, 'a PROJECTS header starting with "project_id" and including "cost"', raw);
        projects.columns = header;
      }
      if (section === 'votes') {
        if (header[0] !== 'voter_id' || !header.includes('vote')) fail(lineNo, 'a VOTES header starting with "voter_id" and including "vote"', raw);
        votes.columns = header;
      }
      if (new Set(header).size !== header.length) fail(lineNo, 'distinct column names', raw);
      continue;
    }
    if (fields.length !== header.length) fail(lineNo, `${header.length} fields (${header.join(';')})`, `${fields.length} fields: ${raw}`);
    if (section === 'meta') {
      const key = fields[0].trim();
      if (key === '') fail(lineNo, 'a META key', raw);
      if (key in meta) fail(lineNo, `META key "${key}" only once`, raw);
      if (NUMERIC_META.includes(key) && fields[1].trim() !== '' && !isNumber(fields[1])) fail(lineNo, `a number for META "${key}"`, fields[1]);
      meta[key] = fields[1];
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((column, i) => (row[column] = fields[i]));
    if (section === 'projects') {
      const id = row.project_id;
      if (id === '') fail(lineNo, 'a project_id', raw);
      if (projectLines.has(id)) fail(lineNo, `a unique project_id ("${id}" is also on line ${projectLines.get(id)})`, raw);
      if (!isNumber(row.cost)) fail(lineNo, `a number in "cost" for project ${id}`, row.cost);
      if (Number(row.cost.replace(',', '.')) < 0) fail(lineNo, `a cost of zero or more for project ${id}`, row.cost);
      projectLines.set(id, lineNo);
      projects.rows.push(row);
    } else {
      if (row.voter_id === '') fail(lineNo, 'a voter_id', raw);
      voteLines.push(lineNo);
      votes.rows.push(row);
    }
  }
  if (!seen.has('meta')) fail(lines.length, 'a META section');
  if (!seen.has('projects')) fail(lines.length, 'a PROJECTS section');
  if (!seen.has('votes')) fail(lines.length, 'a VOTES section');
  for (const key of REQUIRED_META) if (!(key in meta)) fail(1, `META key "${key}" (required by the Pabulib checker)`);
  if (!isNumber(meta.budget)) fail(1, 'a number in META "budget"', meta.budget);
  if (!(VOTE_TYPES as readonly string[]).includes(meta.vote_type)) fail(1, `META "vote_type" to be one of ${VOTE_TYPES.join(', ')}`, meta.vote_type);
  const voters = new Set<string>();
  votes.rows.forEach((row, i) => {
    const lineNo = voteLines[i];
    if (voters.has(row.voter_id)) fail(lineNo, `a unique voter_id`, row.voter_id);
    voters.add(row.voter_id);
    const chosen = row.vote.trim() === '' ? [] : row.vote.split(',').map((s) => s.trim());
    for (const id of chosen) if (!projectLines.has(id)) fail(lineNo, `project ids from PROJECTS in "vote"`, id);
    if (new Set(chosen).size !== chosen.length) fail(lineNo, 'each project at most once in "vote"', row.vote);
    if ('points' in row && row.points.trim() !== '') {
      const points = row.points.split(',');
      if (points.length !== chosen.length) fail(lineNo, `as many "points" as projects in "vote" (${chosen.length})`, row.points);
      for (const p of points) if (!isNumber(p)) fail(lineNo, 'numbers in "points"', p);
    }
  });
  return { meta, projects, votes };
}

function quote(value: string): string {
  return /[;"\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a `.pb` file (LF line ends, no byte-order mark); `parsePabulib` reads it back unchanged. */
export function writePabulib(file: PabulibFile): string {
  const out: string[] = ['META', 'key;value'];
  for (const [k, v] of Object.entries(file.meta)) out.push(`${quote(k)};${quote(v)}`);
  for (const [name, table] of [
    ['PROJECTS', file.projects],
    ['VOTES', file.votes],
  ] as const) {
    out.push(name, table.columns.map(quote).join(';'));
    for (const row of table.rows) out.push(table.columns.map((c) => quote(row[c] ?? '')).join(';'));
  }
  return out.join('\n') + '\n';
}

/**
 * Turns a parsed file into the counting rules' input: costs and budget scaled to integers (by the
 * smallest power of ten that makes them all whole), ballots grouped, points checked.
 */
export function readElection(file: PabulibFile): Election {
  const ids = new Map<string, number>();
  file.projects.rows.forEach((r, i) => ids.set(r.project_id, i));
  const costs = file.projects.rows.map((r) => Rational.parse(r.cost));
  const budget = Rational.parse(file.meta.budget);
  let scale = 1n;
  for (const v of [budget, ...costs]) while ((v.num * scale) % v.den !== 0n) scale *= 10n;
  const scaled = (v: Rational) => (v.num * scale) / v.den;
  const ballots = file.votes.rows.map((r, i) => {
    const projects = r.vote.trim() === '' ? [] : r.vote.split(',').map((s) => ids.get(s.trim())!);
    let points: number[] | null = null;
    if (r.points !== undefined && r.points.trim() !== '') {
      points = r.points.split(',').map((s) => Number(s.trim().replace(',', '.')));
      if (points.some((p) => !Number.isInteger(p) || p < 0))
        throw new AppError('invalid_input', `Vote ${i + 1} (voter ${r.voter_id}): points must be whole numbers of zero or more`, {
          fields: { points: 'whole numbers of zero or more' },
          details: { voter: r.voter_id, points: r.points },
        });
    }
    return { projects, points };
  });
  const num = (key: string) => (file.meta[key] !== undefined && file.meta[key].trim() !== '' ? file.meta[key] : null);
  return {
    projects: file.projects.rows.map((r, i) => ({ id: r.project_id, cost: scaled(costs[i]) })),
    budget: scaled(budget),
    scale,
    voteType: file.meta.vote_type as VoteType,
    maxLength: num('max_length') === null ? null : Number(num('max_length')),
    threshold: num('min_project_score_threshold') === null ? null : Rational.parse(num('min_project_score_threshold')!),
    groups: groupBallots(ballots),
    numVoters: ballots.length,
  };
}
