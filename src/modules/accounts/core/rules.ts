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

/**
 * How sign-in slows down password guessing without letting anyone lock anyone out (the approach
 * of OWASP's Authentication and Credential Stuffing cheat sheets, and of Django-axes locking on
 * the pair of username and address rather than on either alone):
 *
 * - Only failures count: a wrong password or an email without an account. Correct passwords never
 *   add to any counter, so an office signing in from one address is never slowed by its successes.
 * - Per email and client (`emailClient`): 5 failures are free; after that each attempt waits 1 s,
 *   2 s, 4 s, ... from the last failure, at most 5 minutes; forgotten an hour after the last
 *   failure. A correct password clears that client's failures for that email. This is the only
 *   counter tied to an account that can refuse an attempt, so an attacker failing on someone's
 *   email from their own address never delays the owner signing in from theirs, and the owner's
 *   wait after their own typos is never longer than the back-off (5 minutes at most).
 * - Per email, all clients (`emailUnderAttack`): 10 failures within an hour mark the email as under
 *   attack; it never refuses anyone by itself, it lowers the free failures per client for that
 *   email from 5 to 1, so spreading guesses over many addresses buys one free guess per address.
 * - Per client, all emails (`client`): 50 failures are free (a big office behind one address makes
 *   a few typos; a password sprayer makes hundreds), then 1 s, 2 s, ... at most 60 s from the
 *   client's last failure; forgotten 15 minutes after it.
 * - The checks come before the password is verified and a blocked attempt is not verified at all,
 *   so a blocked guess learns nothing; they answer 429 with Retry-After.
 */
export const SIGN_IN_BACKOFF = {
  emailClient: { free: 5, baseMs: 1000, maxMs: 5 * 60_000, forgetMs: 3600_000 },
  emailUnderAttack: { failures: 10, free: 1, forgetMs: 3600_000 },
  client: { free: 50, baseMs: 1000, maxMs: 60_000, forgetMs: 15 * 60_000 },
} as const;

/** Rate limits: `limit` hits per `windowMs` on one key. */
export const RATE_LIMITS = {
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

/** What sign-up takes: the account, agreement to the site's terms and privacy notice, and where to go after confirming. */
export const signUpInput = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  locale: localeSchema.optional(),
  consent: z.literal(true, 'agree to the terms of use and the privacy notice to create an account'),
  /** The versions of the texts the person read (the form's); when given they must still be current. */
  termsVersion: z.number().int().min(0).optional(),
  privacyVersion: z.number().int().min(0).optional(),
  next: z.string().max(2048).optional(),
});
export const signInInput = z.object({ email: emailSchema, password: z.string().min(1, 'required').max(200, 'at most 200 characters') });
export const emailOnlyInput = z.object({ email: emailSchema });
/** Asking for the confirmation link again: the email, and where to go after confirming (as at sign-up). */
export const resendConfirmationInput = emailOnlyInput.extend({ next: z.string().max(2048).optional() });
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

/** The kinds of legal text a site publishes. */
export const LEGAL_KINDS = ['terms', 'privacy'] as const;

/** A legal text as an admin saves it: per language, plain paragraphs separated by blank lines. */
export const legalTextInput = z.object({
  kind: z.enum(LEGAL_KINDS),
  body: z.partialRecord(localeSchema, z.string().trim().max(50_000, 'at most 50,000 characters')),
});
