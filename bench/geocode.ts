import { matchPlace, type GazetteerPlace } from '../src/modules/service-requests/core/geocode.js';
import { ms, percentile, report, timeRuns } from './lib.js';

const FIRST = ['Station', 'Market', 'Church', 'Mill', 'River', 'Hill', 'Park', 'Orchard', 'Bridge', 'Castle', 'King', 'Queen', 'Elm', 'Oak', 'Ash'];
const SECOND = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old', 'New', 'Green', 'Stone', 'Long', 'High'];
const KINDS = ['Street', 'Road', 'Lane', 'Avenue', 'Square', 'Walk', 'Way', 'Close'];

/** A gazetteer of `n` distinct made-up names ("Upper Station Road 12"), with a Spanish alias each. */
function gazetteer(n: number): GazetteerPlace[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `${SECOND[i % SECOND.length]} ${FIRST[Math.floor(i / SECOND.length) % FIRST.length]} ${KINDS[i % KINDS.length]} ${Math.floor(i / 180)}`;
    return { id: String(i), name, aliases: [`Calle ${name}`], lat: 40 + i * 1e-5, lon: -3.7 };
  });
}

/** `npm run bench geocode`: time to match a typed address against gazetteers of growing size. */
export async function benchGeocode(): Promise<void> {
  const queries = ['12 upper station rd, by the bakery', 'Staton', 'calle old market lane 3', 'nowhere at all', 'Oak'];
  for (const n of [100, 1_000, 10_000]) {
    const places = gazetteer(n);
    const samples = await timeRuns(200, async (i) => matchPlace(places, queries[i % queries.length]));
    report(`Gazetteer match, ${n.toLocaleString('en')} places (per typed address)`, [
      ['p50', ms(percentile(samples, 50))],
      ['p99', ms(percentile(samples, 99))],
    ]);
  }
}
