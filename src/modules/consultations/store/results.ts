import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { Item } from '../../questionnaires/index.js';
import { findQuestionnaireVersion } from './consultations.js';
import { consultationResponses, type ConsultationRow } from './tables.js';

/** The items of the questionnaire version new responses are given for (as saved: already checked). */
export async function currentItems(db: Db, c: ConsultationRow): Promise<Item[]> {
  return ((await findQuestionnaireVersion(db, c.siteId, c.id, c.currentVersion)) ?? []) as Item[];
}

/** A counted response as results and exports read it. */
export interface CountedResponse {
  id: string;
  version: number;
  channel: string;
  locale: string;
  answers: Record<string, unknown>;
  submittedAt: Date | null;
}

/** Every submitted response of a consultation, oldest first. */
export async function listCountedResponses(db: Db, siteId: string, consultationId: string): Promise<CountedResponse[]> {
  return db
    .select({
      id: consultationResponses.id,
      version: consultationResponses.version,
      channel: consultationResponses.channel,
      locale: consultationResponses.locale,
      answers: consultationResponses.answers,
      submittedAt: consultationResponses.submittedAt,
    })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.status, 'submitted'),
      ),
    )
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id));
}
