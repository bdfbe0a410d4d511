import type { ChoicesWithOther, OtherChoice } from './items.js';

/**
 * Choice answers' shapes, read without the schemas (no zod here): display conditions run in the
 * browser too (the survey page's live conditions island), where every kilobyte counts.
 */

/** The value a choice answer carries when the respondent chose "other, please say". */
export const OTHER_VALUE = '_other';

/**
 * The choices of a single or multiple choice answer, whatever its shape: the option values and the
 * "other" text (null when not given). Exports and cross-tabs read choices through this.
 */
export function readChoices(answer: unknown): { values: string[]; other: string | null } {
  if (typeof answer === 'string') return { values: [answer], other: null };
  if (Array.isArray(answer)) return { values: answer.filter((v): v is string => typeof v === 'string'), other: null };
  if (answer && typeof answer === 'object') {
    const a = answer as Partial<ChoicesWithOther & OtherChoice>;
    const values = Array.isArray(a.values) ? a.values.filter((v): v is string => typeof v === 'string') : [];
    return { values, other: typeof a.other === 'string' ? a.other : null };
  }
  return { values: [], other: null };
}
