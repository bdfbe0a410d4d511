import type { LocalizedText } from '../../../kernel/i18n.js';
import { MAX_ITEMS, OTHER_VALUE, type Condition, type ItemInput } from '../../questionnaires/index.js';
import { isConditionalRelevance, LSS_QUESTION_TYPES, type LssGroup, type LssQuestion, type LssSurvey, type LssWarningReason } from './lss.js';

/**
 * Maps a LimeSurvey structure (`parseLss`) to the items of the platform's questionnaire engine.
 * Pure: no database, no clock. Nothing is dropped silently: what does not map is named in
 * `unsupported` (element, coded reason, and the LimeSurvey text at fault when there is one).
 *
 * - Groups: a `page_break` titled with the group's name when the survey is shown group by group
 *   (`format` G) or question by question (S), a `section` when it is shown all in one (A); a
 *   group's description becomes a section's text.
 * - Question types: L ! O 5 Y G → single choice (`!` as a list; "other" when `other` = Y);
 *   M P → multiple choice (min/max from `min_answers`/`max_answers`); N → number; K → one number
 *   per subquestion under a section; S → short text (a place when `location_mapservice` is set);
 *   T U → long text; Q → one short text per subquestion under a section; D → date; F H A B C E
 *   and the first scale of `1` → matrix (H's columns become rows: one answer per subquestion
 *   either way); `:` with checkboxes → matrix with several answers per row; R → ranking; `|` →
 *   file; X → section. `*`, I, `;` and `:` without checkboxes have no counterpart.
 * - Texts: every language of the file the site also has (exactly, or by its first part:
 *   `de-informal` → `de`), HTML turned into plain text.
 * - Codes become engine ids: lowercase letters, digits and underscores, starting with a letter,
 *   unique (`ids` maps each LimeSurvey code to its id; answer codes become option values).
 * - Conditions (table `conditions`, else the relevance equation) become `showIf` when they are
 *   answered / not answered / equals / not equals (or "contains" for a multiple choice) on an
 *   EARLIER question, combined by all or by any (not both).
 */

/** Why part of a LimeSurvey file is not carried into the questionnaire (stable codes, worded by pages). */
export type LssUnsupportedReason =
  LssWarningReason | 'language_not_on_site' | 'second_scale' | 'too_many' | 'text_shortened' | 'tailoring' | 'date_bound';

/** Every reason code, for pages and tests. */
export const LSS_UNSUPPORTED_REASONS: readonly LssUnsupportedReason[] = [
  'unsupported_type',
  'unsupported_part',
  'soft_mandatory',
  'validation_pattern',
  'relevance_unmapped',
  'subquestion_relevance',
  'condition_unmapped',
  'attribute_unsupported',
  'attribute_unknown',
  'quota',
  'assessments',
  'section_not_imported',
  'randomization',
  'language_not_listed',
  'language_not_on_site',
  'second_scale',
  'too_many',
  'text_shortened',
  'tailoring',
  'date_bound',
];

/** One element of the file that is not (or not wholly) carried over. */
export interface LssUnsupported {
  /** `question Q3 (type "|")`, `relevance of Q2`, `relevance of group 291`, `quota 2`, `section <assessments>`, ... */
  element: string;
  reason: LssUnsupportedReason;
  /** The LimeSurvey text at fault (an equation, an attribute), as found; absent when there is none. */
  detail?: string;
}

/** Words the file does not carry: the fixed answers of Y, G, C and E questions, per site language. */
export interface LssWords {
  yes: LocalizedText;
  no: LocalizedText;
  female: LocalizedText;
  male: LocalizedText;
  uncertain: LocalizedText;
  increase: LocalizedText;
  same: LocalizedText;
  decrease: LocalizedText;
  /** The label of the comment box of a list with comment (O). */
  comment: LocalizedText;
}

const ENGLISH_WORDS: LssWords = {
  yes: { en: 'Yes' },
  no: { en: 'No' },
  female: { en: 'Female' },
  male: { en: 'Male' },
  uncertain: { en: 'Uncertain' },
  increase: { en: 'Increase' },
  same: { en: 'Same' },
  decrease: { en: 'Decrease' },
  comment: { en: 'Your comment' },
};

/** What the mapping made. */
export interface LssMapping {
  items: ItemInput[];
  unsupported: LssUnsupported[];
  /** File language → site language, for the languages carried over. */
  languages: Record<string, string>;
  /** LimeSurvey question code → the ids of the items made from it (several for K and Q). */
  ids: Record<string, string[]>;
}

const LIMITS = { label: 300, help: 1000, body: 5000, option: 200, options: 100, rows: 50, columns: 20, rules: 20 };

// --------------------------------------------------------------------------------------------
// Texts

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** LimeSurvey's HTML as plain text: scripts and styles dropped, blocks as paragraphs, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|table|tr|blockquote)\s*>/gi, '\n\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return n > 0 && n < 0x110000 && !(n >= 0xd800 && n < 0xe000) ? String.fromCodePoint(n) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A text cut to `max` characters at a word boundary, ending with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// --------------------------------------------------------------------------------------------
// Ids and values

/** Turns codes into unique engine ids (`^[a-z][a-z0-9_]{0,39}$`). */
class IdMaker {
  private readonly used = new Set<string>();
  make(code: string, prefix = 'q'): string {
    let base = code
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[a-z]/.test(base)) base = `${prefix}_${base}`.replace(/_+$/g, '');
    base = base.slice(0, 36).replace(/_+$/g, '') || prefix;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

/** Option values from LimeSurvey answer codes (`^[a-z0-9][a-z0-9_-]{0,59}$`), unique within one list. */
function valuesOf(codes: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const code of codes) {
    if (code === '-oth-') {
      out.set(code, OTHER_VALUE);
      continue;
    }
    let base = code
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '_')
      .replace(/^[_-]+/, '')
      .slice(0, 55);
    if (!base) base = 'v';
    let value = base;
    for (let n = 2; used.has(value); n++) value = `${base}_${n}`;
    used.add(value);
    out.set(code, value);
  }
  return out;
}

// --------------------------------------------------------------------------------------------
// Conditions

/** A condition as a tree before it is flattened to the engine's one level of all/any. */
type Tree = { kind: 'rule'; rule: Condition['rules'][number] } | { kind: 'all' | 'any'; parts: Tree[] } | { kind: 'true' };

/** What a mapped question offers to conditions on it. */
interface Target {
  id: string;
  /** The LimeSurvey type letter. */
  type: string;
  /** Answer code → option value (choice questions); subquestion code → value (multiple choice). */
  values: Map<string, string>;
  /** Subquestion code → item id (K and Q, one item per subquestion). */
  parts: Map<string, string>;
  /** Index of the item in the list (conditions may only look at earlier ones). */
  index: number;
}

class Unmapped extends Error {}

function flatten(tree: Tree): Condition | null {
  if (tree.kind === 'true') return null;
  if (tree.kind === 'rule') return { combine: 'all', rules: [tree.rule] };
  const rules: Condition['rules'] = [];
  const visit = (t: Tree, combine: 'all' | 'any') => {
    if (t.kind === 'true') return;
    if (t.kind === 'rule') rules.push(t.rule);
    else if (t.kind === combine || t.parts.length === 1) for (const p of t.parts) visit(p, combine);
    else throw new Unmapped('nested');
  };
  visit(tree, tree.kind);
  if (rules.length === 0) return null;
  if (rules.length > LIMITS.rules) throw new Unmapped('too many rules');
  return { combine: tree.kind, rules };
}

/** The opposite of a tree (De Morgan); "contains" has no opposite in the engine. */
function negate(tree: Tree): Tree {
  if (tree.kind === 'true') throw new Unmapped('never');
  if (tree.kind !== 'rule') return { kind: tree.kind === 'all' ? 'any' : 'all', parts: tree.parts.map(negate) };
  const flip: Record<string, Condition['rules'][number]['op']> = {
    answered: 'not_answered',
    not_answered: 'answered',
    equals: 'not_equals',
    not_equals: 'equals',
  };
  const op = flip[tree.rule.op];
  if (!op) throw new Unmapped('negated contains');
  return { kind: 'rule', rule: { ...tree.rule, op } };
}

/**
 * One comparison as a rule: `field == value`, `field != value`, or answered / not answered when
 * the value is empty. `sub` is a subquestion code (multiple choice: the choice; K and Q: the part).
 */
function compare(target: Target, sub: string, method: '==' | '!=', raw: string): Tree {
  const value = raw.trim();
  if (sub) {
    const part = target.parts.get(sub);
    if (part) return leaf(part, method, value, null);
    const key = target.values.has(sub) ? sub : sub === 'other' && target.values.has('-oth-') ? '-oth-' : null;
    if ((target.type === 'M' || target.type === 'P') && key !== null) {
      // A checkbox: "Y" when chosen, "" when not ("other": its text, not empty when chosen).
      const chosen = value === 'Y' ? method === '==' : value === '' ? method === '!=' : null;
      if (chosen === null) throw new Unmapped('checkbox value');
      if (!chosen) throw new Unmapped('not chosen');
      return { kind: 'rule', rule: { question: target.id, op: 'contains', value: target.values.get(key)! } };
    }
    if (key === '-oth-') return leaf(target.id, method, value === '' ? '' : '-oth-', target.values);
    throw new Unmapped('part of a question');
  }
  if (target.type === 'M' || target.type === 'P') {
    // The conditions table writes a checked choice as `field == SUBQUESTION CODE`.
    if (value === '') return leaf(target.id, method, '', null);
    const v = target.values.get(value);
    if (!v || method !== '==') throw new Unmapped('choice');
    return { kind: 'rule', rule: { question: target.id, op: 'contains', value: v } };
  }
  if (target.parts.size > 0) throw new Unmapped('question of several parts');
  const values = target.values.size > 0 ? target.values : null;
  return leaf(target.id, method, value, values);
}

function leaf(question: string, method: '==' | '!=', value: string, values: Map<string, string> | null): Tree {
  if (value === '') return { kind: 'rule', rule: { question, op: method === '==' ? 'not_answered' : 'answered' } };
  const v = values ? values.get(value) : value;
  if (v === undefined) throw new Unmapped('not an option');
  if (v.length > 200) throw new Unmapped('long value');
  return { kind: 'rule', rule: { question, op: method === '==' ? 'equals' : 'not_equals', value: v } };
}

/** Tokens of an Expression Manager equation (LimeSurvey's `em_core_helper.php`, simplified). */
function tokenize(text: string): string[] {
  const token = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?(?![\w])|[A-Za-z_][\w.]*|==|!=|<=|>=|&&|\|\||[<>!(),{}[\]=+\-*/]|\S/g;
  return text.match(token) ?? [];
}

/**
 * Reads a relevance equation into a tree of rules: `Q == "A1"`, `Q != ""`, `is_empty(Q)`,
 * `!is_empty(Q)`, `Q_SQ == "Y"` (a multiple choice's choice), `!`, parentheses, and/or. Anything
 * else throws Unmapped.
 */
function parseRelevance(text: string, resolve: (name: string) => { target: Target; sub: string }): Tree {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Unmapped(`expected ${t}`);
  };
  const literal = (t: string | undefined): string | null => {
    if (t === undefined) return null;
    if (/^".*"$|^'.*'$/s.test(t)) return t.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^-?\d+(\.\d+)?$/.test(t)) return t;
    return null;
  };
  const isName = (t: string | undefined) => t !== undefined && /^[A-Za-z_][\w.]*$/.test(t) && !['and', 'or', 'not'].includes(t.toLowerCase());
  const opOf = (t: string | undefined): '==' | '!=' | null =>
    t === '==' || t?.toLowerCase() === 'eq' ? '==' : t === '!=' || t?.toLowerCase() === 'ne' ? '!=' : null;

  const primary = (): Tree => {
    const t = peek();
    if (t === '!' || t?.toLowerCase() === 'not') {
      next();
      return negate(primary());
    }
    if (t === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    if (t?.toLowerCase() === 'is_empty' && tokens[i + 1] === '(') {
      next();
      next();
      const name = next();
      if (!isName(name)) throw new Unmapped('is_empty of what');
      expect(')');
      const { target, sub } = resolve(name);
      return compare(target, sub, '==', '');
    }
    if (literal(t) === '1' && opOf(tokens[i + 1]) === null) {
      next();
      return { kind: 'true' };
    }
    // name op literal, or literal op name
    const a = next();
    const op = opOf(next());
    const b = next();
    if (!op) throw new Unmapped('comparison');
    if (isName(a) && literal(b) !== null) {
      const { target, sub } = resolve(a);
      return compare(target, sub, op, literal(b)!);
    }
    if (isName(b) && literal(a) !== null) {
      const { target, sub } = resolve(b);
      return compare(target, sub, op, literal(a)!);
    }
    throw new Unmapped('comparison');
  };
  const and = (): Tree => {
    const parts = [primary()];
    while (peek()?.toLowerCase() === 'and' || peek() === '&&') {
      next();
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0] : { kind: 'all', parts };
  };
  const or = (): Tree => {
    const parts = [and()];
    while (peek()?.toLowerCase() === 'or' || peek() === '||') {
      next();
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { kind: 'any', parts };
  };
  const tree = or();
  if (i !== tokens.length) throw new Unmapped('trailing');
  return tree;
}

// --------------------------------------------------------------------------------------------
// The mapping

/**
 * Maps a parsed LimeSurvey survey to questionnaire items in the site's languages. The items pass
 * `validateQuestionnaire` when at least one language of the file is a language of the site
 * (`languages` is empty otherwise, and so are the items' texts).
 */
export function lssToQuestionnaire(survey: LssSurvey, siteLanguages: readonly string[], words: LssWords = ENGLISH_WORDS): LssMapping {
  const unsupported: LssUnsupported[] = [];
  const named = new Set<string>();
  const name = (element: string, reason: LssUnsupportedReason, detail?: string) => {
    const key = `${element}\u0000${reason}\u0000${detail ?? ''}`;
    if (named.has(key)) return;
    named.add(key);
    unsupported.push(
      detail === undefined ? { element, reason } : { element, reason, detail: detail.length > 500 ? `${detail.slice(0, 500)}…` : detail },
    );
  };

  // --- languages: the base language first, then the file's order; exact codes before first parts
  const site = new Set(siteLanguages);
  const fileLanguages = [survey.baseLanguage, ...survey.languages.filter((l) => l !== survey.baseLanguage)].filter(Boolean);
  const languages: Record<string, string> = {};
  const taken = new Set<string>();
  for (const l of fileLanguages)
    if (site.has(l.toLowerCase()) && !taken.has(l.toLowerCase())) {
      languages[l] = l.toLowerCase();
      taken.add(l.toLowerCase());
    }
  for (const l of fileLanguages) {
    const first = l.split(/[-_]/)[0].toLowerCase();
    if (!(l in languages) && site.has(first) && !taken.has(first)) {
      languages[l] = first;
      taken.add(first);
    }
  }
  for (const l of survey.languages) if (!(l in languages)) name(`language ${l}`, 'language_not_on_site');
  const firstSiteLanguage = Object.values(languages)[0] ?? siteLanguages[0] ?? 'en';

  /** A LimeSurvey text in the site's languages, as plain text cut to `max` (named when cut); undefined when empty. */
  const texts = (source: LocalizedText, max: number, element: string): LocalizedText | undefined => {
    const out: LocalizedText = {};
    let cut = false;
    let tailored = false;
    for (const [from, to] of Object.entries(languages)) {
      const text = htmlToText(source[from] ?? '');
      if (!text) continue;
      if (/\{[^{}\s][^{}]*\}/.test(text)) tailored = true;
      if (text.length > max) cut = true;
      out[to] = shorten(text, max);
    }
    if (cut) name(element, 'text_shortened');
    if (tailored) name(element, 'tailoring');
    return Object.keys(out).length ? out : undefined;
  };
  /** Fixed words (Yes, No, ...) in the languages carried over, English where a word is missing. */
  const word = (w: LocalizedText): LocalizedText => {
    const out: LocalizedText = {};
    for (const to of Object.values(languages)) out[to] = w[to] ?? w.en ?? Object.values(w)[0];
    return Object.keys(out).length ? out : { [firstSiteLanguage]: w.en ?? Object.values(w)[0] };
  };
  /** A plain label in every language carried over (numbers of a scale). */
  const same = (text: string): LocalizedText =>
    Object.fromEntries((Object.values(languages).length ? Object.values(languages) : [firstSiteLanguage]).map((l) => [l, text]));

  const idMaker = new IdMaker();
  const ids: Record<string, string[]> = {};
  const targets = new Map<number, Target>();
  const byCode = new Map<string, Target>();
  const items: ItemInput[] = [];
  const grouped = survey.settings.format?.trim() !== 'A';

  // --- question ids first, so that they keep their codes; then group ids
  const questionId = new Map<number, string>();
  for (const q of survey.questions) questionId.set(q.qid, idMaker.make(q.code));
  const groupId = new Map<number, string>();
  for (const g of survey.groups) groupId.set(g.gid, idMaker.make(`group_${g.gid}`, 'group'));

  /** The target of a name in an equation: a code, `CODE_SUB`, or SGQA `sidXgidXqid[SUB]`, with `.NAOK` and the like. */
  const resolve = (raw: string): { target: Target; sub: string } => {
    const nameText = raw.replace(/\.(NAOK|code|value)$/i, '');
    const sgqa = /^(\d+)X(\d+)X(\d+)(.*)$/.exec(nameText);
    if (sgqa) {
      const target = targets.get(Number(sgqa[3]));
      if (target) return { target, sub: sgqa[4] };
      throw new Unmapped('not an earlier question');
    }
    const direct = byCode.get(nameText);
    if (direct) return { target: direct, sub: '' };
    const us = nameText.lastIndexOf('_');
    if (us > 0) {
      const target = byCode.get(nameText.slice(0, us));
      if (target) return { target, sub: nameText.slice(us + 1) };
    }
    throw new Unmapped('not an earlier question');
  };

  /** The condition of a question from its conditions table rows: scenarios or'ed, fields and'ed, same field or'ed. */
  const fromConditions = (q: LssQuestion): Tree => {
    const scenarios = new Map<number, Map<string, Tree[]>>();
    for (const c of q.conditions) {
      if (c.cqid === 0 || c.cfieldname.startsWith('{') || c.value.startsWith('@')) throw new Unmapped('condition');
      if (c.method !== '==' && c.method !== '!=') throw new Unmapped('method');
      const target = targets.get(c.cqid);
      if (!target) throw new Unmapped('not an earlier question');
      const field = c.cfieldname.replace(/^\+/, '');
      const m = /^\d+X\d+X(\d+)(.*)$/.exec(field);
      const sub = m && Number(m[1]) === c.cqid ? m[2] : '';
      const byField = scenarios.get(c.scenario) ?? new Map<string, Tree[]>();
      scenarios.set(c.scenario, byField);
      const list = byField.get(field) ?? [];
      list.push(compare(target, sub, c.method, c.value));
      byField.set(field, list);
    }
    const any = (parts: Tree[]): Tree => (parts.length === 1 ? parts[0] : { kind: 'any', parts });
    const all = (parts: Tree[]): Tree => (parts.length === 1 ? parts[0] : { kind: 'all', parts });
    return any([...scenarios.values()].map((byField) => all([...byField.values()].map(any))));
  };

  /** The display condition of a question or group, or null; names what does not map. */
  const conditionOf = (element: string, relevance: string, q: LssQuestion | null): Condition | null => {
    try {
      if (q && q.conditions.length > 0) return flatten(fromConditions(q));
      if (!isConditionalRelevance(relevance)) return null;
      return flatten(parseRelevance(relevance, resolve));
    } catch (e) {
      if (!(e instanceof Unmapped)) throw e;
      if (q && q.conditions.length > 0) name(`conditions of ${element}`, 'condition_unmapped', relevance.trim() || undefined);
      else name(`relevance of ${element}`, 'relevance_unmapped', relevance.trim());
      return null;
    }
  };

  const questionsOfGroup = new Map<number, LssQuestion[]>();
  for (const q of survey.questions) questionsOfGroup.set(q.gid, [...(questionsOfGroup.get(q.gid) ?? []), q]);

  for (const g of survey.groups) {
    const groupElement = `group ${g.gid}`;
    const groupCondition = conditionOf(groupElement, g.relevance, null);
    addGroup(g, groupElement, groupCondition);
    for (const q of questionsOfGroup.get(g.gid) ?? []) addQuestion(q, grouped ? null : groupCondition);
  }

  function addGroup(g: LssGroup, element: string, condition: Condition | null): void {
    const title = texts(g.names, LIMITS.label, `name of ${element}`);
    const body = texts(g.descriptions, LIMITS.body, `description of ${element}`);
    const id = groupId.get(g.gid)!;
    if (grouped) {
      items.push({ id, type: 'page_break', ...(title ? { label: title } : {}), ...(condition ? { showIf: condition } : {}) });
      if (body) items.push({ id: idMaker.make(`${id}_text`), type: 'section', body });
    } else if (title || body) {
      items.push({ id, type: 'section', ...(title ? { label: title } : {}), ...(body ? { body } : {}), ...(condition ? { showIf: condition } : {}) });
    }
  }

  /** The question's own condition and its group's (all-in-one surveys), merged when both combine by all. */
  function merged(own: Condition | null, group: Condition | null, element: string): Condition | null {
    if (!group) return own;
    if (!own) return group;
    const single = (c: Condition) => c.combine === 'all' || c.rules.length === 1;
    if (single(own) && single(group) && own.rules.length + group.rules.length <= LIMITS.rules)
      return { combine: 'all', rules: [...group.rules, ...own.rules] };
    name(`relevance of ${element}`, 'relevance_unmapped', 'group and question conditions combined');
    return own;
  }

  function addQuestion(q: LssQuestion, groupCondition: Condition | null): void {
    const type = LSS_QUESTION_TYPES[q.type];
    const element = `question ${q.code} (type "${q.type}")`;
    const id = questionId.get(q.qid)!;
    const attr = (k: string) => (q.attributes[k] ?? '').trim();
    const int = (k: string): number | undefined => (/^-?\d+$/.test(attr(k)) ? Number(attr(k)) : undefined);
    const num = (k: string): number | undefined => (/^-?\d+(\.\d+)?$/.test(attr(k)) ? Number(attr(k)) : undefined);
    const sub0 = q.subquestions.filter((s) => s.scale === 0);
    const sub1 = q.subquestions.filter((s) => s.scale === 1);
    const answers0 = q.answerOptions.filter((a) => a.scale === 0);

    const mapsAnyway = q.type === '1' || (q.type === ':' && /^[1-9]/.test(attr('multiflexible_checkbox')));
    if (type.kind === null && !mapsAnyway) {
      name(element, 'unsupported_type');
      return;
    }
    const condition = merged(conditionOf(q.code, q.relevance, q), groupCondition, q.code);
    const label = q.type === 'X' ? same(q.code) : (texts(q.texts, LIMITS.label, `text of question ${q.code}`) ?? same(q.code));
    const help = texts(q.help, LIMITS.help, `help of question ${q.code}`);
    if (q.mandatory === 'S') name(element, 'soft_mandatory');
    const common = {
      label,
      ...(help ? { help } : {}),
      required: q.mandatory === 'Y',
      ...(condition ? { showIf: condition } : {}),
    };
    const index = items.length;
    const target: Target = { id, type: q.type, values: new Map(), parts: new Map(), index };

    const choices = (list: { code: string; texts: LocalizedText }[], what: string) => {
      const values = valuesOf(list.map((o) => o.code));
      return list.map((o) => ({
        value: values.get(o.code)!,
        label: texts(o.texts, LIMITS.option, `${what} ${o.code} of question ${q.code}`) ?? same(o.code),
      }));
    };
    const fixed = (pairs: [string, LocalizedText][]) => pairs.map(([code, label]) => ({ value: code.toLowerCase(), label }));
    const tooMany = (n: number, max: number) => {
      if (n <= max) return false;
      name(element, 'too_many', `${n} > ${max}`);
      return true;
    };
    const record = (made: ItemInput[], t: Target = target) => {
      items.push(...made);
      ids[q.code] = made.filter((i) => i.type !== 'section').map((i) => i.id);
      if (ids[q.code].length === 0) ids[q.code] = made.map((i) => i.id);
      targets.set(q.qid, t);
      byCode.set(q.code, t);
    };

    switch (q.type) {
      case 'L':
      case '!':
      case 'O':
      case '5':
      case 'Y':
      case 'G': {
        const options =
          q.type === '5'
            ? [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: same(String(n)) }))
            : q.type === 'Y'
              ? fixed([
                  ['Y', word(words.yes)],
                  ['N', word(words.no)],
                ])
              : q.type === 'G'
                ? fixed([
                    ['F', word(words.female)],
                    ['M', word(words.male)],
                  ])
                : choices(answers0, 'answer option');
        if (tooMany(options.length, LIMITS.options)) return;
        const allowOther = q.other && type.acceptsOther;
        const codes = q.type === 'L' || q.type === '!' || q.type === 'O' ? answers0.map((a) => a.code) : options.map((o) => o.value.toUpperCase());
        options.forEach((o, i) => target.values.set(codes[i], o.value));
        if (allowOther) target.values.set('-oth-', OTHER_VALUE);
        if (options.length < 2) {
          name(element, 'too_many', `${options.length} < 2`);
          return;
        }
        const choice: ItemInput = {
          id,
          type: 'single_choice',
          ...common,
          options,
          ...(q.type === '!' ? { display: 'list' as const } : {}),
          ...(allowOther ? { allowOther: true } : {}),
        };
        // A list with comment: the comment is a long text of its own, shown with the list.
        const comment: ItemInput[] =
          q.type === 'O'
            ? [{ id: idMaker.make(`${id}_comment`), type: 'long_text', label: word(words.comment), ...(condition ? { showIf: condition } : {}) }]
            : [];
        record([choice, ...comment]);
        return;
      }
      case 'M':
      case 'P': {
        if (tooMany(sub0.length, LIMITS.options)) return;
        const options = choices(sub0, 'subquestion');
        sub0.forEach((s, i) => target.values.set(s.code, options[i].value));
        if (q.other) target.values.set('-oth-', OTHER_VALUE);
        const n = options.length + (q.other ? 1 : 0);
        const min = int('min_answers');
        const max = int('max_answers');
        const limits = {
          ...(min !== undefined && min > 0 && min <= n ? { minChoices: min } : {}),
          ...(max !== undefined && max > 0 && max <= n && (min === undefined || max >= min) ? { maxChoices: max } : {}),
        };
        if (options.length < 2) {
          name(element, 'too_many', `${options.length} < 2`);
          return;
        }
        record([{ id, type: 'multiple_choice', ...common, options, ...(q.other ? { allowOther: true } : {}), ...limits }]);
        return;
      }
      case 'N': {
        const min = num('min_num_value_n');
        const max = num('max_num_value_n');
        const integer = attr('num_value_int_only') === '1';
        record([
          {
            id,
            type: 'number',
            ...common,
            ...(min !== undefined ? { min } : {}),
            ...(max !== undefined && (min === undefined || max >= min) ? { max } : {}),
            ...(integer ? { integer: true } : {}),
          },
        ]);
        return;
      }
      case 'K':
      case 'Q': {
        const made: ItemInput[] = [{ id, type: 'section', label, ...(help ? { body: help } : {}), ...(condition ? { showIf: condition } : {}) }];
        const values = valuesOf(sub0.map((s) => s.code));
        for (const s of sub0) {
          const partId = idMaker.make(`${id}_${values.get(s.code)}`);
          target.parts.set(s.code, partId);
          made.push({
            id: partId,
            type: q.type === 'K' ? 'number' : 'short_text',
            label: texts(s.texts, LIMITS.label, `subquestion ${s.code} of question ${q.code}`) ?? same(s.code),
            required: q.mandatory === 'Y',
            ...(condition ? { showIf: condition } : {}),
            ...(q.type === 'K' && attr('num_value_int_only') === '1' ? { integer: true } : {}),
          });
        }
        if (sub0.length === 0) {
          name(element, 'unsupported_type', 'no subquestion');
          return;
        }
        record(made);
        return;
      }
      case 'S':
      case 'T':
      case 'U': {
        const place = q.type === 'S' && /^[1-9]/.test(attr('location_mapservice'));
        const max = int('maximum_chars');
        const textType = place ? 'place' : q.type === 'S' ? 'short_text' : 'long_text';
        record([{ id, type: textType, ...common, ...(!place && max !== undefined && max >= 1 && max <= 50_000 ? { maxLength: max } : {}) }]);
        return;
      }
      case 'D': {
        const bound = (k: string) => {
          const v = attr(k);
          if (!v) return undefined;
          const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T][\d:]*)?$/.exec(v)?.[1];
          if (!iso) name(element, 'date_bound', `${k} = ${v}`);
          return iso;
        };
        const minDate = bound('date_min');
        const maxDate = bound('date_max');
        record([
          {
            id,
            type: 'date',
            ...common,
            ...(minDate ? { minDate } : {}),
            ...(maxDate && (!minDate || maxDate >= minDate) ? { maxDate } : {}),
          },
        ]);
        return;
      }
      case 'F':
      case 'H':
      case 'A':
      case 'B':
      case 'C':
      case 'E':
      case '1':
      case ':': {
        const rowValues = valuesOf(sub0.map((s) => s.code));
        const rows = sub0.map((s) => ({
          value: rowValues.get(s.code)!,
          label: texts(s.texts, LIMITS.option, `subquestion ${s.code} of question ${q.code}`) ?? same(s.code),
        }));
        const columns =
          q.type === 'A'
            ? [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: same(String(n)) }))
            : q.type === 'B'
              ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: String(n), label: same(String(n)) }))
              : q.type === 'C'
                ? fixed([
                    ['Y', word(words.yes)],
                    ['U', word(words.uncertain)],
                    ['N', word(words.no)],
                  ])
                : q.type === 'E'
                  ? fixed([
                      ['I', word(words.increase)],
                      ['S', word(words.same)],
                      ['D', word(words.decrease)],
                    ])
                  : q.type === ':'
                    ? choices(sub1, 'subquestion')
                    : choices(answers0, 'answer option');
        if (q.type === '1' && q.answerOptions.some((a) => a.scale === 1)) name(element, 'second_scale');
        if (tooMany(rows.length, LIMITS.rows) || tooMany(columns.length, LIMITS.columns)) return;
        if (rows.length < 1 || columns.length < 2) {
          name(element, 'too_many', `${rows.length} × ${columns.length}`);
          return;
        }
        record([{ id, type: 'matrix', ...common, rows, columns, ...(q.type === ':' ? { multiple: true } : {}) }]);
        return;
      }
      case 'R': {
        if (tooMany(answers0.length, LIMITS.options)) return;
        const options = choices(answers0, 'answer option');
        answers0.forEach((a, i) => target.values.set(a.code, options[i].value));
        if (options.length < 2) {
          name(element, 'too_many', `${options.length} < 2`);
          return;
        }
        const top = int('max_subquestions');
        record([{ id, type: 'ranking', ...common, options, ...(top !== undefined && top >= 1 && top < options.length ? { top } : {}) }]);
        return;
      }
      case '|': {
        const files = int('max_num_of_files');
        record([{ id, type: 'file', ...common, ...(files !== undefined && files >= 1 ? { maxFiles: Math.min(files, 20) } : {}) }]);
        if (files !== undefined && files > 20) name(element, 'too_many', `max_num_of_files = ${files}`);
        return;
      }
      case 'X': {
        const body = texts(q.texts, LIMITS.body, `text of question ${q.code}`);
        const extra = help
          ? Object.fromEntries(Object.entries(body ?? {}).map(([l, t]) => [l, shorten(help[l] ? `${t}\n\n${help[l]}` : t, LIMITS.body)]))
          : body;
        items.push({ id, type: 'section', ...(extra ? { body: extra } : { label: same(q.code) }), ...(condition ? { showIf: condition } : {}) });
        ids[q.code] = [id];
        return;
      }
      default:
        name(element, 'unsupported_type');
    }
  }

  // --- what the parser found that does not map (types, relevance and conditions are named above)
  const own = new Set<LssWarningReason>(['unsupported_type', 'relevance_unmapped', 'condition_unmapped', 'soft_mandatory', 'quota']);
  // The comment of a list with comment (O) is carried over as a long text (above).
  const commented = new Set(survey.questions.filter((q) => q.type === 'O').map((q) => `question ${q.code} (qid ${q.qid})`));
  for (const w of survey.warnings)
    if (!own.has(w.reason) && !(w.reason === 'unsupported_part' && commented.has(w.element) && w.message.startsWith('the comment of type O')))
      name(w.element, w.reason, w.message);
  for (const quota of survey.quotas) name(`quota ${quota.id}`, 'quota', quota.name);
  if (items.length > MAX_ITEMS) name(`${items.length} items`, 'too_many', `${items.length} > ${MAX_ITEMS}`);
  return { items, unsupported, languages, ids };
}
