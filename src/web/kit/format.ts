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

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string, cents: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${cents ? 'c' : 'w'}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const digits = cents ? {} : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, ...digits });
    } catch {
      // Not an ISO 4217 code: the number alone (the caller's currency label follows).
      f = new Intl.NumberFormat(locale, cents ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : digits);
    }
    moneyFormats.set(key, f);
  }
  return f;
}

/**
 * An amount of money (decimal string or number) as the reader's locale writes it, without needless
 * decimals: "€150,000" for 150000, but "€99.50" when there are cents. A currency that is not an
 * ISO 4217 code is written after the number ("1,200 points").
 */
export function formatMoney(amount: string | number, currency: string, locale: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const whole = Math.round(n * 100) % 100 === 0;
  const f = moneyFormat(locale, currency, !whole);
  const text = f.format(n);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}
