import { haversineMeters } from './geo.js';

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

/** How far from a known place a pin may be and still be named after it ("near Church Street"). */
export const NEAR_PLACE_MAX_METERS = 1500;

/**
 * The known place nearest to a pin, to name a report placed on the map by a place people know
 * instead of by its coordinates (as FixMyStreet names a report by the nearest road). Points of
 * the gazetteer are compared by great-circle distance; districts only when no street, square
 * or landmark is within reach, since "near North District" says less than "near Mill Road".
 * Null when nothing lies within `maxMeters`.
 */
export function nearestPlace<P extends { name: string; kind: string; lat: number; lon: number }>(
  places: readonly P[],
  lat: number,
  lon: number,
  maxMeters = NEAR_PLACE_MAX_METERS,
): { place: P; meters: number } | null {
  let best: { place: P; meters: number } | null = null;
  let bestDistrict: { place: P; meters: number } | null = null;
  for (const p of places) {
    const meters = haversineMeters(lat, lon, p.lat, p.lon);
    if (meters > maxMeters) continue;
    if (p.kind === 'district') {
      if (!bestDistrict || meters < bestDistrict.meters) bestDistrict = { place: p, meters };
    } else if (!best || meters < best.meters || (meters === best.meters && p.name < best.place.name)) best = { place: p, meters };
  }
  return best ?? bestDistrict;
}
