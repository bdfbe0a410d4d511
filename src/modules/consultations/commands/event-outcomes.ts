import type { Deps } from '../../../db/context.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { groupOutcomesByTheme, type EventOutcomeEntry } from '../core/events.js';
import { findConsultationById } from '../store/consultations.js';
import { listEvents } from '../store/events.js';

/** One theme's concerns and recommendations from the approved events (`theme` null: untagged items). */
export interface ThemeOutcomes {
  theme: { id: string; label: LocalizedText } | null;
  items: EventOutcomeEntry[];
}

/**
 * The concerns and recommendations of a consultation's approved events, grouped by the
 * consultation's themes (in its order; untagged items last), for the results report where they
 * stand beside the survey's figures. Empty when the consultation has no such events.
 */
export async function listEventOutcomesByTheme(deps: Deps, siteId: string, consultationId: string): Promise<ThemeOutcomes[]> {
  const consultation = await findConsultationById(deps.db, siteId, consultationId);
  if (!consultation) return [];
  const events = await listEvents(deps.db, siteId, consultationId, { status: 'approved' });
  const themes = new Map(consultation.themes.map((t) => [t.id, t]));
  return groupOutcomesByTheme(
    events,
    consultation.themes.map((t) => t.id),
  ).map((g) => ({
    theme: g.themeId === null ? null : (themes.get(g.themeId) ?? null),
    items: g.items,
  }));
}
