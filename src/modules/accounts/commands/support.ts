import { hash, verify } from '@node-rs/argon2';
import { IntlMessageFormat } from 'intl-messageformat';
import { serialize } from 'hono/utils/cookie';
import type { Deps } from '../../../db/context.js';
import type { RequestContext } from '../../../db/context.js';
import { hitRateLimit } from '../../../db/rate-limit.js';
import type { Env } from '../../../kernel/env.js';
import { AppError } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { canonicalOrigin } from '../../sites/index.js';
import { newToken } from '../../../kernel/ids.js';
import { SESSION_TTL_MS, TOKEN_TTL_MS, type TokenPurpose } from '../core/rules.js';
import { hashToken, insertAuthToken, insertSession } from '../store/users.js';
import en from '../ui/messages/en.json' with { type: 'json' };
import es from '../ui/messages/es.json' with { type: 'json' };
import fr from '../ui/messages/fr.json' with { type: 'json' };
import pt from '../ui/messages/pt.json' with { type: 'json' };
import uk from '../ui/messages/uk.json' with { type: 'json' };

/** Name of the session cookie (HttpOnly, Secure, SameSite=Lax). */
export const SESSION_COOKIE = 'polity_session';

/** The accounts module's UI and email messages per locale. */
export const accountsMessages: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/** What commands need to know about the request that triggered them. */
export interface AuthRequest {
  /** The site's canonical origin (sites' canonicalOrigin), for links in emails: never the request's Host. */
  origin: string;
  /** The reader's language, for emails. */
  locale: string;
  /** The site's name in that language. */
  siteName: string;
  /** Who is calling, for per-client rate limits (forwarded address behind a trusted proxy). */
  client: string;
}

/** The AuthRequest of a page or API request. */
export function authRequestOf(deps: Pick<Deps, 'env'>, ctx: RequestContext): AuthRequest {
  return {
    origin: canonicalOrigin(ctx.site, ctx.origin, { secure: deps.env.COOKIE_SECURE }),
    locale: ctx.locale,
    siteName: pickText(ctx.site.name, ctx.locale, ctx.site.defaultLocale).text,
    client: ctx.clientIp,
  };
}

/** Hashes a password with argon2id (the library's default algorithm and OWASP parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real argon2id hash of a random password, verified against when no user matches, so the
// answer takes as long whether or not the email has an account.
let dummyHash: Promise<string> | null = null;

/** Whether `password` matches `passwordHash`; spends the same time when there is no hash. */
export async function checkPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash(newToken(16));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** The `rate_limited` error (429 with Retry-After) of every accounts limit. */
export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'Too many attempts. Please wait a little and try again.', {
    details: { retryAfterSeconds, reason: 'rate_limited' },
  });
}

/** Counts a hit on each key and throws `rate_limited` (429 with Retry-After) when one is over. */
export async function enforceRateLimits(deps: Deps, checks: { key: string; limit: number; windowMs: number }[]): Promise<void> {
  for (const check of checks) {
    const hit = await hitRateLimit(deps.db, deps.clock, check.key, check.limit, check.windowMs);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
  }
}

/** Starts a session for a person; returns the token that goes in the cookie (only its hash is stored). */
export async function startSession(deps: Deps, siteId: string, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken(32);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(deps.db, { id: hashToken(token), siteId, userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The Set-Cookie header value carrying a session token. */
export function sessionCookie(env: Env, token: string): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: env.COOKIE_SECURE,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/** The Set-Cookie header value that removes the session cookie. */
export function clearSessionCookie(env: Env): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, secure: env.COOKIE_SECURE, sameSite: 'Lax', path: '/', maxAge: 0 });
}

/** Makes a single-use emailed token for `purpose`, valid for that purpose's lifetime. */
export async function issueAuthToken(deps: Deps, siteId: string, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = newToken(32);
  await insertAuthToken(deps.db, {
    id: hashToken(token),
    siteId,
    userId,
    purpose,
    expiresAt: new Date(deps.clock.now().getTime() + TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** Formats an accounts message in `locale` (English when the locale or id is missing). */
export function formatMessage(locale: string, id: string, values: Record<string, string>): string {
  const source = accountsMessages[locale]?.[id] ?? accountsMessages.en[id];
  if (source === undefined) throw new Error(`Missing message ${id}`);
  return String(new IntlMessageFormat(source, locale).format(values));
}

/**
 * The emailed link that confirms an email address; it carries `next`, where to land after
 * confirming, only when that is a path on this site.
 */
export function confirmLinkOf(req: Pick<AuthRequest, 'origin'>, token: string, next: string | undefined): string {
  const path = safeRedirectPath(next, '');
  return `${req.origin}/confirm?token=${token}${path ? `&next=${encodeURIComponent(path)}` : ''}`;
}

/** Queues an email made of the messages `accounts.email.<kind>.subject` and `.body`. */
export async function sendAccountEmail(
  deps: Deps,
  siteId: string,
  to: string,
  kind: 'confirm' | 'reset' | 'login' | 'exists',
  locale: string,
  values: Record<string, string>,
): Promise<void> {
  await deps.mailer.send({
    siteId,
    to,
    subject: formatMessage(locale, `accounts.email.${kind}.subject`, values),
    text: formatMessage(locale, `accounts.email.${kind}.body`, values),
  });
}
