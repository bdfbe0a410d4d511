import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { err, ok, type Result } from '../../../kernel/result.js';

/**
 * LimeSurvey survey structure files (`.lss`): an XML `<document>` whose sections are database
 * tables, each written as `<fields>` (column names) and `<rows>` of `<row>` elements whose
 * children are the columns (values usually in CDATA). Layout source: LimeSurvey's exporter
 * (`application/helpers/export_helper.php`, `surveyGetXMLStructure`) and the files in
 * `../shared/data/surveys/limesurvey/` (README there says what each count means).
 *
 * Two layouts exist:
 * - DBVersion >= 400 (LimeSurvey 4+): one structural row per id in `groups`, `questions`,
 *   `subquestions`, `answers`; their texts sit in `group_l10ns`, `question_l10ns` and
 *   `answer_l10ns`, one row per language.
 * - older files: the `groups`, `questions`, `subquestions` and `answers` rows carry a `language`
 *   column and are repeated once per language. Counts are therefore of distinct ids (answers:
 *   distinct qid, scale and code), never of rows.
 *
 * Texts are kept as LimeSurvey stores them (HTML, with `{...}` tailoring); a page must sanitise
 * them before showing them.
 *
 * How LimeSurvey question types map to the generic kinds of the platform's questionnaire engine
 * (issue 13, "One questionnaire engine"); `LSS_QUESTION_TYPES[letter].kind` says the same in code:
 * - short text: `S` short free text (a map pin, "place", when `location_mapservice` is set);
 *   `Q` multiple short text becomes one short text per subquestion.
 * - long text: `T` long free text, `U` huge free text.
 * - single choice, radio: `L` list (radio, with "other, please say" when `other` = Y), `5` five
 *   point choice, `G` gender (F, M, no answer), `Y` yes/no. List: `!` dropdown (with other).
 *   `O` list with comment is a single choice plus a long text for the comment.
 * - multiple choice (minimum/maximum from `min_answers`/`max_answers`): `M` (with other).
 *   `P` multiple choice with comments: the choices map, the per-choice comments do not.
 * - linear scale with end labels: `5` may also be shown as one (1 to 5).
 * - number (range from `min_num_value_n`/`max_num_value_n`, whole numbers from
 *   `num_value_int_only`): `N`; `K` multiple numerical input becomes one number per
 *   subquestion (its sum bounds `min_num_value`/`max_num_value`/`equals_num_value` do not map).
 * - date (bounds `date_min`/`date_max`): `D`.
 * - matrix, one answer per row: `F` array, `H` array by column (rows and columns swapped),
 *   `A` (1 to 5), `B` (1 to 10), `C` (yes/no/uncertain), `E` (increase/same/decrease) with
 *   their fixed columns. Several answers per row: `:` array (numbers) with
 *   `multiflexible_checkbox` = 1.
 * - ranking (all, or the top N of `max_subquestions`): `R`; the items are answer options.
 * - file upload: `|`.
 * - text-only display: `X`.
 * No counterpart (named in the warnings when found): `*` equation, `I` language switch,
 * `1` array dual scale (two answers per row from two different scales), `;` array (texts) and
 * `:` array (numbers) without checkboxes (a grid of free inputs).
 */

/** The generic kinds of questions the platform's questionnaire engine offers (issue 13). */
export type GenericQuestionKind =
  | 'short_text'
  | 'long_text'
  | 'single_choice'
  | 'multiple_choice'
  | 'linear_scale'
  | 'number'
  | 'date'
  | 'matrix_single'
  | 'matrix_multiple'
  | 'ranking'
  | 'file_upload'
  | 'text_only';

/** One LimeSurvey question type: its name and the generic kind it maps to (null: no counterpart). */
export interface LssQuestionType {
  name: string;
  kind: GenericQuestionKind | null;
  /** Whether the type accepts "other" (`other` = Y), from LimeSurvey's `QuestionType.php`. */
  acceptsOther: boolean;
}

/**
 * The question type letters, names and "other" flags of LimeSurvey's
 * `application/models/QuestionType.php` (constants `QT_*`, `modelsAttributes()`), with the
 * generic kind each maps to (see the header comment for the details of each mapping).
 */
export const LSS_QUESTION_TYPES: Record<string, LssQuestionType> = {
  '1': { name: 'Array dual scale', kind: null, acceptsOther: false },
  '5': { name: '5 point choice', kind: 'single_choice', acceptsOther: false },
  A: { name: 'Array (5 point choice)', kind: 'matrix_single', acceptsOther: false },
  B: { name: 'Array (10 point choice)', kind: 'matrix_single', acceptsOther: false },
  C: { name: 'Array (Yes/No/Uncertain)', kind: 'matrix_single', acceptsOther: false },
  D: { name: 'Date/Time', kind: 'date', acceptsOther: false },
  E: { name: 'Array (Increase/Same/Decrease)', kind: 'matrix_single', acceptsOther: false },
  F: { name: 'Array', kind: 'matrix_single', acceptsOther: false },
  G: { name: 'Gender', kind: 'single_choice', acceptsOther: false },
  H: { name: 'Array by column', kind: 'matrix_single', acceptsOther: false },
  I: { name: 'Language switch', kind: null, acceptsOther: false },
  K: { name: 'Multiple numerical input', kind: 'number', acceptsOther: false },
  L: { name: 'List (Radio)', kind: 'single_choice', acceptsOther: true },
  M: { name: 'Multiple choice', kind: 'multiple_choice', acceptsOther: true },
  N: { name: 'Numerical input', kind: 'number', acceptsOther: false },
  O: { name: 'List with comment', kind: 'single_choice', acceptsOther: false },
  P: { name: 'Multiple choice with comments', kind: 'multiple_choice', acceptsOther: true },
  Q: { name: 'Multiple short text', kind: 'short_text', acceptsOther: false },
  R: { name: 'Ranking', kind: 'ranking', acceptsOther: false },
  S: { name: 'Short free text', kind: 'short_text', acceptsOther: false },
  T: { name: 'Long free text', kind: 'long_text', acceptsOther: false },
  U: { name: 'Huge free text', kind: 'long_text', acceptsOther: false },
  X: { name: 'Text display', kind: 'text_only', acceptsOther: false },
  Y: { name: 'Yes/No', kind: 'single_choice', acceptsOther: false },
  '!': { name: 'List (Dropdown)', kind: 'single_choice', acceptsOther: true },
  ':': { name: 'Array (Numbers)', kind: null, acceptsOther: false },
  ';': { name: 'Array (Texts)', kind: null, acceptsOther: false },
  '|': { name: 'File upload', kind: 'file_upload', acceptsOther: false },
  '*': { name: 'Equation', kind: null, acceptsOther: false },
};

/**
 * A text in each language it is given in: language code (as the file spells it) to text; the
 * kernel's `LocalizedText`, so a mapping can hand texts to the questionnaire engine unchanged.
 */
export type LanguageTexts = LocalizedText;

/** A question group (a page when the survey is shown group by group). */
export interface LssGroup {
  gid: number;
  order: number;
  names: LanguageTexts;
  descriptions: LanguageTexts;
  /** The group's relevance equation (`grelevance`); empty or `1` means always shown. */
  relevance: string;
  randomizationGroup: string;
}

/** A subquestion: a row (scale 0) or, for `:` and `;`, a column (scale 1) of its question. */
export interface LssSubquestion {
  qid: number;
  code: string;
  /** 0 = rows (Y axis), 1 = columns (X axis) of `:` and `;` arrays. */
  scale: number;
  order: number;
  texts: LanguageTexts;
  relevance: string;
}

/** An answer option of a question on one scale (scale 1 is the second scale of a dual-scale array `1`). */
export interface LssAnswerOption {
  code: string;
  scale: number;
  order: number;
  assessmentValue: number;
  texts: LanguageTexts;
}

/**
 * A LimeSurvey condition: question `qid` is shown when the answer to `cqid` (field `cfieldname`)
 * compares with `value` by `method`. Conditions of one scenario are combined (and, or between
 * conditions on the same field); scenarios are alternatives (or).
 */
export interface LssCondition {
  cid: number;
  qid: number;
  cqid: number;
  cfieldname: string;
  method: string;
  value: string;
  scenario: number;
}

/** A top-level question (a row with `parent_qid` = 0), with its subquestions and answer options. */
export interface LssQuestion {
  qid: number;
  gid: number;
  /** The question code (LimeSurvey's `title`). */
  code: string;
  /** The LimeSurvey type letter (a key of `LSS_QUESTION_TYPES`). */
  type: string;
  order: number;
  /** Y = required, S = soft (the respondent is reminded, may go on), N = optional. */
  mandatory: 'Y' | 'S' | 'N';
  /** Whether an "other, please say" choice is offered. */
  other: boolean;
  /**
   * The relevance equation (Expression Manager syntax); empty or `1` means always shown. When
   * the question has conditions, LimeSurvey writes this equation from them, so a mapping should
   * read `conditions` first.
   */
  relevance: string;
  texts: LanguageTexts;
  help: LanguageTexts;
  /** The validation regular expression (`preg`), empty when none. */
  validation: string;
  /** The question theme (`question_theme_name`, LimeSurvey 4+), null when the file has none. */
  themeName: string | null;
  /** Distinct subquestions, by scale, then order. */
  subquestions: LssSubquestion[];
  /** Distinct answer options, by scale, then order. */
  answerOptions: LssAnswerOption[];
  /** Attributes given once for every language (`min_answers`, `array_filter`, ...). */
  attributes: Record<string, string>;
  /** Attributes given per language (`prefix`, `em_validation_q_tip`, ...). */
  localizedAttributes: Record<string, LanguageTexts>;
  /** The conditions that decide whether this question is shown. */
  conditions: LssCondition[];
}

/** A quota member: respondents who gave `code` to question `qid` count towards the quota. */
export interface LssQuotaMember {
  qid: number;
  code: string;
}

/** A LimeSurvey quota: at most `limit` responses matching its members; `action` says what happens then. */
export interface LssQuota {
  id: number;
  name: string;
  limit: number;
  /** 1 = end the survey, 2 = let the respondent change the answer (LimeSurvey's `action`). */
  action: number;
  active: boolean;
  members: LssQuotaMember[];
  /** The message shown when the quota is full, per language. */
  messages: LanguageTexts;
}

/** Why part of a file is not imported as it is (stable codes, for pages to word). */
export type LssWarningReason =
  | 'unsupported_type'
  | 'unsupported_part'
  | 'soft_mandatory'
  | 'validation_pattern'
  | 'relevance_unmapped'
  | 'subquestion_relevance'
  | 'condition_unmapped'
  | 'attribute_unsupported'
  | 'attribute_unknown'
  | 'quota'
  | 'assessments'
  | 'section_not_imported'
  | 'randomization'
  | 'language_not_listed';

/** Something the importer keeps but the platform cannot apply, naming the element. */
export interface LssWarning {
  reason: LssWarningReason;
  /** The element: `question Q1 (qid 12)`, `group 3`, `section <assessments>`, ... */
  element: string;
  /** An English sentence for the command line. */
  message: string;
}

/** A LimeSurvey survey structure as read from an `.lss` file. */
export interface LssSurvey {
  surveyId: number;
  dbVersion: number;
  layout: 'l10n' | 'rows-per-language';
  /** The `<languages>` element, in file order (not necessarily the base language first). */
  languages: string[];
  baseLanguage: string;
  additionalLanguages: string[];
  titles: LanguageTexts;
  descriptions: LanguageTexts;
  welcomeTexts: LanguageTexts;
  endTexts: LanguageTexts;
  /** The `surveys` row as found (format, anonymized, assessments, ...). */
  settings: Record<string, string>;
  /** Each `surveys_languagesettings` row as found (e-mail templates, URLs, date format, ...), by language. */
  languageSettings: Record<string, Record<string, string>>;
  /** By group order. */
  groups: LssGroup[];
  /** Top-level questions, by group order then question order. */
  questions: LssQuestion[];
  conditions: LssCondition[];
  quotas: LssQuota[];
  /** The number of rows in `question_attributes`. */
  attributeRows: number;
  /** The sections of the document, in file order. */
  sections: string[];
  warnings: LssWarning[];
}

/**
 * Why a file is refused, with the English sentence the command line prints (parameters from
 * the file are cut to 200 characters).
 */
export const LSS_REASONS = {
  empty: () => 'the file is empty',
  not_xml: (p) => `the file is not well-formed XML: ${p.detail}`,
  doctype: () => 'the file declares a DOCTYPE; LimeSurvey files have none (its entities are not expanded)',
  not_limesurvey: (p) => `not a LimeSurvey survey structure: ${p.detail}`,
  section_missing: (p) => `the section <${p.section}> is missing`,
  section_shape: (p) => `the section <${p.section}> must hold <rows> of <row> elements`,
  field_missing: (p) => `the row has no <${p.field}>`,
  field_not_text: (p) => `<${p.field}> must hold text, not elements`,
  field_twice: (p) => `<${p.field}> appears more than once in the row`,
  bad_name: (p) => `"${p.value}" is not a valid ${p.field === 'attribute' ? 'attribute name' : 'language code'}`,
  not_integer: (p) => `<${p.field}> must be a whole number, found "${p.value}"`,
  unknown_type: (p) => `"${p.value}" is not a LimeSurvey question type (one of ${p.allowed})`,
  no_languages: () => 'the file names no language (<languages> and the surveys row are empty)',
  duplicate: (p) => `${p.what} ${p.id} appears twice (also in row ${p.first})`,
  inconsistent: (p) => `<${p.field}> of ${p.what} ${p.id} is "${p.value}" here but "${p.first}" in row ${p.firstRow}`,
  missing_group: (p) => `gid ${p.gid} names no group of <groups>`,
  missing_question: (p) => `qid ${p.qid} names no question of <questions>`,
  missing_parent: (p) => `parent_qid ${p.qid} names no top-level question of <questions>`,
  missing_answer: (p) => `aid ${p.aid} names no answer option of <answers>`,
  missing_quota: (p) => `quota_id ${p.id} names no quota of <quota>`,
} satisfies Record<string, (p: Record<string, string | number>) => string>;

/** A stable code for each way an `.lss` file is refused. */
export type LssReason = keyof typeof LSS_REASONS;

/** Where and why an `.lss` file is refused. */
export interface LssProblem {
  reason: LssReason;
  /** The element at fault: `<questions> row 4 (qid 12)`, `<document>`, or null for the whole file. */
  element: string | null;
  /** 1-based line of the element (or of the XML error), null when unknown. */
  line: number | null;
  params: Record<string, string | number>;
  /** `line 12, <questions> row 4 (qid 12): the row has no <type>`. */
  message: string;
}

/** Parses an `.lss` file's text into its survey structure, or says which element is wrong and why. */
export function parseLss(text: string): Result<LssSurvey, LssProblem> {
  try {
    return ok(readSurvey(text));
  } catch (e) {
    if (e instanceof Refusal) return err(e.problem);
    throw e;
  }
}

/** Whether a relevance equation is more than "always" (not empty, not `1`). */
export function isConditionalRelevance(relevance: string): boolean {
  const r = relevance.trim();
  return r !== '' && r !== '1';
}

/** Whether a question is shown only sometimes: it has a condition or a relevance other than always. */
export function isConditionalQuestion(q: LssQuestion): boolean {
  return q.conditions.length > 0 || isConditionalRelevance(q.relevance);
}

// ---------------------------------------------------------------------------------------------

class Refusal extends Error {
  constructor(readonly problem: LssProblem) {
    super(problem.message);
  }
}

function cut(value: string | number): string | number {
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

function refuse(reason: LssReason, element: string | null, line: number | null, params: Record<string, string | number> = {}): never {
  const p = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, cut(v)]));
  const where = [line === null ? null : `line ${line}`, element].filter(Boolean).join(', ');
  const message = `${where ? `${where}: ` : ''}${LSS_REASONS[reason](p)}`;
  throw new Refusal({ reason, element, line, params: p, message });
}

/** Where each `<row>` of each section starts (1-based lines), found by one scan of the tags. */
function locateRows(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const tag = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([^\s/>]+)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  const stack: string[] = [];
  let line = 1;
  let pos = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[2] === undefined) continue;
    for (let i = text.indexOf('\n', pos); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    pos = m.index;
    if (m[1] === '/') {
      stack.pop();
      continue;
    }
    if (m[2] === 'row' && stack.length === 3 && stack[0] === 'document' && stack[2] === 'rows') {
      const list = found.get(stack[1]) ?? [];
      list.push(line);
      found.set(stack[1], list);
    }
    if (m[3] !== '/') stack.push(m[2]);
  }
  return found;
}

type RawRow = Record<string, unknown>;

/** One `<row>` of a section, read field by field; errors name the section, row, id and line. */
class Row {
  constructor(
    readonly section: string,
    readonly index: number,
    readonly line: number | null,
    private readonly raw: RawRow,
    private readonly idField: string | null,
  ) {}

  /** `<questions> row 4 (qid 12)`. */
  get element(): string {
    const id = this.idField && this.has(this.idField) ? ` (${this.idField} ${this.text(this.idField)})` : '';
    return `<${this.section}> row ${this.index + 1}${id}`;
  }

  has(field: string): boolean {
    return Object.hasOwn(this.raw, field);
  }

  private text(field: string): string {
    const v = this.raw[field];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const twice = Array.isArray(v);
    const id = this.idField && field !== this.idField ? this.raw[this.idField] : undefined;
    const element = `<${this.section}> row ${this.index + 1}${typeof id === 'string' ? ` (${this.idField} ${id})` : ''}`;
    return refuse(twice ? 'field_twice' : 'field_not_text', element, this.line, { field });
  }

  /** A text field; `''` when absent unless required. */
  str(field: string, required = false): string {
    if (!this.has(field)) {
      if (required) this.fail('field_missing', { field });
      return '';
    }
    return this.text(field);
  }

  /** A required non-empty text field. */
  need(field: string): string {
    const v = this.str(field, true);
    if (v.trim() === '') this.fail('field_missing', { field });
    return v;
  }

  /** A whole-number field; `fallback` when absent or empty (required when no fallback). */
  int(field: string, fallback?: number): number {
    const v = this.str(field, fallback === undefined).trim();
    if (v === '' && fallback !== undefined) return fallback;
    if (!/^-?\d+$/.test(v)) this.fail('not_integer', { field, value: v });
    return Number(v);
  }

  fail(reason: LssReason, params: Record<string, string | number> = {}): never {
    return refuse(reason, this.element, this.line, params);
  }

  /** All fields as text (for the `surveys` row, kept as found). */
  all(): Record<string, string> {
    return Object.fromEntries(Object.keys(this.raw).map((k) => [k, this.text(k)]));
  }
}

const ROW_PATH = /^document\.[^.]+\.rows\.row$/;

/** Language codes as LimeSurvey writes them (`en`, `de-informal`, `zh-Hans`, `pt_BR`); also keeps `__proto__` out of keys. */
const LANGUAGE_CODE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,20})*$/;

/** Attribute names: letters, digits and underscores, starting with a letter. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: true,
  isArray: (_name, jPath) => ROW_PATH.test(String(jPath)) || jPath === 'document.languages.language',
});

/** Sections read into the structure. */
const READ_SECTIONS = new Set([
  'LimeSurveyDocType',
  'DBVersion',
  'languages',
  'answers',
  'answer_l10ns',
  'conditions',
  'groups',
  'group_l10ns',
  'questions',
  'subquestions',
  'question_l10ns',
  'question_attributes',
  'quota',
  'quota_members',
  'quota_languagesettings',
  'surveys',
  'surveys_languagesettings',
]);

/** Sections the platform has no counterpart for, with what they hold (named when they have rows). */
const UNSUPPORTED_SECTIONS: Record<string, string> = {
  assessments: 'assessments (scores and the messages shown for score ranges)',
  defaultvalues: 'default answers',
  defaultvalue_l10ns: 'default answers (their texts)',
  survey_url_parameters: 'URL parameters saved into answers',
  themes: 'survey themes',
  themes_inherited: 'inherited survey theme options',
  plugin_settings: 'plugin settings',
  label_sets: 'label sets',
  labels: 'labels',
};

function readSurvey(text: string): LssSurvey {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') refuse('empty', null, null);
  if (/<!DOCTYPE/i.test(text)) refuse('doctype', '<!DOCTYPE>', lineAt(text, text.search(/<!DOCTYPE/i)));
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const open = unclosedAtEnd(valid.err.msg);
    if (open) refuse('not_xml', null, text.split('\n').length, { detail: `the file ends inside <${open.join('>/<')}>: it is truncated` });
    refuse('not_xml', null, valid.err.line ?? null, { detail: valid.err.msg });
  }
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    // The validator accepted the text; a parser failure still means XML we cannot read.
    refuse('not_xml', null, null, { detail: e instanceof Error ? e.message : String(e) });
  }
  const doc = tree.document;
  if (!isObject(doc)) {
    const root = Object.keys(tree).find((k) => !k.startsWith('?')) ?? '(none)';
    refuse('not_limesurvey', `<${root}>`, null, { detail: `the root element is <${root}>, not <document>` });
  }
  const docType = typeof doc.LimeSurveyDocType === 'string' ? doc.LimeSurveyDocType.trim() : '';
  if (docType !== 'Survey')
    refuse('not_limesurvey', '<document>/<LimeSurveyDocType>', null, {
      detail: docType ? `<LimeSurveyDocType> is "${docType}", not "Survey"` : 'the document has no <LimeSurveyDocType>Survey</LimeSurveyDocType>',
    });
  const dbText = typeof doc.DBVersion === 'string' ? doc.DBVersion.trim() : '';
  if (!/^\d+$/.test(dbText)) refuse('not_integer', '<document>/<DBVersion>', null, { field: 'DBVersion', value: dbText });
  const dbVersion = Number(dbText);
  const perLanguageRows = dbVersion < 400;
  const lines = locateRows(text);
  const warnings: LssWarning[] = [];
  const warn = (reason: LssWarningReason, element: string, message: string) => warnings.push({ reason, element, message });

  const sections = Object.keys(doc);
  const rowsOf = (section: string, idField: string | null, required = false): Row[] => {
    const s = doc[section];
    if (s === undefined) {
      if (required) refuse('section_missing', '<document>', null, { section });
      return [];
    }
    if (s === '') return [];
    if (!isObject(s)) refuse('section_shape', `<${section}>`, null, { section });
    const rows = s.rows;
    if (rows === undefined || rows === '') return [];
    if (!isObject(rows)) refuse('section_shape', `<${section}>`, null, { section });
    const list = rows.row ?? [];
    if (!Array.isArray(list)) refuse('section_shape', `<${section}>`, null, { section });
    const at = lines.get(section) ?? [];
    return list.map((r: unknown, i: number) => {
      const raw = isObject(r) ? r : {};
      return new Row(section, i, at[i] ?? null, raw, idField);
    });
  };

  // --- survey settings and languages
  const surveyRows = rowsOf('surveys', 'sid', true);
  if (surveyRows.length === 0) refuse('section_missing', '<surveys>', null, { section: 'surveys/rows/row' });
  const surveyRow = surveyRows[0];
  const surveyId = surveyRow.int('sid');
  const settings = surveyRow.all();
  const listed = doc.languages;
  const languageList = isObject(listed) && Array.isArray(listed.language) ? listed.language : [];
  let languages = languageList.map((l) => (typeof l === 'string' ? l.trim() : '')).filter(Boolean);
  const additionalLanguages = surveyRow.str('additional_languages').split(/\s+/).filter(Boolean);
  const baseLanguage = surveyRow.str('language').trim() || languages[0] || '';
  if (languages.length === 0) languages = [baseLanguage, ...additionalLanguages].filter(Boolean);
  if (languages.length === 0) refuse('no_languages', '<languages>', null);
  for (const l of [...languages, ...additionalLanguages])
    if (!LANGUAGE_CODE.test(l)) refuse('bad_name', '<languages>', null, { field: 'language', value: l });
  const known = new Set(languages);
  const strays = new Map<string, string>();
  const language = (row: Row, field: string): string => {
    const l = row.need(field).trim();
    if (!LANGUAGE_CODE.test(l)) row.fail('bad_name', { field, value: l });
    if (!known.has(l) && !strays.has(l)) strays.set(l, row.element);
    return l;
  };

  const titles: LanguageTexts = {};
  const descriptions: LanguageTexts = {};
  const welcomeTexts: LanguageTexts = {};
  const endTexts: LanguageTexts = {};
  const languageSettings: Record<string, Record<string, string>> = {};
  for (const row of rowsOf('surveys_languagesettings', 'surveyls_language')) {
    const l = language(row, 'surveyls_language');
    languageSettings[l] = row.all();
    titles[l] = row.str('surveyls_title');
    descriptions[l] = row.str('surveyls_description');
    welcomeTexts[l] = row.str('surveyls_welcometext');
    endTexts[l] = row.str('surveyls_endtext');
  }

  // --- groups
  const groups = new Map<number, LssGroup>();
  const groupRow = new Map<number, Row>();
  for (const row of rowsOf('groups', 'gid', true)) {
    const gid = row.int('gid');
    let g = groups.get(gid);
    const first = groupRow.get(gid);
    if (g && first && !perLanguageRows) row.fail('duplicate', { what: 'group', id: gid, first: first.index + 1 });
    if (!g) {
      g = {
        gid,
        order: row.int('group_order', 0),
        names: {},
        descriptions: {},
        relevance: row.str('grelevance'),
        randomizationGroup: row.str('randomization_group'),
      };
      groups.set(gid, g);
      groupRow.set(gid, row);
    }
    if (perLanguageRows) {
      const l = language(row, 'language');
      if (Object.hasOwn(g.names, l) && first) row.fail('duplicate', { what: `group (language ${l})`, id: gid, first: first.index + 1 });
      g.names[l] = row.str('group_name');
      g.descriptions[l] = row.str('description');
    }
  }
  if (!perLanguageRows) {
    for (const row of rowsOf('group_l10ns', 'gid')) {
      const gid = row.int('gid');
      const g = groups.get(gid) ?? row.fail('missing_group', { gid });
      const l = language(row, 'language');
      g.names[l] = row.str('group_name');
      g.descriptions[l] = row.str('description');
    }
  }

  // --- questions and subquestions (either section may hold either kind)
  interface Entry {
    row: Row;
    qid: number;
    parent: number;
    texts: LanguageTexts;
    help: LanguageTexts;
    /** Languages whose row carries JavaScript (`script`). */
    scripted: string[];
  }
  const entries = new Map<number, Entry>();
  const questionRows = [...rowsOf('questions', 'qid', true), ...rowsOf('subquestions', 'qid')];
  for (const row of questionRows) {
    const qid = row.int('qid');
    const parent = row.int('parent_qid', 0);
    if (parent === 0) row.need('type');
    let e = entries.get(qid);
    if (e && !perLanguageRows) row.fail('duplicate', { what: 'question', id: qid, first: `${e.row.index + 1} of <${e.row.section}>` });
    if (e) {
      for (const field of ['parent_qid', 'gid', 'type', 'title', 'scale_id']) {
        const a = e.row.str(field).trim();
        const b = row.str(field).trim();
        if (a !== b)
          row.fail('inconsistent', { field, what: 'question', id: qid, value: b, first: a, firstRow: `${e.row.index + 1} of <${e.row.section}>` });
      }
    } else {
      e = { row, qid, parent, texts: {}, help: {}, scripted: [] };
      entries.set(qid, e);
    }
    if (perLanguageRows) {
      const l = language(row, 'language');
      if (Object.hasOwn(e.texts, l) && e.row !== row)
        row.fail('duplicate', { what: `question (language ${l})`, id: qid, first: `${e.row.index + 1} of <${e.row.section}>` });
      e.texts[l] = row.str('question');
      e.help[l] = row.str('help');
      if (row.str('script').trim()) e.scripted.push(l);
    }
  }
  if (!perLanguageRows) {
    for (const row of rowsOf('question_l10ns', 'qid')) {
      const qid = row.int('qid');
      const e = entries.get(qid) ?? row.fail('missing_question', { qid });
      const l = language(row, 'language');
      e.texts[l] = row.str('question');
      e.help[l] = row.str('help');
      if (row.str('script').trim()) e.scripted.push(l);
    }
  }

  const questions = new Map<number, LssQuestion>();
  const mandatoryOf = (v: string): LssQuestion['mandatory'] => (v === 'Y' ? 'Y' : v === 'S' ? 'S' : 'N');
  for (const e of entries.values()) {
    if (e.parent !== 0) continue;
    const { row } = e;
    const type = row.need('type').trim();
    if (!Object.hasOwn(LSS_QUESTION_TYPES, type)) row.fail('unknown_type', { value: type, allowed: Object.keys(LSS_QUESTION_TYPES).join(' ') });
    const gid = row.int('gid');
    if (!groups.has(gid)) row.fail('missing_group', { gid });
    const theme = row.has('question_theme_name') ? row.str('question_theme_name') : null;
    questions.set(e.qid, {
      qid: e.qid,
      gid,
      code: row.need('title'),
      type,
      order: row.int('question_order', 0),
      mandatory: mandatoryOf(row.str('mandatory').trim()),
      other: row.str('other').trim() === 'Y',
      relevance: row.str('relevance'),
      texts: e.texts,
      help: e.help,
      validation: row.str('preg'),
      themeName: theme,
      subquestions: [],
      answerOptions: [],
      attributes: {},
      localizedAttributes: {},
      conditions: [],
    });
  }
  const subquestionParent = new Map<number, LssQuestion>();
  for (const e of entries.values()) {
    if (e.parent === 0) continue;
    const q = questions.get(e.parent) ?? e.row.fail('missing_parent', { qid: e.parent });
    q.subquestions.push({
      qid: e.qid,
      code: e.row.need('title'),
      scale: e.row.int('scale_id', 0),
      order: e.row.int('question_order', 0),
      texts: e.texts,
      relevance: e.row.str('relevance'),
    });
    subquestionParent.set(e.qid, q);
  }

  // --- answer options
  const optionKey = (qid: number, scale: number, code: string) => `${qid}\u0000${scale}\u0000${code}`;
  const options = new Map<string, { option: LssAnswerOption; row: Row }>();
  const byAid = new Map<number, { option: LssAnswerOption; row: Row }>();
  for (const row of rowsOf('answers', perLanguageRows ? 'qid' : 'aid')) {
    const qid = row.int('qid');
    const q = questions.get(qid) ?? row.fail(subquestionParent.has(qid) ? 'missing_parent' : 'missing_question', { qid });
    const code = row.str('code', true);
    const scale = row.int('scale_id', 0);
    const key = optionKey(qid, scale, code);
    let found = options.get(key);
    if (found && !perLanguageRows)
      row.fail('duplicate', { what: `answer option (qid ${qid}, scale ${scale}, code)`, id: code, first: found.row.index + 1 });
    if (!found) {
      const value = row.str('assessment_value').trim();
      found = {
        option: {
          code,
          scale,
          order: row.int('sortorder', 0),
          assessmentValue: /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : 0,
          texts: {},
        },
        row,
      };
      options.set(key, found);
      q.answerOptions.push(found.option);
    }
    if (perLanguageRows) {
      const l = language(row, 'language');
      if (Object.hasOwn(found.option.texts, l) && found.row !== row)
        row.fail('duplicate', { what: `answer option (qid ${qid}, scale ${scale}, language ${l}, code)`, id: code, first: found.row.index + 1 });
      found.option.texts[l] = row.str('answer');
    } else {
      const aid = row.int('aid');
      const earlier = byAid.get(aid);
      if (earlier) row.fail('duplicate', { what: 'answer option aid', id: aid, first: earlier.row.index + 1 });
      byAid.set(aid, { option: found.option, row });
    }
  }
  if (!perLanguageRows) {
    for (const row of rowsOf('answer_l10ns', 'aid')) {
      const aid = row.int('aid');
      const { option } = byAid.get(aid) ?? row.fail('missing_answer', { aid });
      option.texts[language(row, 'language')] = row.str('answer');
    }
  }

  // --- conditions
  const conditions: LssCondition[] = [];
  for (const row of rowsOf('conditions', 'cid')) {
    const c: LssCondition = {
      cid: row.int('cid'),
      qid: row.int('qid'),
      cqid: row.int('cqid', 0),
      cfieldname: row.str('cfieldname'),
      method: row.str('method').trim(),
      value: row.str('value'),
      scenario: row.int('scenario', 1),
    };
    const q = questions.get(c.qid) ?? row.fail('missing_question', { qid: c.qid });
    if (c.cqid !== 0 && !questions.has(c.cqid)) row.fail('missing_question', { qid: c.cqid });
    q.conditions.push(c);
    conditions.push(c);
  }

  // --- question attributes
  const attributeRows = rowsOf('question_attributes', 'qid');
  for (const row of attributeRows) {
    const qid = row.int('qid');
    const name = row.need('attribute').trim();
    if (!ATTRIBUTE_NAME.test(name)) row.fail('bad_name', { field: 'attribute', value: name });
    const value = row.str('value');
    const l = row.has('language') && row.str('language').trim() ? language(row, 'language') : '';
    const q = questions.get(qid);
    if (!q) {
      const parent = subquestionParent.get(qid) ?? row.fail('missing_question', { qid });
      if (meaningful(value))
        warn(
          'attribute_unsupported',
          `subquestion of ${describeQuestion(parent)}`,
          `the attribute ${name} = "${cut(value)}" of subquestion qid ${qid} is not imported`,
        );
      continue;
    }
    if (l) {
      if (!Object.hasOwn(q.localizedAttributes, name)) q.localizedAttributes[name] = {};
      q.localizedAttributes[name][l] = value;
    } else q.attributes[name] = value;
  }

  // --- quotas
  const quotas = new Map<number, LssQuota>();
  for (const row of rowsOf('quota', 'id')) {
    const id = row.int('id');
    quotas.set(id, {
      id,
      name: row.str('name'),
      limit: row.int('qlimit', 0),
      action: row.int('action', 1),
      active: row.str('active').trim() !== '0',
      members: [],
      messages: {},
    });
  }
  for (const row of rowsOf('quota_members', 'id')) {
    const quotaId = row.int('quota_id');
    const quota = quotas.get(quotaId) ?? row.fail('missing_quota', { id: quotaId });
    const qid = row.int('qid');
    if (!questions.has(qid)) row.fail('missing_question', { qid });
    quota.members.push({ qid, code: row.str('code') });
  }
  for (const row of rowsOf('quota_languagesettings', 'quotals_quota_id')) {
    const quotaId = row.int('quotals_quota_id');
    const quota = quotas.get(quotaId) ?? row.fail('missing_quota', { id: quotaId });
    quota.messages[language(row, 'quotals_language')] = row.str('quotals_message');
  }

  // --- order
  const groupList = [...groups.values()].sort((a, b) => a.order - b.order || a.gid - b.gid);
  const groupIndex = new Map(groupList.map((g, i) => [g.gid, i]));
  const questionList = [...questions.values()].sort(
    (a, b) => (groupIndex.get(a.gid) ?? 0) - (groupIndex.get(b.gid) ?? 0) || a.order - b.order || a.qid - b.qid,
  );
  for (const q of questionList) {
    q.subquestions.sort((a, b) => a.scale - b.scale || a.order - b.order || a.qid - b.qid);
    q.answerOptions.sort((a, b) => a.scale - b.scale || a.order - b.order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  const survey: LssSurvey = {
    surveyId,
    dbVersion,
    layout: perLanguageRows ? 'rows-per-language' : 'l10n',
    languages,
    baseLanguage,
    additionalLanguages,
    titles,
    descriptions,
    welcomeTexts,
    endTexts,
    settings,
    languageSettings,
    groups: groupList,
    questions: questionList,
    conditions,
    quotas: [...quotas.values()],
    attributeRows: attributeRows.length,
    sections,
    warnings,
  };

  // --- what the platform cannot apply, named
  for (const [l, element] of strays)
    warn('language_not_listed', element, `texts in language "${l}", which <languages> does not list, are kept but not shown`);
  for (const section of sections) {
    if (READ_SECTIONS.has(section)) continue;
    const what = Object.hasOwn(UNSUPPORTED_SECTIONS, section) ? UNSUPPORTED_SECTIONS[section] : 'an unknown section';
    const content = doc[section];
    const table = isObject(content) && isObject(content.rows) ? content.rows.row : undefined;
    if (Array.isArray(table)) {
      const n = table.length;
      if (n > 0) warn('section_not_imported', `section <${section}>`, `${n} row${n === 1 ? '' : 's'} of ${what} not imported`);
    } else if (content !== '' && !(isObject(content) && (content.rows === '' || Object.keys(content).every((k) => k === 'fields'))))
      warn(
        'section_not_imported',
        `section <${section}>`,
        `${Object.hasOwn(UNSUPPORTED_SECTIONS, section) ? what : `${what} (not a table of rows)`} not imported`,
      );
  }
  if (settings.assessments?.trim() === 'Y')
    warn('assessments', 'survey setting assessments', 'assessments (scores computed from the answers) are on; the platform does not compute them');
  for (const g of groupList) {
    const element = `group ${g.gid} "${cut(g.names[baseLanguage] ?? Object.values(g.names)[0] ?? '')}"`;
    if (isConditionalRelevance(g.relevance)) warnRelevance(warn, element, g.relevance);
    if (g.randomizationGroup.trim())
      warn('randomization', element, `the randomization group "${g.randomizationGroup}" (shown in random order) is not applied`);
  }
  for (const q of questionList) {
    warnQuestion(warn, q);
    const scripted = entries.get(q.qid)?.scripted ?? [];
    if (scripted.length) warn('unsupported_part', describeQuestion(q), `the question's JavaScript (script, in ${scripted.join(', ')}) is not run`);
  }
  for (const quota of survey.quotas) {
    const action = quota.action === 1 ? 'end the survey' : quota.action === 2 ? 'let the respondent change the answer' : `action ${quota.action}`;
    warn(
      'quota',
      `quota ${quota.id} "${cut(quota.name)}"`,
      `the quota (at most ${quota.limit} responses, then ${action}${quota.active ? '' : ', inactive'}) is kept but not applied: the platform has no quotas`,
    );
  }
  return survey;
}

/**
 * The elements still open when the text ends, read from fast-xml-parser's validator message
 * ("Unclosed tag 'x'." for one, "Invalid '[\"a\", \"b\"]' found." for several); null for any other error.
 */
function unclosedAtEnd(message: string): string[] | null {
  const one = /^Unclosed tag '([^']+)'\.?$/.exec(message);
  if (one) return [one[1]];
  const many = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(message);
  if (!many) return null;
  try {
    const tags: unknown = JSON.parse(many[1]);
    return Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? tags : null;
  } catch {
    return null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function describeQuestion(q: LssQuestion): string {
  return `question ${q.code} (qid ${q.qid})`;
}

/** Whether an attribute's value does something (not empty, 0 or N). */
function meaningful(value: string): boolean {
  const v = value.trim();
  return v !== '' && v !== '0' && v !== 'N';
}

/**
 * Attributes that only change how a question looks, or that the mapping reads (bounds, limits,
 * other's label, ...): never named. Names as LimeSurvey's question attribute definitions spell
 * them (the question themes' config.xml, LimeSurvey 4+), gathered from the five files of
 * ../shared/data/surveys/limesurvey and the attributes of the types listed in the header.
 */
const KNOWN_ATTRIBUTES = new Set([
  // read by the mapping
  'min_answers',
  'max_answers',
  'max_subquestions',
  'min_num_value_n',
  'max_num_value_n',
  'num_value_int_only',
  'date_min',
  'date_max',
  'date_format',
  'other_replace_text',
  'multiflexible_checkbox',
  'multiflexible_min',
  'multiflexible_max',
  'multiflexible_step',
  'dualscale_headerA',
  'dualscale_headerB',
  'prefix',
  'suffix',
  'maximum_chars',
  'location_mapservice',
  'max_filesize',
  'max_num_of_files',
  'min_num_of_files',
  'allowed_filetypes',
  'show_title',
  'show_comment',
  'em_validation_q_tip',
  'em_validation_sq_tip',
  // presentation only
  'display_columns',
  'display_rows',
  'text_input_width',
  'text_input_columns',
  'input_size',
  'hide_tip',
  'cssclass',
  'answer_width',
  'answer_width_bycolumn',
  'repeat_headings',
  'use_dropdown',
  'dropdown_dates',
  'dropdown_dates_minute_step',
  'dropdown_dates_month_style',
  'dropdown_prefix',
  'dropdown_size',
  'dropdown_separators',
  'category_separator',
  'fix_height',
  'fix_width',
  'horizontal_scroll',
  'crop_or_resize',
  'keep_aspect',
  'button_size',
  'show_search',
  'show_tick',
  'width_entry',
  'samechoiceheight',
  'samelistheight',
  'show_handle',
  'show_number',
  'showpopups',
  'visualize',
  'only_pull',
  'choice_title',
  'rank_title',
  'other_position',
  'other_position_code',
  'alphasort',
  'page_break',
  'public_statistics',
  'statistics_showgraph',
  'statistics_graphtype',
  'statistics_showmap',
  'scale_export',
  'time_limit_action',
  'time_limit_disable_next',
  'time_limit_disable_prev',
  'time_limit_countdown_message',
  'time_limit_timer_style',
  'time_limit_message_delay',
  'time_limit_message',
  'time_limit_message_style',
  'time_limit_warning',
  'time_limit_warning_display_time',
  'time_limit_warning_message',
  'time_limit_warning_style',
  'time_limit_warning_2',
  'time_limit_warning_2_display_time',
  'time_limit_warning_2_message',
  'time_limit_warning_2_style',
  'location_mapheight',
  'location_mapwidth',
  'location_mapzoom',
  'location_nodefaultfromip',
  'location_postal',
  'location_city',
  'location_state',
  'location_country',
  'location_defaultcoordinates',
  'slider_layout',
  'slider_showminmax',
  'slider_middlestart',
  'slider_orientation',
  'slider_handle',
  'slider_separator',
  'slider_custom_handle',
  'slider_reset',
  'slider_rating',
  'addlineicon',
  'autoaddnewline',
  'add_platform_info',
  'printable_help',
  'question_template',
  'reverse',
  'parent_order',
  'save_as_default',
  'clear_default',
  'placeholder',
  'input_boxes',
  'answer_order',
  'assessment_value',
]);

/** Attributes that change behaviour and have no counterpart: named when set, with what they do. */
const UNSUPPORTED_ATTRIBUTES: Record<string, string> = {
  array_filter: 'shows only the rows chosen in another question',
  array_filter_exclude: 'hides the rows chosen in another question',
  array_filter_style: 'how filtered rows are hidden',
  exclude_all_others: 'a choice that clears and excludes the others',
  exclude_all_others_auto: 'checks the exclusive choice when nothing else is',
  random_order: 'shows the options in random order',
  random_group: 'shows questions of a group in random order',
  em_validation_q: 'validates the question with an expression',
  em_validation_sq: 'validates each subquestion with an expression',
  equals_num_value: 'the numbers must add up to a value',
  min_num_value: 'the numbers must add up to at least a value',
  max_num_value: 'the numbers must add up to at most a value',
  hidden: 'hides the question',
  time_limit: 'a time limit to answer',
  other_comment_mandatory: 'the comment of "other" is required',
  other_numbers_only: '"other" accepts numbers only',
  numbers_only: 'accepts numbers only',
  commented_checkbox: 'when a comment is asked for',
  commented_checkbox_auto: 'clears comments of unchecked choices',
  slider_min: 'a slider minimum',
  slider_max: 'a slider maximum',
  slider_default: 'a slider default value',
  slider_accuracy: 'a slider step',
  slider_default_set: 'whether the slider default is stored',
  value_range_allows_missing: 'lets range checks pass with missing values',
  code_filter: 'filters answer options by a code',
  min_answers_by_scale: 'minimum answers per scale',
  array_filter_by_scale: 'filters rows per scale',
};

/** The warnings of one question: its type, mandatory, validation, relevance, conditions, attributes. */
function warnQuestion(warn: (r: LssWarningReason, element: string, message: string) => void, q: LssQuestion): void {
  const element = describeQuestion(q);
  const type = LSS_QUESTION_TYPES[q.type];
  if (type.kind === null) {
    if (!(q.type === ':' && meaningful(q.attributes.multiflexible_checkbox ?? '')))
      warn('unsupported_type', element, `type ${q.type} (${type.name}) has no counterpart in the questionnaire engine`);
  }
  if (q.type === 'P') warn('unsupported_part', element, `the comment box beside each choice of type P (${type.name}) does not map`);
  if (q.type === 'O') warn('unsupported_part', element, 'the comment of type O (List with comment) maps to a separate long text');
  if (q.other && !type.acceptsOther) warn('unsupported_part', element, `"other" is set but type ${q.type} (${type.name}) does not offer it`);
  if (q.mandatory === 'S') warn('soft_mandatory', element, 'soft mandatory (a reminder the respondent may pass) is imported as optional');
  if (q.validation.trim()) warn('validation_pattern', element, `the validation pattern ${cut(q.validation)} is not applied`);
  if (isConditionalRelevance(q.relevance)) warnRelevance(warn, element, q.relevance);
  for (const s of q.subquestions)
    if (isConditionalRelevance(s.relevance))
      warn('subquestion_relevance', `${element}, subquestion ${s.code}`, `the subquestion's relevance "${cut(s.relevance)}" is not applied`);
  const scenarios = new Set(q.conditions.map((c) => c.scenario));
  for (const c of q.conditions) {
    const where = `${element}, condition ${c.cid}`;
    if (c.cqid === 0 || c.cfieldname.startsWith('{'))
      warn('condition_unmapped', where, `the condition on ${c.cfieldname} (a participant attribute) does not map`);
    else if (c.value.startsWith('@'))
      warn('condition_unmapped', where, `the condition compares with another answer (${c.value}), which does not map`);
    else if (c.method !== '==' && c.method !== '!=')
      warn('condition_unmapped', where, `the method "${c.method}" does not map (only ==, != and answered/not answered do)`);
  }
  if (scenarios.size > 1 && q.conditions.length > scenarios.size)
    warn('condition_unmapped', element, `${scenarios.size} scenarios of several conditions each need nested all/any groups, which do not map`);
  for (const [name, value] of Object.entries(q.attributes)) {
    if (!meaningful(value)) continue;
    const what = Object.hasOwn(UNSUPPORTED_ATTRIBUTES, name) ? UNSUPPORTED_ATTRIBUTES[name] : undefined;
    if (what) warn('attribute_unsupported', element, `the attribute ${name} = "${cut(value)}" (${what}) is not applied`);
    else if (!KNOWN_ATTRIBUTES.has(name)) warn('attribute_unknown', element, `the attribute ${name} = "${cut(value)}" is unknown and not applied`);
  }
  for (const [name, byLanguage] of Object.entries(q.localizedAttributes)) {
    if (KNOWN_ATTRIBUTES.has(name) || !Object.values(byLanguage).some(meaningful)) continue;
    const what = Object.hasOwn(UNSUPPORTED_ATTRIBUTES, name) ? UNSUPPORTED_ATTRIBUTES[name] : undefined;
    warn(
      what ? 'attribute_unsupported' : 'attribute_unknown',
      element,
      `the attribute ${name} (per language${what ? `: ${what}` : ''}) is not applied`,
    );
  }
}

/**
 * Names what a relevance equation (LimeSurvey's Expression Manager syntax) uses beyond the
 * display conditions of the questionnaire engine: answered, not answered (`is_empty`), equals,
 * not equals, combined with all (and) or any (or).
 */
function warnRelevance(warn: (r: LssWarningReason, element: string, message: string) => void, element: string, relevance: string): void {
  const unmapped = unmappedRelevanceParts(relevance);
  if (unmapped.length)
    warn(
      'relevance_unmapped',
      element,
      `the relevance "${cut(relevance.trim())}" uses ${unmapped.join(', ')}, which display conditions cannot express`,
    );
}

const MAPPABLE_FUNCTIONS = new Set(['is_empty']);

/**
 * The parts of an Expression Manager equation that do not map: functions other than
 * `is_empty`, comparisons other than ==/!=, arithmetic, `that.` references, tailoring braces,
 * and `and` mixed with `or` (nested groups). Tokenizer after LimeSurvey's
 * `application/helpers/expressions/em_core_helper.php` (`$RDP_regex`), simplified.
 */
export function unmappedRelevanceParts(relevance: string): string[] {
  const found = new Set<string>();
  const token =
    /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+X\d+X\d+[\w.]*|\d+(?:\.\d+)?(?![\w])|[A-Za-z_][\w.]*|==|!=|<=|>=|&&|\|\||[<>!+\-*/(),{}[\]=]|\S/g;
  const tokens = relevance.match(token) ?? [];
  let and = false;
  let or = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.toLowerCase();
    if (/^\d+X\d+X\d+/.test(t)) {
      if (/\.(?!NAOK$|code$|value$)\w+$/i.test(t)) found.add(`the property ${t.slice(t.indexOf('.'))}`);
      continue;
    }
    if (t.startsWith('"') || t.startsWith("'") || /^\d/.test(t) || t === '(' || t === ')' || t === ',' || t === '!') continue;
    if (t === '==' || t === '!=' || lower === 'eq' || lower === 'ne') continue;
    if (lower === 'and' || t === '&&') {
      and = true;
      continue;
    }
    if (lower === 'or' || t === '||') {
      or = true;
      continue;
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (tokens[i + 1] === '(') {
        if (!MAPPABLE_FUNCTIONS.has(lower)) found.add(`the function ${t}()`);
        continue;
      }
      if (/^that\./i.test(t)) found.add(`the reference ${t}`);
      else if (lower === 'not') continue;
      else if (['lt', 'le', 'gt', 'ge'].includes(lower)) found.add(`the comparison ${t}`);
      else if (/\.(?!NAOK$|code$|value$)\w+$/i.test(t)) found.add(`the property ${t.slice(t.indexOf('.'))}`);
      continue;
    }
    if (['<', '>', '<=', '>='].includes(t)) found.add(`the comparison ${t}`);
    else if (['+', '-', '*', '/'].includes(t)) found.add(`arithmetic (${t})`);
    else if (t === '{' || t === '}') found.add('tailoring braces {}');
    else if (t === '=') found.add('assignment (=)');
    else found.add(`"${t}"`);
  }
  if (and && or) found.add('"and" mixed with "or" (nested groups)');
  return [...found];
}
