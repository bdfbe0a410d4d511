/**
 * Exact rational numbers on BigInt, always normalised (positive denominator, gcd 1). Used where a
 * decision must not depend on floating-point rounding (participatory-budgeting rules). Each value
 * caches a double approximation so that comparisons decide on floats when they are clearly apart
 * and fall back to exact cross-multiplication only when they are close.
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;
  private approx: number | undefined;
  private box: readonly [number, number] | undefined;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** A normalised rational num/den; throws on a zero denominator. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational with a zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** Parses an integer or decimal string ("12", "-3.25", "1 000,5" is not accepted; "1000,5" is). */
  static parse(text: string): Rational {
    const t = text.trim().replace(',', '.');
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`Not a number: "${text}"`);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    let d = 10n ** BigInt(frac.length);
    const exp = m[4] ? Number(m[4]) : 0;
    if (exp > 0) n *= 10n ** BigInt(exp);
    if (exp < 0) d *= 10n ** BigInt(-exp);
    return Rational.of(m[1] === '-' ? -n : n, d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  /** this + other. */
  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  /** this - other. */
  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  /** this * other. */
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  /** this / other; throws when other is zero. */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  /** this * k for an integer k. */
  mulInt(k: bigint | number): Rational {
    return Rational.of(this.num * BigInt(k), this.den);
  }

  /**
   * -1, 0 or 1 as this is below, equal to or above other. Decided on the cached doubles when their
   * certified error intervals (see `bounds`) are disjoint, else by exact cross-multiplication.
   */
  compare(o: Rational): number {
    const a = this.bounds();
    const b = o.bounds();
    if (a[1] < b[0]) return -1;
    if (b[1] < a[0]) return 1;
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** True when this equals other. */
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  /** True when this < other. */
  lt(o: Rational): boolean {
    return this.compare(o) < 0;
  }

  /** True when this <= other. */
  lte(o: Rational): boolean {
    return this.compare(o) <= 0;
  }

  /** The sign: -1, 0 or 1. */
  sign(): number {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /** Largest integer not above this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** A double close to this value (within 2^-50 relative when `bounds` is finite), cached. */
  toNumber(): number {
    if (this.approx === undefined) this.approx = approximate(this.num, this.den);
    return this.approx;
  }

  /**
   * Doubles [lo, hi] with lo <= this <= hi, certified (see `certifiedBounds`); [-Infinity, Infinity]
   * when the value is too large, too small or too lopsided for a double to bracket cheaply. Cached.
   */
  bounds(): readonly [number, number] {
    if (this.box === undefined) this.box = certifiedBounds(this.num, this.den, this.toNumber());
    return this.box;
  }

  /** "n" or "n/d". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** A decimal string, exact when the denominator divides a power of ten, else rounded to `digits`. */
  toDecimal(digits = 6): string {
    let d = this.den;
    let k = 0;
    while (d % 10n === 0n) {
      d /= 10n;
      k++;
    }
    while (d % 2n === 0n || d % 5n === 0n) {
      if (d % 2n === 0n) d /= 2n;
      else d /= 5n;
      k++;
    }
    const places = d === 1n ? k : digits;
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scaled = (abs * 10n ** BigInt(places) + (d === 1n ? 0n : this.den / 2n)) / this.den;
    const s = scaled.toString().padStart(places + 1, '0');
    const out = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
    return (neg && scaled !== 0n ? '-' : '') + out;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = (x < 0n ? -x : x).toString(16);
  return (hex.length - 1) * 4 + Math.floor(Math.log2(parseInt(hex[0], 16))) + 1;
}

const LIMIT = 1n << 1000n;

function small(x: bigint): boolean {
  return x < LIMIT && x > -LIMIT;
}

function approximate(n: bigint, d: bigint): number {
  if (small(n) && small(d)) return Number(n) / Number(d);
  const shift = Math.max(bitLength(n), bitLength(d)) - 1000;
  const s = BigInt(shift);
  return Number(n >> s) / Number(d >> s);
}

const UNBOUNDED: readonly [number, number] = [-Infinity, Infinity];

/**
 * Certified bounds of n/d around its approximation r. Without a shift (|n|, |d| < 2^1000), Number()
 * of a BigInt is correctly rounded (ECMA-262 ToNumber: "the Number value for" the integer, round to
 * nearest), and so is the division, so r = (n/d)(1+e1)(1+e3)/(1+e2) with |ei| <= u = 2^-53 and
 * |r - n/d| <= 4u|r| as long as r is a normal double (|r| >= 2^-1000 here). With a shift, each
 * truncated operand keeps at least 64 bits, adding under 2^-62 relative each. Widening r by 2^-48
 * relative (computed with one more rounding, which 2^-48 absorbs) brackets n/d in both cases.
 * Values that are zero are exact; anything else (extreme magnitudes, lopsided shifts) is unbounded,
 * which sends comparisons to exact arithmetic.
 */
function certifiedBounds(n: bigint, d: bigint, r: number): readonly [number, number] {
  if (n === 0n) return [0, 0];
  const a = Math.abs(r);
  if (!(a >= 2 ** -1000 && a <= 2 ** 1000)) return UNBOUNDED;
  const w = a * 2 ** -48;
  if (small(n) && small(d)) return [r - w, r + w];
  const bn = bitLength(n);
  const bd = bitLength(d);
  const shift = Math.max(bn, bd) - 1000;
  if (Math.min(bn, bd) - shift < 64) return UNBOUNDED;
  return [r - w, r + w];
}

/** The smaller of two rationals (the first when equal). */
export function minRational(a: Rational, b: Rational): Rational {
  return b.lt(a) ? b : a;
}

/** The larger of two rationals (the first when equal). */
export function maxRational(a: Rational, b: Rational): Rational {
  return a.lt(b) ? b : a;
}
