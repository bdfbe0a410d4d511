import { describe, expect, it } from 'vitest';
import { limitInMegabytes } from './errors.js';

describe('limitInMegabytes', () => {
  it('says a limit in decimal megabytes, never above the real one', () => {
    expect(limitInMegabytes(10 * 1024 * 1024)).toBe(10.4);
    expect(limitInMegabytes(10_000_000)).toBe(10);
    expect(limitInMegabytes(250_000)).toBe(0.2);
    // A tiny limit still reads as something.
    expect(limitInMegabytes(1)).toBe(0.1);
  });
});
