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

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount of money as the reader's locale writes it, in its currency, without needless decimals
 * (300 000 ₴, not 300 000,00 ₴; 12,50 € keeps its cents). An unknown currency code is written
 * after a plain number.
 */
export function formatMoney(amount: number | string, currency: string, locale: string): string {
  const n = Number(amount);
  const whole = Number.isInteger(n);
  const key = `${locale}|${currency}|${whole}`;
  let f = numberFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
    numberFormats.set(key, f);
  }
  return f.resolvedOptions().style === 'currency' ? f.format(n) : `${f.format(n)} ${currency}`;
}
