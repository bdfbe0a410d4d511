import type { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { RATE_LIMITS, signUpInput } from '../core/rules.js';
import { insertConsent } from '../store/legal.js';
import { findUserByEmail, insertUser } from '../store/users.js';
import { currentLegalVersions } from './legal.js';
import { confirmLinkOf, enforceRateLimits, hashPassword, issueAuthToken, sendAccountEmail, type AuthRequest } from './support.js';

/**
 * Creates an unconfirmed account, recording the person's agreement to the site's current terms
 * and privacy notice (time and versions), and emails a confirmation link (valid 48 hours) that
 * leads on to `next` (a path on this site) once confirmed. When the
 * email already has an account, its owner gets a note instead and the caller sees the same
 * answer, so sign-up cannot be used to find out who has an account.
 */
export async function signUp(
  deps: Deps,
  siteId: string,
  input: z.input<typeof signUpInput>,
  req: AuthRequest,
): Promise<{ status: 'confirmation_sent' }> {
  const data = parseInput(signUpInput, input);
  await enforceRateLimits(deps, [
    { key: `accounts.sign-up:${siteId}:email:${data.email}`, ...RATE_LIMITS.signUpPerEmail },
    { key: `accounts.sign-up:${siteId}:client:${req.client}`, ...RATE_LIMITS.signUpPerClient },
  ]);
  const locale = data.locale ?? req.locale;
  const versions = await currentLegalVersions(deps, siteId);
  if ((data.termsVersion ?? versions.terms) !== versions.terms || (data.privacyVersion ?? versions.privacy) !== versions.privacy) {
    throw new AppError('invalid_input', 'The terms of use or the privacy notice changed while you were reading them: read them again.', {
      fields: { consent: 'the texts changed: read them again' },
      details: { reason: 'legal_changed' },
    });
  }
  const confirmLink = (token: string) => confirmLinkOf(req, token, data.next);
  const existing = await findUserByEmail(deps.db, siteId, data.email);
  if (existing) {
    if (!existing.emailConfirmedAt) {
      const token = await issueAuthToken(deps, siteId, existing.id, 'confirm');
      await sendAccountEmail(deps, siteId, existing.email, 'confirm', existing.locale ?? locale, {
        name: existing.name,
        site: req.siteName,
        link: confirmLink(token),
      });
    } else {
      await sendAccountEmail(deps, siteId, existing.email, 'exists', existing.locale ?? locale, {
        name: existing.name,
        site: req.siteName,
        link: `${req.origin}/forgot-password`,
      });
    }
    return { status: 'confirmation_sent' };
  }
  const passwordHash = await hashPassword(data.password);
  const { user, token } = await inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const user = await insertUser(tx, {
      id: newId(),
      siteId,
      email: data.email,
      name: data.name,
      passwordHash,
      emailConfirmedAt: null,
      locale,
      createdAt: deps.clock.now(),
    });
    await insertConsent(tx, {
      id: newId(),
      siteId,
      userId: user.id,
      termsVersion: versions.terms,
      privacyVersion: versions.privacy,
      agreedAt: deps.clock.now(),
    });
    const token = await issueAuthToken(txDeps, siteId, user.id, 'confirm');
    return { user, token };
  });
  await sendAccountEmail(deps, siteId, user.email, 'confirm', locale, {
    name: user.name,
    site: req.siteName,
    link: confirmLink(token),
  });
  return { status: 'confirmation_sent' };
}
