import { IntlMessageFormat } from 'intl-messageformat';
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

/** The root loader's data (site, actor, locale, messages, navigation, CSRF token). */
export function useRoot(): RootData {
  const data = useRouteLoaderData('root') as RootData | undefined;
  if (!data) throw new Error('useRoot outside the root route');
  return data;
}

/** The translation function of the current page's locale. */
export function useT(): (id: string, values?: Record<string, string | number | Date>) => string {
  const { messages, locale } = useRoot();
  return (id, values) => translate(messages, locale, id, values);
}
