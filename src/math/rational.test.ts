import { describe, expect, it } from 'vitest';
import { maxRational, minRational, Rational } from './rational.js';

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    const r = Rational.of(6n, -4n);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(Rational.of(0, 5).toString()).toBe('0');
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });

  it('parses integers and decimals with a point or a comma', () => {
    expect(Rational.parse('250000.0').toString()).toBe('250000');
    expect(Rational.parse('1234,5').toString()).toBe('2469/2');
    expect(Rational.parse('-0.125').toString()).toBe('-1/8');
    expect(Rational.parse('1e3').toString()).toBe('1000');
    expect(() => Rational.parse('12a')).toThrow(RangeError);
    expect(() => Rational.parse('')).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies and divides exactly (1/3 + 1/6 = 1/2, the float sum is not)', () => {
    const third = Rational.of(1, 3);
    const sixth = Rational.of(1, 6);
    expect(third.add(sixth).toString()).toBe('1/2');
    expect(third.sub(sixth).toString()).toBe('1/6');
    expect(third.mul(sixth).toString()).toBe('1/18');
    expect(third.div(sixth).toString()).toBe('2');
    expect(third.mulInt(3).equals(Rational.ONE)).toBe(true);
    expect(() => third.div(Rational.ZERO)).toThrow(RangeError);
    // 0.1 + 0.2 is exactly 0.3 here.
    expect(Rational.parse('0.1').add(Rational.parse('0.2')).equals(Rational.parse('0.3'))).toBe(true);
  });

  it('compares values that doubles cannot tell apart', () => {
    const big = 10n ** 30n;
    const a = Rational.of(big, big + 1n);
    const b = Rational.of(big + 1n, big + 2n);
    expect(a.toNumber()).toBe(b.toNumber());
    expect(a.compare(b)).toBe(-1);
    expect(b.compare(a)).toBe(1);
    expect(a.compare(Rational.of(big * 2n, big * 2n + 2n))).toBe(0);
    expect(minRational(a, b)).toBe(a);
    expect(maxRational(a, b)).toBe(b);
  });

  it('floors, approximates huge values and prints decimals', () => {
    expect(Rational.of(-7, 2).floor()).toBe(-4n);
    expect(Rational.of(7, 2).floor()).toBe(3n);
    const huge = Rational.of(3n * 10n ** 400n, 10n ** 400n);
    expect(huge.toNumber()).toBeCloseTo(3, 12);
    expect(Rational.of(1, 8).toDecimal()).toBe('0.125');
    expect(Rational.of(2, 3).toDecimal(4)).toBe('0.6667');
    expect(Rational.of(-5, 2).toDecimal()).toBe('-2.5');
  });

  it('brackets every value between certified doubles, and compares exactly when the brackets overlap', () => {
    // A double as an exact rational: scaling by 2 is exact, so it ends at an integer.
    const exact = (x: number): Rational => {
      let k = 0n;
      let y = x;
      while (!Number.isInteger(y)) {
        y *= 2;
        k++;
      }
      return Rational.of(BigInt(y), 1n << k);
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const values = [Rational.of(1, 49), Rational.of(-2, 3), Rational.of(10n ** 400n + 1n, 3n * 10n ** 400n), Rational.of(1n, 10n ** 250n)];
    for (let i = 0; i < 200; i++) values.push(Rational.of(BigInt(next()) * BigInt(next()) - 2n ** 60n, BigInt(next()) + 1n));
    for (const r of values) {
      const [lo, hi] = r.bounds();
      expect(Number.isFinite(lo) && Number.isFinite(hi)).toBe(true);
      expect(exact(lo).lte(r) && r.lte(exact(hi))).toBe(true);
      expect(exact(lo).num * r.den <= r.num * exact(lo).den).toBe(true);
      expect(r.num * exact(hi).den <= exact(hi).num * r.den).toBe(true);
    }
    // Beyond the range of doubles the bounds give up, and comparisons are exact.
    const tiny = Rational.of(1n, 10n ** 400n);
    expect(tiny.bounds()).toEqual([-Infinity, Infinity]);
    expect(tiny.compare(Rational.of(2n, 10n ** 400n))).toBe(-1);
    expect(Rational.ZERO.bounds()).toEqual([0, 0]);
  });
});
