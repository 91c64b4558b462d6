import { Exact } from '../exact.js';
import type { Expr, ValueType } from './ast.js';
import { boundsProblem, checkFormula, placesProblem, startColumn } from './check.js';
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
  /** @internal The formula compiled to closures, once, when it is parsed. */
  readonly code: Code;
}

export type FormulaProblem =
  | { code: 'formula_syntax'; column: number; detail: string; detailEn: string }
  | { code: 'formula_type'; detail: string; detailEn: string }
  | { code: 'formula_argument'; column: number; detail: string; detailEn: string }
  | { code: 'unknown_name'; name: string }
  | { code: 'formula_too_complex'; limit: number };

/**
 * Raised while computing: the caller turns it into an issue naming the indicator.
 * `division_by_zero`: a `/` by zero; `overflow`: an intermediate value outside
 * {@link MIN_MAGNITUDE}…{@link MAX_INTERMEDIATE} (issue code `number_overflow`).
 */
export class FormulaRuntimeError extends Error {
  constructor(
    readonly kind: 'division_by_zero' | 'overflow' | 'argument',
    readonly formula: string,
    /** The first name in the divisor that was zero, when there is one. */
    readonly divisor?: string,
    /** `argument`: where the argument stands (1-based column) and what is wrong with it. */
    readonly argument?: { column: number; detail: string; detailEn: string },
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
  // A value held in safe integers is far inside every bound (|n| < 2^53, d < 2^53).
  if (x.isSmall() || x.isZero()) return x;
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
  const code = compileExpr(ast, text);
  const formula: CompiledFormula =
    ast.type === 'name' ? { text, ast, refs, type, bareName: ast.name, code } : { text, ast, refs, type, code };
  return { ok: true, formula };
}

export type Env = (name: string) => Exact;

/** A formula compiled to a tree of closures, built once when the rubric is loaded. */
export type Code = (env: Env) => Exact | boolean;

/** Compute a number formula exactly. Throws {@link FormulaRuntimeError} on division by zero. */
export function evalNumber(f: CompiledFormula, env: Env): Exact {
  return f.code(env) as Exact;
}

/** Compute a condition formula. */
export function evalBoolean(f: CompiledFormula, env: Env): boolean {
  return f.code(env) as boolean;
}

/**
 * Compile an expression once into closures: evaluating it then walks no syntax tree, creates no
 * closure and converts no literal. Formulas are bounded in size when parsed, so the recursion here
 * is too.
 */
function compileExpr(e: Expr, text: string): Code {
  switch (e.type) {
    case 'num': {
      const v = Exact.fromDecimal(e.value);
      return () => v;
    }
    case 'name': {
      const name = e.name;
      return (env) => env(name);
    }
    case 'unary': {
      const arg = compileExpr(e.arg, text);
      return e.op === '-' ? (env) => (arg(env) as Exact).neg() : (env) => !(arg(env) as boolean);
    }
    case 'binary': {
      const l = compileExpr(e.left, text);
      const r = compileExpr(e.right, text);
      switch (e.op) {
        case 'and': return (env) => (l(env) as boolean) && (r(env) as boolean);
        case 'or': return (env) => (l(env) as boolean) || (r(env) as boolean);
        case '+': return (env) => bounded((l(env) as Exact).plus(r(env) as Exact), text);
        case '-': return (env) => bounded((l(env) as Exact).minus(r(env) as Exact), text);
        case '*': return (env) => bounded((l(env) as Exact).times(r(env) as Exact), text);
        case '/': {
          const divisor = firstName(e.right);
          return (env) => {
            const a = l(env) as Exact;
            const b = r(env) as Exact;
            if (b.isZero()) throw new FormulaRuntimeError('division_by_zero', text, divisor);
            return bounded(a.div(b), text);
          };
        }
        case '<': return (env) => (l(env) as Exact).lt(r(env) as Exact);
        case '<=': return (env) => (l(env) as Exact).lte(r(env) as Exact);
        case '>': return (env) => (l(env) as Exact).gt(r(env) as Exact);
        case '>=': return (env) => (l(env) as Exact).gte(r(env) as Exact);
        // = and != compare numbers, or two conditions.
        case '=': return (env) => same(l(env), r(env));
        case '!=': return (env) => !same(l(env), r(env));
      }
      break;
    }
    case 'call': {
      const args = e.args.map((a) => compileExpr(a, text));
      const num = (i: number) => args[i]! as (env: Env) => Exact;
      switch (e.fn) {
        case 'if': {
          const [c, a, b] = args as [Code, Code, Code];
          return (env) => (c(env) ? a(env) : b(env));
        }
        case 'min':
          return (env) => {
            let m = num(0)(env);
            for (let i = 1; i < args.length; i++) {
              const x = num(i)(env);
              if (x.lt(m)) m = x;
            }
            return m;
          };
        case 'max':
          return (env) => {
            let m = num(0)(env);
            for (let i = 1; i < args.length; i++) {
              const x = num(i)(env);
              if (x.gt(m)) m = x;
            }
            return m;
          };
        case 'abs': {
          const x = num(0);
          return (env) => x(env).abs();
        }
        case 'floor': {
          const x = num(0);
          return (env) => x(env).floor();
        }
        case 'ceil': {
          const x = num(0);
          return (env) => x(env).ceil();
        }
        case 'clamp': {
          const [x, lo, hi] = [num(0), num(1), num(2)];
          const column = startColumn(e.args[1]!);
          return (env) => {
            const v = x(env);
            const a = lo(env);
            const b = hi(env);
            const bad = boundsProblem(a, b);
            if (bad) throw new FormulaRuntimeError('argument', text, undefined, { column, ...bad });
            return Exact.min(Exact.max(v, a), b);
          };
        }
        case 'round': {
          const x = num(0);
          const p = args[1] ? num(1) : undefined;
          const column = e.args[1] ? startColumn(e.args[1]) : e.col;
          return (env) => {
            const v = x(env);
            if (!p) return v.round(0, 'half-up');
            const q = p(env);
            const bad = placesProblem(q);
            if (bad) throw new FormulaRuntimeError('argument', text, undefined, { column, ...bad });
            return v.round(Number(q.n), 'half-up');
          };
        }
      }
    }
  }
  throw new Error('unreachable');
}

function same(a: Exact | boolean, b: Exact | boolean): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return a.eq(b);
}

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
