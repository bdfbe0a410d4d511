import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { consultationInput, type ConsultationInput } from '../core/consultation.js';
import { findConsultationById } from '../store/consultations.js';
import { consultationQuestionnaires, consultations, type ConsultationRow } from '../store/tables.js';

/**
 * Creates a consultation (with an empty first version of its questionnaire), or replaces its
 * details when `opts.id` is given. The questionnaire is saved on its own (saveQuestionnaire),
 * because once responses exist its changes make new versions.
 */
export async function saveConsultation(
  deps: Deps,
  siteId: string,
  input: ConsultationInput,
  opts: { id?: string; actorId?: string } = {},
): Promise<ConsultationRow> {
  const data = parseInput(consultationInput, input);
  const now = deps.clock.now();
  const values = {
    slug: data.slug,
    title: data.title,
    description: data.description,
    status: data.status,
    participation: data.participation,
    opensAt: data.opensAt,
    closesAt: data.closesAt,
    themes: data.themes,
    updatedAt: now,
  };
  try {
    if (opts.id) {
      const existing = await findConsultationById(deps.db, siteId, opts.id);
      if (!existing) throw notFound('Consultation');
      const [row] = await deps.db
        .update(consultations)
        .set(values)
        .where(and(eq(consultations.siteId, siteId), eq(consultations.id, opts.id)))
        .returning();
      return row;
    }
    return await inTransaction(deps.db, async (tx) => {
      const id = newId();
      const [row] = await tx
        .insert(consultations)
        .values({ id, siteId, createdBy: opts.actorId ?? null, createdAt: now, ...values })
        .returning();
      await tx
        .insert(consultationQuestionnaires)
        .values({ siteId, consultationId: id, version: 1, items: [], createdBy: opts.actorId ?? null, createdAt: now });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('conflict', 'That slug is in use.', {
        fields: { slug: 'already used by another consultation on this site' },
        reasons: { slug: { reason: 'in_use' } },
        reason: { reason: 'in_use' },
      });
    throw e;
  }
}
