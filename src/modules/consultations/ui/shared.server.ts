import { data } from 'react-router';
import type { Deps, RequestContext } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { consultationPhase } from '../core/consultation.js';
import { findConsultationBySlug } from '../store/consultations.js';
import type { ConsultationRow } from '../store/tables.js';

/** A consultation people may see (drafts only for their managers), or a 404 page. */
export async function loadConsultationOr404(deps: Deps, ctx: RequestContext, slug: string): Promise<ConsultationRow> {
  const row = await findConsultationBySlug(deps.db, ctx.site.id, slug);
  if (!row || (row.status === 'draft' && !isAllowed(deps.permissions, ctx.actor, 'consultations.manage'))) throw data('not found', { status: 404 });
  return row;
}

/** A consultation as list pages show it, in the reader's language. */
export function presentConsultationCard(c: ConsultationRow, now: Date, locale: string, fallback: string) {
  return {
    slug: c.slug,
    title: pickText(c.title, locale, fallback).text,
    phase: consultationPhase(c, now),
    opensAt: c.opensAt?.toISOString() ?? null,
    closesAt: c.closesAt?.toISOString() ?? null,
  };
}
