import { and, asc, desc, eq, gt, ilike, inArray, isNull, or } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.js';
import type { Actor, Role, RoleGrant } from '../../../kernel/auth.js';
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

/** Inserts a user row; the email must already be normalised. */
export async function insertUser(
  db: Db,
  row: {
    id: string;
    siteId: string;
    email: string;
    name: string;
    passwordHash: string | null;
    emailConfirmedAt: Date | null;
    locale: string | null;
    createdAt: Date;
  },
): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  return created;
}

/** Changes a user's profile fields, password hash or confirmation time. */
export async function updateUser(
  db: Db,
  siteId: string,
  userId: string,
  patch: Partial<Pick<UserRow, 'name' | 'locale' | 'passwordHash' | 'emailConfirmedAt'>>,
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set(patch)
    .where(and(eq(users.siteId, siteId), eq(users.id, userId)))
    .returning();
  return row ?? null;
}

/** Stores a session under the hash of its token. */
export async function insertSession(db: Db, row: { id: string; siteId: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.insert(sessions).values(row);
}

/** Ends one session (by its stored id, the token's hash). */
export async function deleteSession(db: Db, siteId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.siteId, siteId), eq(sessions.id, sessionId)));
}

/** Ends every session of a person (after a password reset or on account deletion). */
export async function deleteUserSessions(db: Db, siteId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.siteId, siteId), eq(sessions.userId, userId)));
}

/** A person's sessions, newest first (for the data export; ids are hashes, never tokens). */
export async function listUserSessions(db: Db, siteId: string, userId: string) {
  return db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.siteId, siteId), eq(sessions.userId, userId)))
    .orderBy(desc(sessions.createdAt));
}

/** Stores a single-use emailed token under its hash. */
export async function insertAuthToken(
  db: Db,
  row: { id: string; siteId: string; userId: string; purpose: 'confirm' | 'reset' | 'login'; expiresAt: Date },
): Promise<void> {
  await db.insert(authTokens).values({ ...row, usedAt: null });
}

/** Removes every emailed token of a person. */
export async function deleteUserTokens(db: Db, siteId: string, userId: string): Promise<void> {
  await db.delete(authTokens).where(and(eq(authTokens.siteId, siteId), eq(authTokens.userId, userId)));
}

/** Adds a role grant unless the same grant exists; returns whether it was added. */
export async function insertRoleGrant(
  db: Db,
  row: { id: string; siteId: string; userId: string; role: Role; agencyId: string | null; createdAt: Date },
): Promise<boolean> {
  const existing = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.siteId, row.siteId),
        eq(roleGrants.userId, row.userId),
        eq(roleGrants.role, row.role),
        row.agencyId ? eq(roleGrants.agencyId, row.agencyId) : isNull(roleGrants.agencyId),
      ),
    )
    .limit(1);
  if (existing.length) return false;
  await db.insert(roleGrants).values(row);
  return true;
}

/** Removes a role grant; returns whether one was removed. */
export async function deleteRoleGrant(db: Db, siteId: string, userId: string, role: Role, agencyId: string | null): Promise<boolean> {
  const removed = await db
    .delete(roleGrants)
    .where(
      and(
        eq(roleGrants.siteId, siteId),
        eq(roleGrants.userId, userId),
        eq(roleGrants.role, role),
        agencyId ? eq(roleGrants.agencyId, agencyId) : isNull(roleGrants.agencyId),
      ),
    )
    .returning({ id: roleGrants.id });
  return removed.length > 0;
}

/** Removes every role grant of a person. */
export async function deleteUserGrants(db: Db, siteId: string, userId: string): Promise<void> {
  await db.delete(roleGrants).where(and(eq(roleGrants.siteId, siteId), eq(roleGrants.userId, userId)));
}

/** How many people hold the admin role on a site. */
export async function countAdmins(db: Db, siteId: string): Promise<number> {
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.siteId, siteId), eq(roleGrants.role, 'admin')));
  return rows.length;
}

/** Deletes the user row itself. */
export async function deleteUserRow(db: Db, siteId: string, userId: string): Promise<void> {
  await db.delete(users).where(and(eq(users.siteId, siteId), eq(users.id, userId)));
}

/** A person as listed for admins: who they are and their roles on the site. */
export interface PersonListing {
  id: string;
  email: string;
  name: string;
  emailConfirmed: boolean;
  createdAt: Date;
  roles: RoleGrant[];
}

/**
 * People of a site ordered by email, `limit` at a time after the keyset position `after`
 * ([email, id]); `query` filters on email or name.
 */
export async function listPeople(
  db: Db,
  siteId: string,
  opts: { limit: number; after?: [string, string]; query?: string },
): Promise<PersonListing[]> {
  const conditions = [eq(users.siteId, siteId)];
  if (opts.after) {
    const [email, id] = opts.after;
    conditions.push(or(gt(users.email, email), and(eq(users.email, email), gt(users.id, id)))!);
  }
  if (opts.query) {
    const like = `%${opts.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.email), asc(users.id))
    .limit(opts.limit);
  if (rows.length === 0) return [];
  const grants = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, agencyId: roleGrants.agencyId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.siteId, siteId),
        inArray(
          roleGrants.userId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(roleGrants.createdAt));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    emailConfirmed: !!r.emailConfirmedAt,
    createdAt: r.createdAt,
    roles: grants.filter((g) => g.userId === r.id).map((g) => ({ role: g.role, agencyId: g.agencyId })),
  }));
}

/** People holding the agency_staff role for one agency of the site, by name (for "assign to"). */
export async function listAgencyStaff(db: Db, siteId: string, agencyId: string): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.siteId, roleGrants.siteId), eq(users.id, roleGrants.userId)))
    .where(and(eq(roleGrants.siteId, siteId), eq(roleGrants.role, 'agency_staff'), eq(roleGrants.agencyId, agencyId)))
    .orderBy(asc(users.name), asc(users.email), asc(users.id));
}

/** People holding `role` on the site (any agency), by name: whom to tell when work for that role arrives. */
export async function listPeopleWithRole(
  db: Db,
  siteId: string,
  role: Role,
): Promise<{ id: string; name: string; email: string; locale: string | null }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.siteId, roleGrants.siteId), eq(users.id, roleGrants.userId)))
    .where(and(eq(roleGrants.siteId, siteId), eq(roleGrants.role, role)))
    .orderBy(asc(users.name), asc(users.email), asc(users.id));
}
