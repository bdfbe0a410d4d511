/**
 * A URL slug from a title: lower case ASCII letters, digits and dashes, accents folded
 * ("Presupuesto participativo à Lisboa" -> "presupuesto-participativo-a-lisboa"). Scripts
 * without a Latin form (Ukrainian) are transliterated; anything else is dropped, and an empty
 * result becomes `fallback`.
 */
export function slugify(title: string, fallback = 'item', max = 80): string {
  const folded = transliterate(title.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = folded.slice(0, max).replace(/-+$/g, '');
  return cut.length >= 2 ? cut : fallback;
}

/** Picks the first of `base`, `base-2`, `base-3`, ... that is not `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010), simplified to
// the initial-position-free forms.
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ы: 'y',
  э: 'e',
  ё: 'e',
  ъ: '',
};

function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower in CYRILLIC ? CYRILLIC[lower] : ch;
  }
  return out;
}
