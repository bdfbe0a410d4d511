import { readFileSync } from 'node:fs';
import { Rational } from '../../../math/rational.js';
import { AppError } from '../../../kernel/errors.js';
import { decodeUtf8Strict, Utf8DecodeError } from '../../../kernel/utf8.js';
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

/** The three sections of a `.pb` file, as errors name them. */
export type PabulibSection = 'META' | 'PROJECTS' | 'VOTES';

/**
 * Why a `.pb` file is refused, with the English sentence the command line prints. The editors'
 * import page shows the same problem in the reader's language from `budgeting.pb.<reason>` in the
 * messages catalogue, with the same values.
 */
export const PABULIB_REASONS = {
  not_utf8: (p) => `the file is not UTF-8 (invalid byte at byte ${p.byte}; Latin-1 or Windows-1252?): save it as UTF-8`,
  utf16: () => 'the file is UTF-16, not UTF-8: save it as UTF-8',
  nul_byte: (p) => `the file holds a NUL byte (at byte ${p.byte}): it is not a text file`,
  empty: () => 'the file is empty',
  section_expected: (p) => `expected the section ${p.expected}, found "${p.found}"`,
  section_twice: (p) => `the section ${p.name} appears twice`,
  section_missing: (p) => `the section ${p.expected} is missing`,
  header_meta: (p) => `the META header must be "key;value", found "${p.found}"`,
  header_projects: (p) => `the PROJECTS header must start with "project_id" and include "cost", found "${p.found}"`,
  header_votes: (p) => `the VOTES header must start with "voter_id" and include "vote", found "${p.found}"`,
  column_twice: (p) => `the column "${p.column}" appears twice in the header`,
  quotes: () => 'unbalanced double quotes (fields are separated by ";"; a quote inside a quoted field is written "")',
  field_count: (p) => `expected ${p.expected} fields (${p.columns}), found ${p.found}`,
  field_too_long: (p) => `the field "${p.column}" is ${p.length} characters long; at most ${p.max} are read`,
  meta_key_empty: () => 'a META row without a key',
  meta_key_twice: (p) => `the META key "${p.key}" appears twice (also on line ${p.first})`,
  meta_required: (p) => `the META key "${p.key}" is missing (the Pabulib format requires it)`,
  not_number: (p) => `"${p.name}" must be a number (digits with an optional decimal point or comma), found "${p.value}"`,
  not_integer: (p) => `"${p.name}" must be a whole number of zero or more, found "${p.value}"`,
  negative: (p) => `"${p.name}" must not be negative, found "${p.value}"`,
  not_positive: (p) => `"${p.name}" must be more than zero, found "${p.value}"`,
  vote_type: (p) => `"vote_type" must be one of ${p.allowed}, found "${p.value}"`,
  meta_range: (p) => `"${p.min}" (${p.minValue}) is more than "${p.max}" (${p.maxValue})`,
  coordinate: (p) => `"${p.name}" must be a number from ${p.min} to ${p.max}, found "${p.value}"`,
  count_mismatch: (p) => `META "${p.key}" says ${p.declared} but the section ${p.section} holds ${p.found} rows: the file is truncated or incomplete`,
  project_id_empty: () => 'a project without a project_id',
  project_id_twice: (p) => `the project_id "${p.id}" appears twice (also on line ${p.first})`,
  voter_id_empty: () => 'a vote without a voter_id',
  voter_id_twice: (p) => `the voter_id "${p.id}" appears twice (also on line ${p.first})`,
  unknown_project: (p) => `the vote names project "${p.id}", which PROJECTS does not list`,
  project_twice_in_vote: (p) => `the vote names project "${p.id}" twice`,
  points_count: (p) => `"points" must give one value per project in "vote" (${p.expected}), found ${p.found}`,
  points_not_whole: (p) => `"points" must be whole numbers of zero or more, found "${p.value}"`,
  vote_too_short: (p) => `the vote names ${p.length} projects; META "min_length" asks for at least ${p.min}`,
  vote_too_long: (p) => `the vote names ${p.length} projects; at most ${p.max} are allowed ("${p.key}")`,
  points_too_low: (p) => `${p.value} points for project "${p.id}"; META "min_points" is ${p.min}`,
  points_too_high: (p) => `${p.value} points for project "${p.id}"; META "max_points" is ${p.max}`,
  points_sum_low: (p) => `the vote gives ${p.sum} points in all; META "min_sum_points" is ${p.min}`,
  points_sum_high: (p) => `the vote gives ${p.sum} points in all; META "max_sum_points" is ${p.max}`,
  cost_sum_low: (p) => `the projects of the vote cost ${p.sum} in all; META "min_sum_cost" is ${p.min}`,
  cost_sum_high: (p) => `the projects of the vote cost ${p.sum} in all; META "max_sum_cost" is ${p.max}`,
} satisfies Record<string, (p: Record<string, string | number>) => string>;

/** A stable code for each way a `.pb` file is refused. */
export type PabulibReason = keyof typeof PABULIB_REASONS;

/** Where and why a `.pb` file is refused (`AppError.details` of the refusal). */
export interface PabulibProblem {
  /** The file's name (a path on the command line, the uploaded file's name on the page). */
  file: string;
  /** The section the problem is in; null for the whole file (encoding). */
  section: PabulibSection | null;
  /** 1-based line; null when the problem has no single line (a missing section). */
  line: number | null;
  reason: PabulibReason;
  params: Record<string, string | number>;
}

/** Options of `parsePabulib`. */
export interface PabulibReadOptions {
  /** The name errors give the file (default "the .pb file"). */
  file?: string;
  /** Longest field read, in characters (default `PABULIB_MAX_FIELD`); longer ones are refused. */
  maxFieldLength?: number;
}

/** Longest field `parsePabulib` reads by default: project descriptions are a few hundred characters. */
export const PABULIB_MAX_FIELD = 65_536;

/** The English sentence for a problem, with where it is: `file, SECTION line N: reason`. */
export function describePabulibProblem(p: PabulibProblem): string {
  const where = [p.file, [p.section, p.line === null ? null : `line ${p.line}`].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return `${where}: ${PABULIB_REASONS[p.reason](p.params)}`;
}

function refuse(found: PabulibProblem): never {
  // Values quoted from the file are cut, so an error never repeats a huge field.
  const params = Object.fromEntries(
    Object.entries(found.params).map(([k, v]) => [k, typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v]),
  );
  const problem = { ...found, params };
  const text = describePabulibProblem(problem);
  const where = [problem.section, problem.line === null ? null : `line ${problem.line}`].filter(Boolean).join(' ');
  throw new AppError('invalid_input', `Malformed Pabulib file: ${text}`, {
    fields: { file: `${where ? `${where}: ` : ''}${PABULIB_REASONS[problem.reason](problem.params)}` },
    details: { ...problem },
  });
}

/** META keys whose values must be whole numbers of zero or more. */
const INTEGER_META = ['num_projects', 'num_votes', 'min_length', 'max_length'];
/** META keys whose values must be numbers of zero or more (the checker's float fields). */
const AMOUNT_META = ['min_sum_cost', 'max_sum_cost', 'min_points', 'max_points', 'min_sum_points', 'max_sum_points', 'min_project_score_threshold'];
/** Pairs of META bounds where the first may not exceed the second. */
const META_RANGES = [
  ['min_length', 'max_length'],
  ['min_sum_cost', 'max_sum_cost'],
  ['min_points', 'max_points'],
  ['min_sum_points', 'max_sum_points'],
] as const;

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

/** A decimal number as Pabulib writes them (a point or a comma; no exponent, NaN or Infinity), at most 30 characters. */
function isNumber(text: string): boolean {
  const t = text.trim();
  return t.length <= 30 && /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t);
}

const numberOf = (text: string) => Number(text.trim().replace(',', '.'));

/** Turns bytes into text, refusing what is not UTF-8 (see kernel/utf8). */
function decode(input: string | Uint8Array, file: string): string {
  if (typeof input === 'string') {
    const nul = input.indexOf('\0');
    if (nul >= 0) refuse({ file, section: null, line: input.slice(0, nul).split('\n').length, reason: 'nul_byte', params: { byte: nul } });
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  try {
    return decodeUtf8Strict(input);
  } catch (error) {
    if (!(error instanceof Utf8DecodeError)) throw error;
    const { kind, offset, line } = error.problem;
    refuse({ file, section: null, line, reason: kind === 'utf16' ? 'utf16' : kind === 'nul' ? 'nul_byte' : 'not_utf8', params: { byte: offset } });
  }
}

/**
 * Parses a `.pb` file given as bytes (checked to be UTF-8; a byte-order mark is dropped) or text.
 * Refuses, with an `invalid_input` AppError whose details are a `PabulibProblem` (file, section,
 * line, reason), anything it cannot read faithfully: text that is not UTF-8, a missing or repeated
 * section or header, a wrong number of fields, over-long fields, missing or repeated META keys,
 * numbers that are not numbers or are impossible (a negative or zero budget, a negative cost,
 * NaN, Infinity), META bounds that contradict each other, duplicate project or voter ids, votes
 * naming unknown projects or breaking META's length, points and cost limits, and META counts
 * (`num_projects`, `num_votes`) that the sections do not match (a truncated file).
 */
export function parsePabulib(input: string | Uint8Array, opts: PabulibReadOptions = {}): PabulibFile {
  const file = opts.file ?? 'the .pb file';
  const maxField = opts.maxFieldLength ?? PABULIB_MAX_FIELD;
  const text = decode(input, file);
  const lines = text.split(/\r\n|\n|\r/);
  const meta: Record<string, string> = {};
  const metaLines = new Map<string, number>();
  const projects: PabulibTable = { columns: [], rows: [] };
  const votes: PabulibTable = { columns: [], rows: [] };
  const order: PabulibSection[] = ['META', 'PROJECTS', 'VOTES'];
  let section: PabulibSection | null = null;
  let header: string[] | null = null;
  const seen = new Set<PabulibSection>();
  const projectLines = new Map<string, number>();
  const voteLines: number[] = [];
  let lastLine = 0;
  type Fail = (line: number | null, reason: PabulibReason, params?: Record<string, string | number>, at?: PabulibSection | null) => never;
  const fail: Fail = (line, reason, params = {}, at = section) => refuse({ file, section: at, line, reason, params });
  const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
  for (let idx = 0; idx < lines.length; idx++) {
    const lineNo = idx + 1;
    const raw = lines[idx];
    if (raw.trim() === '') continue;
    lastLine = lineNo;
    const name = raw.trim().toUpperCase() as PabulibSection;
    if (order.includes(name) && raw.trim().length <= 8) {
      if (seen.has(name)) fail(lineNo, 'section_twice', { name }, name);
      if (order.indexOf(name) !== seen.size) fail(lineNo, 'section_expected', { expected: order[seen.size], found: clip(raw) });
      seen.add(name);
      section = name;
      header = null;
      continue;
    }
    if (section === null) fail(lineNo, 'section_expected', { expected: 'META', found: clip(raw) });
    const fields = splitLine(raw);
    if (fields === null) fail(lineNo, 'quotes');
    const long = fields.findIndex((f) => f.length > maxField);
    if (long >= 0) fail(lineNo, 'field_too_long', { column: header?.[long] ?? `#${long + 1}`, length: fields[long].length, max: maxField });
    if (header === null) {
      header = fields.map((f) => f.trim());
      if (section === 'META' && (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value'))
        fail(lineNo, 'header_meta', { found: clip(raw) });
      if (section === 'PROJECTS' && (header[0] !== 'project_id' || !header.includes('cost'))) fail(lineNo, 'header_projects', { found: clip(raw) });
      if (section === 'VOTES' && (header[0] !== 'voter_id' || !header.includes('vote'))) fail(lineNo, 'header_votes', { found: clip(raw) });
      const twice = header.find((h, i) => header!.indexOf(h) !== i);
      if (twice !== undefined) fail(lineNo, 'column_twice', { column: twice });
      if (section === 'PROJECTS') projects.columns = header;
      if (section === 'VOTES') votes.columns = header;
      continue;
    }
    if (fields.length !== header.length)
      fail(lineNo, 'field_count', { expected: header.length, columns: clip(header.join(';')), found: fields.length });
    if (section === 'META') {
      const key = fields[0].trim();
      const value = fields[1];
      if (key === '') fail(lineNo, 'meta_key_empty');
      if (key in meta) fail(lineNo, 'meta_key_twice', { key, first: metaLines.get(key)! });
      if (value.trim() !== '') {
        if (INTEGER_META.includes(key) && !/^\d{1,15}$/.test(value.trim())) fail(lineNo, 'not_integer', { name: key, value: clip(value) });
        if (key === 'budget' || AMOUNT_META.includes(key)) {
          if (!isNumber(value)) fail(lineNo, 'not_number', { name: key, value: clip(value) });
          if (numberOf(value) < 0) fail(lineNo, 'negative', { name: key, value });
        }
      }
      if (key === 'budget' && (!isNumber(value) || numberOf(value) <= 0))
        fail(lineNo, isNumber(value) ? 'not_positive' : 'not_number', { name: 'budget', value: clip(value) });
      meta[key] = value;
      metaLines.set(key, lineNo);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((column, i) => (row[column] = fields[i]));
    if (section === 'PROJECTS') {
      const id = row.project_id;
      if (id === '') fail(lineNo, 'project_id_empty');
      if (projectLines.has(id)) fail(lineNo, 'project_id_twice', { id, first: projectLines.get(id)! });
      if (!isNumber(row.cost)) fail(lineNo, 'not_number', { name: `cost`, value: clip(row.cost) });
      if (numberOf(row.cost) < 0) fail(lineNo, 'negative', { name: 'cost', value: row.cost });
      for (const [column, limit] of [
        ['latitude', 90],
        ['longitude', 180],
      ] as const) {
        const v = row[column];
        if (v !== undefined && v.trim() !== '' && !(isNumber(v) && Math.abs(numberOf(v)) <= limit))
          fail(lineNo, 'coordinate', { name: column, value: clip(v), min: -limit, max: limit });
      }
      projectLines.set(id, lineNo);
      projects.rows.push(row);
    } else {
      if (row.voter_id === '') fail(lineNo, 'voter_id_empty');
      voteLines.push(lineNo);
      votes.rows.push(row);
    }
  }
  if (lastLine === 0) fail(null, 'empty', {}, null);
  for (const expected of order) if (!seen.has(expected)) fail(null, 'section_missing', { expected }, expected);
  for (const key of REQUIRED_META) if (!(key in meta)) fail(null, 'meta_required', { key }, 'META');
  if (!(VOTE_TYPES as readonly string[]).includes(meta.vote_type))
    fail(metaLines.get('vote_type')!, 'vote_type', { value: clip(meta.vote_type), allowed: VOTE_TYPES.join(', ') }, 'META');
  for (const [min, max] of META_RANGES) {
    const [a, b] = [meta[min]?.trim(), meta[max]?.trim()];
    if (a && b && numberOf(a) > numberOf(b)) fail(metaLines.get(max)!, 'meta_range', { min, max, minValue: a, maxValue: b }, 'META');
  }
  for (const [key, table, name] of [
    ['num_projects', projects, 'PROJECTS'],
    ['num_votes', votes, 'VOTES'],
  ] as const) {
    if (meta[key].trim() === '') fail(metaLines.get(key)!, 'not_integer', { name: key, value: '' }, 'META');
    const declared = Number(meta[key].trim());
    if (declared !== table.rows.length)
      fail(metaLines.get(key)!, 'count_mismatch', { key, declared, section: name, found: table.rows.length }, 'META');
  }
  checkVotes(meta, projects, votes, voteLines, projectLines, (line, reason, params) => fail(line, reason, params, 'VOTES'));
  return { meta, projects, votes };
}

/** Checks each vote against PROJECTS and META's ballot limits (length, points, cost). */
function checkVotes(
  meta: Record<string, string>,
  projects: PabulibTable,
  votes: PabulibTable,
  voteLines: number[],
  projectLines: Map<string, number>,
  fail: (line: number, reason: PabulibReason, params: Record<string, string | number>) => never,
): void {
  const bound = (key: string) => (meta[key] !== undefined && meta[key].trim() !== '' ? numberOf(meta[key]) : null);
  const minLength = bound('min_length');
  const maxLength = meta.vote_type === 'choose-1' ? Math.min(1, bound('max_length') ?? 1) : bound('max_length');
  const lengthKey = meta.vote_type === 'choose-1' ? 'vote_type choose-1' : 'max_length';
  const [minPoints, maxPoints, minSum, maxSum] = ['min_points', 'max_points', 'min_sum_points', 'max_sum_points'].map(bound);
  const minCost = meta.min_sum_cost?.trim() ? Rational.parse(meta.min_sum_cost) : null;
  const maxCost = meta.max_sum_cost?.trim() ? Rational.parse(meta.max_sum_cost) : null;
  const costs = new Map(projects.rows.map((r) => [r.project_id, Rational.parse(r.cost)]));
  const voters = new Map<string, number>();
  votes.rows.forEach((row, i) => {
    const lineNo = voteLines[i];
    const first = voters.get(row.voter_id);
    if (first !== undefined) fail(lineNo, 'voter_id_twice', { id: row.voter_id, first });
    voters.set(row.voter_id, lineNo);
    const chosen = row.vote.trim() === '' ? [] : row.vote.split(',').map((s) => s.trim());
    const once = new Set<string>();
    for (const id of chosen) {
      if (!projectLines.has(id)) fail(lineNo, 'unknown_project', { id: id.slice(0, 80) });
      if (once.has(id)) fail(lineNo, 'project_twice_in_vote', { id });
      once.add(id);
    }
    if (minLength !== null && chosen.length < minLength) fail(lineNo, 'vote_too_short', { length: chosen.length, min: minLength });
    if (maxLength !== null && chosen.length > maxLength) fail(lineNo, 'vote_too_long', { length: chosen.length, max: maxLength, key: lengthKey });
    if (minCost || maxCost) {
      const sum = chosen.reduce((s, id) => s.add(costs.get(id)!), Rational.ZERO);
      if (minCost && sum.lt(minCost)) fail(lineNo, 'cost_sum_low', { sum: sum.toDecimal(), min: meta.min_sum_cost });
      if (maxCost && maxCost.lt(sum)) fail(lineNo, 'cost_sum_high', { sum: sum.toDecimal(), max: meta.max_sum_cost });
    }
    if ('points' in row && row.points.trim() !== '') {
      const raw = row.points.split(',');
      if (raw.length !== chosen.length) fail(lineNo, 'points_count', { expected: chosen.length, found: raw.length });
      let sum = 0;
      raw.forEach((p, j) => {
        if (!/^\s*\d{1,15}\s*$/.test(p)) fail(lineNo, 'points_not_whole', { value: p.slice(0, 80) });
        const value = Number(p);
        if (minPoints !== null && value < minPoints) fail(lineNo, 'points_too_low', { value, id: chosen[j], min: minPoints });
        if (maxPoints !== null && value > maxPoints) fail(lineNo, 'points_too_high', { value, id: chosen[j], max: maxPoints });
        sum += value;
      });
      if (minSum !== null && sum < minSum) fail(lineNo, 'points_sum_low', { sum, min: minSum });
      if (maxSum !== null && sum > maxSum) fail(lineNo, 'points_sum_high', { sum, max: maxSum });
    }
  });
}

/** Reads and parses a `.pb` file from disk (the command line); errors name `path`. */
export function readPabulibPath(path: string, opts: Omit<PabulibReadOptions, 'file'> = {}): PabulibFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppError('not_found', `${path} could not be read.`, { fields: { file: 'could not be read' } });
  }
  return parsePabulib(bytes, { ...opts, file: path });
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
 * smallest power of ten that makes them all whole), ballots grouped. Expects what `parsePabulib`
 * accepted (or a file built from stored, already-checked ballots).
 */
export function readElection(file: PabulibFile): Election {
  const ids = new Map<string, number>();
  file.projects.rows.forEach((r, i) => ids.set(r.project_id, i));
  const costs = file.projects.rows.map((r) => Rational.parse(r.cost));
  const budget = Rational.parse(file.meta.budget);
  let scale = 1n;
  for (const v of [budget, ...costs]) while ((v.num * scale) % v.den !== 0n) scale *= 10n;
  const scaled = (v: Rational) => (v.num * scale) / v.den;
  // parsePabulib has checked every id and point (whole numbers of zero or more), naming the line.
  const ballots = file.votes.rows.map((r) => {
    const projects = r.vote.trim() === '' ? [] : r.vote.split(',').map((s) => ids.get(s.trim())!);
    const points = r.points !== undefined && r.points.trim() !== '' ? r.points.split(',').map((s) => Number(s.trim())) : null;
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
