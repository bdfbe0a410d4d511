import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../kernel/auth.js';
import { newId, newToken } from '../../kernel/ids.js';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { createClient, type TestContext } from '../../server/testing.js';
import type { CaseStudyInput } from './core/schemas.js';

/**
 * A signed-in client: inserts a person, their roles and a session straight into the accounts
 * tables (as the accounts module stores them: the session id is the SHA-256 hex of the cookie
 * token), so library tests do not depend on the sign-in flow.
 */
export async function signedInClient(t: TestContext, roles: Role[], opts: { siteId?: string; host?: string } = {}) {
  const siteId = opts.siteId ?? t.site.id;
  const userId = newId();
  const now = t.clock.now();
  await t.deps.db.execute(
    sql`INSERT INTO users (id, site_id, email, name, created_at) VALUES (${userId}, ${siteId}, ${`${userId}@example.org`}, ${'Test person'}, ${now.toISOString()})`,
  );
  for (const role of roles) {
    await t.deps.db.execute(
      sql`INSERT INTO role_grants (id, site_id, user_id, role, created_at) VALUES (${newId()}, ${siteId}, ${userId}, ${role}, ${now.toISOString()})`,
    );
  }
  const token = newToken();
  const expires = new Date(now.getTime() + 86_400_000);
  await t.deps.db.execute(
    sql`INSERT INTO sessions (id, site_id, user_id, created_at, expires_at) VALUES (${createHash('sha256').update(token).digest('hex')}, ${siteId}, ${userId}, ${now.toISOString()}, ${expires.toISOString()})`,
  );
  const client = createClient(t, opts.host);
  client.jar.set('polity_session', token);
  return { client, userId };
}

/** A valid case study with `overrides`. */
export function caseFixture(overrides: Partial<CaseStudyInput> = {}): CaseStudyInput {
  return {
    title: { en: 'Participatory budget of the city' },
    summary: { en: 'Residents decide how to spend part of the budget.' },
    body: { en: 'Residents propose and vote on projects.' },
    country: 'PT',
    level: 'local',
    sectors: ['public-finance'],
    tags: ['budget'],
    stage: 'diffusion',
    yearLaunched: 2008,
    originalLocale: 'en',
    status: 'published',
    ...overrides,
  };
}

/**
 * Checks that `xml` is well-formed: one root, every tag closed in order, quoted attributes, only
 * the five predefined entities or character references. Returns the problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const re =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|&/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const token = m[0];
    if (token === '<') return `stray < at ${m.index}`;
    if (token === '&') return `stray & at ${m.index}`;
    if (token.startsWith('&')) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(token)) return `unknown entity ${token}`;
      continue;
    }
    if (token.startsWith('<!--')) continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) return `unexpected </${name}>`;
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? null : `expected one root element, found ${roots}`;
}
