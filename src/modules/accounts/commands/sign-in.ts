import type { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { claimAttempt, countFailures, recordFailure, settleAttempt } from '../../../db/rate-limit.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { SIGN_IN_BACKOFF, signInInput } from '../core/rules.js';
import { findUserByEmail, type UserRow } from '../store/users.js';
import { checkPassword, rateLimited, startSession, type AuthRequest } from './support.js';

/** The back-off keys of one sign-in attempt (see SIGN_IN_BACKOFF). */
function signInKeys(siteId: string, email: string, client: string) {
  return {
    emailClient: `accounts.sign-in-failures:${siteId}:email-client:${email}:${client}`,
    email: `accounts.sign-in-failures:${siteId}:email:${email}`,
    client: `accounts.sign-in-failures:${siteId}:client:${client}`,
  };
}

/**
 * Asks for one password check on `email` from `client` under SIGN_IN_BACKOFF; refuses with
 * `rate_limited` (429 and Retry-After) while a back-off runs. Returns how to settle the attempt
 * once the password is checked.
 */
async function beginSignInAttempt(deps: Deps, siteId: string, email: string, client: string): Promise<(ok: boolean) => Promise<void>> {
  const { db, clock } = deps;
  const keys = signInKeys(siteId, email, client);
  const byClient = await claimAttempt(db, clock, keys.client, SIGN_IN_BACKOFF.client);
  if (!byClient.allowed) throw rateLimited(byClient.retryAfterSeconds);
  const underAttack = (await countFailures(db, clock, keys.email, SIGN_IN_BACKOFF.emailUnderAttack)) >= SIGN_IN_BACKOFF.emailUnderAttack.failures;
  const free = underAttack ? SIGN_IN_BACKOFF.emailUnderAttack.free : SIGN_IN_BACKOFF.emailClient.free;
  const byPair = await claimAttempt(db, clock, keys.emailClient, SIGN_IN_BACKOFF.emailClient, free);
  if (!byPair.allowed) {
    await settleAttempt(db, clock, keys.client, 'succeeded');
    throw rateLimited(byPair.retryAfterSeconds);
  }
  return async (ok) => {
    if (ok) {
      await settleAttempt(db, clock, keys.emailClient, 'cleared');
      await settleAttempt(db, clock, keys.client, 'succeeded');
    } else {
      await settleAttempt(db, clock, keys.emailClient, 'failed');
      await settleAttempt(db, clock, keys.client, 'failed');
      await recordFailure(db, clock, keys.email, SIGN_IN_BACKOFF.emailUnderAttack);
    }
  };
}

/**
 * Signs in with email and password. A wrong email and a wrong password get the same answer;
 * an unconfirmed email is refused (after the password checks out) with reason
 * `email_not_confirmed`, so the page can offer to send the link again. Failures slow down
 * further attempts as SIGN_IN_BACKOFF says; successes never do.
 */
export async function signIn(
  deps: Deps,
  siteId: string,
  input: z.input<typeof signInInput>,
  req: AuthRequest,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const data = parseInput(signInInput, input);
  const settle = await beginSignInAttempt(deps, siteId, data.email, req.client);
  const user = await findUserByEmail(deps.db, siteId, data.email);
  const ok = (await checkPassword(user?.passwordHash, data.password)) && !!user;
  await settle(ok);
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
