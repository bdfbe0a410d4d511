import { z } from 'zod';
import type { Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { indexGazetteer, matchPlace, type GazetteerIndex } from '../core/geocode.js';
import { boundsOf } from '../core/map.js';
import { listAreas, loadCatalogueSnapshot } from '../store/catalogue.js';
import { listPlaces } from '../store/places.js';
import type { PlaceRow } from '../store/tables.js';

/** A place a typed address may mean. */
export interface GeocodedPlace {
  /** The gazetteer place's id; null for a result of the external geocoder. */
  id: string | null;
  name: string;
  lat: number;
  lon: number;
  source: 'gazetteer' | 'geocoder';
}

/** What a typed address came to: one place (use it), several (let the person choose), none. */
export interface GeocodeResult {
  status: 'one' | 'many' | 'none';
  places: GeocodedPlace[];
  /** The external geocoder was configured but did not answer usefully (the gazetteer still did). */
  geocoderFailed?: boolean;
}

/** How long the external geocoder may take before the report goes on without it. */
export const GEOCODER_TIMEOUT_MS = 3000;
const CACHE_TTL_MS = 3_600_000;
const CACHE_MAX = 500;
const CANDIDATES = 8;

// Nominatim's /search answer (https://nominatim.org/release-docs/latest/api/Search/): lat and lon are strings.
const nominatimAnswer = z.array(
  z.object({
    lat: z.coerce.number().min(-90).max(90),
    lon: z.coerce.number().min(-180).max(180),
    display_name: z.string().max(1000),
    place_id: z.union([z.string(), z.number()]).optional(),
  }),
);

/** The /search URL of a Nominatim-compatible service, whether GEOCODER_URL names the base or /search itself. */
function searchUrl(base: string): URL {
  const url = new URL(base);
  if (!url.pathname.endsWith('/search')) url.pathname = `${url.pathname.replace(/\/$/, '')}/search`;
  return url;
}

/**
 * Asks the external geocoder, limited to the box around the site's areas when it has any. Answers
 * are kept for an hour in the process memo (Nominatim's usage policy asks clients to cache).
 * Any failure (timeout, HTTP error, an answer of another shape) is logged and counts as no answer.
 */
async function askGeocoder(deps: Deps, siteId: string, base: string, address: string, locale: string): Promise<GeocodedPlace[] | null> {
  const url = searchUrl(base);
  url.searchParams.set('q', address);
  url.searchParams.set('format', 'jsonv2');
  url.searchParams.set('limit', String(CANDIDATES));
  url.searchParams.set('accept-language', locale);
  const bounds = boundsOf((await listAreas(deps.db, siteId)).map((a) => a.geometry));
  if (bounds) {
    url.searchParams.set('viewbox', [bounds.minLon, bounds.maxLat, bounds.maxLon, bounds.minLat].map((x) => Math.round(x * 1e6) / 1e6).join(','));
    url.searchParams.set('bounded', '1');
  }
  const key = url.toString();
  let cache = deps.memo.get('sr-geocode') as Map<string, { at: number; places: GeocodedPlace[] }> | undefined;
  if (!cache) deps.memo.set('sr-geocode', (cache = new Map()));
  const now = deps.clock.now().getTime();
  const cached = cache.get(key);
  if (cached && now - cached.at < CACHE_TTL_MS) return cached.places;
  try {
    const res = await fetch(url, {
      headers: { accept: 'application/json', 'user-agent': 'Polity service requests (https://polity.localhost)' },
      signal: AbortSignal.timeout(GEOCODER_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const parsed = nominatimAnswer.safeParse(await res.json());
    if (!parsed.success) throw new Error('the answer is not a Nominatim search result');
    const places = parsed.data.map((r) => ({ id: null, name: r.display_name, lat: r.lat, lon: r.lon, source: 'geocoder' as const }));
    cache.delete(key);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string); // the oldest answer
    cache.set(key, { at: now, places });
    return places;
  } catch (err) {
    deps.log.warn('geocoder failed', { url: url.origin + url.pathname, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/**
 * Per-process index of each site's gazetteer, keyed by the database handle like the catalogue
 * snapshots, and rebuilt when the site's catalogue revision moves (every gazetteer write bumps
 * it in its transaction, so another process's import is seen on the next address). Reading and
 * indexing tens of thousands of places for every typed address would take longer than the
 * report itself.
 */
const gazetteers = new WeakMap<Db, Map<string, { revision: number; index: Promise<GazetteerIndex<PlaceRow>> }>>();

/** The site's gazetteer, indexed, as of this call's catalogue revision. */
export async function loadGazetteerIndex(db: Db, siteId: string): Promise<GazetteerIndex<PlaceRow>> {
  const { revision } = await loadCatalogueSnapshot(db, siteId);
  let cache = gazetteers.get(db);
  if (!cache) gazetteers.set(db, (cache = new Map()));
  const hit = cache.get(siteId);
  if (hit && hit.revision === revision) return hit.index;
  // Calls that arrive while it is built share one read and one index.
  const index = listPlaces(db, siteId).then((rows) => indexGazetteer(rows));
  const entry = { revision, index };
  cache.set(siteId, entry);
  index.catch(() => {
    if (cache.get(siteId) === entry) cache.delete(siteId);
  });
  return index;
}

/**
 * Places a typed address: first the site's gazetteer (forgiving matching, no network), then, when
 * the gazetteer knows nothing and GEOCODER_URL is set, the external geocoder.
 */
export async function geocodeAddress(deps: Deps, siteId: string, address: string, opts: { locale?: string } = {}): Promise<GeocodeResult> {
  const typed = address.trim().slice(0, 500);
  if (!typed) return { status: 'none', places: [] };
  const match = matchPlace(await loadGazetteerIndex(deps.db, siteId), typed, CANDIDATES);
  if (match.status !== 'none') {
    return {
      status: match.status,
      places: match.places.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon, source: 'gazetteer' as const })),
    };
  }
  const base = deps.env.GEOCODER_URL;
  if (!base) return { status: 'none', places: [] };
  const found = await askGeocoder(deps, siteId, base, typed, opts.locale ?? 'en');
  if (found === null) return { status: 'none', places: [], geocoderFailed: true };
  return { status: found.length === 0 ? 'none' : found.length === 1 ? 'one' : 'many', places: found };
}
