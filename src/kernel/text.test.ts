import { describe, expect, it } from 'vitest';
import { bytesProblem, NUL_REASON, percentDecodeBytes, textProblem, UTF8_REASON } from './text.js';

describe('the text rule', () => {
  it('refuses NUL and lone surrogates in strings, and takes any other text', () => {
    expect(textProblem('Café ☕ 😀 Київ')).toBeNull();
    expect(textProblem('a\u0000b')).toBe(NUL_REASON);
    expect(textProblem('a\ud800b')).toBe(UTF8_REASON);
    expect(textProblem('\udc00')).toBe(UTF8_REASON);
  });

  it('refuses NUL bytes and bytes that are not UTF-8', () => {
    expect(bytesProblem(new TextEncoder().encode('Café'))).toBeNull();
    expect(bytesProblem(new Uint8Array([0x61, 0]))).toBe(NUL_REASON);
    expect(bytesProblem(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe(UTF8_REASON); // Latin-1
    expect(bytesProblem(new Uint8Array([0xe2, 0x82]))).toBe(UTF8_REASON); // cut short
    expect(bytesProblem(new Uint8Array([0xc0, 0x80]))).toBe(UTF8_REASON); // overlong NUL
  });

  it('percent-decodes to bytes, leaving malformed escapes as they are', () => {
    expect([...percentDecodeBytes('a%00%C3%A9+%zz%4')]).toEqual([0x61, 0, 0xc3, 0xa9, 0x2b, 0x25, 0x7a, 0x7a, 0x25, 0x34]);
    expect([...percentDecodeBytes('a+b', true)]).toEqual([0x61, 0x20, 0x62]);
    expect(bytesProblem(percentDecodeBytes('é'))).toBeNull();
    expect(bytesProblem(percentDecodeBytes('\ud800'))).toBe(UTF8_REASON);
  });
});
