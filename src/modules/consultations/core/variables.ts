import type { LocalizedText } from '../../../kernel/i18n.js';

/**
 * One column of a survey's data file, as statistical packages describe it: the CSV, SPSS and DDI
 * exports all start from the same list, so a variable has one name and one coding everywhere.
 */
export interface SurveyVariable {
  /** Letters, digits and underscores, starting with a letter (valid in SPSS, R and Stata). */
  name: string;
  /** The variable's label per language (the question, or the question and its row or option). */
  label: LocalizedText;
  /** The question as it was asked, per language, when it differs from the label (DDI's qstnLit). */
  question?: LocalizedText;
  /** The id of the questionnaire item it comes from (null for the response's own columns). */
  questionId: string | null;
  kind: 'numeric' | 'string';
  /** Nominal (categories), ordinal (ordered categories, ranks, scales) or scale (measured numbers). */
  measure: 'nominal' | 'ordinal' | 'scale';
  /** Value labels of a categorical numeric variable: code -> label per language. */
  values?: { code: number; label: LocalizedText }[];
}

/** One response's values, in the order of the variables; null when not answered. */
export type SurveyRow = (string | number | null)[];

/** The text of a label in `locale`, falling back to English, then to any language. */
export function labelIn(text: LocalizedText | undefined, locale: string): string {
  if (!text) return '';
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
}
