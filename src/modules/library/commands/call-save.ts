import type { Deps } from '../../../db/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { callInput, type CallInput } from '../core/call.js';
import { validateQuestionnaire } from '../core/questionnaire.js';
import { countSubmissionsOfCall, findCallById } from '../store/calls.js';
import { breakingChanges, compareQuestionnaires } from '../../questionnaires/index.js';
import { libraryCalls, type CallRow } from '../store/calls-tables.js';
import { and, eq } from 'drizzle-orm';
import { isUniqueViolation } from '../../../db/connection.js';

/**
 * Creates a call, or replaces it when `opts.id` is given. The questionnaire is checked question
 * by question; a published call must also map a required question to every case-study field
 * without a default, so any complete submission can be accepted as a case study. Once a call has
 * submissions (drafts included), a change that could make a stored answer invalid (a question
 * removed or retyped, an option removed, a limit narrowed: see the questionnaire engine's
 * `compareQuestionnaires`) is refused, naming each question (`change_breaks_answers`).
 */
export async function saveCall(deps: Deps, siteId: string, input: CallInput, opts: { id?: string; actorId?: string } = {}): Promise<CallRow> {
  const data = parseInput(callInput, input);
  const checked = validateQuestionnaire(data.questions, { complete: data.published });
  if (!checked.ok)
    throw new AppError('invalid_input', 'The questionnaire is not valid.', { ...checked.error, reason: { reason: 'questionnaire_invalid' } });
  const now = deps.clock.now();
  const values = {
    slug: data.slug,
    title: data.title,
    description: data.description,
    opensAt: data.opensAt,
    deadline: data.deadline,
    published: data.published,
    questions: checked.value,
    updatedAt: now,
  };
  try {
    if (opts.id) {
      const existing = await findCallById(deps.db, siteId, opts.id);
      if (!existing) throw notFound('Call');
      assertKeepsAnswers(existing.questions, checked.value, await countSubmissionsOfCall(deps.db, siteId, existing.id));
      const [row] = await deps.db
        .update(libraryCalls)
        .set(values)
        .where(and(eq(libraryCalls.siteId, siteId), eq(libraryCalls.id, opts.id)))
        .returning();
      return row;
    }
    const [row] = await deps.db
      .insert(libraryCalls)
      .values({ id: newId(), siteId, createdBy: opts.actorId ?? null, createdAt: now, ...values })
      .returning();
    return row;
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('conflict', 'That slug is in use.', {
        fields: { slug: 'already used by another call on this site' },
        reasons: { slug: { reason: 'in_use' } },
        reason: { reason: 'in_use' },
      });
    throw e;
  }
}

/** Refuses a questionnaire change that could invalidate the answers of `submissions` existing submissions. */
function assertKeepsAnswers(before: CallRow['questions'], after: CallRow['questions'], submissions: number): void {
  if (submissions === 0) return;
  const breaking = breakingChanges(compareQuestionnaires(before, after));
  if (!breaking.length) return;
  const fields: Record<string, string> = {};
  const reasons: Record<string, { reason: string }> = {};
  for (const change of breaking) {
    const key = `questions.${change.question}`;
    if (fields[key]) continue;
    fields[key] =
      `${submissions} submission(s) exist: ${change.kind.replace(/_/g, ' ')}${change.detail ? ` (${change.detail})` : ''} could make their answers invalid`;
    reasons[key] = { reason: 'change_breaks_answers' };
  }
  throw new AppError('invalid_input', 'This change would make answers already given invalid.', {
    fields,
    reasons,
    reason: { reason: 'questionnaire_invalid' },
  });
}
