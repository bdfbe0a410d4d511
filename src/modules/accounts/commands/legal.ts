import type { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { parseInput } from '../../../kernel/validation.js';
import { legalTextInput, LEGAL_KINDS } from '../core/rules.js';
import { findCurrentLegalText, insertLegalText } from '../store/legal.js';
import type { LegalKind } from '../store/tables.js';

/** A site's current legal text: its version (0 for the shipped default) and body (null for the default). */
export interface LegalText {
  kind: LegalKind;
  version: number;
  body: LocalizedText | null;
  updatedAt: Date | null;
}

/** The current terms of use or privacy notice of a site. */
export async function readLegalText(deps: Deps, siteId: string, kind: LegalKind): Promise<LegalText> {
  const row = await findCurrentLegalText(deps.db, siteId, kind);
  return row ? { kind, version: row.version, body: row.body, updatedAt: row.createdAt } : { kind, version: 0, body: null, updatedAt: null };
}

/** The versions people agree to when they sign up now. */
export async function currentLegalVersions(deps: Deps, siteId: string): Promise<Record<LegalKind, number>> {
  const [terms, privacy] = await Promise.all(LEGAL_KINDS.map((k) => readLegalText(deps, siteId, k)));
  return { terms: terms.version, privacy: privacy.version };
}

/** Whether two texts hold the same words in the same languages (stored JSON may order keys differently). */
function sameText(a: LocalizedText, b: LocalizedText): boolean {
  const entries = (t: LocalizedText) => JSON.stringify(Object.entries(t).sort(([x], [y]) => x.localeCompare(y)));
  return entries(a) === entries(b);
}

/**
 * Saves a site's terms of use or privacy notice. Languages left empty fall back to the default
 * text; a save that changes nothing keeps the version, any change makes a new version (older ones
 * are kept, so each consent names the text agreed to).
 */
export async function saveLegalText(deps: Deps, siteId: string, input: z.input<typeof legalTextInput>, actorId: string | null): Promise<LegalText> {
  const data = parseInput(legalTextInput, input);
  const body: LocalizedText = {};
  for (const [locale, text] of Object.entries(data.body)) if (text) body[locale] = text;
  const before = await readLegalText(deps, siteId, data.kind);
  if (sameText(before.body ?? {}, body)) return before;
  const now = deps.clock.now();
  const version = before.version + 1;
  await insertLegalText(deps.db, { siteId, kind: data.kind, version, body, createdBy: actorId, createdAt: now });
  return { kind: data.kind, version, body, updatedAt: now };
}
