/**
 * SPSS syntax with its data inline: a `.sps` file that SPSS (and PSPP, its free counterpart) runs to
 * build the data set with variable labels, value labels and measurement levels. Written from the
 * IBM SPSS Statistics Command Syntax Reference: DATA LIST LIST (free-field, one case per line), BEGIN
 * DATA / END DATA, VARIABLE LABELS, VALUE LABELS, VARIABLE LEVEL. Limits that syntax has: names of
 * at most 64 bytes, variable labels of at most 256 bytes, value labels of at most 120 bytes and
 * strings of at most 32,767 bytes; longer texts are cut at a character boundary. A line break inside
 * an answer cannot be written in inline data, so it becomes a space.
 */
import { labelIn, type SurveyRow, type SurveyVariable } from '../core/variables.js';

const encoder = new TextEncoder();

/** `text` cut to at most `maxBytes` UTF-8 bytes, never inside a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A quoted syntax string: double quotes doubled inside, line breaks as spaces. */
function quote(text: string, maxBytes: number): string {
  return `"${cutToBytes(text.replace(/[\r\n]+/g, ' '), maxBytes).replace(/"/g, '""')}"`;
}

/**
 * A data cell: numbers as they are (a dot for decimals), missing values empty, strings quoted.
 * Free-field data cannot double a quote inside a quoted value, so a string is enclosed in the
 * quote it does not contain; one holding both kinds has its double quotes turned into “ ”.
 */
function dataCell(value: string | number | null, v: SurveyVariable): string {
  if (value === null || value === '') return '';
  if (v.kind === 'numeric') return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const text = stringValue(value);
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

/** A string value as the data holds it: one line, at most 32,767 bytes, never both kinds of straight quote. */
function stringValue(value: string | number): string {
  let text = String(value).replace(/[\r\n]+/g, ' ');
  if (text.includes('"') && text.includes("'")) text = text.replace(/"([^"]*)"/g, '“$1”').replace(/"/g, '”');
  return cutToBytes(text, 32_767);
}

/** The widest string (in bytes) a string variable holds, at least 1, at most 32,767. */
function widthOf(rows: SurveyRow[], column: number): number {
  let width = 1;
  for (const row of rows) {
    const value = row[column];
    if (typeof value === 'string') width = Math.max(width, encoder.encode(stringValue(value)).length);
  }
  return Math.min(width, 32_767);
}

/**
 * The whole `.sps` text for `variables` and `rows`, with labels in `locale`. `title` names the
 * data set in a comment. Rows are written in the order given.
 */
export function writeSpssSyntax(variables: SurveyVariable[], rows: SurveyRow[], opts: { locale: string; title: string }): string {
  const out: string[] = [];
  out.push('* Encoding: UTF-8.');
  out.push(`* ${opts.title.replace(/[\r\n]+/g, ' ')}: ${rows.length} responses, ${variables.length} variables. Written by Polity.`);
  out.push('SET DECIMAL=DOT.');
  const formats = variables.map((v, i) => (v.kind === 'numeric' ? `${v.name} (F12.4)` : `${v.name} (A${widthOf(rows, i)})`));
  // Default delimiters (blanks or commas): the only form in which quoted values may hold commas.
  out.push(`DATA LIST LIST /${formats.join(' ')}.`);
  out.push('BEGIN DATA');
  for (const row of rows) out.push(variables.map((v, i) => dataCell(row[i] ?? null, v)).join(','));
  out.push('END DATA.');
  if (variables.length) {
    out.push('VARIABLE LABELS');
    out.push(variables.map((v) => `  ${v.name} ${quote(labelIn(v.label, opts.locale), 256)}`).join('\n /') + '.');
  }
  const labelled = variables.filter((v) => v.kind === 'numeric' && v.values?.length);
  if (labelled.length) {
    out.push('VALUE LABELS');
    out.push(
      labelled
        .map((v) => `  ${v.name}\n${(v.values ?? []).map((c) => `    ${c.code} ${quote(labelIn(c.label, opts.locale), 120)}`).join('\n')}`)
        .join('\n /') + '.',
    );
  }
  for (const level of ['nominal', 'ordinal', 'scale'] as const) {
    const names = variables.filter((v) => v.kind === 'numeric' && v.measure === level).map((v) => v.name);
    if (names.length) out.push(`VARIABLE LEVEL ${names.join(' ')} (${level.toUpperCase()}).`);
  }
  out.push('EXECUTE.');
  return out.join('\n') + '\n';
}
