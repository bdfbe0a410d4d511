import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiApp, AppEnv } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import { ROLES, type RoleGrant } from '../../../kernel/auth.js';
import { AppError } from '../../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { authorize } from '../../../kernel/policy.js';
import { confirmEmail, requestMagicLink, requestPasswordReset, resendConfirmation, resetPassword, signInWithLink } from '../commands/email-links.js';
import { setRoles } from '../commands/manage-roles.js';
import { deleteAccount, exportUserData } from '../commands/personal-data.js';
import { signIn } from '../commands/sign-in.js';
import { signOut } from '../commands/sign-out.js';
import { signUp } from '../commands/sign-up.js';
import { authRequestOf, clearSessionCookie, sessionCookie } from '../commands/support.js';
import { findUserById, listPeople, listRoleGrants, type UserRow } from '../store/users.js';

const TAG = 'Accounts';

const grantSchema = z.object({ role: z.enum(ROLES), agencyId: z.string().nullable() }).openapi('RoleGrant');

const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string().nullable(),
    emailConfirmed: z.boolean(),
    roles: z.array(grantSchema),
  })
  .openapi('Me');

const personSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), emailConfirmed: z.boolean(), createdAt: z.string(), roles: z.array(grantSchema) })
  .openapi('Person');

const statusSchema = z.object({ status: z.string() }).openapi('AuthStatus');

// Request bodies are validated by the commands (one schema each, naming every bad field), so the
// OpenAPI schemas here describe them without a second validation pass that could disagree.
const emailBody = z.object({ email: z.string().openapi({ example: 'ana@example.org' }) });
const tokenBody = z.object({ token: z.string().openapi({ description: 'the token from the emailed link' }) });
const passwordBody = z.object({ password: z.string().openapi({ description: '10 to 200 characters' }) });
const rolesBody = z.object({ roles: z.array(z.object({ role: z.enum(ROLES), agencyId: z.string().nullable().optional() })) });

const limited = { 429: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Too many attempts; see Retry-After') };

function presentMe(user: UserRow, roles: RoleGrant[]) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, emailConfirmed: !!user.emailConfirmedAt, roles };
}

async function body(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    const value = await c.req.json();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw new AppError('invalid_input', 'The body must be a JSON object.', { fields: { _: 'not JSON' } });
  }
}

function requireUser(c: Context<AppEnv>) {
  const { actor } = c.get('ctx');
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return actor;
}

/** Registers the accounts JSON API (`/auth/*`, `/me`, `/people`). */
export function registerAccountsApi(app: ApiApp): void {
  const signedIn = async (c: Context<AppEnv>, result: { user: UserRow; token: string }) => {
    const { site } = c.get('ctx');
    c.header('Set-Cookie', sessionCookie(c.get('deps').env, result.token), { append: true });
    return presentMe(result.user, await listRoleGrants(c.get('deps').db, site.id, result.user.id));
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-up',
      tags: [TAG],
      summary: 'Create an account; a confirmation link is emailed',
      description:
        "`consent: true` records agreement to the site's current terms of use and privacy notice (with the time and their versions; " +
        'when `termsVersion`/`privacyVersion` are given they must be current). `next`, a path on this site, is where the confirmation link leads.',
      request: {
        body: json(
          z.object({
            email: z.string(),
            name: z.string(),
            password: z.string(),
            locale: z.string().optional(),
            consent: z.boolean().optional().openapi({ description: 'must be true: agreement to the terms of use and the privacy notice' }),
            termsVersion: z.number().int().optional(),
            privacyVersion: z.number().int().optional(),
            next: z.string().optional(),
          }),
        ),
      },
      responses: { 202: json(statusSchema, 'Accepted: check the email'), ...errorResponses, ...limited },
    }),
    async (c) => {
      const { site } = c.get('ctx');
      const deps = c.get('deps');
      return c.json(await signUp(deps, site.id, (await body(c)) as never, authRequestOf(deps, c.get('ctx'))), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: [TAG],
      summary: 'Sign in with email and password; sets the session cookie',
      description: 'Refused with 403 while the email is not confirmed (`fields.email`).',
      request: { body: json(z.object({ email: z.string(), password: z.string() })) },
      responses: { 200: json(meSchema), ...errorResponses, ...limited },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const result = await signIn(deps, ctx.site.id, (await body(c)) as never, authRequestOf(deps, ctx));
      return c.json(await signedIn(c, result), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: [TAG],
      summary: 'End the current session',
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, sessionId } = c.get('ctx');
      await signOut(deps, site.id, sessionId);
      c.header('Set-Cookie', clearSessionCookie(deps.env), { append: true });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/confirm',
      tags: [TAG],
      summary: 'Confirm an email with the emailed token; signs in',
      request: { body: json(tokenBody) },
      responses: { 200: json(meSchema), ...errorResponses },
    }),
    async (c) => c.json(await signedIn(c, await confirmEmail(c.get('deps'), c.get('ctx').site.id, (await body(c)) as never)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/confirm/resend',
      tags: [TAG],
      summary: 'Email the confirmation link again (same answer for any email)',
      description: '`next`, a path on this site, is where the confirmation link leads, as at sign-up.',
      request: { body: json(emailBody.extend({ next: z.string().optional() })) },
      responses: { 202: json(statusSchema, 'Accepted'), ...errorResponses, ...limited },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      return c.json(await resendConfirmation(deps, ctx.site.id, (await body(c)) as never, authRequestOf(deps, ctx)), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      tags: [TAG],
      summary: 'Email a password-reset link (same answer for any email)',
      request: { body: json(emailBody) },
      responses: { 202: json(statusSchema, 'Accepted'), ...errorResponses, ...limited },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      return c.json(await requestPasswordReset(deps, ctx.site.id, (await body(c)) as never, authRequestOf(deps, ctx)), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags: [TAG],
      summary: 'Set a new password with the emailed token; ends other sessions and signs in',
      request: { body: json(tokenBody.extend(passwordBody.shape)) },
      responses: { 200: json(meSchema), ...errorResponses },
    }),
    async (c) => c.json(await signedIn(c, await resetPassword(c.get('deps'), c.get('ctx').site.id, (await body(c)) as never)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/magic-link',
      tags: [TAG],
      summary: 'Email a sign-in link (same answer for any email)',
      request: { body: json(emailBody) },
      responses: { 202: json(statusSchema, 'Accepted'), ...errorResponses, ...limited },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      return c.json(await requestMagicLink(deps, ctx.site.id, (await body(c)) as never, authRequestOf(deps, ctx)), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/magic-link/confirm',
      tags: [TAG],
      summary: 'Sign in with the token of an emailed sign-in link',
      request: { body: json(tokenBody) },
      responses: { 200: json(meSchema), ...errorResponses },
    }),
    async (c) => c.json(await signedIn(c, await signInWithLink(c.get('deps'), c.get('ctx').site.id, (await body(c)) as never)), 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/me', tags: [TAG], summary: 'The signed-in person', responses: { 200: json(meSchema), ...errorResponses } }),
    async (c) => {
      const actor = requireUser(c);
      const user = await findUserById(c.get('deps').db, c.get('ctx').site.id, actor.userId);
      if (!user) throw new AppError('unauthenticated', 'Please sign in to continue.');
      return c.json(presentMe(user, actor.roles), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/data',
      tags: [TAG],
      summary: 'Everything the site holds about the signed-in person, per module',
      responses: {
        200: json(z.object({ exportedAt: z.string(), siteId: z.string(), userId: z.string(), modules: z.record(z.string(), z.unknown()) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireUser(c);
      const deps = c.get('deps');
      const exported = await exportUserData(deps, c.get('ctx').site.id, actor.userId, deps.manifests ?? []);
      c.header('Content-Disposition', 'attachment; filename="my-data.json"');
      c.header('Cache-Control', 'no-store');
      return c.json(exported, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me',
      tags: [TAG],
      summary: 'Delete the signed-in account and its data (password required)',
      request: { body: json(passwordBody) },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const actor = requireUser(c);
      const deps = c.get('deps');
      await deleteAccount(deps, c.get('ctx').site.id, actor.userId, (await body(c)) as never, deps.manifests ?? []);
      c.header('Set-Cookie', clearSessionCookie(deps.env), { append: true });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: [TAG],
      summary: 'People with an account on the site, with their roles (role managers)',
      request: {
        query: z.object({
          cursor: z.string().optional().openapi({ description: 'the nextCursor of the previous page' }),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          q: z.string().max(100).optional().openapi({ description: 'part of a name or email' }),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(personSchema), nextCursor: z.string().nullable() }).openapi('PeoplePage')),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'accounts.roles.manage');
      const { cursor, limit, q } = c.req.valid('query');
      const after = cursor ? (decodeCursor(cursor, 2).map(String) as [string, string]) : undefined;
      const rows = await listPeople(deps.db, site.id, { limit: limit + 1, after, query: q });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return c.json(
        {
          items: page.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
          nextCursor: rows.length > limit && last ? encodeCursor([last.email, last.id]) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/people/{id}/roles',
      tags: [TAG],
      summary: "Replace a person's roles on the site (role managers)",
      request: { params: z.object({ id: z.uuid() }), body: json(rolesBody) },
      responses: { 200: json(z.object({ roles: z.array(grantSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'accounts.roles.manage');
      const roles = await setRoles(deps, site.id, c.req.valid('param').id, (await body(c)) as never);
      return c.json({ roles }, 200);
    },
  );
}
