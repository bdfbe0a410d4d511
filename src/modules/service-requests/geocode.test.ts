import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createApiKey } from './commands/api-keys.js';
import { createRequest } from './commands/create-request.js';
import { geocodeAddress } from './commands/geocode.js';
import { savePlace } from './commands/places.js';
import { indexGazetteer, matchPlace, placeKey, placeWords, type GazetteerPlace } from './core/geocode.js';
import { seedCatalogue } from './seed/catalogue.js';
import { DEMO_PLACES, seedPlaces } from './seed/places.js';
import { srPlaces, srRequests } from './store/tables.js';

const gazetteer: GazetteerPlace[] = DEMO_PLACES.map((p, i) => ({ id: `p${i}`, name: p.name, aliases: p.aliases, lat: p.lat, lon: p.lon }));
const names = (typed: string) => matchPlace(gazetteer, typed).places.map((p) => p.name);

describe('matching a typed address against the gazetteer', () => {
  it('ignores case, accents, punctuation, little words, abbreviations and house numbers', () => {
    expect(placeWords('12, Rue de l’Église')).toEqual(['12', 'rue', 'leglise']);
    expect(placeWords('3 Station Rd.')).toEqual(['3', 'station', 'road']);
    expect(matchPlace(gazetteer, 'Station Road, by the bakery')).toMatchObject({ status: 'one', places: [{ name: 'Station Road' }] });
    expect(matchPlace(gazetteer, '14 STATION RD')).toMatchObject({ status: 'one', places: [{ name: 'Station Road' }] });
    expect(matchPlace(gazetteer, 'road station')).toMatchObject({ status: 'one', places: [{ name: 'Station Road' }] });
    expect(matchPlace(gazetteer, 'calle de la estacion 4')).toMatchObject({ status: 'one', places: [{ name: 'Station Road' }] });
    expect(matchPlace(gazetteer, "rue de l'eglise")).toMatchObject({ status: 'one', places: [{ name: 'Church Street' }] });
    expect(matchPlace(gazetteer, 'АВЕНЮ ратуша')).toMatchObject({ status: 'one', places: [{ name: 'Town Hall' }] });
    expect(matchPlace(gazetteer, 'Ayuntamiento')).toMatchObject({ status: 'one', places: [{ name: 'Town Hall' }] });
  });

  it('forgives one typo in a long word, but not in a short one or a number', () => {
    expect(names('Staton Road')).toEqual(['Station Road']);
    expect(names('Chruch Street')).toEqual([]); // two letters swapped is two edits
    expect(names('Mill Rd')).toEqual(['Mill Road']);
    expect(names('Mall Road')).toEqual([]);
  });

  it('asks when several places fit as well, or when only the kind of way differs', () => {
    expect(matchPlace(gazetteer, 'Station')).toMatchObject({ status: 'many' });
    expect(names('Station')).toEqual(['Station Road', 'Station Square']);
    // "Station Street" is neither the road nor the square: both are offered.
    expect(matchPlace(gazetteer, 'Station Street')).toMatchObject({ status: 'many' });
    expect(names('station street').sort()).toEqual(['Station Road', 'Station Square']);
    // Naming two places asks which one.
    expect(matchPlace(gazetteer, 'Station Square near Station Road')).toMatchObject({ status: 'many' });
    expect(matchPlace(gazetteer, 'Market')).toMatchObject({ status: 'one', places: [{ name: 'Market Square' }] });
  });

  it('answers the same from the index as comparing every place (random gazetteers and addresses)', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    // Distinctive words, their one-typo spellings, kind words, abbreviations, little words and numbers.
    const vocabulary = [
      'Station',
      'Staton',
      'Stations',
      'Market',
      'Markte',
      'Church',
      'Mill',
      'Hill',
      'Oak',
      'Castle',
      'Cast',
      'Road',
      'Rd',
      'Street',
      'St',
      'Square',
      'Calle',
      'Plaza',
      'Streat',
      'the',
      'de',
      'la',
      '12',
      '12a',
      '3',
      'Ñandú',
      'Église',
    ];
    const phrase = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(vocabulary)).join(' ');
    for (let round = 0; round < 60; round++) {
      const places: GazetteerPlace[] = Array.from({ length: 5 + Math.floor(next() * 40) }, (_, i) => ({
        id: String(i),
        name: phrase(),
        aliases: Array.from({ length: Math.floor(next() * 3) }, phrase),
        lat: 0,
        lon: 0,
      }));
      const index = indexGazetteer(places);
      for (let q = 0; q < 30; q++) {
        const typed = phrase();
        expect(matchPlace(index, typed, 5), `round ${round}: ${typed}`).toEqual(matchPlace(places, typed, 5));
      }
    }
  });

  it('writes names the way it compares them, so a gazetteer holds each once', () => {
    expect(placeKey('Calle de la Estación')).toBe(placeKey('calle  ESTACION'));
    expect(placeKey('Station Rd.')).toBe(placeKey('station road'));
    expect(placeKey('Station Road')).not.toBe(placeKey('Road Station'));
    expect(placeKey('The')).toBe('');
  });

  it('finds nothing for unknown places and empty text', () => {
    expect(matchPlace(gazetteer, '3 Corner Road')).toEqual({ status: 'none', places: [] });
    expect(matchPlace(gazetteer, '  , . ')).toEqual({ status: 'none', places: [] });
    expect(matchPlace(gazetteer, 'the')).toEqual({ status: 'none', places: [] });
    expect(matchPlace([], 'Main Street')).toEqual({ status: 'none', places: [] });
  });
});

/** A Nominatim-compatible geocoder on loopback that answers from a table and records the queries. */
async function startGeocoder(answers: Record<string, unknown>): Promise<{ url: string; queries: URL[]; server: Server }> {
  const queries: URL[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    queries.push(url);
    const q = url.searchParams.get('q') ?? '';
    if (url.pathname !== '/nominatim/search' || url.searchParams.get('format') !== 'jsonv2') {
      res.writeHead(400).end('bad request');
      return;
    }
    if (q === 'slow') return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'), 5000);
    if (q === 'broken') return void res.writeHead(500).end('oops');
    if (q === 'odd') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"not":"a list"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers[q] ?? []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/nominatim`, queries, server };
}

describe.each(testDatabases())('placing addresses on %s', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  let geocoder: Awaited<ReturnType<typeof startGeocoder>>;
  beforeAll(async () => {
    geocoder = await startGeocoder({
      '7 Orchard Way': [{ place_id: 1, lat: '40.0301', lon: '-3.6602', display_name: '7, Orchard Way, Demo City' }],
      Elm: [
        { place_id: 2, lat: '40.01', lon: '-3.7', display_name: 'Elm Close, Demo City' },
        { place_id: 3, lat: '40.02', lon: '-3.71', display_name: 'Elm Court, Demo City' },
      ],
    });
    t = await createTestContext(kind, { env: { GEOCODER_URL: geocoder.url } });
    agencies = await seedCatalogue(t.deps, t.site.id);
    await seedPlaces(t.deps, t.site.id);
  });
  afterAll(async () => {
    await t?.close();
    geocoder?.server.close();
  });

  it('uses the gazetteer first, and the external geocoder only for what it does not know', async () => {
    const before = geocoder.queries.length;
    expect(await geocodeAddress(t.deps, t.site.id, 'central park, by the pond')).toMatchObject({
      status: 'one',
      places: [{ name: 'Central Park', lat: 40, lon: -3.7, source: 'gazetteer' }],
    });
    expect(geocoder.queries.length).toBe(before);
    expect(await geocodeAddress(t.deps, t.site.id, '7 Orchard Way', { locale: 'es' })).toEqual({
      status: 'one',
      places: [{ id: null, name: '7, Orchard Way, Demo City', lat: 40.0301, lon: -3.6602, source: 'geocoder' }],
    });
    const asked = geocoder.queries.at(-1)!;
    expect(asked.searchParams.get('accept-language')).toBe('es');
    expect(asked.searchParams.get('bounded')).toBe('1');
    expect(asked.searchParams.get('viewbox')).toBe('-3.75,40.05,-3.65,39.95'); // the demo city's areas
    // Answers are cached: the same question is not asked twice.
    await geocodeAddress(t.deps, t.site.id, '7 Orchard Way', { locale: 'es' });
    expect(geocoder.queries.length).toBe(before + 1);
    expect((await geocodeAddress(t.deps, t.site.id, 'Elm')).status).toBe('many');
    expect(await geocodeAddress(t.deps, t.site.id, 'Nowhere Lane')).toEqual({ status: 'none', places: [] });
  });

  it('goes on without the geocoder when it fails, is slow or answers something else', async () => {
    for (const q of ['broken', 'odd', 'slow']) {
      const started = Date.now();
      expect(await geocodeAddress(t.deps, t.site.id, q), q).toEqual({ status: 'none', places: [], geocoderFailed: true });
      expect(Date.now() - started).toBeLessThan(4500);
    }
  });

  it('places an Open311 report sent with address_string only, so it is routed by area', async () => {
    const { key } = await createApiKey(t.deps, t.site.id, { name: 'geocode test' });
    const post = async (address: string, service = 'TREE') => {
      const res = await createClient(t).request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: service, address_string: address, description: 'Branch down' }).toString(),
      });
      expect(res.status).toBe(200);
      const [{ service_request_id: id }] = (await res.json()) as { service_request_id: string }[];
      return (await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id)))[0];
    };
    // Graffiti has no agency of its own: only the point the gazetteer gives routes it to the park's agency.
    expect(await post('Parque Central, junto a la fuente', 'GRAFFITI')).toMatchObject({ lat: 40, lon: -3.7, agencyId: agencies.parks });
    expect(await post('7 Orchard Way', 'GRAFFITI')).toMatchObject({ lat: 40.0301, lon: -3.6602, agencyId: agencies.roads });
    // Ambiguous or unknown: kept as typed, without a point; the service's agency or the fallback gets it.
    expect(await post('Station')).toMatchObject({ lat: null, lon: null, address: 'Station', agencyId: agencies.parks });
    expect(await post('Nowhere Lane', 'GRAFFITI')).toMatchObject({ lat: null, address: 'Nowhere Lane', agencyId: agencies['service-desk'] });
  });

  it('keeps a position that was given, and places nothing for inquiries', async () => {
    const { request: given } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'POTHOLE', lat: 39.96, lon: -3.74, address: 'Central Park', description: 'x' },
      { SIZE: 'small' },
      { source: 'web' },
    );
    expect(given).toMatchObject({ lat: 39.96, lon: -3.74 });
    const { request: inquiry } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'INQUIRY', address: 'Town Hall', description: 'Opening hours?' },
      {},
      { source: 'web' },
    );
    expect(inquiry).toMatchObject({ lat: null, address: 'Town Hall' });
  });

  it('refuses a gazetteer place with a bad name or position, naming the field', async () => {
    await expect(savePlace(t.deps, t.site.id, { name: ' ', kind: 'street', lat: 40, lon: -3.7 })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { name: 'give the name' },
    });
    await expect(savePlace(t.deps, t.site.id, { name: 'Moon Base', kind: 'landmark', lat: 91, lon: -3.7 })).rejects.toMatchObject({
      fields: { lat: 'latitude must be -90..90' },
    });
    // Saving a known name again moves it rather than adding a second one.
    await savePlace(t.deps, t.site.id, { name: 'Mill Road', kind: 'street', lat: 40.041, lon: -3.721 });
    const mills = await t.deps.db.select().from(srPlaces).where(eq(srPlaces.name, 'Mill Road'));
    expect(mills).toHaveLength(1);
    expect(mills[0]).toMatchObject({ lat: 40.041, aliases: [] });
  });
});
