import { data } from 'react-router';
import type { PolityLoadContext } from '../../../web/kit/route-args.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { staffAgencies } from '../core/staff.js';

/**
 * The agencies whose reports the actor handles: every agency for admins (null), the agencies
 * of their staff grants otherwise. Sends visitors to sign in and others away with 403.
 */
export function requireStaff(context: PolityLoadContext, request: Request): { agencyIds: string[] | null } {
  requirePagePermission(context, request, 'service-requests.inbox.read');
  const agencyIds = staffAgencies(context.ctx.actor);
  if (agencyIds?.length === 0) throw data('forbidden', { status: 403 });
  return { agencyIds };
}
