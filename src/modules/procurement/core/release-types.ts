import type { Release } from './types.js';

/** A field of a compiled release whose JSON type is not the one OCDS gives it. */
export interface TypeIssue {
  /** JSON path such as `bids.details[1].value.amount`. */
  path: string;
  expected: string;
  actual: string;
}

type Shape = 'string' | 'number' | 'integer' | { object: Record<string, Shape> } | { array: Shape };

const ORG: Shape = { object: { id: 'string' } };
const VALUE: Shape = { object: { amount: 'number', currency: 'string' } };
const PERIOD: Shape = { object: { startDate: 'string', endDate: 'string' } };

/** The fields the indicators read, with their OCDS types. */
const RELEASE: Shape = {
  object: {
    ocid: 'string',
    buyer: ORG,
    tender: {
      object: {
        status: 'string',
        procurementMethod: 'string',
        procurementMethodDetails: 'string',
        numberOfTenderers: 'integer',
        tenderPeriod: PERIOD,
        procuringEntity: ORG,
      },
    },
    bids: { object: { details: { array: { object: { status: 'string', date: 'string', value: VALUE, tenderers: { array: ORG } } } } } },
    awards: {
      array: {
        object: {
          status: 'string',
          suppliers: { array: ORG },
          items: { array: { object: { classification: { object: { id: 'string' } } } } },
        },
      },
    },
    parties: { array: { object: { id: 'string', roles: { array: 'string' } } } },
  },
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function check(value: unknown, shape: Shape, path: string, out: TypeIssue[]): void {
  if (value === undefined || value === null) return;
  if (shape === 'string' || shape === 'number') {
    if (typeof value !== shape) out.push({ path, expected: shape, actual: describe(value) });
  } else if (shape === 'integer') {
    if (!Number.isInteger(value)) out.push({ path, expected: 'integer', actual: describe(value) });
  } else if ('object' in shape) {
    if (typeof value !== 'object' || Array.isArray(value)) return void out.push({ path, expected: 'object', actual: describe(value) });
    for (const [key, sub] of Object.entries(shape.object)) check((value as Record<string, unknown>)[key], sub, path ? `${path}.${key}` : key, out);
  } else {
    if (!Array.isArray(value)) return void out.push({ path, expected: 'array', actual: describe(value) });
    value.forEach((v, i) => check(v, shape.array, `${path}[${i}]`, out));
  }
}

/**
 * Lists the fields the indicators read whose JSON type is wrong, each with its JSON path (missing
 * and null fields are fine: OCDS fields are optional). The indicators ignore such fields; this
 * report lets a publisher see why a process was not assessed.
 */
export function findTypeIssues(release: Release | unknown): TypeIssue[] {
  const out: TypeIssue[] = [];
  if (typeof release !== 'object' || release === null || Array.isArray(release)) return [{ path: '', expected: 'object', actual: describe(release) }];
  check(release, RELEASE, '', out);
  if (typeof (release as Release).ocid !== 'string' && !out.some((i) => i.path === 'ocid'))
    out.push({ path: 'ocid', expected: 'string', actual: 'missing' });
  return out;
}
