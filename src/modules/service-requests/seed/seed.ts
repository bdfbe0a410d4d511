import type { Deps } from '../../../db/context.js';
import { fixedClock } from '../../../kernel/clock.js';
import { createRandom } from '../../../math/random.js';
import { createUser, findUserByEmail, grantRole } from '../../accounts/index.js';
import { changeRequest } from '../commands/update-request.js';
import { createRequest } from '../commands/create-request.js';
import { seedCatalogue } from './catalogue.js';
import { seedPlaces } from './places.js';

/** The demo agency staff account (Roads), for trying the inbox. */
export const DEMO_STAFF = { email: 'roads@demo.polity.localhost', name: 'Demo Roads Officer', password: 'polity-demo-roads' } as const;

const STREETS = ['Main Street', 'Station Road', 'Market Square', 'River Walk', 'Hill Lane', 'Park Avenue', 'Church Street', 'Mill Road'];
const WORDS: Record<string, string[]> = {
  POTHOLE: ['Deep pothole in the cycle lane', 'Hole near the bus stop, cars swerve', 'Broken asphalt after the rain'],
  STREETLIGHT: ['Lamp out for a week', 'Light flickers all night', 'Two lights out near the school'],
  GRAFFITI: ['Tags on the underpass wall', 'Paint on the park benches', 'Graffiti on the bus shelter'],
  BULKY: ['Old sofa to collect', 'Fridge left by the bins', 'Mattress and chairs'],
  TREE: ['Branch hanging over the path', 'Tree fell in the storm', 'Leaning tree by the playground'],
};

/**
 * Demo content: the catalogue, a Roads officer, and about sixty reports over the last twelve
 * weeks (made at their own dates, some acknowledged, some resolved, a few confirmed), so the
 * inbox, the report pages and the dashboard have something to show.
 */
export async function seedServiceRequests(deps: Deps, siteId: string): Promise<void> {
  const agencies = await seedCatalogue(deps, siteId);
  await seedPlaces(deps, siteId);
  const staff = (await findUserByEmail(deps.db, siteId, DEMO_STAFF.email)) ?? (await createUser(deps, siteId, { ...DEMO_STAFF, confirmed: true }));
  await grantRole(deps, siteId, { userId: staff.id, role: 'agency_staff', agencyId: agencies.roads });
  const random = createRandom(311);
  const now = deps.clock.now().getTime();
  const codes = Object.keys(WORDS);
  for (let i = 0; i < 60; i++) {
    const code = codes[Math.floor(random() * codes.length)];
    const at = new Date(now - Math.floor(random() * 84 * 86_400_000) - 3_600_000);
    const clock = fixedClock(at);
    const local = { ...deps, clock };
    const attrs: Record<string, string | string[]> =
      code === 'POTHOLE'
        ? { SIZE: ['small', 'medium', 'large'][i % 3] }
        : code === 'BULKY'
          ? { ITEMS: ['furniture'] }
          : code === 'GRAFFITI'
            ? { OFFENSIVE: 'no' }
            : {};
    const inPark = code === 'TREE' || (code === 'GRAFFITI' && i % 2 === 0);
    const lat = inPark ? 39.99 + random() * 0.02 : 39.955 + random() * 0.09;
    const lon = inPark ? -3.71 + random() * 0.02 : -3.745 + random() * 0.09;
    const { request } = await createRequest(
      local,
      siteId,
      {
        serviceCode: code,
        lat: Math.round(lat * 1e5) / 1e5,
        lon: Math.round(lon * 1e5) / 1e5,
        address: `${1 + Math.floor(random() * 120)} ${STREETS[Math.floor(random() * STREETS.length)]}`,
        description: WORDS[code][i % 3],
      },
      attrs,
      { source: 'web', quiet: true },
    );
    const age = (now - at.getTime()) / 3_600_000;
    const fate = random();
    if (fate < 0.25) continue;
    clock.advance(Math.min(age, 4 + random() * 20) * 3_600_000);
    await changeRequest(local, siteId, request.id, { status: 'acknowledged', text: 'Thank you, a crew will inspect it.' }, staff.id);
    if (fate < 0.4) continue;
    const remaining = (now - clock.now().getTime()) / 3_600_000;
    clock.advance(Math.min(remaining - 1, 12 + random() * 200) * 3_600_000);
    if (clock.now().getTime() >= now) continue;
    await changeRequest(local, siteId, request.id, { status: 'resolved', text: 'Repaired. Tell us if it is not fixed.' }, staff.id);
  }
}
