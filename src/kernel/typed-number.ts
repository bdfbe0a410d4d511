/**
 * A number as a person types it in any of the site's languages: `1234.5`, `1234,5`, `1 234,5`
 * (spaces, also non-breaking, group thousands), `1,234.5`, `1.234,5`, `-2`, `3e6`. With both a
 * comma and a point, the last one is the decimal separator. A lone separator followed by exactly
 * three digits (`12,345`, `12.345`) reads one way in English and the other in Spanish, French,
 * Portuguese or Ukrainian: it is refused as ambiguous rather than guessed (a population of 12,345
 * stored as 12.345 would skew every weight silently); a run of groups (`1,234,567`) is thousands.
 */
export type TypedNumber = { ok: true; value: number } | { ok: false; reason: 'not_a_number' | 'ambiguous_number' };

const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function readTypedNumber(typed: string): TypedNumber {
  const text = typed.replace(/[\s\u00a0\u202f\u2009]/g, '');
  const fail = (reason: 'not_a_number' | 'ambiguous_number'): TypedNumber => ({ ok: false, reason });
  const number = (plain: string): TypedNumber => {
    if (!PLAIN.test(plain)) return fail('not_a_number');
    const value = Number(plain);
    return Number.isFinite(value) ? { ok: true, value } : fail('not_a_number');
  };
  const commas = text.split(',').length - 1;
  const points = text.split('.').length - 1;
  if (commas === 0 && points === 0) return number(text);
  if (commas > 0 && points > 0) {
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole, fraction, ...rest] = text.split(decimal);
    if (rest.length || !new RegExp(`^[-+]?\\d{1,3}(\\${group}\\d{3})*$`).test(whole)) return fail('not_a_number');
    return number(`${whole.split(group).join('')}.${fraction}`);
  }
  const separator = commas > 0 ? ',' : '.';
  const parts = text.split(separator);
  // Several separators: thousands, when they group by three.
  if (parts.length > 2)
    return /^[-+]?\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p)) ? number(parts.join('')) : fail('not_a_number');
  const [whole, fraction] = parts;
  if (/^[-+]?[1-9]\d{0,2}$/.test(whole) && /^\d{3}$/.test(fraction)) return fail('ambiguous_number');
  return number(`${whole}.${fraction}`);
}
