import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { validateQuestionnaire, type Item } from '../../questionnaires/index.js';
import { findQuestionnaireVersion } from '../store/consultations.js';
import { countResponsesForVersion } from '../store/responses.js';
import { consultationQuestionnaires, consultations, type ConsultationRow } from '../store/tables.js';

/** What saving a questionnaire did: nothing (the same items), replaced the current version, or made a new one. */
export interface SavedQuestionnaire {
  version: number;
  items: Item[];
  outcome: 'unchanged' | 'replaced' | 'new_version';
}

/**
 * A short fingerprint of a questionnaire's items (as saved): an editor's form carries the one it
 * was drawn from, so that a save made on a stale copy is refused instead of undoing what someone
 * else saved meanwhile.
 */
export function questionnaireFingerprint(items: readonly unknown[] | null): string {
  return createHash('sha256')
    .update(canonical(items ?? []))
    .digest('hex')
    .slice(0, 16);
}

/** JSON with object keys sorted, so that items read back from jsonb (which orders keys its own way) compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Saves a consultation's questionnaire (checked by the engine's validateQuestionnaire). While no
 * response of any status exists for the current version, that version is replaced in place;
 * once one does, a change makes a new version (current + 1) that new responses are given for,
 * and every stored response keeps the version it was given for (a draft moves on when resumed).
 * With `basedOn` (questionnaireFingerprint of the items the change was made on), a change made on
 * a copy that is no longer current is refused.
 */
export async function saveQuestionnaire(
  deps: Deps,
  consultation: ConsultationRow,
  input: unknown,
  opts: { actorId?: string; basedOn?: string } = {},
): Promise<SavedQuestionnaire> {
  const checked = validateQuestionnaire(input);
  if (!checked.ok)
    throw new AppError('invalid_input', 'The questionnaire is not valid.', {
      fields: checked.error.fields,
      reasons: checked.error.reasons,
      reason: { reason: 'questionnaire_invalid' },
    });
  const items = checked.value;
  const { siteId, id: consultationId } = consultation;
  return inTransaction(deps.db, async (tx) => {
    // Read the current version inside the transaction, locking the consultation's row so two saves do not both add a version.
    const [current] = await tx
      .select({ version: consultations.currentVersion })
      .from(consultations)
      .where(and(eq(consultations.siteId, siteId), eq(consultations.id, consultationId)))
      .for('update');
    const version = current.version;
    const before = await findQuestionnaireVersion(tx, siteId, consultationId, version);
    if (opts.basedOn !== undefined && questionnaireFingerprint(before) !== opts.basedOn)
      throw new AppError(
        'conflict',
        'The questionnaire was changed by someone else since this form was opened: look at it again and redo the change.',
        {
          reason: { reason: 'edited_meanwhile' },
        },
      );
    if (before && canonical(before) === canonical(items)) return { version, items, outcome: 'unchanged' as const };
    const now = deps.clock.now();
    const answered = (await countResponsesForVersion(tx, siteId, consultationId, version)) > 0;
    if (!answered) {
      if (before)
        await tx
          .update(consultationQuestionnaires)
          .set({ items, createdBy: opts.actorId ?? null, createdAt: now })
          .where(
            and(
              eq(consultationQuestionnaires.siteId, siteId),
              eq(consultationQuestionnaires.consultationId, consultationId),
              eq(consultationQuestionnaires.version, version),
            ),
          );
      else
        await tx
          .insert(consultationQuestionnaires)
          .values({ siteId, consultationId, version, items, createdBy: opts.actorId ?? null, createdAt: now });
      return { version, items, outcome: 'replaced' as const };
    }
    const next = version + 1;
    await tx
      .insert(consultationQuestionnaires)
      .values({ siteId, consultationId, version: next, items, createdBy: opts.actorId ?? null, createdAt: now });
    await tx
      .update(consultations)
      .set({ currentVersion: next, updatedAt: now })
      .where(and(eq(consultations.siteId, siteId), eq(consultations.id, consultationId)));
    return { version: next, items, outcome: 'new_version' as const };
  });
}
