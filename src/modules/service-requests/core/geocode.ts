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

/**
 * A name the way the gazetteer compares names (its words, see `placeWords`, joined by spaces):
 * "Calle de la Estación", "calle estacion" and "C/ Estación" are one name to it, so a gazetteer
 * holds each at most once. Empty when the name has no word an address could match.
 */
export function placeKey(name: string): string {
  return placeWords(name).join(' ');
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
 * What a typed address is compared with: for each typed word, the gazetteer's words that are the
 * same word to `sameWord` (worked out once per address, not once per name).
 */
interface Typed {
  /** Gazetteer words some typed word stands for. */
  any: Set<string>;
  /** For each significant typed word (see `matchPlace`), the gazetteer words it stands for. */
  significant: Set<string>[];
}

/**
 * How well one name of a place fits the typed words: `full` when every distinctive word of the
 * name was typed (the kind word, like "Road", may differ), `partial` when every typed word
 * (house numbers aside) is in the name. The score favours names with more words typed, and
 * names whose kind word was typed too.
 */
function fit(name: string[], typed: Typed): { full: boolean; partial: boolean; score: number } {
  const has = (w: string) => typed.any.has(w);
  const distinctive = name.filter((w) => !TYPE_WORDS.has(w));
  const kinds = name.filter((w) => TYPE_WORDS.has(w));
  const core = distinctive.length ? distinctive : kinds;
  const coreHits = core.filter(has).length;
  const kindHits = distinctive.length ? kinds.filter(has).length : 0;
  const full = core.length > 0 && coreHits === core.length;
  // A partial fit needs a distinctive typed word: "Road" alone names no road.
  const partial = typed.significant.length > 0 && typed.significant.every((same) => name.some((w) => same.has(w)));
  const exactKinds = kindHits === kinds.length || !distinctive.length;
  return { full, partial, score: coreHits * 4 + kindHits * 2 + (exactKinds ? 1 : 0) };
}

/**
 * A gazetteer ready for matching: each name's words worked out once, and an inverted index from
 * word to the names holding it, so a typed address is compared only with the names that share a
 * word with it (forgiving the same typo `sameWord` does) instead of with every place. Build it
 * once per gazetteer change (`indexGazetteer`); matching with it gives the same answer as
 * comparing with every place, in time that grows with the matches rather than the gazetteer.
 */
export interface GazetteerIndex<P extends GazetteerPlace = GazetteerPlace> {
  readonly places: readonly P[];
  /** Names (a place's name, then its aliases): their place, words, and distinct distinctive words. */
  readonly nameOf: Int32Array;
  readonly words: readonly string[][];
  readonly distinctive: Int32Array;
  /** The first name of each place, and one past its last (`firstName[places.length]`). */
  readonly firstName: Int32Array;
  /** Word -> the names holding it, each name once. */
  readonly postings: Map<string, number[]>;
  /** Words that can take a typo (five letters or more, not a number), by first letter and length. */
  readonly byShape: Map<string, string[]>;
  /** Names made only of kind words ("The Square"): they fit on those, so are always compared. */
  readonly kindOnly: readonly number[];
}

const canTypo = (w: string) => w.length >= 5 && !/^\d+$/.test(w);
const shapeKey = (w: string, length = w.length) => `${w[0]}${length}`;

/** Works out the words of every name of the gazetteer and indexes them (see `GazetteerIndex`). */
export function indexGazetteer<P extends GazetteerPlace>(places: readonly P[]): GazetteerIndex<P> {
  const nameOf: number[] = [];
  const words: string[][] = [];
  const distinctive: number[] = [];
  const firstName = new Int32Array(places.length + 1);
  const postings = new Map<string, number[]>();
  const byShape = new Map<string, string[]>();
  const kindOnly: number[] = [];
  places.forEach((place, p) => {
    firstName[p] = words.length;
    for (const name of [place.name, ...place.aliases]) {
      const n = words.length;
      const ws = placeWords(name);
      nameOf.push(p);
      words.push(ws);
      const distinct = new Set(ws);
      let own = 0;
      for (const w of distinct) {
        if (!TYPE_WORDS.has(w)) own++;
        let list = postings.get(w);
        if (!list) {
          postings.set(w, (list = []));
          if (canTypo(w)) {
            const shape = byShape.get(shapeKey(w));
            if (shape) shape.push(w);
            else byShape.set(shapeKey(w), [w]);
          }
        }
        list.push(n);
      }
      distinctive.push(own);
      if (ws.length && own === 0) kindOnly.push(n);
    }
  });
  firstName[places.length] = words.length;
  return {
    places,
    nameOf: Int32Array.from(nameOf),
    words,
    distinctive: Int32Array.from(distinctive),
    firstName,
    postings,
    byShape,
    kindOnly,
  };
}

/** The gazetteer's words that `sameWord` takes for a typed word (itself, and those one typo away). */
function similarWords(index: GazetteerIndex, typed: string): string[] {
  const out = index.postings.has(typed) ? [typed] : [];
  if (!canTypo(typed)) return out;
  for (let length = typed.length - 1; length <= typed.length + 1; length++) {
    for (const w of index.byShape.get(shapeKey(typed, length)) ?? []) if (w !== typed && sameWord(typed, w)) out.push(w);
  }
  return out;
}

/**
 * The places that may fit the typed words: those with a name whose every distinctive word was
 * typed (a possible full fit), or that holds every significant typed word (a possible partial
 * fit), or made only of kind words. `fit` then scores just these; any place left out could fit
 * neither way.
 */
function candidatePlaces(index: GazetteerIndex, typed: Typed): number[] {
  const places = new Set<number>();
  // Full fits: count, per name, its distinct distinctive words that some typed word hits.
  const hits = new Int32Array(index.nameOf.length);
  for (const w of typed.any) {
    if (TYPE_WORDS.has(w)) continue;
    for (const n of index.postings.get(w) ?? []) if (++hits[n] === index.distinctive[n]) places.add(index.nameOf[n]);
  }
  for (const n of index.kindOnly) places.add(index.nameOf[n]);
  // Partial fits: names holding a word for each significant typed word.
  let holding: Set<number> | null = null;
  for (const same of typed.significant) {
    const next = new Set<number>();
    for (const w of same) for (const n of index.postings.get(w) ?? []) if (!holding || holding.has(n)) next.add(n);
    holding = next;
    if (!holding.size) break;
  }
  for (const n of holding ?? []) places.add(index.nameOf[n]);
  // In gazetteer order, so ties sort as they would comparing every place.
  return [...places].sort((a, b) => a - b);
}

const collator = new Intl.Collator();

/**
 * Matches a typed address against the gazetteer: a list of places, each compared in turn, or
 * its index (`indexGazetteer`) when the same gazetteer serves many addresses; both give the
 * same answer. `one` when a single place fits best with every
 * word of its name typed, or holds every typed word ("Market" for "Market Square"); `many` when several fit as
 * well, or when the best fit only differs in the kind of way ("Station Street" for "Station
 * Road"), so the person confirms; `none` otherwise.
 */
export function matchPlace<P extends GazetteerPlace>(gazetteer: readonly P[] | GazetteerIndex<P>, typed: string, limit = 10): PlaceMatch<P> {
  const words = placeWords(typed);
  // House numbers aside; empty unless a distinctive word was typed ("Road" alone names no road).
  const numberless = words.filter((t) => !isNumber(t));
  const significant = numberless.some((t) => !TYPE_WORDS.has(t)) ? numberless : [];
  if (!words.length) return { status: 'none', places: [] };
  const scan = Array.isArray(gazetteer);
  const index = scan ? indexGazetteer(gazetteer as readonly P[]) : (gazetteer as GazetteerIndex<P>);
  // A list is compared word by word with every place; an index looks words up.
  const vocabulary = scan ? [...index.postings.keys()] : [];
  const similar = new Map(words.map((t) => [t, scan ? vocabulary.filter((w) => sameWord(t, w)) : similarWords(index, t)]));
  const typedWords: Typed = {
    any: new Set([...similar.values()].flat()),
    significant: [...new Set(significant)].map((t) => new Set(similar.get(t))),
  };
  const scored: { place: P; full: boolean; exact: boolean; partial: boolean; score: number }[] = [];
  for (const p of scan ? index.places.keys() : candidatePlaces(index, typedWords)) {
    let best: { full: boolean; exact: boolean; partial: boolean; score: number } | null = null;
    for (let n = index.firstName[p]; n < index.firstName[p + 1]; n++) {
      const nameWords = index.words[n];
      if (!nameWords.length) continue;
      const f = fit(nameWords, typedWords);
      const exact = f.full && nameWords.every((w) => typedWords.any.has(w));
      const candidate = { ...f, exact };
      if ((f.full || f.partial) && (!best || candidate.score > best.score || (candidate.exact && !best.exact))) best = candidate;
    }
    if (best) scored.push({ place: index.places[p], ...best });
  }
  if (!scored.length) return { status: 'none', places: [] };
  const full = scored.filter((s) => s.full);
  if (full.length) {
    let topScore = -Infinity;
    for (const s of full) topScore = Math.max(topScore, s.score);
    const top = full.filter((s) => s.score === topScore);
    if (top.length === 1 && (top[0].exact || top[0].partial)) return { status: 'one', places: [top[0].place] };
    return { status: 'many', places: bestFits(full, limit).map((s) => s.place) };
  }
  const partial = scored.filter((s) => s.partial);
  if (partial.length === 1) return { status: 'one', places: [partial[0].place] };
  return { status: partial.length ? 'many' : 'none', places: bestFits(partial, limit).map((s) => s.place) };
}

/**
 * The `limit` best fits, best first (higher score, then name in collation order; gazetteer order
 * on ties): what sorting them all would put first, without sorting thousands of fits of a common
 * word to show ten.
 */
function bestFits<T extends { score: number; place: GazetteerPlace }>(fits: readonly T[], limit: number): T[] {
  const byFit = (a: T, b: T) => b.score - a.score || collator.compare(a.place.name, b.place.name);
  const best: T[] = [];
  for (const f of fits) {
    if (best.length >= limit && byFit(f, best[best.length - 1]) >= 0) continue;
    // After every fit that does not come before it: the order a stable sort keeps.
    let at = best.length;
    while (at > 0 && byFit(f, best[at - 1]) < 0) at--;
    best.splice(at, 0, f);
    if (best.length > limit) best.pop();
  }
  return best;
}
