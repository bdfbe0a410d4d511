import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import { SHARES_TOLERANCE } from '../../../math/survey-weighting.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import type { Item } from '../../questionnaires/index.js';
import type { PopulationMargins } from '../store/tables.js';
import { readTypedNumber } from '../../../kernel/typed-number.js';

/**
 * Checks population margins against a questionnaire. Each margin belongs to a demographic
 * single-choice question and gives a figure to each of its options (a count, or a share when the
 * figures add up to 1). Refused, each named: a question that is not demographic single-choice
 * (`margins.<question>`), a category that is not one of its options or a figure that is not a
 * non-negative number (`margins.<question>.<category>`), shares that do not add up to 1, and
 * counts whose totals differ between questions (the population is one).
 */
export function checkMargins(
  items: readonly Item[],
  input: PopulationMargins,
): Result<PopulationMargins, { fields: FieldErrors; reasons: FieldReasons }> {
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  const refuse = (key: string, text: string, reason: string, values?: Record<string, string | number>) => {
    if (fields[key]) return;
    fields[key] = text;
    reasons[key] = { reason, ...(values ? { values } : {}) };
  };
  let countsTotal: { question: string; total: number } | null = null;
  for (const [question, margin] of Object.entries(input.margins)) {
    const key = `margins.${question}`;
    const item = items.find((i) => i.id === question);
    if (!item || item.type !== 'single_choice' || !item.demographic) {
      refuse(key, 'margins are given for demographic single-choice questions only', 'not_demographic');
      continue;
    }
    const options = new Set(item.options.map((o) => o.value));
    let sum = 0;
    let allShares = true;
    for (const [category, figure] of Object.entries(margin)) {
      if (!options.has(category)) refuse(`${key}.${category}`, `"${category}" is not an option of this question`, 'invalid_choice');
      else if (typeof figure !== 'number' || !Number.isFinite(figure) || figure < 0)
        refuse(`${key}.${category}`, 'a figure is a number of people (or a share) of at least 0', 'not_a_number');
      else {
        sum += figure;
        if (figure > 1) allShares = false;
      }
    }
    if (Object.keys(margin).length === 0) refuse(key, 'give a figure for each option', 'required');
    else if (allShares) {
      if (Math.abs(sum - 1) > SHARES_TOLERANCE)
        refuse(key, `the shares add up to ${Number(sum.toFixed(6))}, not 1`, 'shares_do_not_add_up', { sum: Number(sum.toFixed(6)) });
    } else if (countsTotal && Math.abs(sum - countsTotal.total) > SHARES_TOLERANCE * countsTotal.total) {
      refuse(key, `the figures add up to ${sum}, but those of ${countsTotal.question} to ${countsTotal.total}`, 'margin_totals_differ', {
        sum,
        other: countsTotal.question,
        total: countsTotal.total,
      });
    } else countsTotal ??= { question, total: sum };
  }
  if (Object.keys(fields).length) return err({ fields, reasons });
  return ok({ margins: input.margins, ...(input.source ? { source: input.source } : {}) });
}

/**
 * Reads margins from a table's rows (`question`, `category`, `population` columns), naming the
 * line of each bad row. Rows of one question are gathered into its margin.
 */
export function marginsFromRows(
  rows: { line: number; cells: Record<string, string> }[],
): Result<PopulationMargins, { fields: FieldErrors; reasons: FieldReasons }> {
  const margins: Record<string, Record<string, number>> = {};
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  for (const { line, cells } of rows) {
    const question = (cells.question ?? '').trim();
    const category = (cells.category ?? '').trim();
    const read = readTypedNumber(cells.population ?? '');
    if (!question || !category || !read.ok) {
      fields[`line.${line}`] = `line ${line}: give question, category and population (a number)`;
      reasons[`line.${line}`] = { reason: 'invalid_row', values: { line } };
      continue;
    }
    (margins[question] ??= {})[category] = read.value;
  }
  return Object.keys(fields).length ? err({ fields, reasons }) : ok({ margins });
}
