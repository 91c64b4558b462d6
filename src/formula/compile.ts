import { Exact } from '../exact.js';
import type { Expr, ValueType } from './ast.js';
import { checkFormula } from './check.js';
import { FormulaSyntaxError, FormulaTooComplexError, parseFormula } from './parse.js';

/** A formula ready to run: its text, the names it reads, and its result type. */
export interface CompiledFormula {
  readonly text: string;
  readonly ast: Expr;
  /** Names of inputs and metrics the formula reads, in order of first use. */
  readonly refs: readonly string[];
  readonly type: ValueType;
  /** If the whole formula is a single name, that name (used for labels in reasons). */
  readonly bareName?: string;
}

export type FormulaProblem =
  | { code: 'formula_syntax'; column: number; detail: string; detailEn: string }
  | { code: 'formula_type'; detail: string; detailEn: string }
  | { code: 'unknown_name'; name: string }
  | { code: 'formula_too_complex'; limit: number };

/**
 * Raised while computing: the caller turns it into an issue naming the indicator.
 * `division_by_zero`: a `/` by zero; `overflow`: an intermediate value outside
 * {@link MIN_MAGNITUDE}…{@link MAX_INTERMEDIATE} (issue code `number_overflow`).
 */
export class FormulaRuntimeError extends Error {
  constructor(
    readonly kind: 'division_by_zero' | 'overflow',
    readonly formula: string,
    /** The first name in the divisor that was zero, when there is one. */
    readonly divisor?: string,
  ) {
    super(kind);
  }
}

/**
 * Every intermediate value of a formula must stay below 10⁴⁰ in magnitude (and a non-zero one
 * above 10⁻⁴⁰), and carry at most {@link MAX_BITS} bits in its numerator and denominator.
 * Inputs are at most 10¹⁵ with a few decimals, so real sheets stay far inside; without a bound,
 * a chain of metrics that square each other reaches 10^(10¹⁵) in fifty steps, and exact
 * fractions that keep squaring grow without end.
 */
export const MAX_INTERMEDIATE = Exact.parse('1' + '0'.repeat(40));
export const MIN_MAGNITUDE = Exact.ratio(1n, 10n ** 40n);
/** Precision bound of an exact intermediate value (about 600 decimal digits). */
export const MAX_BITS = 2048;

function bounded(x: Exact, text: string): Exact {
  if (x.isZero()) return x;
  const m = x.abs();
  if (m.gte(MAX_INTERMEDIATE) || m.lt(MIN_MAGNITUDE) || x.size() > MAX_BITS) throw new FormulaRuntimeError('overflow', text);
  return x;
}

/**
 * Parse and type-check a formula against the names that exist.
 * @param known returns true for a declared input or metric name
 */
export function compileFormula(
  text: string,
  known: (name: string) => boolean,
  opts: { expect?: ValueType; maxLength?: number } = {},
): { ok: true; formula: CompiledFormula } | { ok: false; problem: FormulaProblem } {
  const maxLength = opts.maxLength ?? 2000;
  if (text.length > maxLength) return { ok: false, problem: { code: 'formula_too_complex', limit: maxLength } };
  let ast: Expr;
  try {
    ast = parseFormula(text);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) {
      return { ok: false, problem: { code: 'formula_syntax', column: e.column, detail: e.detail, detailEn: e.detailEn } };
    }
    if (e instanceof FormulaTooComplexError) return { ok: false, problem: { code: 'formula_too_complex', limit: e.limit } };
    if (e instanceof RangeError) return { ok: false, problem: { code: 'formula_too_complex', limit: maxLength } };
    throw e;
  }
  const { type, refs, problem } = checkFormula(ast, known);
  if (problem) return { ok: false, problem };
  if (opts.expect && type !== opts.expect) {
    return {
      ok: false,
      problem: {
        code: 'formula_type',
        detail: opts.expect === 'number' ? '此处应为数值公式，而不是条件' : '此处应为条件（如 a <= b），而不是数值',
        detailEn: opts.expect === 'number' ? 'a number is expected here, not a condition' : 'a condition (like a <= b) is expected here, not a number',
      },
    };
  }
  const formula: CompiledFormula =
    ast.type === 'name' ? { text, ast, refs, type, bareName: ast.name } : { text, ast, refs, type };
  return { ok: true, formula };
}

export type Env = (name: string) => Exact;

/** Compute a number formula exactly. Throws {@link FormulaRuntimeError} on division by zero. */
export function evalNumber(f: CompiledFormula, env: Env): Exact {
  return evalExpr(f.ast, env, f.text) as Exact;
}

/** Compute a condition formula. */
export function evalBoolean(f: CompiledFormula, env: Env): boolean {
  return evalExpr(f.ast, env, f.text) as boolean;
}

/** Literals of a formula as exact values, converted once per literal node. */
const literals = new WeakMap<Expr, Exact>();
function literal(e: Extract<Expr, { type: 'num' }>): Exact {
  let v = literals.get(e);
  if (v === undefined) {
    v = Exact.fromDecimal(e.value);
    literals.set(e, v);
  }
  return v;
}

function evalExpr(e: Expr, env: Env, text: string): Exact | boolean {
  const num = (x: Expr) => evalExpr(x, env, text) as Exact;
  const bool = (x: Expr) => evalExpr(x, env, text) as boolean;
  switch (e.type) {
    case 'num':
      return literal(e);
    case 'name':
      return env(e.name);
    case 'unary':
      return e.op === '-' ? num(e.arg).neg() : !bool(e.arg);
    case 'binary': {
      if (e.op === 'and') return bool(e.left) && bool(e.right);
      if (e.op === 'or') return bool(e.left) || bool(e.right);
      const l = evalExpr(e.left, env, text);
      const r = evalExpr(e.right, env, text);
      if (typeof l === 'boolean' || typeof r === 'boolean') return e.op === '=' ? l === r : l !== r;
      switch (e.op) {
        case '+': return bounded(l.plus(r), text);
        case '-': return bounded(l.minus(r), text);
        case '*': return bounded(l.times(r), text);
        case '/':
          if (r.isZero()) throw new FormulaRuntimeError('division_by_zero', text, firstName(e.right));
          return bounded(l.div(r), text);
        case '<': return l.lt(r);
        case '<=': return l.lte(r);
        case '>': return l.gt(r);
        case '>=': return l.gte(r);
        case '=': return l.eq(r);
        case '!=': return !l.eq(r);
      }
    }
    // falls through (unreachable)
    case 'call': {
      const c = e as Extract<Expr, { type: 'call' }>;
      switch (c.fn) {
        case 'if':
          return bool(c.args[0]!) ? evalExpr(c.args[1]!, env, text) : evalExpr(c.args[2]!, env, text);
        case 'min':
          return Exact.min(...c.args.map(num));
        case 'max':
          return Exact.max(...c.args.map(num));
        case 'abs':
          return num(c.args[0]!).abs();
        case 'floor':
          return num(c.args[0]!).floor();
        case 'ceil':
          return num(c.args[0]!).ceil();
        case 'clamp': {
          const [x, lo, hi] = c.args.map(num) as [Exact, Exact, Exact];
          return Exact.min(Exact.max(x, lo), hi);
        }
        case 'round': {
          const x = num(c.args[0]!);
          const p = c.args[1] ? num(c.args[1]).round(0) : undefined;
          const places = p === undefined ? 0 : p.isNegative() ? 0 : p.gt(TWENTY) ? 20 : Number(p.n);
          return x.round(places, 'half-up');
        }
      }
    }
  }
  throw new Error('unreachable');
}

const TWENTY = Exact.int(20);

/** The first name read by an expression (left to right), without recursion. */
function firstName(e: Expr): string | undefined {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'name') return x.name;
    if (x.type === 'unary') stack.push(x.arg);
    else if (x.type === 'binary') stack.push(x.right, x.left);
    else if (x.type === 'call') for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]!);
  }
  return undefined;
}
