/**
 * The gazetteer's shape, shared by its importers, its commands and the report form: what kinds
 * of place it holds and how long their names may be. (Matching names lives in `geocode.ts`.)
 */

/** The kinds of place a gazetteer holds; they group the list residents choose from. */
export const PLACE_KINDS = ['street', 'square', 'landmark', 'district'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Longest name or other name of a place, and most other names one place has. */
export const PLACE_NAME_MAX = 200;
export const PLACE_ALIASES_MAX = 20;
