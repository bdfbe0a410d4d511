import { csvCell, csvLine } from '../../../kernel/csv.js';
import { labelIn, type SurveyRow, type SurveyVariable } from '../core/variables.js';

/**
 * Responses as CSV (RFC 4180): a header of variable names, then one line per response, with codes
 * (`labels: false`, for statistics software) or with the value labels in `locale` in place of the
 * codes (`labels: true`, for reading in a spreadsheet). Yields one chunk per page of rows, so a
 * large file streams.
 */
export async function* responsesCsvChunks(
  variables: SurveyVariable[],
  pages: AsyncIterable<SurveyRow[]>,
  opts: { labels: boolean; locale: string },
): AsyncGenerator<string> {
  yield csvLine(variables.map((v) => v.name)) + '\r\n';
  // One writer per column, chosen once: a label in place of a coded value, or the value itself.
  const writers = variables.map((v): ((value: unknown) => string) => {
    if (!opts.labels || !v.values?.length) return csvCell;
    const labelOf = new Map<unknown, string>(v.values.map((c) => [c.code, csvCell(labelIn(c.label, opts.locale))]));
    return (value) => (value !== null ? (labelOf.get(value) ?? csvCell(value)) : '');
  });
  const width = writers.length;
  for await (const rows of pages) {
    let chunk = '';
    for (const row of rows) {
      let line = width > 0 ? writers[0](row[0]) : '';
      for (let i = 1; i < width; i++) line += ',' + writers[i](row[i]);
      chunk += line + '\r\n';
    }
    yield chunk;
  }
}
