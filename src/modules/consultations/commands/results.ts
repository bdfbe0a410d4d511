import type { Deps } from '../../../db/context.js';
import { questionnaireOf } from './take-part.js';
import { LOCALES } from '../../../kernel/i18n.js';
import type { Item } from '../../questionnaires/index.js';
import { isQuestionType } from '../../questionnaires/index.js';
import {
  crossTab,
  groupOf,
  questionFigures,
  representativeness,
  SMALL_GROUP,
  trims,
  weightAnswerGroups,
  weightResponses,
  type Group,
  type QuestionFigures,
  type WeightingProblem,
} from '../core/results.js';
import { invalidInput } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { codeSurvey, type VariableWords } from '../core/survey-coding.js';
import { catalogueWords } from './catalogue-words.js';
import type { SurveyRow, SurveyVariable } from '../core/variables.js';
import { countAnswerGroups, listCountedResponses, pageResponseRows, type CountedResponse, type ResponseRow } from '../store/results.js';
import type { ConsultationRow } from '../store/tables.js';

const wordsOf = (id: string) => catalogueWords(id);

/** The words data files need, in every language. */
export function variableWords(): VariableWords {
  const join = wordsOf('consultations.export.join');
  return {
    other: wordsOf('consultations.export.other'),
    chosen: wordsOf('consultations.export.chosen'),
    notChosen: wordsOf('consultations.export.notChosen'),
    latitude: wordsOf('consultations.export.latitude'),
    longitude: wordsOf('consultations.export.longitude'),
    join: (question, part) =>
      Object.fromEntries(
        LOCALES.map((l) => [
          l,
          join[l]
            .replace('{question}', question?.[l] ?? question?.en ?? Object.values(question ?? {})[0] ?? '')
            .replace('{part}', part?.[l] ?? part?.en ?? Object.values(part ?? {})[0] ?? ''),
        ]),
      ),
  };
}

/** A consultation's results: respondents, how they were weighted, figures per question, representativeness. */
export interface ConsultationResults {
  respondents: number;
  weighting: { method: string; questions: string[]; unweightable: number; problem: WeightingProblem | null };
  questions: QuestionFigures[];
  representativeness: ReturnType<typeof representativeness>;
  /** Results by group: the category of a demographic question the figures are for (absent: everyone). */
  group?: ResultsGroup;
}

/**
 * The group results are for: its question and category (`value`), the category's words, its
 * respondents, `small` when it or the rest of the respondents are fewer than SMALL_GROUP, and
 * `withheld` when its figures (and size) were left out for that reason (the public never sees a
 * small group's figures).
 */
export interface ResultsGroup {
  question: string;
  value: string;
  label: string;
  /** Null when withheld: how many people a withheld group has is not told either. */
  respondents: number | null;
  small: boolean;
  withheld: boolean;
}

/** The figures of each question (every matrix row apart) among `only` (all when null). */
function figuresOf(
  items: readonly Item[],
  responses: CountedResponse[],
  w: Parameters<typeof questionFigures>[2],
  only: Set<string> | null,
  group: Group | null = null,
): QuestionFigures[] {
  const out: QuestionFigures[] = [];
  for (const item of items) {
    if (!isQuestionType(item.type) || (only && !only.has(item.id))) continue;
    if (item.type === 'matrix') for (const row of item.rows ?? []) out.push(questionFigures(item, responses, w, row.value, group));
    else out.push(questionFigures(item, responses, w, undefined, group));
  }
  return out;
}

/**
 * Computes results from the submitted responses: for staff every question (live), for the public
 * only the published questions. When weighting fails (a margin category nobody answered, ...) the
 * unweighted figures are still given, with the problem.
 */
export async function computeResults(
  deps: Deps,
  c: ConsultationRow,
  opts: { audience: 'staff' | 'public'; group?: GroupRequest },
): Promise<ConsultationResults> {
  const items = await questionnaireOf(deps, c);
  // The public sees published questions only: read just those (and what weighting needs).
  const needed =
    opts.audience === 'public'
      ? [...c.publishedQuestions, ...c.weighting.questions, ...Object.keys(c.margins?.margins ?? {}), ...(opts.group ? [opts.group.question] : [])]
      : undefined;
  const responses = await listCountedResponses(deps.db, c.siteId, c.id, { questions: needed });
  let problem: WeightingProblem | null = null;
  let weighting = weightResponses(items, responses, c.margins, c.weighting);
  if (!weighting.ok) {
    problem = weighting.error;
    weighting = weightResponses(items, responses, null, { method: 'none', questions: [] });
  }
  if (!weighting.ok) throw new Error('unweighted results cannot fail');
  const only = opts.audience === 'public' ? new Set(c.publishedQuestions) : null;
  let group: Group | null = null;
  let shown: ResultsGroup | undefined;
  if (opts.group) {
    const publicView = opts.group.withholdSmall;
    // The public groups only by a published question: an unpublished one stays unpublished.
    const found =
      publicView && !c.publishedQuestions.includes(opts.group.question)
        ? groupOf([], responses, opts.group.question, opts.group.value)
        : groupOf(items, responses, opts.group.question, opts.group.value);
    // For the public an empty group is only a small one, so that which categories nobody chose is not told.
    if (!found.ok && !(publicView && found.error.code === 'empty_group'))
      throw invalidInput({ group: found.error.message }, undefined, {
        group: { reason: found.error.code === 'empty_group' ? 'group_empty' : 'invalid_choice' },
      });
    group = found.ok ? found.value : null;
    const respondents = group?.respondents ?? 0;
    // A group is small when it, or everyone else, is too few: its figures and the whole's would give the other away.
    const small = respondents < SMALL_GROUP || responses.length - respondents < SMALL_GROUP;
    const withheld = small && publicView;
    const option = items.find((i) => i.id === opts.group?.question)?.options.find((o) => o.value === opts.group?.value);
    shown = {
      question: opts.group.question,
      value: opts.group.value,
      label: option ? pickText(option.label, opts.group.locale ?? 'en', opts.group.fallback ?? 'en').text : opts.group.value,
      respondents: withheld ? null : respondents,
      small,
      withheld,
    };
  }
  return {
    respondents: responses.length,
    weighting: { method: c.weighting.method, questions: c.weighting.questions, unweightable: weighting.value.unweightable, problem },
    questions: shown?.withheld ? [] : figuresOf(items, responses, weighting.value, only, group),
    representativeness: c.margins ? representativeness(items, responses, c.margins) : [],
    ...(shown ? { group: shown } : {}),
  };
}

/**
 * Results for one group: the demographic question and category, the reader's language for the
 * category's words, and whether a small group's figures are withheld (for the public).
 */
export interface GroupRequest {
  question: string;
  value: string;
  withholdSmall: boolean;
  locale?: string;
  fallback?: string;
}

/** Reads `?group=<question>:<value>` (null when absent or empty: everyone). */
export function parseGroupParam(param: string | null | undefined): { question: string; value: string } | null {
  if (!param) return null;
  const at = param.indexOf(':');
  if (at <= 0 || at === param.length - 1)
    throw invalidInput({ group: `"${param}" is not <question>:<category>` }, undefined, { group: { reason: 'invalid_format' } });
  return { question: param.slice(0, at), value: param.slice(at + 1) };
}

/** A cross-tab of a question (or matrix row) by a demographic question, weighted when the consultation is. Null when either has no categories. */
export async function computeCrossTab(deps: Deps, c: ConsultationRow, q: { question: string; by: string; row?: string; weighted?: boolean }) {
  const items = await questionnaireOf(deps, c);
  const item = items.find((i) => i.id === q.question);
  const by = items.find((i) => i.id === q.by);
  if (!item || !by) return null;
  // Identical answer combinations come grouped from the database, and each group is counted
  // (and weighted) once for all its respondents: nothing is read per response.
  const groups = await countAnswerGroups(deps.db, c.siteId, c.id, [q.question, q.by, ...(q.weighted ? c.weighting.questions : [])]);
  let weights: Float64Array | null = null;
  if (q.weighted) {
    const w = weightAnswerGroups(items, groups, c.margins, c.weighting);
    if (w.ok && w.value) weights = w.value;
  }
  return crossTab(item, by, groups, { weights, counts: groups.map((g) => g.count), row: q.row });
}

/** The response's own columns before the answers: id, time, channel, language, version. */
function responseColumns(): SurveyVariable[] {
  const v = (name: string, id: string): SurveyVariable => ({
    name,
    label: wordsOf(`consultations.export.${id}`),
    questionId: null,
    kind: 'string',
    measure: 'nominal',
  });
  return [
    v('response_id', 'response'),
    v('submitted_at', 'submittedAt'),
    v('channel', 'channel'),
    v('language', 'language'),
    { ...v('version', 'version'), kind: 'numeric', measure: 'ordinal' },
  ];
}

/** A consultation's data file: its variables and one row per submitted response (with the weight when results are weighted). */
export interface SurveyData {
  variables: SurveyVariable[];
  /** Rows in pages, read from the database as they are consumed. */
  pages: AsyncIterable<SurveyRow[]>;
  /** How many rows there are. */
  count: number;
  /** The channels the responses came by (online, paper, import). */
  channels: string[];
}

/**
 * Each response's weight, by its answers to the weighting questions (null: results are not
 * weighted, or weighting failed), with how many responses there are and the channels they came
 * by. The responses are counted in groups of the same weighting answers, in the order of their
 * first response, so raking gives the very weights it gives response by response; trimmed
 * weights are computed response by response.
 */
async function exportWeights(
  deps: Deps,
  c: ConsultationRow,
  items: readonly Item[],
): Promise<{ weightOf: ((r: { id: string; answers: Record<string, unknown> }) => number | null) | null; count: number; channels: string[] }> {
  const questions = c.weighting.method === 'none' ? [] : c.weighting.questions;
  // Trimming sums weights in respondent order, so trimmed weights are computed response by response.
  if (trims(c.weighting)) {
    const heads = await listCountedResponses(deps.db, c.siteId, c.id, { questions });
    const w = weightResponses(items, heads, c.margins, c.weighting);
    const weights = w.ok && w.value.weighted ? w.value.weighted.weights : null;
    const byId = weights ? new Map(heads.map((r, i) => [r.id, weights[i]])) : null;
    return {
      weightOf: byId ? (r) => byId.get(r.id) ?? null : null,
      count: heads.length,
      channels: [...new Set(heads.map((h) => h.channel))],
    };
  }
  const groups = await countAnswerGroups(deps.db, c.siteId, c.id, questions, { inSubmissionOrder: true });
  const w = weightAnswerGroups(items, groups, c.margins, c.weighting, { exact: true });
  const weights = w.ok ? w.value : null;
  // A response finds its group's weight by its answers to the weighting questions.
  // A key of those answers: each written with its length, so no two answer lists share one.
  const keyOf = (answers: Record<string, unknown>) => {
    let key = '';
    for (const q of questions) {
      const v = answers[q];
      const part = typeof v === 'string' ? v : JSON.stringify(v ?? null);
      key += `${typeof v === 'string' ? 's' : 'j'}${part.length}:${part}`;
    }
    return key;
  };
  const byKey = weights ? new Map(groups.map((g, k) => [keyOf(g.answers), weights[k]])) : null;
  return {
    weightOf: byKey ? (r) => byKey.get(keyOf(r.answers)) ?? null : null,
    count: groups.reduce((s, g) => s + g.count, 0),
    channels: [...new Set(groups.map((g) => g.channel as string))],
  };
}

/**
 * The data file of a consultation, streamed: the weights are computed first from the weighting
 * questions' answers alone, then the responses are read page by page and coded.
 */
export async function surveyData(deps: Deps, c: ConsultationRow, opts: { readAhead?: boolean } = {}): Promise<SurveyData> {
  const items = await questionnaireOf(deps, c);
  const coding = codeSurvey(items, variableWords());
  const source = pageResponseRows(deps.db, c.siteId, c.id);
  // For a file that is read at once, the first page is asked for while the weights are computed.
  const first = opts.readAhead ? source.next() : null;
  first?.catch(() => undefined);
  const { weightOf, count, channels } = await exportWeights(deps, c, items);
  const variables = [...responseColumns(), ...coding.variables];
  if (weightOf)
    variables.push({ name: 'weight', label: wordsOf('consultations.export.weight'), questionId: null, kind: 'numeric', measure: 'scale' });
  const width = variables.length;
  const readers = coding.readers;
  const code = (page: ResponseRow[]) =>
    page.map((r) => {
      const row: SurveyRow = new Array(width);
      row[0] = r.id;
      row[1] = r.submittedAt;
      row[2] = r.channel;
      row[3] = r.locale;
      row[4] = r.version;
      for (let k = 0; k < readers.length; k++) row[5 + k] = readers[k](r.answers);
      if (weightOf) row[5 + readers.length] = weightOf(r);
      return row;
    });
  async function* pages(): AsyncGenerator<SurveyRow[]> {
    if (first) {
      const got = await first;
      if (got.done) return;
      yield code(got.value);
    }
    for await (const page of source) yield code(page);
  }
  return { variables, pages: pages(), count, channels };
}

/** Every row of a data file, for formats that need them all at once (SPSS sizes its strings from them). */
export async function allRows(data: SurveyData): Promise<SurveyRow[]> {
  const out: SurveyRow[] = [];
  for await (const page of data.pages) out.push(...page);
  return out;
}
