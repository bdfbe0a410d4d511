import { describe, expect, it } from 'vitest';
import { NEAR_PLACE_MAX_METERS, nearestPlace } from './places.js';

// A few places of the demo gazetteer (src/modules/service-requests/seed/places.ts).
const places = [
  { name: 'Church Street', kind: 'street', lat: 40.015, lon: -3.68 },
  { name: 'Market Square', kind: 'square', lat: 40.005, lon: -3.73 },
  { name: 'Town Hall', kind: 'landmark', lat: 40.0045, lon: -3.7275 },
  { name: 'North District', kind: 'district', lat: 40.0148, lon: -3.6801 },
];

describe('nearest place of a pin', () => {
  it('names the pin by the closest street, square or landmark', () => {
    // 0.001 degrees of latitude is about 111 m: a pin just south of Church Street's point.
    const near = nearestPlace(places, 40.014, -3.68);
    expect(near?.place.name).toBe('Church Street');
    expect(near?.meters).toBeCloseTo(111.2, 0);
    // Between Market Square and the Town Hall (about 240 m apart), the Town Hall is closer.
    expect(nearestPlace(places, 40.0046, -3.728)?.place.name).toBe('Town Hall');
  });

  it('prefers a street to a district even when the district point is closer', () => {
    expect(nearestPlace(places, 40.0148, -3.6801)?.place.name).toBe('Church Street');
    expect(nearestPlace(places.slice(1), 40.0148, -3.6801)?.place.name).toBe('North District');
  });

  it('names nothing when every place is out of reach', () => {
    // 0.02 degrees of latitude (about 2.2 km) north of Church Street, beyond the 1.5 km reach.
    expect(NEAR_PLACE_MAX_METERS).toBe(1500);
    expect(nearestPlace(places, 40.035, -3.68)).toBeNull();
    expect(nearestPlace([], 40, -3.7)).toBeNull();
  });
});
