import { pickText } from '../../../kernel/i18n.js';
import { OTHER_VALUE, type Item } from '../../questionnaires/index.js';
import { categoriesOf } from '../core/results.js';
import type { ConsultationResults } from '../commands/results.js';

/** A figure as pages show it: a percentage with its standard error in percentage points. */
export interface PercentView {
  pct: number;
  se: number;
}

/** One question's results in the reader's language. */
export interface QuestionResultView {
  key: string;
  label: string;
  answered: number;
  rows: { label: string | null; count: number; share: PercentView | null; weighted: PercentView | null }[];
  mean: { unweighted: { value: number; se: number }; weighted: { value: number; se: number } | null } | null;
}

const pct = (e: { estimate: number; se: number } | null): PercentView | null =>
  e && Number.isFinite(e.estimate) ? { pct: 100 * e.estimate, se: 100 * (Number.isFinite(e.se) ? e.se : 0) } : null;

/** The label of a category value of an item: an option's or column's words, or the number itself; null for "other" (the page words it). */
function valueLabel(item: Item | undefined, value: string, locale: string, fallback: string): string | null {
  if (!item) return value;
  if (value === OTHER_VALUE) return null;
  const choice = [...item.options, ...(item.columns ?? [])].find((o) => o.value === value);
  return choice ? pickText(choice.label, locale, fallback).text : value;
}

/** Results with every question, option and matrix row named in the reader's language. */
export function presentResults(results: ConsultationResults, items: readonly Item[], locale: string, fallback: string): QuestionResultView[] {
  return results.questions.map((q) => {
    const item = items.find((i) => i.id === q.question);
    const label = item?.label ? pickText(item.label, locale, fallback).text : q.question;
    const row = q.row ? item?.rows?.find((r) => r.value === q.row) : undefined;
    return {
      key: q.row ? `${q.question}.${q.row}` : q.question,
      label: row ? `${label}: ${pickText(row.label, locale, fallback).text}` : label,
      answered: q.answered,
      rows: q.shares.map((s) => ({
        label: valueLabel(item, s.value, locale, fallback),
        count: s.count,
        share: pct(s.share),
        weighted: pct(s.weighted),
      })),
      mean: q.mean
        ? {
            unweighted: { value: q.mean.unweighted.estimate, se: q.mean.unweighted.se },
            weighted: q.mean.weighted ? { value: q.mean.weighted.estimate, se: q.mean.weighted.se } : null,
          }
        : null,
    };
  });
}

/** Representativeness in the reader's language: each demographic question's categories, respondents' and population's shares. */
export function presentRepresentativeness(results: ConsultationResults, items: readonly Item[], locale: string, fallback: string) {
  return results.representativeness.map((r) => {
    const item = items.find((i) => i.id === r.question);
    return {
      question: r.question,
      label: item?.label ? pickText(item.label, locale, fallback).text : r.question,
      answered: r.answered,
      distance: 100 * r.distance,
      rows: r.rows.map((x) => ({
        label: valueLabel(item, x.value, locale, fallback),
        respondents: x.respondents,
        sample: 100 * x.sampleShare,
        population: 100 * x.populationShare,
        gap: 100 * x.gap,
      })),
    };
  });
}

/** The groups results can be shown for: each demographic (single-choice) question and its categories, in the reader's language. */
export function groupChoices(items: readonly Item[], locale: string, fallback: string) {
  return items
    .filter((i) => i.demographic && categoriesOf(i)?.multiple === false)
    .map((i) => ({
      question: i.id,
      label: i.label ? pickText(i.label, locale, fallback).text : i.id,
      options: i.options.map((o) => ({ value: o.value, label: pickText(o.label, locale, fallback).text })),
    }));
}
