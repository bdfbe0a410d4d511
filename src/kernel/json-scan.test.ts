import { describe, expect, it } from 'vitest';
import { findJsonStructureExcess } from './json-scan.js';

describe('findJsonStructureExcess', () => {
  it('finds the first bracket past the depth bound, skipping strings', () => {
    expect(findJsonStructureExcess('[[["[[[[[["]]]', { maxDepth: 3 })).toBeNull();
    expect(findJsonStructureExcess('{"a":[[1]]}', { maxDepth: 2 })).toEqual({ kind: 'depth', offset: 6 });
    expect(findJsonStructureExcess('"\\"[[[[" [[', { maxDepth: 1 })).toEqual({ kind: 'depth', offset: 10 });
  });

  it('counts values as commas and opening brackets', () => {
    expect(findJsonStructureExcess('[1,2,3]', { maxDepth: 5, maxValues: 3 })).toBeNull();
    expect(findJsonStructureExcess('[1,2,3,4]', { maxDepth: 5, maxValues: 3 })).toEqual({ kind: 'values', offset: 6 });
    expect(findJsonStructureExcess('["a,b,c,d"]', { maxDepth: 5, maxValues: 1 })).toBeNull();
  });
});
