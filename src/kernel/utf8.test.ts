import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, findInvalidUtf8, StrictUtf8Decoder, Utf8DecodeError, type Utf8Problem } from './utf8.js';

function problemOf(run: () => unknown): Utf8Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof Utf8DecodeError) return error.problem;
    throw error;
  }
  throw new Error('expected the bytes to be refused');
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('strict UTF-8 decoding', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Częstochowa')]))).toBe('Częstochowa');
  });

  it('refuses Latin-1, naming the byte and the line', () => {
    const latin1 = Buffer.from('a;b\nc;d\nCaf\xe9;x\n', 'latin1');
    expect(problemOf(() => decodeUtf8Strict(latin1))).toEqual({ kind: 'invalid', offset: 11, line: 3 });
  });

  it('refuses UTF-16 with a byte-order mark, and a NUL byte', () => {
    expect(problemOf(() => decodeUtf8Strict(Buffer.from('\ufeffMETA', 'utf16le'))).kind).toBe('utf16');
    expect(problemOf(() => decodeUtf8Strict(bytes('ab\ncd\0')))).toEqual({ kind: 'nul', offset: 5, line: 2 });
  });

  it('refuses overlongs, surrogates and code points above U+10FFFF', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]])
      expect(findInvalidUtf8(new Uint8Array(bad), true).invalid).toBeGreaterThanOrEqual(0);
    expect(findInvalidUtf8(bytes('ąę€😀'), true).invalid).toBe(-1);
  });

  it('decodes a stream cut inside a character, and finds a bad byte in a later chunk', () => {
    const all = bytes('zażółć\ngęślą\njaźń');
    const d = new StrictUtf8Decoder();
    let out = '';
    for (let i = 0; i < all.length; i++) out += d.decode(all.subarray(i, i + 1));
    out += d.decode(new Uint8Array(0), true);
    expect(out).toBe('zażółć\ngęślą\njaźń');
    const e = new StrictUtf8Decoder();
    e.decode(bytes('one\ntwo\n'));
    expect(problemOf(() => e.decode(new Uint8Array([0x74, 0xc5, 0x0a])))).toEqual({ kind: 'invalid', offset: 9, line: 3 });
    const cut = new StrictUtf8Decoder();
    cut.decode(new Uint8Array([0x61, 0xc5]));
    expect(problemOf(() => cut.decode(new Uint8Array(0), true))).toEqual({ kind: 'invalid', offset: 1, line: 1 });
  });
});
