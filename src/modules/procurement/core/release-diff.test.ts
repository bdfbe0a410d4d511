import { describe, expect, it } from 'vitest';
import { readProcessFields } from './process-fields.js';
import { canonicalJson, diffReleases } from './release-diff.js';

describe('diffReleases', () => {
  it('lists changed leaves, added and removed subtrees once, by JSON Pointer, ignoring the compiled id', () => {
    // Hand-built: version 1 -> version 2 of one process.
    const before = {
      ocid: 'o',
      id: 'o-2020-01-01',
      date: '2020-01-01',
      tender: { status: 'active', value: { amount: 100, currency: 'USD' }, title: 'Chairs' },
      awards: [{ id: 'a1', status: 'pending' }],
    };
    const after = {
      ocid: 'o',
      id: 'o-2020-02-01',
      date: '2020-02-01',
      tender: { status: 'complete', value: { amount: 100, currency: 'USD' } },
      awards: [
        { id: 'a1', status: 'active' },
        { id: 'a2', status: 'pending' },
      ],
      contracts: [{ id: 'c1' }],
      'odd/key~': 1,
    };
    expect(diffReleases(before, after)).toEqual([
      { path: '/date', before: '2020-01-01', after: '2020-02-01' },
      { path: '/tender/status', before: 'active', after: 'complete' },
      { path: '/tender/title', before: 'Chairs' },
      { path: '/awards/0/status', before: 'pending', after: 'active' },
      { path: '/awards/1', after: { id: 'a2', status: 'pending' } },
      { path: '/contracts', after: [{ id: 'c1' }] },
      { path: '/odd~1key~0', after: 1 },
    ]);
    expect(diffReleases(after, after)).toEqual([]);
  });

  it('reports a change of type (object to scalar) at the field itself', () => {
    expect(diffReleases({ a: { b: 1 } }, { a: 2 })).toEqual([{ path: '/a', before: { b: 1 }, after: 2 }]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order, so key order does not change the text', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: null }], c: undefined })).toBe('{"a":[{"x":null,"y":2}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('readProcessFields', () => {
  it('reads the list columns, falling back to the procuring entity and to active awards of one currency', () => {
    expect(
      readProcessFields({
        date: '2020-01-01',
        tender: { title: 'T', status: 'active', procurementMethod: 'open', procuringEntity: { id: 'PE', name: 'Entity' } },
        awards: [
          { status: 'active', value: { amount: 10, currency: 'EUR' } },
          { status: 'active', value: { amount: 5, currency: 'EUR' } },
          { status: 'cancelled', value: { amount: 99, currency: 'EUR' } },
        ],
      }),
    ).toEqual({
      title: 'T',
      buyerId: 'PE',
      buyerName: 'Entity',
      status: 'active',
      procurementMethod: 'open',
      procurementMethodDetails: null,
      amount: 15,
      currency: 'EUR',
      date: '2020-01-01',
    });
    // Awards in two currencies are not summed; a wrongly typed amount is left out.
    const mixed = readProcessFields({
      buyer: { id: 7, name: 'B' },
      tender: { value: { amount: '12' } },
      awards: [
        { status: 'active', value: { amount: 1, currency: 'EUR' } },
        { status: 'active', value: { amount: 1, currency: 'USD' } },
      ],
    });
    expect(mixed).toMatchObject({ buyerId: '7', amount: null, currency: null });
  });
});
