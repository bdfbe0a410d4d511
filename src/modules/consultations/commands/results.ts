import type { Deps } from '../../../db/context.js';
import { questionnaireOf } from './take-part.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { LOCALES } from '../../../kernel/i18n.js';
import type { Item } from '../../questionnaires/index.js';
import { isQuestionType } from '../../questionnaires/index.js';
import { crossTab, questionFigures, representativeness, weightResponses, type QuestionFigures, type WeightingProblem } from '../core/results.js';
import { groupOf, SMALL_GROUP, type Group } from '../core/results.js';
import { invalidInput } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { codeResponse, codeSurvey, type VariableWords } from '../core/survey-coding.js';
import type { SurveyRow, SurveyVariable } from '../core/variables.js';
import { countAnswerGroups, listCountedResponses, pageCountedResponses, type CountedResponse } from '../store/results.js';
import type { ConsultationRow } from '../store/tables.js';
import en from '../ui/messages/en.json' with { type: 'json' };
import es from '../ui/messages/es.json' with { type: 'json' };
import fr from '../ui/messages/fr.json' with { type: 'json' };
import pt from '../ui/messages/pt.json' with { type: 'json' };
import uk from '../ui/messages/uk.json' with { type: 'json' };

const CATALOGUES: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/** A catalogue message in every language of the platform. */
function wordsOf(id: string): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, CATALOGUES[l][id] ?? en[id as keyof typeof en]]));
}

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
 * respondents, `small` when fewer than SMALL_GROUP, and `withheld` when its figures were left out
 * for that reason (the public never sees a small group's figures).
 */
export interface ResultsGroup {
  question: string;
  value: string;
  label: string;
  respondents: number;
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
    const found = groupOf(items, responses, opts.group.question, opts.group.value);
    if (!found.ok)
      throw invalidInput({ group: found.error.message }, undefined, {
        group: { reason: found.error.code === 'empty_group' ? 'group_empty' : 'invalid_choice' },
      });
    group = found.value;
    const small = group.respondents < SMALL_GROUP;
    const option = items.find((i) => i.id === group?.question)?.options.find((o) => o.value === group?.value);
    shown = {
      question: group.question,
      value: group.value,
      label: option ? pickText(option.label, opts.group.locale ?? 'en', opts.group.fallback ?? 'en').text : group.value,
      respondents: group.respondents,
      small,
      withheld: small && opts.group.withholdSmall,
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
  // Identical answer combinations come grouped from the database; each group stands for its
  // respondents (one shared answers object each), so nothing is parsed per response.
  const groups = await countAnswerGroups(deps.db, c.siteId, c.id, [q.question, q.by, ...(q.weighted ? c.weighting.questions : [])]);
  const responses: { id: string; answers: Record<string, unknown> }[] = [];
  for (const g of groups) for (let k = 0; k < g.count; k++) responses.push({ id: String(responses.length), answers: g.answers });
  let weights: Float64Array | null = null;
  if (q.weighted) {
    const w = weightResponses(items, responses, c.margins, c.weighting);
    if (w.ok && w.value.weighted) weights = w.value.weighted.weights;
  }
  return crossTab(item, by, responses, { weights, row: q.row });
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
 * The data file of a consultation, streamed: the weights are computed first from the weighting
 * questions' answers alone, then the responses are read page by page and coded.
 */
export async function surveyData(deps: Deps, c: ConsultationRow): Promise<SurveyData> {
  const items = await questionnaireOf(deps, c);
  const coding = codeSurvey(items, variableWords());
  const heads = await listCountedResponses(deps.db, c.siteId, c.id, { questions: c.weighting.questions });
  const w = weightResponses(items, heads, c.margins, c.weighting);
  const weightOf = w.ok && w.value.weighted ? new Map(heads.map((r, i) => [r.id, (w.value.weighted as { weights: Float64Array }).weights[i]])) : null;
  const variables = [...responseColumns(), ...coding.variables];
  if (weightOf)
    variables.push({ name: 'weight', label: wordsOf('consultations.export.weight'), questionId: null, kind: 'numeric', measure: 'scale' });
  async function* pages(): AsyncGenerator<SurveyRow[]> {
    for await (const page of pageCountedResponses(deps.db, c.siteId, c.id)) {
      yield page.map((r) => {
        const row: SurveyRow = [r.id, r.submittedAt?.toISOString() ?? null, r.channel, r.locale, r.version, ...codeResponse(coding, r.answers)];
        if (weightOf) row.push(weightOf.get(r.id) ?? null);
        return row;
      });
    }
  }
  return { variables, pages: pages(), count: heads.length, channels: [...new Set(heads.map((h) => h.channel))] };
}

/** Every row of a data file, for formats that need them all at once (SPSS sizes its strings from them). */
export async function allRows(data: SurveyData): Promise<SurveyRow[]> {
  const out: SurveyRow[] = [];
  for await (const page of data.pages) out.push(...page);
  return out;
}
