/**
 * Forgiving matching of a typed address or place name against a site's gazetteer (named streets,
 * squares and landmarks with a point each). Case, accents, punctuation, word order, common
 * abbreviations ("St", "Rd", "Av."), little words ("the", "de la") and house numbers do not
 * matter, and one typo in a long word is forgiven. Pure: used by the web form and Open311 alike.
 */

/** A named place as the matcher needs it. */
export interface GazetteerPlace {
  id: string;
  name: string;
  aliases: readonly string[];
  lat: number;
  lon: number;
}

/** What a typed address came to: one place (use its point), several (ask), or none. */
export interface PlaceMatch<P extends GazetteerPlace = GazetteerPlace> {
  status: 'one' | 'many' | 'none';
  /** The candidates, best first (one for `one`, at most `limit` for `many`, empty for `none`). */
  places: P[];
}

/** Words that say what kind of way or place it is, in the five languages of the interface. */
// prettier-ignore
const TYPE_WORDS = new Set([
  'street', 'road', 'avenue', 'lane', 'square', 'place', 'drive', 'way', 'walk', 'boulevard', 'park', 'bridge', 'close', 'court', 'crescent', 'terrace',
  'calle', 'avenida', 'plaza', 'paseo', 'camino', 'carretera', 'glorieta', 'puente', 'parque',
  'rue', 'boulevard', 'chemin', 'allee', 'quai', 'pont', 'parc',
  'rua', 'travessa', 'praca', 'largo', 'estrada', 'ponte', 'parque',
  'вулиця', 'проспект', 'провулок', 'площа', 'бульвар', 'міст', 'парк',
]);

/** Abbreviations people type, spelled out. */
// prettier-ignore
const ABBREVIATIONS: Record<string, string> = {
  st: 'street', str: 'street', rd: 'road', ave: 'avenue', av: 'avenue', ln: 'lane', sq: 'square', dr: 'drive', blvd: 'boulevard', pk: 'park',
  c: 'calle', cl: 'calle', avda: 'avenida', pza: 'plaza', pl: 'plaza', pso: 'paseo',
  bd: 'boulevard', bvd: 'boulevard', ch: 'chemin',
  r: 'rua', pc: 'praca', trav: 'travessa',
  'вул': 'вулиця', 'пр': 'проспект', 'пл': 'площа', 'пров': 'провулок', 'б': 'бульвар',
};

/** Little words that carry no place: articles, prepositions, "by", "near". */
// prettier-ignore
const STOP_WORDS = new Set([
  'the', 'of', 'a', 'an', 'and', 'by', 'near', 'at', 'in', 'on', 'opposite', 'outside', 'behind', 'corner', 'next', 'to', 'no', 'number',
  'de', 'del', 'la', 'las', 'el', 'los', 'y', 'en', 'junto', 'cerca', 'frente', 'al', 'esquina', 'numero',
  'du', 'des', 'le', 'les', 'l', 'd', 'et', 'pres', 'devant', 'au', 'aux',
  'da', 'do', 'das', 'dos', 'e', 'o', 'os', 'as', 'perto', 'em', 'na', 'no',
  'біля', 'на', 'і', 'та', 'в', 'у',
]);

/**
 * The words of a text as the matcher compares them: lower case, accents and apostrophes removed,
 * split on anything that is not a letter or digit, abbreviations spelled out, little words left out.
 */
export function placeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => !STOP_WORDS.has(w));
}

// The words of gazetteer names, worked out once per process: names are few and change rarely,
// typed addresses are many. Bounded, and emptied when full.
const nameWords = new Map<string, string[]>();
function wordsOfName(name: string): string[] {
  let words = nameWords.get(name);
  if (!words) {
    if (nameWords.size >= 50_000) nameWords.clear();
    nameWords.set(name, (words = placeWords(name)));
  }
  return words;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Whether two words are the same, forgiving one typo (after the first letter) in words of five letters or more. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1 || a[0] !== b[0]) return false;
  if (/^\d+$/.test(a) || /^\d+$/.test(b)) return false;
  return editDistance(a, b, 1) <= 1;
}

const isNumber = (w: string) => /^\d+[a-z]?$/.test(w);

/**
 * How well one name of a place fits the typed words: `full` when every distinctive word of the
 * name was typed (the kind word, like "Road", may differ), `partial` when every typed word
 * (house numbers aside) is in the name. The score favours names with more words typed, and
 * names whose kind word was typed too.
 */
function fit(name: string[], typed: string[], significant: string[]): { full: boolean; partial: boolean; score: number } {
  const has = (w: string) => typed.some((t) => sameWord(t, w));
  const distinctive = name.filter((w) => !TYPE_WORDS.has(w));
  const kinds = name.filter((w) => TYPE_WORDS.has(w));
  const core = distinctive.length ? distinctive : kinds;
  const coreHits = core.filter(has).length;
  const kindHits = distinctive.length ? kinds.filter(has).length : 0;
  const full = core.length > 0 && coreHits === core.length;
  // A partial fit needs a distinctive typed word: "Road" alone names no road.
  const partial = significant.length > 0 && significant.every((t) => name.some((w) => sameWord(t, w)));
  const exactKinds = kindHits === kinds.length || !distinctive.length;
  return { full, partial, score: coreHits * 4 + kindHits * 2 + (exactKinds ? 1 : 0) };
}

/**
 * Matches a typed address against the gazetteer. `one` when a single place fits best with every
 * word of its name typed, or holds every typed word ("Market" for "Market Square"); `many` when several fit as
 * well, or when the best fit only differs in the kind of way ("Station Street" for "Station
 * Road"), so the person confirms; `none` otherwise.
 */
export function matchPlace<P extends GazetteerPlace>(places: readonly P[], typed: string, limit = 10): PlaceMatch<P> {
  const words = placeWords(typed);
  // House numbers aside; empty unless a distinctive word was typed ("Road" alone names no road).
  const numberless = words.filter((t) => !isNumber(t));
  const significant = numberless.some((t) => !TYPE_WORDS.has(t)) ? numberless : [];
  if (!words.length) return { status: 'none', places: [] };
  const scored: { place: P; full: boolean; exact: boolean; partial: boolean; score: number }[] = [];
  for (const place of places) {
    let best: { full: boolean; exact: boolean; partial: boolean; score: number } | null = null;
    for (const name of [place.name, ...place.aliases]) {
      const nameWords = wordsOfName(name);
      if (!nameWords.length) continue;
      const f = fit(nameWords, words, significant);
      const exact = f.full && nameWords.every((w) => words.some((t) => sameWord(t, w)));
      const candidate = { ...f, exact };
      if ((f.full || f.partial) && (!best || candidate.score > best.score || (candidate.exact && !best.exact))) best = candidate;
    }
    if (best) scored.push({ place, ...best });
  }
  if (!scored.length) return { status: 'none', places: [] };
  const full = scored.filter((s) => s.full).sort((a, b) => b.score - a.score || a.place.name.localeCompare(b.place.name));
  if (full.length) {
    const top = full.filter((s) => s.score === full[0].score);
    if (top.length === 1 && (top[0].exact || top[0].partial)) return { status: 'one', places: [top[0].place] };
    return { status: 'many', places: full.slice(0, limit).map((s) => s.place) };
  }
  const partial = scored.filter((s) => s.partial).sort((a, b) => b.score - a.score || a.place.name.localeCompare(b.place.name));
  if (partial.length === 1) return { status: 'one', places: [partial[0].place] };
  return { status: partial.length ? 'many' : 'none', places: partial.slice(0, limit).map((s) => s.place) };
}
