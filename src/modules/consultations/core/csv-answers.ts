import type { Reason } from '../../../kernel/errors.js';
import { isQuestionType, OTHER_VALUE, validateAnswers, type Answers, type Item } from '../../questionnaires/index.js';

/** One problem of an imported file: its spreadsheet row (the header is row 1), its column (question id) and why. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
  reason: Reason;
}

/** What reading imported rows gives: every row's cleaned answers, or every problem found. */
export type ImportReading = { ok: true; rows: Answers[] } | { ok: false; problems: ImportProblem[] };

const split = (cell: string) =>
  cell
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The columns a questionnaire's answers are imported from: `<id>` for each question, `<id>.<row>`
 * for each matrix row, and optional `<id>.other` (the "other" text of a choice) and `<id>.lat`,
 * `<id>.lon` (a place's point; `<id>` is then its words).
 */
export function importColumns(items: readonly Item[]): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    if (!isQuestionType(item.type) || item.type === 'file') continue;
    if (item.type === 'matrix') for (const row of item.rows ?? []) out.add(`${item.id}.${row.value}`);
    else out.add(item.id);
    if (item.allowOther) out.add(`${item.id}.other`);
    if (item.type === 'place') {
      out.add(`${item.id}.lat`);
      out.add(`${item.id}.lon`);
    }
  }
  return out;
}

/** One CSV record (header -> cell) as raw answers: choices by value, several separated by `;`, rankings in rank order. */
export function answersOfRecord(items: readonly Item[], record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (!isQuestionType(item.type) || item.type === 'file') continue;
    const cell = (record[item.id] ?? '').trim();
    const other = (record[`${item.id}.other`] ?? '').trim();
    switch (item.type) {
      case 'single_choice':
        out[item.id] = other ? { value: OTHER_VALUE, other } : cell;
        break;
      case 'multiple_choice':
        out[item.id] = other ? { values: split(cell).filter((v) => v !== OTHER_VALUE), other } : split(cell);
        break;
      case 'ranking':
        out[item.id] = split(cell);
        break;
      case 'matrix': {
        const rows: Record<string, string | string[]> = {};
        for (const row of item.rows ?? []) {
          const v = (record[`${item.id}.${row.value}`] ?? '').trim();
          rows[row.value] = item.multiple ? split(v) : v;
        }
        out[item.id] = rows;
        break;
      }
      case 'place':
        out[item.id] = { text: cell, lat: (record[`${item.id}.lat`] ?? '').trim(), lon: (record[`${item.id}.lon`] ?? '').trim() };
        break;
      default:
        out[item.id] = cell;
    }
  }
  return out;
}

/**
 * Reads imported records against a questionnaire, all or nothing: unknown columns are problems of
 * row 1 (the header); each row's answers are checked as an online submission (required answers,
 * conditions), and each refusal is a problem of that row and question. The column of a matrix's
 * problem is the question id.
 */
export function readImportedRecords(items: readonly Item[], header: readonly string[], records: readonly Record<string, string>[]): ImportReading {
  const problems: ImportProblem[] = [];
  const known = importColumns(items);
  for (const column of header)
    if (!known.has(column)) problems.push({ row: 1, column, message: 'not a question of this questionnaire', reason: { reason: 'unknown_field' } });
  const rows: Answers[] = [];
  records.forEach((record, i) => {
    const checked = validateAnswers(items, answersOfRecord(items, record), 'submit');
    for (const [column, message] of Object.entries(checked.errors))
      problems.push({ row: i + 2, column, message, reason: checked.reasons[column] ?? { reason: 'invalid' } });
    rows.push(checked.answers);
  });
  if (records.length === 0) problems.push({ row: 2, column: '', message: 'the file has no rows of answers', reason: { reason: 'required' } });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
