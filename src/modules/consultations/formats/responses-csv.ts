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
    // Cells appended straight to the page's text (cheaper than a string or an array per line).
    let chunk = '';
    for (const row of rows) {
      for (let i = 0; i < width; i++) {
        if (i > 0) chunk += ',';
        chunk += writers[i](row[i]);
      }
      chunk += '\r\n';
    }
    yield chunk;
  }
}
