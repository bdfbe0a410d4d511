import type { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { RATE_LIMITS, signInInput } from '../core/rules.js';
import { findUserByEmail, type UserRow } from '../store/users.js';
import { checkPassword, enforceRateLimits, startSession, type AuthRequest } from './support.js';

/**
 * Signs in with email and password. A wrong email and a wrong password get the same answer;
 * an unconfirmed email is refused (after the password checks out) with reason
 * `email_not_confirmed`, so the page can offer to send the link again.
 */
export async function signIn(
  deps: Deps,
  siteId: string,
  input: z.input<typeof signInInput>,
  req: AuthRequest,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const data = parseInput(signInInput, input);
  await enforceRateLimits(deps, [
    { key: `accounts.sign-in:${siteId}:email:${data.email}`, ...RATE_LIMITS.signInPerEmail },
    { key: `accounts.sign-in:${siteId}:client:${req.client}`, ...RATE_LIMITS.signInPerClient },
  ]);
  const user = await findUserByEmail(deps.db, siteId, data.email);
  const ok = await checkPassword(user?.passwordHash, data.password);
  if (!user || !ok) {
    throw new AppError('unauthenticated', 'The email or the password is not correct.', { details: { reason: 'wrong_credentials' } });
  }
  if (!user.emailConfirmedAt) {
    throw new AppError('forbidden', 'Please confirm your email address first: open the link we sent you, or ask for a new one.', {
      fields: { email: 'not confirmed yet' },
      details: { reason: 'email_not_confirmed' },
    });
  }
  const session = await startSession(deps, siteId, user.id);
  return { user, ...session };
}
