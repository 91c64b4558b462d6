import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The Decimal constructor jixiao computes with: a private clone of decimal.js, so the
 * library never changes the global `Decimal` settings of the application that imports it.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
  maxE: 9e15,
  minE: -9e15,
});
export type Decimal = InstanceType<typeof Decimal>;

/** Largest magnitude accepted for any figure read from a rubric or an input. */
export const MAX_MAGNITUDE = new Decimal('1e15');

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Most significant digits a figure may carry. Figures are held exactly; decimal.js, which reads
 * them, carries 40 significant digits, so a longer figure would be rounded as it is read.
 */
export const MAX_SIGNIFICANT_DIGITS = 40;

export type DecimalParse =
  | { ok: true; value: Decimal }
  | { ok: false; reason: 'not_a_number' | 'too_large' | 'too_small' | 'too_long' | 'leading_zero' | 'too_precise' };

/** Significant digits of a plain or exponent decimal text: leading and trailing zeros aside. */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

/** Parse a decimal from source text or a JS number, exactly; never via binary floats for text. */
export function parseDecimal(raw: unknown): DecimalParse {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, reason: 'not_a_number' };
    text = String(raw);
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else if (typeof raw === 'bigint') {
    text = raw.toString();
  } else {
    return { ok: false, reason: 'not_a_number' };
  }
  if (text.length > 64) return { ok: false, reason: 'too_long' };
  if (!DECIMAL_TEXT.test(text)) return { ok: false, reason: 'not_a_number' };
  // `017` is 17 in YAML 1.2 but 15 (octal) in YAML 1.1 and to many tools: refused, not guessed.
  if (/^[+-]?0\d+$/.test(text)) return { ok: false, reason: 'leading_zero' };
  // Reject huge exponents before decimal.js expands anything.
  const exp = /[eE]([+-]?\d+)$/.exec(text);
  if (exp && Math.abs(parseInt(exp[1]!, 10)) > 40) {
    return { ok: false, reason: parseInt(exp[1]!, 10) > 0 ? 'too_large' : 'too_small' };
  }
  // More digits than are carried would be rounded silently: refuse them, naming the limit.
  if (significantDigits(text) > MAX_SIGNIFICANT_DIGITS) return { ok: false, reason: 'too_precise' };
  const value = new Decimal(text);
  if (value.abs().gt(MAX_MAGNITUDE)) return { ok: false, reason: 'too_large' };
  // Normalise -0 to 0.
  return { ok: true, value: value.isZero() ? new Decimal(0) : value };
}

export type RoundingName = 'half-up' | 'half-even' | 'down' | 'up';

/**
 * Whether a quotient with a remainder is rounded away from zero under `mode`: `half` says how the
 * remainder compares with half the divisor (−1 below, 0 a tie, 1 above), `odd` whether the
 * quotient truncated toward zero is odd. half-up and up round away from zero, down toward zero,
 * half-even to the even neighbour. The one statement of the modes for every exact rounding.
 */
export function roundsAway(mode: RoundingName, half: number, odd: boolean): boolean {
  switch (mode) {
    case 'down': return false;
    case 'up': return true;
    case 'half-up': return half >= 0;
    case 'half-even': return half > 0 || (half === 0 && odd);
  }
}

const ROUNDING: Record<RoundingName, DecimalJs.Rounding> = {
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-even': DecimalJs.ROUND_HALF_EVEN,
  down: DecimalJs.ROUND_DOWN,
  up: DecimalJs.ROUND_UP,
};

/** Round to `places` decimals with the named mode. */
export function roundTo(value: Decimal, places: number, mode: RoundingName = 'half-up'): Decimal {
  const r = value.toDecimalPlaces(places, ROUNDING[mode]);
  return r.isZero() ? new Decimal(0) : r;
}

/** Plain decimal string without exponent or trailing zeros: the JSON boundary form. */
export function toPlain(value: Decimal): string {
  const v = value.isZero() ? new Decimal(0) : value;
  return v.toFixed();
}

/** A figure as printed in reasons: at most `places` decimals, no trailing zeros. */
export function show(value: Decimal, places = 2): string {
  return toPlain(roundTo(value, places));
}

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

export function clamp(value: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return Decimal.min(Decimal.max(value, lo), hi);
}
