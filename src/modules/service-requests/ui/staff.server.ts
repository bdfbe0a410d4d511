import { data } from 'react-router';
import type { Actor } from '../../../kernel/auth.js';
import type { PolityLoadContext } from '../../../web/kit/route-args.js';
import { requirePagePermission } from '../../../web/kit/actions.js';

/**
 * The agencies whose reports the actor handles: every agency for admins (null), the agencies
 * of their staff grants otherwise. Sends visitors to sign in and others away with 403.
 */
export function requireStaff(context: PolityLoadContext, request: Request): { agencyIds: string[] | null } {
  requirePagePermission(context, request, 'service-requests.inbox.read');
  const actor = context.ctx.actor as Extract<Actor, { kind: 'user' }>;
  if (actor.roles.some((g) => g.role === 'admin')) return { agencyIds: null };
  const agencyIds = actor.roles.filter((g) => g.role === 'agency_staff' && g.agencyId).map((g) => g.agencyId as string);
  if (!agencyIds.length) throw data('forbidden', { status: 403 });
  return { agencyIds };
}
