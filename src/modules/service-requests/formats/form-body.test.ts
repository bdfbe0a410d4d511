import { describe, expect, it } from 'vitest';
import { readUrlEncodedForm } from './form-body.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

// application/x-www-form-urlencoded as the WHATWG URL standard defines it (url.spec.whatwg.org).
describe('readUrlEncodedForm', () => {
  it('reads names and values as URLSearchParams does for UTF-8 input', () => {
    const text = new URLSearchParams([
      ['a', 'x y'],
      ['b', 'café 🚧'],
      ['a', '&='],
      ['attribute[X][]', '1'],
    ]).toString();
    const read = readUrlEncodedForm(new Uint8Array(Buffer.from(text)));
    expect(read).toEqual({
      ok: true,
      fields: new Map([
        ['a', ['x y', '&=']],
        ['b', ['café 🚧']],
        ['attribute[X][]', ['1']],
      ]),
    });
    expect(readUrlEncodedForm(bytes('flag&&e=&=v'))).toEqual({
      ok: true,
      fields: new Map([
        ['flag', ['']],
        ['e', ['']],
        ['', ['v']],
      ]),
    });
  });

  it('names each field that is not UTF-8 instead of storing U+FFFD or the escape as typed', () => {
    expect(readUrlEncodedForm(bytes('ok=1&d=caf%E9&e=caf\u00e9&f=100%ZZ&g=%E2%82&h=%4'))).toEqual({
      ok: false,
      fields: Object.fromEntries(['d', 'e', 'f', 'g', 'h'].map((k) => [k, expect.stringMatching(/not UTF-8/)])),
    });
    expect(readUrlEncodedForm(bytes('na%FFme=1'))).toEqual({ ok: false, fields: { 'na%FFme': expect.stringMatching(/field name is not UTF-8/) } });
  });
});
