import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type PermissionRule, type Role } from '../kernel/auth.js';
import { isAllowed } from '../kernel/policy.js';
import { collectPermissions } from './deps.js';
import { manifests } from './modules.js';

/**
 * The permission matrix: every permission every mounted module declares, against every kind of
 * actor. It reads the manifests, so permissions that modules add later are covered without
 * editing this file.
 */
const rules = collectPermissions(manifests);
const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const OTHER_AGENCY = '00000000-0000-4000-8000-0000000000b2';
const USER = '00000000-0000-4000-8000-000000000001';
const OTHER_USER = '00000000-0000-4000-8000-000000000002';

const person = (roles: { role: Role; agencyId?: string | null }[]): Actor => ({
  kind: 'user',
  userId: USER,
  email: 'p@example.org',
  name: 'P',
  roles: roles.map((r) => ({ role: r.role, agencyId: r.agencyId ?? null })),
});

const actors: Record<string, Actor> = {
  anonymous: { kind: 'anonymous' },
  'signed-in, no role': person([]),
  ...Object.fromEntries(ROLES.filter((r) => r !== 'agency_staff').map((r) => [r, person([{ role: r }])])),
  'agency staff of the agency': person([{ role: 'agency_staff', agencyId: AGENCY }]),
  'agency staff of another agency': person([{ role: 'agency_staff', agencyId: OTHER_AGENCY }]),
};

/** What the rule says, written out independently of the policy code. */
function expected(rule: PermissionRule, actor: Actor, target: { ownerId?: string; agencyId?: string }): boolean {
  if (rule.everyone) return true;
  if (actor.kind === 'anonymous') return false;
  if (rule.signedIn) return true;
  if (rule.owner && target.ownerId === actor.userId) return true;
  for (const grant of actor.roles) {
    if (grant.role === 'admin') return true;
    if (!rule.roles.includes(grant.role)) continue;
    if (grant.role === 'agency_staff' && rule.agencyScoped) {
      if (target.agencyId && grant.agencyId === target.agencyId) return true;
      continue;
    }
    return true;
  }
  return false;
}

const targets = {
  'no target': {},
  'own resource': { ownerId: USER },
  "someone else's resource": { ownerId: OTHER_USER },
  'in the agency': { agencyId: AGENCY },
  'in another agency': { agencyId: OTHER_AGENCY },
} as const;

const cases = Object.entries(rules).flatMap(([permission, rule]) =>
  Object.entries(actors).flatMap(([actorName, actor]) =>
    Object.entries(targets).map(([targetName, target]) => ({ permission, rule, actorName, actor, targetName, target })),
  ),
);

describe('permission matrix', () => {
  it('has permissions to check, each naming only known roles', () => {
    expect(Object.keys(rules).length).toBeGreaterThan(0);
    for (const [name, rule] of Object.entries(rules)) {
      expect(name, 'permission names are <module>.<thing>.<verb>').toMatch(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/);
      expect(
        manifests.some((m) => name.startsWith(`${m.id}.`)),
        `${name} starts with its module id`,
      ).toBe(true);
      for (const role of rule.roles) expect(ROLES).toContain(role);
    }
  });

  it.each(cases)('$permission · $actorName · $targetName', ({ permission, rule, actor, target }) => {
    expect(isAllowed(rules, actor, permission, target)).toBe(expected(rule, actor, target));
  });

  it('admins hold every declared permission, whatever the target', () => {
    for (const permission of Object.keys(rules)) {
      for (const target of Object.values(targets)) expect(isAllowed(rules, actors.admin, permission, target), permission).toBe(true);
    }
  });

  it('nobody holds an undeclared permission, not even admins', () => {
    expect(isAllowed(rules, actors.admin, 'nothing.declared.here')).toBe(false);
    expect(isAllowed(rules, actors.anonymous, 'nothing.declared.here')).toBe(false);
  });

  it('agency staff act only for their own agency on agency-scoped permissions', () => {
    const scoped = Object.entries(rules).filter(([, r]) => r.agencyScoped && r.roles.includes('agency_staff') && !r.everyone && !r.signedIn);
    for (const [permission] of scoped) {
      expect(isAllowed(rules, actors['agency staff of the agency'], permission, { agencyId: AGENCY }), permission).toBe(true);
      expect(isAllowed(rules, actors['agency staff of another agency'], permission, { agencyId: AGENCY }), permission).toBe(false);
      expect(isAllowed(rules, actors['agency staff of the agency'], permission, {}), permission).toBe(false);
    }
  });

  it('keeps the explicit expectations of the foundation', () => {
    expect(isAllowed(rules, actors.anonymous, 'sites.settings.update')).toBe(false);
    expect(isAllowed(rules, actors['signed-in, no role'], 'sites.settings.update')).toBe(false);
    expect(isAllowed(rules, actors.editor, 'sites.settings.update')).toBe(false);
    expect(isAllowed(rules, actors.admin, 'sites.settings.update')).toBe(true);
    expect(isAllowed(rules, actors.editor, 'accounts.roles.manage')).toBe(false);
    expect(isAllowed(rules, actors.moderator, 'accounts.roles.manage')).toBe(false);
    expect(isAllowed(rules, actors['agency staff of the agency'], 'accounts.roles.manage', { agencyId: AGENCY })).toBe(false);
    expect(isAllowed(rules, actors.admin, 'accounts.roles.manage')).toBe(true);
    expect(isAllowed(rules, actors.editor, 'sites.organisations.manage')).toBe(true);
    expect(isAllowed(rules, actors.auditor, 'sites.organisations.manage')).toBe(false);
    expect(isAllowed(rules, actors.anonymous, 'notifications.outbox.read')).toBe(false);
    expect(isAllowed(rules, actors.admin, 'notifications.outbox.read')).toBe(true);
  });
});
