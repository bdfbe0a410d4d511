import { createHash } from 'node:crypto';
import type { Deps, ModuleManifest } from '../db/context.js';
import { TITLE_ID } from './kit/title-ids.js';
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import pt from './messages/pt.json' with { type: 'json' };
import uk from './messages/uk.json' with { type: 'json' };

/** The shell's own UI messages per locale. */
export const shellMessages: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/**
 * All UI messages for `locale`: the shell's and every module's, over English so a string that a
 * translation lacks still shows (the completeness test keeps that from happening).
 */
export function messagesFor(manifests: ModuleManifest[], locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of locale === 'en' ? ['en'] : ['en', locale]) {
    Object.assign(out, shellMessages[l] ?? {});
    for (const m of manifests) Object.assign(out, m.messages?.[l] ?? {});
  }
  return out;
}

/** A locale's messages with their script form and content hash, as served at /i18n/<locale>.js. */
export interface MessageBundle {
  messages: Record<string, string>;
  /** The messages `meta` functions may need (ids matching `TITLE_ID`): they run outside components. */
  titles: Record<string, string>;
  script: string;
  hash: string;
}

/** The message bundle of `locale`, built once per process (messages are code, not data). */
export function messageBundle(deps: Pick<Deps, 'memo'>, manifests: ModuleManifest[], locale: string): MessageBundle {
  const key = `i18n:${locale}`;
  const hit = deps.memo.get(key) as MessageBundle | undefined;
  if (hit) return hit;
  const messages = messagesFor(manifests, locale);
  const script = `window.__polityMessages=${JSON.stringify(messages).replace(/</g, '\\u003c')};`;
  const titles = Object.fromEntries(Object.entries(messages).filter(([id]) => TITLE_ID.test(id)));
  const bundle = { messages, titles, script, hash: createHash('sha256').update(script).digest('hex').slice(0, 16) };
  deps.memo.set(key, bundle);
  return bundle;
}
