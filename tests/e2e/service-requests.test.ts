import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../../src/modules/service-requests/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, startPolity, type Polity, signIn, VIEWPORTS } from './harness.js';

// A corner of the demo city where the demo reports never fall (they stay 300 m or more away).
const SPOT = { lat: 40.0486, lon: -3.6514 };

describe.each(VIEWPORTS)('service requests in a browser at $width px', (viewport) => {
  let p: Polity;
  let existingId: string;
  beforeAll(async () => {
    p = await startPolity(viewport);
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const { request } = await createRequest(
      p.deps,
      site!.id,
      { serviceCode: 'POTHOLE', lat: SPOT.lat, lon: SPOT.lon + 0.0003, address: '1 Corner Road', description: 'Pothole by the corner' },
      { SIZE: 'medium' },
      { source: 'web' },
    );
    existingId = request.id;
  }, 180_000);
  afterAll(() => p?.close());

  it('a resident reports a pothole with a photo, sees the nearby one, adds to it, files another without the map; staff resolve it; the resident confirms the fix', async () => {
    const resident = await p.newPage();
    await resident.goto(`${p.url}/service-requests`);
    await expectAccessible(resident, 'service requests home');
    await resident.locator('main').getByRole('link', { name: 'Report a problem' }).click();
    await resident.waitForURL(/\/service-requests\/new$/);
    await expectAccessible(resident, 'catalogue');
    await resident.getByLabel('Search the services').fill('hole');
    await resident.getByRole('button', { name: 'Search', exact: true }).click();
    await resident.waitForURL(/q=hole/);
    await resident.getByRole('radio', { name: /Pothole/ }).check();
    await resident.getByRole('button', { name: 'Continue' }).click();
    await resident.waitForURL(/service=POTHOLE/);
    await expectAccessible(resident, 'report form');

    await resident.getByLabel('Address or place').fill('3 Corner Road');
    await resident.getByText('Exact position (optional)').click();
    await resident.getByLabel('Latitude').fill(String(SPOT.lat));
    await resident.getByLabel('Longitude').fill(String(SPOT.lon));
    await resident.getByRole('radio', { name: 'Larger than a shoe box' }).check();
    await resident.getByLabel('Describe the problem').fill('A deep pothole in front of number 3');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#556677' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#775544' } })
      .png()
      .toBuffer();
    const photos = [
      { name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'close-up.png', mimeType: 'image/png', buffer: png },
    ];
    await resident.getByLabel('Photos (optional)').setInputFiles(photos);
    await resident.getByLabel('Email address').fill('resident@example.org');
    await resident.getByRole('button', { name: 'Send the report' }).click();

    // The open pothole 26 m away is shown before anything is sent.
    await resident.getByRole('heading', { name: 'Reports of the same problem nearby' }).waitFor();
    await expectAccessible(resident, 'nearby reports');
    expect(await resident.locator(`a[href="/service-requests/reports/${existingId}"]`).count()).toBe(1);
    // The form kept every answer, and the photos (stored, so they need not be chosen again).
    expect(await resident.getByLabel('Describe the problem').inputValue()).toBe('A deep pothole in front of number 3');
    await resident.getByText('2 photos you chose are kept').waitFor();
    await resident.getByRole('button', { name: 'Send the report' }).click();
    await resident.waitForURL(/\/service-requests\/reports\/[0-9a-f-]{36}\?new=1/);
    await expectAccessible(resident, 'new report page');
    const reportUrl = resident.url().split('?')[0];
    expect(await resident.locator('main').textContent()).toMatch(/Roads and Street Lighting/);
    expect(await resident.locator('main img[src^="/library/files/"]').count()).toBe(2);

    // The neighbour's report: add a voice to it instead of filing another one.
    await resident.goto(`${p.url}/service-requests/reports/${existingId}`);
    await resident.getByRole('button', { name: 'Me too: I have this problem as well' }).click();
    await resident.waitForURL(/metoo=1/);
    expect(await resident.locator('main').textContent()).toMatch(/1 more person/);

    // A different report, without the map: a street light, by address only, with the keyboard.
    await resident.goto(`${p.url}/service-requests/new?service=STREETLIGHT`);
    await resident.getByLabel('Address or place').focus();
    await resident.keyboard.type('Station, by the bakery');
    await resident.getByLabel('Describe the problem').focus();
    await resident.keyboard.type('The lamp is out');
    await resident.getByLabel('Email address').focus();
    await resident.keyboard.type('resident@example.org');
    await resident.getByRole('button', { name: 'Send the report' }).focus();
    await resident.keyboard.press('Enter');
    // "Station" is both a road and a square: the gazetteer asks which one, keeping what was typed.
    await resident.getByRole('heading', { name: 'Several places match' }).waitFor();
    await expectAccessible(resident, 'choice of place');
    expect(await resident.getByLabel('Describe the problem').inputValue()).toBe('The lamp is out');
    await resident.getByRole('radio', { name: 'Station Road' }).focus();
    await resident.keyboard.press('Space');
    await resident.getByRole('button', { name: 'Send the report' }).focus();
    await resident.keyboard.press('Enter');
    await resident.waitForURL(/\/service-requests\/reports\/[0-9a-f-]{36}\?new=1/);
    expect(await resident.locator('h1').textContent()).toMatch(/Street light out: Station, by the bakery/);
    // Placed at Station Road, so it is on the map and routed by area.
    await resident.getByRole('img', { name: 'Map showing where the problem is' }).waitFor();
    expect(await resident.locator('main').textContent()).toMatch(/Roads and Street Lighting/);

    // A typed address the gazetteer resolves at once: straight to the report, placed on the map.
    await resident.goto(`${p.url}/service-requests/new?service=GRAFFITI`);
    await resident.getByLabel('Address or place').fill('Parque Central, by the fountain');
    await resident.getByLabel('Describe the problem').fill('Tags on the bandstand');
    await resident.getByRole('radio', { name: /Do not tell me/ }).check();
    await resident.getByRole('button', { name: 'Send the report' }).click();
    // The demo has graffiti reports in the park: placing the address shows them before sending.
    await resident.getByRole('heading', { name: 'Reports of the same problem nearby' }).waitFor();
    expect(await resident.getByRole('status').filter({ hasText: 'placed at' }).textContent()).toBe('Your report is placed at Central Park.');
    await resident.getByRole('button', { name: 'Send the report' }).click();
    await resident.waitForURL(/\/service-requests\/reports\/[0-9a-f-]{36}\?new=1/);
    expect(await resident.locator('main').textContent()).toMatch(/Parks and Green Spaces/);
    await resident.getByRole('img', { name: 'Map showing where the problem is' }).waitFor();

    // An address nobody knows: said clearly, with the list of places and "send it as typed".
    await resident.goto(`${p.url}/service-requests/new?service=GRAFFITI`);
    await resident.getByLabel('Address or place').fill('Nowhere Lane 9');
    await resident.getByLabel('Describe the problem').fill('Paint on a wall');
    await resident.getByRole('radio', { name: /Do not tell me/ }).check();
    await resident.getByRole('button', { name: 'Send the report' }).click();
    await resident.getByRole('heading', { name: 'We could not find this address' }).waitFor();
    await expectAccessible(resident, 'address not found');
    await resident.getByLabel('Choose a place, or send the address as you typed it').selectOption({ label: 'Town Hall' });
    await resident.getByRole('button', { name: 'Send the report' }).click();
    await resident.waitForURL(/\/service-requests\/reports\/[0-9a-f-]{36}\?new=1/);
    expect(await resident.locator('h1').textContent()).toMatch(/Graffiti: Nowhere Lane 9/);
    await resident.getByRole('img', { name: 'Map showing where the problem is' }).waitFor();

    // Staff of the responsible agency work the pothole.
    const staff = await p.newPage();
    await signIn(p, staff, 'roads@demo.polity.localhost', 'polity-demo-roads');
    await staff.goto(`${p.url}/service-requests/inbox?sort=newest`);
    await expectAccessible(staff, 'inbox');
    const id = reportUrl.split('/').pop()!;
    await staff.locator(`a[href="/service-requests/inbox/${id}"]`).click();
    await staff.waitForURL(new RegExp(`/service-requests/inbox/${id}$`));
    await expectAccessible(staff, 'inbox report');
    await staff.getByLabel('New status').selectOption('acknowledged');
    await staff.getByLabel('Message').fill('Inspected: the crew comes on Monday.');
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForURL(/saved=1/);
    await staff.getByLabel('Message').fill('Bring the large roller.');
    await staff.getByRole('radio', { name: /Staff only/ }).check();
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForURL(/saved=1/);
    await staff.getByLabel('New status').selectOption('resolved');
    await staff.getByLabel('Message').fill('Filled and sealed.');
    await staff.getByRole('radio', { name: /Everyone/ }).check();
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForURL(/saved=1/);
    expect(await staff.locator('main').textContent()).toMatch(/Bring the large roller/);

    // The resident hears of each step by email, and confirms the fix.
    const acknowledged = await p.mailbox.waitFor('resident@example.org', /Acknowledged/);
    expect(acknowledged.text).toMatch(/crew comes on Monday/);
    const resolved = await p.mailbox.waitFor('resident@example.org', /is now: Resolved/);
    expect(resolved.text).toMatch(/Filled and sealed/);
    expect(p.mailbox.mails.some((m) => m.text.includes('large roller'))).toBe(false);
    await resident.goto(reportUrl);
    expect(await resident.locator('main').textContent()).not.toMatch(/large roller/);
    await expectAccessible(resident, 'resolved report');
    await resident.getByRole('button', { name: 'Yes, it is fixed' }).click();
    await resident.waitForURL(/answered=1/);
    expect(await resident.locator('main .badge').first().textContent()).toBe('Closed');

    await resident.goto(`${p.url}/service-requests/dashboard`);
    await expectAccessible(resident, 'dashboard');
    await resident.goto(`${p.url}/service-requests/services/POTHOLE`);
    await expectAccessible(resident, 'service page');
    await resident.goto(`${p.url}/service-requests/new?service=INQUIRY`);
    await expectAccessible(resident, 'inquiry form');
  }, 180_000);
});
