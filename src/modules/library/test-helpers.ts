import type { Role } from '../../kernel/auth.js';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { signedInClient as signInNewPerson, type TestContext } from '../../server/testing.js';
import type { CaseStudyInput } from './core/schemas.js';

/** A client signed in through the accounts module as a new person with `roles` (none: a resident). */
export async function signedInClient(t: TestContext, roles: Role[], opts: { host?: string } = {}) {
  const client = await signInNewPerson(t, roles[0] ?? null, { host: opts.host });
  return { client, userId: client.userId, email: client.email };
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
