/**
 * Voting codes: how strong an imported code must be, and how fast codes may be tried.
 *
 * A code is a bearer secret: whoever types a valid one votes. Its strength is its randomness,
 * and guessing is bounded by how many tries the server answers. With `n` codes issued and `b`
 * bits per code, one guess hits some code with probability n / 2^b. For 100,000 codes (about
 * 2^17) of at least 40 bits that is at most 2^-23 (1.2e-7) per guess; at the per-process cap below
 * (120 tries a minute from everyone together, about 5.2 million in a 30-day vote) a guesser who
 * kept the cap saturated for the whole vote would expect about 0.6 hits, and the codes Polity
 * generates (10 characters from 32, 50 bits) make that 0.0006. One address gets 30 tries in 10
 * minutes, and after 10 wrong codes waits 1 s, 2 s, 4 s, ... (at most 15 minutes) between tries.
 */

/** Fewest bits of randomness an imported code must carry. */
export const MIN_CODE_BITS = 40;

/** Below this many codes a file is too small to show which characters vary per position. */
export const SERIES_CHECK_MIN_CODES = 200;

/** How fast codes may be tried (see the module comment for the arithmetic). */
export const VOTING_CODE_LIMITS = {
  /** Code checks, right or wrong, from one address (a library's voting terminal serves a few voters a minute). */
  perClient: { limit: 30, windowMs: 10 * 60_000 },
  /** Code checks on one process from everyone together. */
  perProcess: { limit: 120, windowMs: 60_000 },
  /** Wrong codes from one address: 10 free, then a growing back-off. */
  failuresPerClient: { free: 10, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 3600_000 },
} as const;

/** A code as typed: upper case, without spaces or hyphens. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Bits of randomness a code can carry at most: its length (as normalised) times log2 of the
 * alphabet it draws from, the character classes it uses (10 digits, 26 letters, or both: 36).
 * 'ABC123' carries about 31 bits; a generated XXXXX-XXXXX code about 52 by this measure.
 */
export function codeBits(code: string): number {
  const normal = normalizeCode(code);
  const alphabet = (/[0-9]/.test(normal) ? 10 : 0) + (/[A-Z]/.test(normal) ? 26 : 0);
  return alphabet > 1 ? normal.length * Math.log2(alphabet) : 0;
}

/**
 * For a large file, the bits its codes carry given which characters actually vary at each
 * position: a series such as CITY-0001, CITY-0002, ... has a constant prefix and a counter, and
 * carries far fewer bits than its length suggests. The sum over positions of log2(distinct
 * characters seen there), up to the shortest code's length; null for files too small to tell.
 */
export function seriesBits(codes: readonly string[]): number | null {
  if (codes.length < SERIES_CHECK_MIN_CODES) return null;
  const normal = codes.map(normalizeCode);
  const length = Math.min(...normal.map((c) => c.length));
  let bits = 0;
  for (let i = 0; i < length; i++) bits += Math.log2(new Set(normal.map((c) => c[i])).size);
  return bits;
}

/**
 * Why a file of codes is too weak, or null when they carry at least MIN_CODE_BITS: `index` is the
 * first weak code's index in `codes`, or null when the file as a whole is a series.
 */
export function describeWeakCodes(codes: readonly string[]): { index: number | null; message: string } | null {
  for (const [index, code] of codes.entries()) {
    const bits = codeBits(code);
    if (bits < MIN_CODE_BITS)
      return { index, message: `codes must carry at least ${MIN_CODE_BITS} bits of randomness; '${code}' carries about ${Math.floor(bits)}` };
  }
  const series = seriesBits(codes);
  if (series !== null && series < MIN_CODE_BITS)
    return {
      index: null,
      message:
        `codes must carry at least ${MIN_CODE_BITS} bits of randomness; these ${codes.length} codes vary in only some of their ` +
        `characters (like '${codes[0]}') and carry about ${Math.floor(series)}`,
    };
  return null;
}
