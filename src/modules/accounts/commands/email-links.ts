import type { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { emailOnlyInput, RATE_LIMITS, resendConfirmationInput, resetPasswordInput, tokenInput } from '../core/rules.js';
import { consumeAuthToken, deleteUserSessions, findUserByEmail, findUserById, updateUser, type UserRow } from '../store/users.js';
import { confirmLinkOf, enforceRateLimits, hashPassword, issueAuthToken, sendAccountEmail, startSession, type AuthRequest } from './support.js';

/** The one answer to every "email me a link" request, whether or not the email has an account. */
export const LINK_SENT = { status: 'sent_if_known' } as const;

async function limitEmailRequest(deps: Deps, siteId: string, kind: string, email: string, req: AuthRequest) {
  await enforceRateLimits(deps, [
    { key: `accounts.${kind}:${siteId}:email:${email}`, ...RATE_LIMITS.emailLinkPerEmail },
    { key: `accounts.${kind}:${siteId}:client:${req.client}`, ...RATE_LIMITS.emailLinkPerClient },
  ]);
}

function invalidLink(): AppError {
  return new AppError('invalid_input', 'This link is not valid any more: it was used already or it has expired. Ask for a new one.', {
    fields: { token: 'used or expired' },
    details: { reason: 'token_invalid' },
  });
}

async function userOfToken(deps: Deps, siteId: string, token: string, purpose: 'confirm' | 'reset' | 'login'): Promise<string> {
  const userId = await consumeAuthToken(deps.db, siteId, token, purpose, deps.clock.now());
  if (!userId) throw invalidLink();
  return userId;
}

/**
 * Sends the confirmation link again to an unconfirmed account; same answer for any email. The link
 * carries `next` (a path on this site) like the one sent at sign-up.
 */
export async function resendConfirmation(
  deps: Deps,
  siteId: string,
  input: z.input<typeof resendConfirmationInput>,
  req: AuthRequest,
): Promise<typeof LINK_SENT> {
  const { email, next } = parseInput(resendConfirmationInput, input);
  await limitEmailRequest(deps, siteId, 'confirm', email, req);
  const user = await findUserByEmail(deps.db, siteId, email);
  if (user && !user.emailConfirmedAt) {
    const token = await issueAuthToken(deps, siteId, user.id, 'confirm');
    await sendAccountEmail(deps, siteId, user.email, 'confirm', user.locale ?? req.locale, {
      name: user.name,
      site: req.siteName,
      link: confirmLinkOf(req, token, next),
    });
  }
  return LINK_SENT;
}

/** Confirms an email with the emailed token (single use, 48 hours) and signs the person in. */
export async function confirmEmail(
  deps: Deps,
  siteId: string,
  input: z.input<typeof tokenInput>,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const { token } = parseInput(tokenInput, input);
  const userId = await userOfToken(deps, siteId, token, 'confirm');
  const user = await updateUser(deps.db, siteId, userId, { emailConfirmedAt: deps.clock.now() });
  if (!user) throw invalidLink();
  return { user, ...(await startSession(deps, siteId, user.id)) };
}

/** Emails a password-reset link (single use, 1 hour) when the email has an account; same answer either way. */
export function requestPasswordReset(deps: Deps, siteId: string, input: z.input<typeof emailOnlyInput>, req: AuthRequest): Promise<typeof LINK_SENT> {
  return emailLinkTo(deps, siteId, input, req, 'reset', '/reset-password');
}

/**
 * Sets a new password with a reset token, ends every other session of the person and signs them
 * in. Opening the emailed link also proves the email, so it counts as confirmed.
 */
export async function resetPassword(
  deps: Deps,
  siteId: string,
  input: z.input<typeof resetPasswordInput>,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const data = parseInput(resetPasswordInput, input);
  const passwordHash = await hashPassword(data.password);
  const userId = await userOfToken(deps, siteId, data.token, 'reset');
  const existing = await findUserById(deps.db, siteId, userId);
  if (!existing) throw invalidLink();
  // The new password and the end of the other sessions land together.
  const user = await inTransaction(deps.db, async (tx) => {
    await deleteUserSessions(tx, siteId, userId);
    return updateUser(tx, siteId, userId, { passwordHash, emailConfirmedAt: existing.emailConfirmedAt ?? deps.clock.now() });
  });
  if (!user) throw invalidLink();
  return { user, ...(await startSession(deps, siteId, user.id)) };
}

/** Emails a sign-in link (single use, 15 minutes) when the email has an account; same answer either way. */
export function requestMagicLink(deps: Deps, siteId: string, input: z.input<typeof emailOnlyInput>, req: AuthRequest): Promise<typeof LINK_SENT> {
  return emailLinkTo(deps, siteId, input, req, 'login', '/sign-in/link');
}

/**
 * Emails a single-use link of `purpose` to the account with this email, if there is one. The
 * answer is the same either way, so the form does not reveal who has an account.
 */
async function emailLinkTo(
  deps: Deps,
  siteId: string,
  input: z.input<typeof emailOnlyInput>,
  req: AuthRequest,
  purpose: 'reset' | 'login',
  path: string,
): Promise<typeof LINK_SENT> {
  const { email } = parseInput(emailOnlyInput, input);
  await limitEmailRequest(deps, siteId, purpose, email, req);
  const user = await findUserByEmail(deps.db, siteId, email);
  if (user) {
    const token = await issueAuthToken(deps, siteId, user.id, purpose);
    await sendAccountEmail(deps, siteId, user.email, purpose, user.locale ?? req.locale, {
      name: user.name,
      site: req.siteName,
      link: `${req.origin}${path}?token=${token}`,
    });
  }
  return LINK_SENT;
}

/** Signs in with an emailed sign-in link; opening it also confirms the email. */
export async function signInWithLink(
  deps: Deps,
  siteId: string,
  input: z.input<typeof tokenInput>,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const { token } = parseInput(tokenInput, input);
  const userId = await userOfToken(deps, siteId, token, 'login');
  let user = await findUserById(deps.db, siteId, userId);
  if (user && !user.emailConfirmedAt) user = await updateUser(deps.db, siteId, userId, { emailConfirmedAt: deps.clock.now() });
  if (!user) throw invalidLink();
  return { user, ...(await startSession(deps, siteId, user.id)) };
}
