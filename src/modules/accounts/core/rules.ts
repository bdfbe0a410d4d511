import { z } from 'zod';
import { LOCALES } from '../../../kernel/i18n.js';
import { ROLES } from '../../../kernel/auth.js';

/** How long each emailed token stays usable (the issue's rule: confirm 48h, reset 1h, login 15min). */
export const TOKEN_TTL_MS = {
  confirm: 48 * 3600_000,
  reset: 3600_000,
  login: 15 * 60_000,
} as const;

export type TokenPurpose = keyof typeof TOKEN_TTL_MS;

/** How long a session lasts after sign-in. */
export const SESSION_TTL_MS = 30 * 86400_000;

/** Rate limits: `limit` hits per `windowMs` on one key. */
export const RATE_LIMITS = {
  signInPerEmail: { limit: 10, windowMs: 15 * 60_000 },
  signInPerClient: { limit: 50, windowMs: 15 * 60_000 },
  signUpPerEmail: { limit: 5, windowMs: 3600_000 },
  signUpPerClient: { limit: 30, windowMs: 3600_000 },
  emailLinkPerEmail: { limit: 5, windowMs: 3600_000 },
  emailLinkPerClient: { limit: 30, windowMs: 3600_000 },
} as const;

/** An email address as stored: trimmed and lower-cased. */
export const emailSchema = z.string().trim().toLowerCase().max(254, 'at most 254 characters').pipe(z.email('not a valid email address'));

/** A password: 10 to 200 characters. */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');

/** A display name. */
export const nameSchema = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');

export const localeSchema = z.enum(LOCALES);

export const roleSchema = z.enum(ROLES);

export const signUpInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema, locale: localeSchema.optional() });
export const signInInput = z.object({ email: emailSchema, password: z.string().min(1, 'required').max(200, 'at most 200 characters') });
export const emailOnlyInput = z.object({ email: emailSchema });
export const tokenInput = z.object({ token: z.string().min(10, 'not a valid link').max(200, 'not a valid link') });
export const resetPasswordInput = tokenInput.extend({ password: passwordSchema });
export const profileInput = z.object({ name: nameSchema, locale: localeSchema.nullable().optional() });
export const deleteAccountInput = z.object({ password: z.string().min(1, 'required').max(200, 'at most 200 characters') });

/** One role grant as given by an admin; agency staff must name their agency, other roles must not. */
export const roleGrantInput = z
  .object({ role: roleSchema, agencyId: z.uuid('not a valid id').nullable().optional() })
  .transform((g) => ({ role: g.role, agencyId: g.agencyId ?? null }))
  .superRefine((g, ctx) => {
    if (g.role === 'agency_staff' && !g.agencyId) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'agency staff need an agency' });
    if (g.role !== 'agency_staff' && g.agencyId)
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'only agency staff belong to an agency' });
  });
