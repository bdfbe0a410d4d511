const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date (ISO string) as the reader's locale writes it, in UTC so the server and the browser
 * agree. Formatters are built once per locale and style: building one costs far more than using it.
 */
export function formatDate(iso: string | null | undefined, locale: string, style: 'date' | 'datetime' = 'date'): string {
  if (!iso) return '';
  const key = `${locale}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'date' ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' },
    );
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}
