import type { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps, ModuleManifest } from '../../../db/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { deleteAccountInput, profileInput } from '../core/rules.js';
import { deleteConsents, listConsents } from '../store/legal.js';
import {
  deleteUserGrants,
  deleteUserRow,
  deleteUserSessions,
  deleteUserTokens,
  findUserById,
  listRoleGrants,
  listUserSessions,
  updateUser,
  type UserRow,
} from '../store/users.js';
import { checkPassword } from './support.js';

/** Changes a person's name and preferred language. */
export async function updateProfile(deps: Deps, siteId: string, userId: string, input: z.input<typeof profileInput>): Promise<UserRow> {
  const data = parseInput(profileInput, input);
  const user = await updateUser(deps.db, siteId, userId, { name: data.name, locale: data.locale ?? null });
  if (!user) throw notFound('The account');
  return user;
}

/** What the accounts module itself holds about a person. */
export async function exportAccountData(deps: Deps, siteId: string, userId: string): Promise<unknown> {
  const user = await findUserById(deps.db, siteId, userId);
  if (!user) return null;
  return {
    profile: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      emailConfirmedAt: user.emailConfirmedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    },
    roles: await listRoleGrants(deps.db, siteId, userId),
    sessions: (await listUserSessions(deps.db, siteId, userId)).map((s) => ({
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
    consents: (await listConsents(deps.db, siteId, userId)).map((c) => ({
      termsVersion: c.termsVersion,
      privacyVersion: c.privacyVersion,
      agreedAt: c.agreedAt.toISOString(),
    })),
  };
}

/**
 * Everything the site holds about a person, as JSON: one entry per module that declares
 * `exportUserData`, keyed by module id.
 */
export async function exportUserData(
  deps: Deps,
  siteId: string,
  userId: string,
  manifests: ModuleManifest[],
): Promise<{ exportedAt: string; siteId: string; userId: string; modules: Record<string, unknown> }> {
  if (!(await findUserById(deps.db, siteId, userId))) throw notFound('The account');
  const modules: Record<string, unknown> = {};
  for (const m of manifests) {
    if (m.exportUserData) modules[m.id] = await m.exportUserData(deps, siteId, userId);
  }
  return { exportedAt: deps.clock.now().toISOString(), siteId, userId, modules };
}

/**
 * Deletes an account after checking its password: every module removes or anonymises the
 * person's data, then their sessions, tokens, roles and the account go, all in one transaction.
 */
export async function deleteAccount(
  deps: Deps,
  siteId: string,
  userId: string,
  input: z.input<typeof deleteAccountInput>,
  manifests: ModuleManifest[],
): Promise<void> {
  const { password } = parseInput(deleteAccountInput, input);
  const user = await findUserById(deps.db, siteId, userId);
  if (!user) throw notFound('The account');
  if (!(await checkPassword(user.passwordHash, password))) {
    throw new AppError('invalid_input', 'The password is not correct.', {
      fields: { password: 'not correct' },
      details: { reason: 'wrong_password' },
    });
  }
  await inTransaction(deps.db, async (tx) => {
    const txDeps: Deps = { ...deps, db: tx };
    for (const m of manifests) await m.deleteUserData?.(txDeps, siteId, userId);
    await deleteUserSessions(tx, siteId, userId);
    await deleteUserTokens(tx, siteId, userId);
    await deleteUserGrants(tx, siteId, userId);
    await deleteConsents(tx, siteId, userId);
    await deleteUserRow(tx, siteId, userId);
  });
}
