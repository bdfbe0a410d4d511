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

/** The JSON path of the segments walked so far: keys joined by `.`, array indexes as `[i]`. */
function pathOf(segments: readonly (string | number)[]): string {
  let path = '';
  for (const s of segments) path += typeof s === 'number' ? `[${s}]` : path ? `.${s}` : s;
  return path;
}

/** A check of one non-null value against its shape, pushing issues to `out`; `at` holds the path walked so far. */
type Check = (value: unknown, at: (string | number)[], out: TypeIssue[]) => void;

/**
 * Compiles a shape to a checker. Path segments are pushed and popped on `at`, and the path string is
 * built only for an issue: most releases have none, and every line is checked.
 */
function compile(shape: Shape): Check {
  if (shape === 'string' || shape === 'number') {
    return (value, at, out) => {
      if (typeof value !== shape) out.push({ path: pathOf(at), expected: shape, actual: describe(value) });
    };
  }
  if (shape === 'integer') {
    return (value, at, out) => {
      if (!Number.isInteger(value)) out.push({ path: pathOf(at), expected: 'integer', actual: describe(value) });
    };
  }
  if ('object' in shape) {
    const keys = Object.keys(shape.object);
    const checks = keys.map((key) => compile(shape.object[key]));
    return (value, at, out) => {
      if (typeof value !== 'object' || Array.isArray(value)) return void out.push({ path: pathOf(at), expected: 'object', actual: describe(value) });
      for (let i = 0; i < keys.length; i++) {
        const field = (value as Record<string, unknown>)[keys[i]];
        if (field === undefined || field === null) continue;
        at.push(keys[i]);
        checks[i](field, at, out);
        at.pop();
      }
    };
  }
  const item = compile(shape.array);
  return (value, at, out) => {
    if (!Array.isArray(value)) return void out.push({ path: pathOf(at), expected: 'array', actual: describe(value) });
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined || value[i] === null) continue;
      at.push(i);
      item(value[i], at, out);
      at.pop();
    }
  };
}

const checkRelease = compile(RELEASE);

/**
 * Lists the fields the indicators read whose JSON type is wrong, each with its JSON path (missing
 * and null fields are fine: OCDS fields are optional). The indicators ignore such fields; this
 * report lets a publisher see why a process was not assessed.
 */
export function findTypeIssues(release: Release | unknown): TypeIssue[] {
  const out: TypeIssue[] = [];
  if (typeof release !== 'object' || release === null || Array.isArray(release)) return [{ path: '', expected: 'object', actual: describe(release) }];
  checkRelease(release, [], out);
  if (typeof (release as Release).ocid !== 'string' && !out.some((i) => i.path === 'ocid'))
    out.push({ path: 'ocid', expected: 'string', actual: 'missing' });
  return out;
}
