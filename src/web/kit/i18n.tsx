import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useContext, type ReactNode } from 'react';
import { useRouteLoaderData } from 'react-router';
import type { RootData } from './root-data.js';

const cache = new Map<string, IntlMessageFormat>();

/** Formats message `id` of `messages` (ICU syntax) in `locale`; a missing id shows the id itself. */
export function translate(messages: Record<string, string>, locale: string, id: string, values?: Record<string, string | number | Date>): string {
  const source = messages[id];
  if (source === undefined) return id;
  const key = `${locale}\u0000${source}`;
  let fmt = cache.get(key);
  if (!fmt) {
    fmt = new IntlMessageFormat(source, locale);
    cache.set(key, fmt);
  }
  return String(fmt.format(values));
}

/**
 * The UI messages of the page's locale. They reach the page outside the loader data (which is
 * serialised into every HTML page): the server entry provides them from the catalogues, and the
 * browser gets them from a cached script (`/i18n/<locale>.js`) before hydration.
 */
const MessagesContext = createContext<Record<string, string>>({});

/** Provides the UI messages to every component below. */
export function MessagesProvider({ messages, children }: { messages: Record<string, string>; children: ReactNode }) {
  return <MessagesContext.Provider value={messages}>{children}</MessagesContext.Provider>;
}

/** The root loader's data (site, actor, locale, navigation, CSRF token). */
export function useRoot(): RootData {
  const data = useRouteLoaderData('root') as RootData | undefined;
  if (!data) throw new Error('useRoot outside the root route');
  return data;
}

/** The translation function of the current page's locale. */
export function useT(): (id: string, values?: Record<string, string | number | Date>) => string {
  const messages = useContext(MessagesContext);
  const data = useRouteLoaderData('root') as RootData | undefined;
  const locale = data?.locale ?? 'en';
  return (id, values) => translate(messages, locale, id, values);
}
