import { CsvSyntaxError, readCsvRecords } from '../../../kernel/csv.js';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { readImportedRecords, type ImportProblem } from '../core/csv-answers.js';
import { consultationResponses, type ConsultationRow } from '../store/tables.js';
import { questionnaireOf } from './take-part.js';

/** The largest CSV file imported at once. */
export const MAX_IMPORT_BYTES = 5_000_000;
/** The most rows imported at once. */
export const MAX_IMPORT_ROWS = 20_000;

/** What an import did: how many responses it stored, or every problem (then it stored nothing). */
export interface ImportOutcome {
  imported: number;
  problems: ImportProblem[];
}

const refused = (problems: ImportProblem[]): ImportOutcome => ({ imported: 0, problems });

/**
 * Imports responses from a CSV file (editors): a header of question ids (see importColumns), then
 * one row per response. All or nothing: any problem refuses the whole file and every problem is
 * given back by row and column. Each row becomes a `submitted` response on channel `import`, for the current
 * questionnaire version. Read with csv-parse (RFC 4180; a byte order mark is skipped).
 */
export async function importResponses(
  deps: Deps,
  c: ConsultationRow,
  csv: string,
  opts: { actorId?: string; locale: string },
): Promise<ImportOutcome> {
  if (c.status === 'draft')
    throw new AppError('invalid_state', 'This consultation is still a draft.', {
      reason: { reason: 'consultations_not_open', values: { phase: 'draft' } },
    });
  if (csv.length > MAX_IMPORT_BYTES)
    return refused([{ row: 0, column: '', message: `at most ${MAX_IMPORT_BYTES} bytes`, reason: { reason: 'too_large' } }]);
  let table: string[][];
  try {
    table = readCsvRecords(csv).map((r) => r.cells);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return refused([{ row: e.line, column: '', message: e.message, reason: { reason: 'invalid_csv' } }]);
  }
  if (table.length === 0) return refused([{ row: 1, column: '', message: 'no header row', reason: { reason: 'required' } }]);
  const header = table[0].map((h) => h.trim());
  const records = table.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  if (records.length > MAX_IMPORT_ROWS)
    return refused([
      { row: 0, column: '', message: `at most ${MAX_IMPORT_ROWS} rows`, reason: { reason: 'too_many', values: { max: MAX_IMPORT_ROWS } } },
    ]);
  const items = await questionnaireOf(deps, c);
  const reading = readImportedRecords(items, header, records);
  if (!reading.ok) return refused(reading.problems);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    for (let i = 0; i < reading.rows.length; i += 500) {
      await tx.insert(consultationResponses).values(
        reading.rows.slice(i, i + 500).map((answers) => {
          const id = newId();
          return {
            id,
            siteId: c.siteId,
            consultationId: c.id,
            version: c.currentVersion,
            respondentKey: `import:${id}`,
            channel: 'import' as const,
            status: 'submitted' as const,
            answers,
            locale: opts.locale,
            enteredBy: opts.actorId ?? null,
            submittedAt: now,
            createdAt: now,
            updatedAt: now,
          };
        }),
      );
    }
  });
  return { imported: reading.rows.length, problems: [] };
}
