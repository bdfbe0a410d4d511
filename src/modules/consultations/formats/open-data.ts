import { csvLine } from '../../../kernel/csv.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { OpenDataExport } from '../../../kernel/module.js';
import { OTHER_VALUE, type Item } from '../../questionnaires/index.js';
import type { ConsultationResults } from '../commands/results.js';
import type { ConsultationRow } from '../store/tables.js';

/** The licence of the consultations' open data (the site's open-data licence, as the library's and service requests'). */
export const OPEN_DATA_LICENCE = 'CC BY 4.0';
export const OPEN_DATA_LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';

/** The open-data files of published consultation results, as the /open-data page lists them. */
export const CONSULTATIONS_OPEN_DATA: OpenDataExport[] = [
  {
    id: 'consultations-results-json',
    title: 'consultations.openData.resultsJson',
    href: '/consultations/open-data/results.json',
    format: 'JSON',
    licence: OPEN_DATA_LICENCE,
  },
  {
    id: 'consultations-results-csv',
    title: 'consultations.openData.resultsCsv',
    href: '/consultations/open-data/results.csv',
    format: 'CSV',
    licence: OPEN_DATA_LICENCE,
  },
];

/** One consultation's published results with what names them: its questionnaire (current version) and the words for "other". */
export interface PublishedResults {
  consultation: ConsultationRow;
  items: readonly Item[];
  results: ConsultationResults;
}

/** An estimate as open data gives it: null when there is none (no respondent answered). */
const figure = (e: { estimate: number; se: number } | null | undefined) =>
  e && Number.isFinite(e.estimate) ? { estimate: e.estimate, se: Number.isFinite(e.se) ? e.se : null } : null;

/** The words of a category value: an option's or matrix column's label, "other", or none (scale points are their numbers). */
function valueLabel(item: Item | undefined, value: string, other: LocalizedText): LocalizedText | null {
  if (value === OTHER_VALUE) return other;
  return [...(item?.options ?? []), ...(item?.columns ?? [])].find((o) => o.value === value)?.label ?? null;
}

/** Whether the figures of a consultation are weighted (a method chosen and weighting worked), as the results page says. */
const isWeighted = (r: PublishedResults) => r.consultation.weighting.method !== 'none' && !r.results.weighting.problem;

/** The questions' figures of one consultation, named in every language written. */
function questionsOf(r: PublishedResults, other: LocalizedText) {
  const weighted = isWeighted(r);
  return r.results.questions.map((q) => {
    const item = r.items.find((i) => i.id === q.question);
    return {
      question: q.question,
      row: q.row ?? null,
      type: item?.type ?? null,
      label: item?.label ?? null,
      rowLabel: q.row ? (item?.rows?.find((x) => x.value === q.row)?.label ?? null) : null,
      answered: q.answered,
      shares: q.shares.map((s) => ({
        value: s.value,
        label: valueLabel(item, s.value, other),
        count: s.count,
        share: figure(s.share),
        weighted: weighted ? figure(s.weighted) : null,
      })),
      mean: q.mean ? { unweighted: figure(q.mean.unweighted), weighted: weighted ? figure(q.mean.weighted) : null } : null,
    };
  });
}

/**
 * Every published consultation's results as JSON: per consultation its respondents, how the
 * figures are weighted, each published question's shares (and mean) unweighted and weighted with
 * their standard errors, and the respondents' make-up beside the population's (what the public
 * results page shows).
 */
export function resultsJson(published: PublishedResults[], other: LocalizedText, origin: string, generatedAt: Date) {
  return {
    licence: OPEN_DATA_LICENCE,
    licenceUrl: OPEN_DATA_LICENCE_URL,
    source: `${origin}/consultations`,
    generatedAt: generatedAt.toISOString(),
    consultations: published.map((r) => ({
      id: r.consultation.id,
      slug: r.consultation.slug,
      url: `${origin}/consultations/${r.consultation.slug}/results`,
      title: r.consultation.title,
      respondents: r.results.respondents,
      weighting: {
        method: isWeighted(r) ? r.consultation.weighting.method : 'none',
        questions: isWeighted(r) ? r.consultation.weighting.questions : [],
        populationSource: r.consultation.margins?.source ?? null,
      },
      questions: questionsOf(r, other),
      representativeness: r.results.representativeness.map((x) => ({
        question: x.question,
        label: r.items.find((i) => i.id === x.question)?.label ?? null,
        answered: x.answered,
        distance: x.distance,
        rows: x.rows.map((row) => ({
          value: row.value,
          label: valueLabel(
            r.items.find((i) => i.id === x.question),
            row.value,
            other,
          ),
          respondents: row.respondents,
          sampleShare: row.sampleShare,
          populationShare: row.populationShare,
          gap: row.gap,
        })),
      })),
    })),
  };
}

const cell = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '' : n);

/**
 * The same figures as CSV, one line per answer category (`statistic` share) or per mean
 * (`statistic` mean) of each published question, with labels in each of `locales`.
 */
export function resultsCsv(published: PublishedResults[], other: LocalizedText, locales: readonly string[]): string {
  const per = (name: string) => locales.map((l) => `${name}_${l}`);
  const header = [
    'consultation',
    ...per('consultation_title'),
    'respondents',
    'weighting',
    'question',
    'matrix_row',
    ...per('question_label'),
    'answered',
    'statistic',
    'value',
    ...per('value_label'),
    'count',
    'estimate',
    'se',
    'weighted_estimate',
    'weighted_se',
    'licence',
  ];
  const lines = [csvLine(header)];
  const words = (t: LocalizedText | null | undefined) => locales.map((l) => t?.[l] ?? '');
  for (const r of published) {
    const weighting = isWeighted(r) ? r.consultation.weighting.method : 'none';
    for (const q of questionsOf(r, other)) {
      const label = words(q.label).map((w, i) => (q.rowLabel ? `${w}: ${q.rowLabel[locales[i]] ?? ''}` : w));
      const head = [
        r.consultation.slug,
        ...words(r.consultation.title),
        r.results.respondents,
        weighting,
        q.question,
        q.row ?? '',
        ...label,
        q.answered,
      ];
      for (const s of q.shares)
        lines.push(
          csvLine([
            ...head,
            'share',
            s.value,
            ...words(s.label),
            s.count,
            cell(s.share?.estimate),
            cell(s.share?.se),
            cell(s.weighted?.estimate),
            cell(s.weighted?.se),
            OPEN_DATA_LICENCE,
          ]),
        );
      if (q.mean)
        lines.push(
          csvLine([
            ...head,
            'mean',
            '',
            ...words(null),
            q.answered,
            cell(q.mean.unweighted?.estimate),
            cell(q.mean.unweighted?.se),
            cell(q.mean.weighted?.estimate),
            cell(q.mean.weighted?.se),
            OPEN_DATA_LICENCE,
          ]),
        );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
