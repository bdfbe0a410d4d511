/**
 * Rounding-error bounds for counting rules that decide on doubles only when the decision is
 * certified, and fall back to exact arithmetic otherwise.
 */

/**
 * Rigorous error bounds for doubles without directed rounding. Under IEEE 754 round-to-nearest, one
 * operation's computed result r and its exact result z satisfy r = z(1 + d) with |d| <= u = 2^-53
 * whenever z is in the normal range (and addition and subtraction are exact when the result is
 * subnormal). Then z lies within |r|u/(1-u) of r, and r - |r|2^-51, rounded once more, is still
 * below z (it is at most r(1 - 2^-51)(1 + u) < r(1 - 2^-52) for r > 0, symmetrically for r < 0):
 * that is `dn`, and `up` mirrors it. The run keeps every quantity it bounds either zero or at least
 * 2^-900 and at most 2^100 (money is snapped, shares are at least cost / total units >= 2^-54), so
 * the relative model applies; `dn`/`up` still return a safe +-2^-899 for anything tinier.
 */
/** Below this magnitude a bound is snapped (to zero or to TINY), so later products never underflow. */
export const TINY = 2 ** -900;
/** 2^-51: the relative widening of `dn` and `up`. */
export const R51 = 2 ** -51;
const R52 = 2 ** -52;

/** A double not above the exact result of the one rounded operation that produced `r`. */
export function dn(r: number): number {
  return r > TINY ? r - r * R51 : r < -TINY ? r + r * R51 : -2 * TINY;
}

/** A double not below the exact result of the one rounded operation that produced `r`. */
export function up(r: number): number {
  return r > TINY ? r + r * R51 : r < -TINY ? r - r * R51 : 2 * TINY;
}

/**
 * Bounds on a sum S of n non-negative products w_i a_i (w_i integers, a_i doubles that are zero or
 * normal) computed left to right as `s`: every term carries at most n roundings, so
 * s/(1 + g) <= S <= s/(1 - g) with g = nu/(1 - nu) (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., sec. 4.2), and s(1 -+ (n + 2)2^-52), rounded once, lies outside both for any
 * n < 2^40 (the factors are exact doubles).
 */
export function sumDn(s: number, n: number): number {
  return s * (1 - (n + 2) * R52);
}

/** Upper bound of a sum computed as `s` (see `sumDn`). */
export function sumUp(s: number, n: number): number {
  return s * (1 + (n + 2) * R52);
}
