import { AppError } from './errors.js';
import type { Actor, PermissionRule, PermissionTarget } from './auth.js';

/**
 * The one policy layer: decides whether `actor` may use `permission` on `target`, given the
 * rules that modules declare in their manifests. Site admins hold every declared permission;
 * unknown permissions are denied to everyone.
 */
export function isAllowed(rules: Record<string, PermissionRule>, actor: Actor, permission: string, target: PermissionTarget = {}): boolean {
  const rule = rules[permission];
  if (!rule) return false;
  if (rule.everyone) return true;
  if (actor.kind !== 'user') return false;
  if (rule.signedIn) return true;
  if (rule.owner && target.ownerId && target.ownerId === actor.userId) return true;
  return actor.roles.some((grant) => {
    if (grant.role === 'admin') return true;
    if (!rule.roles.includes(grant.role)) return false;
    if (grant.role === 'agency_staff' && rule.agencyScoped) return !!target.agencyId && grant.agencyId === target.agencyId;
    return true;
  });
}

/**
 * Throws unless the actor holds the permission: `unauthenticated` for visitors (so pages can
 * send them to sign in), `forbidden` for signed-in people without it.
 */
export function authorize(rules: Record<string, PermissionRule>, actor: Actor, permission: string, target: PermissionTarget = {}): void {
  if (isAllowed(rules, actor, permission, target)) return;
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  throw new AppError('forbidden', 'You do not have permission to do this.');
}
