import { and, eq, gt, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.js';
import type { Actor, RoleGrant } from '../../../kernel/auth.js';
import { authTokens, roleGrants, sessions, users } from './tables.js';

export type UserRow = typeof users.$inferSelect;

/** The stored id of a secret token: its SHA-256, so a database leak does not leak sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function findUserByEmail(db: Db, siteId: string, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.siteId, siteId), eq(users.email, email.trim().toLowerCase())))
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Db, siteId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.siteId, siteId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listRoleGrants(db: Db, siteId: string, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: roleGrants.role, agencyId: roleGrants.agencyId })
    .from(roleGrants)
    .where(and(eq(roleGrants.siteId, siteId), eq(roleGrants.userId, userId)));
  return rows;
}

/** The actor behind a session token on a site, or anonymous when it is unknown or expired. */
export async function findActorBySession(db: Db, siteId: string, token: string, now: Date): Promise<{ actor: Actor; sessionId: string | null }> {
  const id = hashToken(token);
  const [row] = await db
    .select({ userId: sessions.userId, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.siteId, sessions.siteId)))
    .where(and(eq(sessions.id, id), eq(sessions.siteId, siteId), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return { actor: { kind: 'anonymous' }, sessionId: null };
  const roles = await listRoleGrants(db, siteId, row.userId);
  return { actor: { kind: 'user', userId: row.userId, email: row.email, name: row.name, roles }, sessionId: id };
}

/** Takes a single-use token: returns its user id once, then never again. */
export async function consumeAuthToken(
  db: Db,
  siteId: string,
  token: string,
  purpose: 'confirm' | 'reset' | 'login',
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.id, hashToken(token)),
        eq(authTokens.siteId, siteId),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}
