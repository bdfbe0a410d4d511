import { describe, expect, it } from 'vitest';
import { checkAttributeDefinitions, validateAttributes, type ServiceAttribute } from './attributes.js';
import { areaOf, boundingBox, containsPoint, haversineMeters, validateAreaGeometry, type AreaGeometry, type PolygonGeometry } from './geo.js';
import { routeRequest, type RoutingArea } from './routing.js';
import { canResidentReopen, canTransition, nextStatuses, toOpen311Status } from './status.js';
import { expectedAt, isOverdue, isoWeekStart, quantile, summariseResolution } from './stats.js';
import { isPhotoBytes } from './photo.js';

const square = (lon0: number, lat0: number, size: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon0, lat0],
      [lon0 + size, lat0],
      [lon0 + size, lat0 + size],
      [lon0, lat0 + size],
      [lon0, lat0],
    ],
  ],
});

describe('geometry', () => {
  it('accepts polygons, multipolygons, features and one-feature collections', () => {
    expect(validateAreaGeometry(square(0, 0, 1)).ok).toBe(true);
    expect(validateAreaGeometry({ type: 'Feature', properties: {}, geometry: square(0, 0, 1) }).ok).toBe(true);
    expect(validateAreaGeometry({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square(0, 0, 1) }] }).ok).toBe(true);
    const multi = { type: 'MultiPolygon', coordinates: [square(0, 0, 1).coordinates, square(5, 5, 1).coordinates] };
    expect(validateAreaGeometry(multi).ok).toBe(true);
  });

  it('refuses open rings, short rings, bad coordinates and other types, saying where', () => {
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
    expect(validateAreaGeometry(open)).toEqual({ ok: false, reason: expect.stringMatching(/not closed/) });
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    };
    expect(validateAreaGeometry(short)).toEqual({ ok: false, reason: expect.stringMatching(/at least 4/) });
    const farLat = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 95],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(validateAreaGeometry(farLat)).toEqual({ ok: false, reason: expect.stringMatching(/latitude 95/) });
    expect(validateAreaGeometry({ type: 'Point', coordinates: [0, 0] })).toEqual({ ok: false, reason: expect.stringMatching(/Point/) });
    expect(validateAreaGeometry('nonsense').ok).toBe(false);
    expect(validateAreaGeometry({ type: 'MultiPolygon', coordinates: [] }).ok).toBe(false);
    expect(validateAreaGeometry({ type: 'FeatureCollection', features: [] }).ok).toBe(false);
  });

  it('tells inside from outside, honouring holes and every part of a multipolygon', () => {
    const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 4).coordinates[0], square(1, 1, 2).coordinates[0]] };
    expect(containsPoint(donut, 0.5, 0.5)).toBe(true);
    expect(containsPoint(donut, 2, 2)).toBe(false); // in the hole
    expect(containsPoint(donut, 5, 5)).toBe(false);
    const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [square(0, 0, 1).coordinates, square(10, 10, 1).coordinates] };
    expect(containsPoint(multi, 10.5, 10.5)).toBe(true);
    expect(containsPoint(multi, 5, 5)).toBe(false);
  });

  it('computes spherical areas: a 1 degree square at the equator is R^2 * (pi/180) * sin(1 deg)', () => {
    // Exact area of a latitude-longitude rectangle: R^2 * dLon * (sin lat2 - sin lat1) (Snyder,
    // Map Projections: A Working Manual, 1987). With R = 6,371,008.8 m: 12,363,718,145 m^2.
    expect(areaOf(square(0, 0, 1))).toBeCloseTo(12_363_718_145.18, 0);
    const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 2).coordinates[0], square(0, 0, 1).coordinates[0]] };
    expect(areaOf(donut)).toBeLessThan(areaOf(square(0, 0, 2)));
    expect(areaOf(square(0, 0, 2)) - areaOf(donut)).toBeCloseTo(12_363_718_145.18, 0);
  });

  it('measures great-circle distances by haversine', () => {
    // One degree of arc on the equator is R * pi / 180 = 111,195.08 m; a quarter meridian is pi R / 2.
    expect(haversineMeters(0, 0, 0, 1)).toBeCloseTo(111_195.08, 1);
    expect(haversineMeters(0, 0, 90, 0)).toBeCloseTo(10_007_557.22, 1);
    expect(haversineMeters(51.5, -0.12, 51.5, -0.12)).toBe(0);
    const box = boundingBox(40, -3.7, 500);
    expect(haversineMeters(40, -3.7, box.maxLat, -3.7)).toBeCloseTo(500, 3);
    expect(haversineMeters(40, -3.7, 40, box.maxLon)).toBeGreaterThanOrEqual(499.99);
  });
});

describe('routing', () => {
  // A city (big square), a district inside it (small square), and a parks area of the same size
  // as the district overlapping it, for parks services only.
  const city: RoutingArea = { id: 'a-city', agencyId: 'roads', geometry: square(0, 0, 1), serviceCodes: [], priority: 0 };
  const district: RoutingArea = { id: 'b-district', agencyId: 'district', geometry: square(0.2, 0.2, 0.2), serviceCodes: [], priority: 0 };
  const parks: RoutingArea = { id: 'c-parks', agencyId: 'parks', geometry: square(0.2, 0.2, 0.2), serviceCodes: ['TREE'], priority: 5 };
  const areas = [city, district, parks];
  const base = { serviceAgencyId: 'svc-agency', fallbackAgencyId: 'fallback' };

  it('sends a point in nested areas to the smallest one', () => {
    expect(routeRequest({ ...base, serviceCode: 'POTHOLE', lat: 0.3, lon: 0.3 }, areas)).toMatchObject({
      agencyId: 'district',
      reason: 'area',
      areaId: 'b-district',
    });
    expect(routeRequest({ ...base, serviceCode: 'POTHOLE', lat: 0.8, lon: 0.8 }, areas)).toMatchObject({ agencyId: 'roads', areaId: 'a-city' });
  });

  it('breaks a tie between equal areas by priority, whatever the order they come in', () => {
    expect(routeRequest({ ...base, serviceCode: 'TREE', lat: 0.3, lon: 0.3 }, areas).agencyId).toBe('parks');
    expect(routeRequest({ ...base, serviceCode: 'TREE', lat: 0.3, lon: 0.3 }, [...areas].reverse()).agencyId).toBe('parks');
    const samePriority = { ...parks, priority: 0 };
    expect(routeRequest({ ...base, serviceCode: 'TREE', lat: 0.3, lon: 0.3 }, [samePriority, district, city]).agencyId).toBe('district'); // lower id
  });

  it('uses the service agency, then the fallback, outside every area and says so', () => {
    const out = routeRequest({ ...base, serviceCode: 'POTHOLE', lat: 5, lon: 5 }, areas);
    expect(out).toEqual({ agencyId: 'svc-agency', reason: 'service_default', areaId: null, outsideEveryArea: true });
    expect(routeRequest({ serviceCode: 'X', lat: 5, lon: 5, serviceAgencyId: null, fallbackAgencyId: 'fallback' }, areas)).toMatchObject({
      agencyId: 'fallback',
      reason: 'fallback',
    });
    expect(routeRequest({ serviceCode: 'X', lat: null, lon: null, serviceAgencyId: null, fallbackAgencyId: null }, areas)).toMatchObject({
      agencyId: null,
      reason: 'none',
      outsideEveryArea: false,
    });
  });
});

describe('attributes (Open311 datatypes)', () => {
  const defs: ServiceAttribute[] = [
    {
      code: 'SIZE',
      variable: true,
      datatype: 'singlevaluelist',
      required: true,
      description: 'Size',
      order: 1,
      values: [
        { key: 'S', name: 'Small' },
        { key: 'L', name: 'Large' },
      ],
    },
    { code: 'DEPTH', variable: true, datatype: 'number', required: false, description: 'Depth (cm)', order: 2 },
    { code: 'SEEN', variable: true, datatype: 'datetime', required: false, description: 'When', order: 3 },
    { code: 'NOTE', variable: true, datatype: 'string', required: false, description: 'Note', order: 4 },
    { code: 'LONG', variable: true, datatype: 'text', required: false, description: 'More', order: 5 },
    {
      code: 'HAZ',
      variable: true,
      datatype: 'multivaluelist',
      required: false,
      description: 'Hazards',
      order: 6,
      values: [
        { key: 'water', name: 'Water' },
        { key: 'glass', name: 'Glass' },
      ],
    },
    { code: 'INFO', variable: false, datatype: 'text', required: true, description: 'Information only', order: 7 },
  ];

  it('accepts good answers and converts them', () => {
    const r = validateAttributes(defs, {
      SIZE: 'L',
      DEPTH: '12.5',
      SEEN: '2026-03-01T08:00:00+01:00',
      NOTE: 'deep',
      LONG: 'a\nb',
      HAZ: ['water', 'glass', 'water'],
    });
    expect(r).toEqual({
      ok: true,
      answers: { SIZE: 'L', DEPTH: 12.5, SEEN: '2026-03-01T07:00:00.000Z', NOTE: 'deep', LONG: 'a\nb', HAZ: ['water', 'glass'] },
    });
  });

  it('names the attribute and the reason for every bad answer', () => {
    const r = validateAttributes(defs, {
      DEPTH: '12cm',
      SEEN: 'yesterday',
      NOTE: 'two\nlines',
      LONG: 'x'.repeat(4001),
      HAZ: ['water', 'fire'],
      BOGUS: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields['attribute[SIZE]']).toMatch(/SIZE is required/);
    expect(r.fields['attribute[DEPTH]']).toMatch(/DEPTH must be a number/);
    expect(r.fields['attribute[SEEN]']).toMatch(/SEEN must be a date/);
    expect(r.fields['attribute[NOTE]']).toMatch(/NOTE must be one line/);
    expect(r.fields['attribute[LONG]']).toMatch(/LONG must be at most 4000/);
    expect(r.fields['attribute[HAZ]']).toMatch(/HAZ has no option "fire"/);
    expect(r.fields['attribute[BOGUS]']).toMatch(/not an attribute/);
    // Each refusal is coded too, so a page words it in the reader's language.
    expect(r.reasons['attribute[SIZE]']).toEqual({ reason: 'required' });
    expect(r.reasons['attribute[DEPTH]']).toEqual({ reason: 'not_a_number' });
    expect(r.reasons['attribute[LONG]']).toEqual({ reason: 'too_long', values: { max: 4000 } });
    expect(r.reasons['attribute[HAZ]']).toEqual({ reason: 'invalid_choice' });
    expect(r.reasons['attribute[BOGUS]']).toEqual({ reason: 'unknown_field' });
    expect(validateAttributes(defs, { SIZE: ['S', 'L'] })).toEqual({
      ok: false,
      fields: { 'attribute[SIZE]': 'SIZE takes one value, got 2' },
      reasons: { 'attribute[SIZE]': { reason: 'too_many', values: { max: 1 } } },
    });
    expect(validateAttributes(defs, { SIZE: 'M' })).toEqual({
      ok: false,
      fields: { 'attribute[SIZE]': 'SIZE has no option "M"' },
      reasons: { 'attribute[SIZE]': { reason: 'invalid_choice' } },
    });
    expect(validateAttributes(defs, { SIZE: 'S', SEEN: '2026-03-01T08:00:00' }).ok).toBe(false); // no time zone
  });

  it('checks definitions', () => {
    expect(checkAttributeDefinitions(defs).any).toBe(false);
    const bad = checkAttributeDefinitions([
      { code: 'A', variable: true, datatype: 'singlevaluelist', required: false, description: '', order: 1, values: [] },
      { code: 'A', variable: true, datatype: 'number', required: false, description: '', order: 2 },
      { code: 'b c', variable: true, datatype: 'colour' as never, required: false, description: '', order: 3 },
    ]);
    expect(Object.keys(bad.fields).sort()).toEqual(['attributes.0.values', 'attributes.1.code', 'attributes.2.code', 'attributes.2.datatype']);
    expect(bad.reasons).toEqual({
      'attributes.0.values': { reason: 'options_required' },
      'attributes.1.code': { reason: 'in_use' },
      'attributes.2.code': { reason: 'invalid_format' },
      'attributes.2.datatype': { reason: 'invalid_choice' },
    });
  });
});

describe('status model', () => {
  it('allows the working transitions and refuses the rest', () => {
    expect(canTransition('open', 'acknowledged')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'open')).toBe(true);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(canTransition('duplicate', 'in_progress')).toBe(false);
    expect(canTransition('open', 'open')).toBe(false);
    expect(nextStatuses('closed')).toEqual(['open']);
  });

  it('maps to the two Open311 statuses', () => {
    expect(['open', 'acknowledged', 'in_progress'].map((s) => toOpen311Status(s as never))).toEqual(['open', 'open', 'open']);
    expect(['resolved', 'closed', 'duplicate', 'referred'].map((s) => toOpen311Status(s as never))).toEqual(['closed', 'closed', 'closed', 'closed']);
  });

  it('lets residents reopen a resolved report within the window only', () => {
    const resolved = new Date('2026-03-01T00:00:00Z');
    expect(canResidentReopen('resolved', resolved, new Date('2026-03-29T00:00:00Z'))).toBe(true); // day 28
    expect(canResidentReopen('resolved', resolved, new Date('2026-03-29T00:00:01Z'))).toBe(false);
    expect(canResidentReopen('closed', resolved, new Date('2026-03-02T00:00:00Z'))).toBe(false);
  });
});

describe('service-level statistics', () => {
  it('computes quantiles by Hyndman & Fan definition 7 (numpy.percentile default)', () => {
    // numpy.percentile([1,2,3,4,5,6,7,8,9,10], 90) == 9.1; median of [1,2,3,4] == 2.5
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 10);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('summarises resolution times and the share within target', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 2, 1) + h * 3_600_000);
    const rows = [
      { requestedAt: at(0), resolvedAt: at(10), targetHours: 24 },
      { requestedAt: at(0), resolvedAt: at(30), targetHours: 24 },
      { requestedAt: at(0), resolvedAt: at(20), targetHours: null },
      { requestedAt: at(0), resolvedAt: at(40), targetHours: 48 },
    ];
    // hours: 10, 30, 20, 40 -> sorted 10,20,30,40; median 25; p90 at h=2.7 -> 30 + 0.7*10 = 37
    expect(summariseResolution(rows)).toEqual({ count: 4, medianHours: 25, p90Hours: 37, withinTarget: 2 / 3 });
    expect(summariseResolution([])).toEqual({ count: 0, medianHours: null, p90Hours: null, withinTarget: null });
  });

  it('knows due dates, overdue reports and ISO weeks', () => {
    const t = new Date('2026-03-02T10:00:00Z');
    expect(expectedAt(t, 48)?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(expectedAt(t, null)).toBeNull();
    expect(isOverdue(t, 48, new Date('2026-03-04T10:00:01Z'))).toBe(true);
    expect(isOverdue(t, 48, new Date('2026-03-04T10:00:00Z'))).toBe(false);
    expect(isOverdue(t, null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    // 2026-03-01 is a Sunday: its ISO week starts Monday 2026-02-23.
    expect(isoWeekStart(new Date('2026-03-01T23:00:00Z'))).toBe('2026-02-23');
    expect(isoWeekStart(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
  });
});

describe('photos', () => {
  it('recognises images by their magic bytes only', () => {
    expect(isPhotoBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(isPhotoBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(isPhotoBytes(new TextEncoder().encode('%PDF-1.7'))).toBe(false);
    expect(isPhotoBytes(new TextEncoder().encode('<svg></svg>'))).toBe(false);
  });
});

describe('density map', () => {
  it('counts points per grid cell for the density map', async () => {
    const { densityGrid } = await import('./map.js');
    const b = { minLon: 0, minLat: 0, maxLon: 2, maxLat: 2 };
    const pts = [
      { lat: 1.5, lon: 0.5 }, // north-west
      { lat: 1.9, lon: 0.1 }, // north-west
      { lat: 0.5, lon: 1.5 }, // south-east
      { lat: 0, lon: 2 }, // on the south-east corner: last cell
      { lat: 3, lon: 1 }, // outside
    ];
    expect(densityGrid(pts, b, 2, 2)).toEqual([
      [2, 0],
      [0, 2],
    ]);
  });
});
