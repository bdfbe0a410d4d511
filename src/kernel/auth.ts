/** Roles a person can hold on a site. Agency staff are bound to one agency. */
export const ROLES = ['admin', 'editor', 'moderator', 'agency_staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A role held on a site; `agencyId` is set for agency staff. */
export interface RoleGrant {
  role: Role;
  agencyId: string | null;
}

/** Who is acting: nobody (a visitor) or a signed-in person with their roles on this site. */
export type Actor = { kind: 'anonymous' } | { kind: 'user'; userId: string; email: string; name: string; roles: RoleGrant[] };

export const anonymous: Actor = { kind: 'anonymous' };

/** What a permission check may look at besides the actor: who owns the thing, which agency. */
export interface PermissionTarget {
  ownerId?: string | null;
  agencyId?: string | null;
}

/**
 * A permission as a module declares it: which roles hold it, and whether the owner of a
 * resource or any signed-in person also holds it.
 */
export interface PermissionRule {
  roles: Role[];
  owner?: boolean;
  signedIn?: boolean;
  everyone?: boolean;
  /** For agency staff: the grant applies only to the agency named in the target. */
  agencyScoped?: boolean;
}
