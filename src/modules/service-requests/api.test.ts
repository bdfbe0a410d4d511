import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { createRequest } from './commands/create-request.js';
import { seedCatalogue, squareArea } from './seed/catalogue.js';

describe.each(testDatabases())('service requests JSON API on %s', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  let admin: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    agencies = await seedCatalogue(t.deps, t.site.id);
    admin = await signedInClient(t, 'admin');
  });
  afterAll(() => t?.close());

  it('lets admins edit the catalogue and refuses bad definitions field by field', async () => {
    const visitor = createClient(t);
    expect((await visitor.api('POST', '/service-requests/groups', { code: 'x', name: { en: 'X' } })).status).toBe(401);
    expect((await (await signedInClient(t, 'editor')).api('POST', '/service-requests/groups', { code: 'x', name: { en: 'X' } })).status).toBe(403);
    expect((await admin.api('POST', '/service-requests/groups', { code: 'water', name: { en: 'Water' }, position: 4 })).status).toBe(200);
    const bad = await admin.api('POST', '/service-requests/services', {
      code: 'LEAK',
      groupCode: 'water',
      name: { en: 'Water leak' },
      agencyId: agencies.roads,
      attributes: [
        { code: 'KIND', datatype: 'singlevaluelist', description: 'Kind', values: [] },
        { code: 'KIND', datatype: 'number', description: 'Again' },
      ],
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(fields['attributes.0.values']).toMatch(/at least one option/);
    expect(fields['attributes.1.code']).toMatch(/KIND appears twice/);
    const wrongType = await admin.api('POST', '/service-requests/services', {
      code: 'LEAK',
      name: { en: 'Leak' },
      attributes: [{ code: 'A', datatype: 'colour', description: 'x' }],
    });
    expect(((await wrongType.json()) as { error: { fields: Record<string, string> } }).error.fields['attributes.0.datatype']).toBeTruthy();
    const notAgency = await admin.api('POST', '/service-requests/services', {
      code: 'LEAK',
      name: { en: 'Leak' },
      agencyId: '00000000-0000-4000-8000-000000000000',
    });
    expect(((await notAgency.json()) as { error: { fields: Record<string, string> } }).error.fields.agencyId).toMatch(/not an agency/);
    expect((await admin.api('POST', '/service-requests/services', { code: 'LEAK', groupCode: 'nope', name: { en: 'Leak' } })).status).toBe(400);
    const good = await admin.api('POST', '/service-requests/services', {
      code: 'LEAK',
      groupCode: 'water',
      name: { en: 'Water leak' },
      agencyId: agencies.roads,
      targetHours: 24,
      attributes: [{ code: 'KIND', datatype: 'singlevaluelist', description: 'Kind', values: [{ key: 'pipe', name: 'Pipe' }] }],
    });
    expect(good.status).toBe(200);
    const catalogue = (await (await visitor.api('GET', '/service-requests/catalogue')).json()) as {
      services: { code: string; groupCode: string | null; targetHours: number | null }[];
      fallbackAgencyId: string;
    };
    expect(catalogue.services.find((s) => s.code === 'LEAK')).toMatchObject({ groupCode: 'water', targetHours: 24 });
    expect(catalogue.fallbackAgencyId).toBe(agencies['service-desk']);
  });

  it('checks areas and previews routing with overlapping polygons', async () => {
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    const res = await admin.api('POST', '/service-requests/areas', { agencyId: agencies.waste, name: 'Broken', geometry: open });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.geometry).toMatch(/not closed/);
    expect(
      (
        await admin.api('POST', '/service-requests/areas', {
          agencyId: agencies.waste,
          name: 'Point',
          geometry: { type: 'Point', coordinates: [0, 0] },
        })
      ).status,
    ).toBe(400);
    // Waste gets a small district for every service inside the park's corner: smallest area wins.
    const district = await admin.api('POST', '/service-requests/areas', {
      agencyId: agencies.waste,
      name: 'Old town',
      geometry: squareArea(-3.705, 39.995, 0.005),
    });
    expect(district.status).toBe(201);
    const { id } = (await district.json()) as { id: string; areaM2: number };
    const route = async (code: string, lat: number, long: number) =>
      (await (await createClient(t).api('GET', `/service-requests/route?service_code=${code}&lat=${lat}&long=${long}`)).json()) as {
        agencyId: string;
        reason: string;
        outsideEveryArea: boolean;
      };
    expect(await route('TREE', 39.997, -3.703)).toMatchObject({ agencyId: agencies.waste, reason: 'area' }); // old town (smaller) beats the park
    expect(await route('TREE', 40.005, -3.695)).toMatchObject({ agencyId: agencies.parks, reason: 'area' }); // park, outside old town
    expect(await route('POTHOLE', 40.04, -3.66)).toMatchObject({ agencyId: agencies.roads, reason: 'area' }); // the city
    expect(await route('GRAFFITI', 45, 2)).toMatchObject({ agencyId: agencies['service-desk'], reason: 'fallback', outsideEveryArea: true });
    expect((await createClient(t).api('GET', '/service-requests/route?service_code=TREE&lat=95&long=0')).status).toBe(400);
    expect((await createClient(t).api('GET', '/service-requests/route?service_code=UFO&lat=40&long=-3.7')).status).toBe(400);
    expect((await createClient(t).api('GET', '/service-requests/route?service_code=TREE&lat=north&long=0')).status).toBe(400);
    expect((await admin.api('DELETE', `/service-requests/areas/${id}`)).status).toBe(200);
    expect((await admin.api('DELETE', `/service-requests/areas/${id}`)).status).toBe(404);
    expect(await route('TREE', 39.997, -3.703)).toMatchObject({ agencyId: agencies.parks });
  });

  it('issues and revokes API keys for admins only', async () => {
    expect(
      (await (await signedInClient(t, 'agency_staff', { agencyId: agencies.roads })).api('POST', '/service-requests/api-keys', { name: 'x' })).status,
    ).toBe(403);
    expect((await admin.api('POST', '/service-requests/api-keys', { name: '' })).status).toBe(400);
    const created = (await (await admin.api('POST', '/service-requests/api-keys', { name: 'Bridge' })).json()) as { id: string; key: string };
    const list = (await (await admin.api('GET', '/service-requests/api-keys')).json()) as {
      items: { id: string; prefix: string; revokedAt: string | null }[];
    };
    expect(list.items.find((k) => k.id === created.id)).toMatchObject({ prefix: created.key.slice(0, 9), revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect((await admin.api('DELETE', `/service-requests/api-keys/${created.id}`)).status).toBe(200);
    expect((await admin.api('DELETE', `/service-requests/api-keys/${created.id}`)).status).toBe(404);
  });

  it('lets staff of the responsible agency change a report, and nobody else', async () => {
    const { request } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'POTHOLE', lat: 40.04, lon: -3.66, description: 'Hole' },
      { SIZE: 'small' },
      { source: 'web' },
    );
    const roads = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });
    const parks = await signedInClient(t, 'agency_staff', { agencyId: agencies.parks });
    const path = `/service-requests/requests/${request.id}/changes`;
    expect((await createClient(t).api('POST', path, { status: 'acknowledged' })).status).toBe(401);
    expect((await parks.api('POST', path, { status: 'acknowledged' })).status).toBe(403);
    expect((await roads.api('POST', path, { status: 'pending' })).status).toBe(400);
    const bad = await roads.api('POST', path, { status: 'referred' });
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.referredTo).toMatch(/name the body/);
    expect((await (await roads.api('POST', path, { status: 'resolved', text: 'Done' })).json()) as object).toMatchObject({ status: 'resolved' });
    const wrong = await roads.api('POST', path, { status: 'in_progress' });
    expect(((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields.status).toMatch(
      /cannot go from resolved to in_progress/,
    );
    expect((await roads.api('POST', '/service-requests/requests/nope/changes', { status: 'closed' })).status).toBe(404);
  });
});
