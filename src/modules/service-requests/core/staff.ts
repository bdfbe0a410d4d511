import type { Actor } from '../../../kernel/auth.js';

/**
 * The agencies whose reports the actor handles: null for every agency (site admins), otherwise
 * the agencies of their staff grants (empty when they have none).
 */
export function staffAgencies(actor: Actor): string[] | null {
  if (actor.kind !== 'user') return [];
  if (actor.roles.some((g) => g.role === 'admin')) return null;
  return actor.roles.filter((g) => g.role === 'agency_staff' && g.agencyId).map((g) => g.agencyId as string);
}
