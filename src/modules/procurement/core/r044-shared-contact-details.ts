import { asArray, asObject, asString, setResult } from './common.js';
import type { IndicatorCalculator } from './types.js';

const ADDRESS_FIELDS = ['streetAddress', 'locality', 'region', 'postalCode', 'countryName'] as const;
const CONTACT_FIELDS = ['name', 'email', 'telephone', 'faxNumber', 'url'] as const;

function readAddress(party: Record<string, unknown>): string | undefined {
  const address = asObject(party.address);
  if (!address || address.streetAddress === undefined) return undefined;
  return ADDRESS_FIELDS.map((f) => asString(address[f])?.trim().toLowerCase())
    .filter((v) => v !== undefined)
    .join(' ');
}

function shareContactPoint(a: unknown, b: unknown): boolean {
  const x = asObject(a);
  const y = asObject(b);
  if (!x || !y) return false;
  for (const field of CONTACT_FIELDS) {
    const u = asString(x[field]);
    const v = asString(y[field]);
    if (u !== undefined && v !== undefined) return u === v;
  }
  return false;
}

/**
 * R044 Business similarities between bidders. Flags a process where two different tenderers
 * (parties with the role `tenderer`) share a full address (with a street, compared trimmed and
 * lower-cased) or a contact point (the first field both fill among name, email, telephone, fax, url).
 *
 * Reads: `parties[].roles`, `parties[].id`, `parties[].address`, `parties[].contactPoint`.
 * Parameters: none. Output: OCID = 1.0; Tenderer = 1.0 for each tenderer sharing details.
 * Source: Cardinal's unmerged branch `r044` (src/indicators/r044.rs, open-contracting/cardinal-rs).
 */
export function createR044(): IndicatorCalculator {
  return {
    code: 'R044',
    accumulate(release, ocid, state) {
      // The last party of each tenderer id counts; most releases have fewer than two tenderers.
      const parties = new Map<string, Record<string, unknown>>();
      for (const item of asArray(release.parties) ?? []) {
        const party = asObject(item);
        const id = asString(party?.id);
        const roles = party?.roles;
        if (!party || id === undefined || !Array.isArray(roles) || !roles.includes('tenderer')) continue;
        parties.set(id, party);
      }
      if (parties.size < 2) return;
      const tenderers = new Map<string, { address: string | undefined; contact: unknown }>();
      for (const [id, party] of parties) tenderers.set(id, { address: readAddress(party), contact: party.contactPoint });
      for (const [id, a] of tenderers) {
        for (const [other, b] of tenderers) {
          if (id === other) continue;
          if ((a.address !== undefined && a.address === b.address) || shareContactPoint(a.contact, b.contact)) {
            setResult(state, 'OCID', ocid, 'R044', 1);
            setResult(state, 'Tenderer', id, 'R044', 1);
          }
        }
      }
    },
  };
}
