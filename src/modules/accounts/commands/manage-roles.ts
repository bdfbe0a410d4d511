import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { RoleGrant } from '../../../kernel/auth.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { findOrganisation } from '../../sites/index.js';
import { emailSchema, roleGrantInput } from '../core/rules.js';
import {
  countAdmins,
  deleteRoleGrant,
  deleteUserGrants,
  findUserByEmail,
  findUserById,
  insertRoleGrant,
  listRoleGrants,
  type UserRow,
} from '../store/users.js';

/** Names a person by id or by email. */
const personRef = z.union([z.object({ userId: z.uuid('not a valid id') }), z.object({ email: emailSchema })]);

export const grantRoleInput = z.intersection(personRef, roleGrantInput);
export const setRolesInput = z.object({ roles: z.array(roleGrantInput).max(20, 'at most 20 roles') });

async function findPerson(db: Db, siteId: string, ref: { userId: string } | { email: string }): Promise<UserRow> {
  const user = 'userId' in ref ? await findUserById(db, siteId, ref.userId) : await findUserByEmail(db, siteId, ref.email);
  if (!user) throw notFound('The person');
  return user;
}

async function checkAgency(db: Db, siteId: string, agencyId: string | null, field: string): Promise<void> {
  if (!agencyId) return;
  const org = await findOrganisation(db, siteId, agencyId);
  if (!org || org.kind !== 'agency')
    throw new AppError('invalid_input', 'Some fields are not valid.', {
      fields: { [field]: 'no such agency on this site' },
      reasons: { [field]: { reason: 'invalid_choice' } },
    });
}

async function keepAnAdmin(db: Db, siteId: string): Promise<void> {
  if ((await countAdmins(db, siteId)) === 0) {
    throw new AppError('conflict', 'A site needs at least one admin.', {
      fields: { roles: 'the last admin cannot lose the role' },
      details: { reason: 'last_admin' },
    });
  }
}

/** Grants a role to a person named by id or email (agency staff name their agency); granting twice is harmless. */
export async function grantRole(
  deps: Deps,
  siteId: string,
  input: { userId?: string; email?: string; role: string; agencyId?: string | null },
): Promise<{ userId: string; roles: RoleGrant[] }> {
  const data = parseInput(grantRoleInput, input);
  const user = await findPerson(deps.db, siteId, data);
  await checkAgency(deps.db, siteId, data.agencyId, 'agencyId');
  await insertRoleGrant(deps.db, { id: newId(), siteId, userId: user.id, role: data.role, agencyId: data.agencyId, createdAt: deps.clock.now() });
  return { userId: user.id, roles: await listRoleGrants(deps.db, siteId, user.id) };
}

/** Revokes one role of a person; the site's last admin keeps the admin role. */
export async function revokeRole(
  deps: Deps,
  siteId: string,
  input: { userId?: string; email?: string; role: string; agencyId?: string | null },
): Promise<{ userId: string; roles: RoleGrant[] }> {
  const data = parseInput(grantRoleInput, input);
  return inTransaction(deps.db, async (tx) => {
    const user = await findPerson(tx, siteId, data);
    await deleteRoleGrant(tx, siteId, user.id, data.role, data.agencyId);
    if (data.role === 'admin') await keepAnAdmin(tx, siteId);
    return { userId: user.id, roles: await listRoleGrants(tx, siteId, user.id) };
  });
}

/** Replaces all the roles of a person at once (the admin API); the site's last admin keeps the admin role. */
export async function setRoles(deps: Deps, siteId: string, userId: string, input: z.input<typeof setRolesInput>): Promise<RoleGrant[]> {
  const data = parseInput(setRolesInput, input);
  for (const [i, grant] of data.roles.entries()) await checkAgency(deps.db, siteId, grant.agencyId, `roles.${i}.agencyId`);
  return inTransaction(deps.db, async (tx) => {
    const user = await findPerson(tx, siteId, { userId });
    const hadAdmin = (await listRoleGrants(tx, siteId, user.id)).some((g) => g.role === 'admin');
    await deleteUserGrants(tx, siteId, user.id);
    const now = deps.clock.now();
    for (const grant of data.roles) {
      await insertRoleGrant(tx, { id: newId(), siteId, userId: user.id, role: grant.role, agencyId: grant.agencyId, createdAt: now });
    }
    if (hadAdmin) await keepAnAdmin(tx, siteId);
    return listRoleGrants(tx, siteId, user.id);
  });
}
