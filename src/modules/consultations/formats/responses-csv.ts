import { csvLine } from '../../../kernel/csv.js';
import { labelIn, type SurveyRow, type SurveyVariable } from '../core/variables.js';

/**
 * Responses as CSV (RFC 4180): a header of variable names, then one line per response, with codes
 * (`labels: false`, for statistics software) or with the value labels in `locale` in place of the
 * codes (`labels: true`, for reading in a spreadsheet). Yields line by line so a large file streams.
 */
export function* responsesCsvLines(
  variables: SurveyVariable[],
  rows: Iterable<SurveyRow>,
  opts: { labels: boolean; locale: string },
): Generator<string> {
  yield csvLine(variables.map((v) => v.name)) + '\r\n';
  const labelOf = variables.map((v) =>
    opts.labels && v.values?.length ? new Map(v.values.map((c) => [c.code, labelIn(c.label, opts.locale)])) : null,
  );
  for (const row of rows) {
    yield csvLine(row.map((value, i) => (value !== null && labelOf[i]?.has(value as number) ? labelOf[i]!.get(value as number) : value))) + '\r\n';
  }
}
