import { Decimal } from '../decimal.js';
import type { Expr } from './ast.js';

/**
 * Units of money convert into each other; every other unit (人, 份, 期, %) stands alone.
 * Factors are in 元.
 */
export const MONEY_UNITS: Readonly<Record<string, Decimal>> = {
  元: new Decimal(1),
  千元: new Decimal(1000),
  万元: new Decimal(10000),
  百万元: new Decimal(1000000),
  亿元: new Decimal(100000000),
};

export const isMoney = (unit: string | undefined): boolean => unit !== undefined && Object.prototype.hasOwnProperty.call(MONEY_UNITS, unit);

/**
 * What a formula's value is measured in:
 * - a unit (`元`, `%`, `人`);
 * - `''`: a plain number with no unit (a literal, or a figure declared without a unit);
 * - `undefined`: not known (a product of two figures, a figure scaled by a literal).
 */
export type InferredUnit = string | undefined;

/** Two money figures in different units met in a sum or a comparison. */
export interface UnitClash {
  left: string;
  right: string;
  /** Column of the operator or call where they met. */
  col: number;
}

/**
 * Infer the unit of a formula from the declared units of the names it reads:
 * a sum or difference of 元 is 元, `min`/`max`/`if` keep a common unit, `abs`/`round`/`floor`/`ceil`
 * keep their argument's. A quotient of two figures in the same unit is a plain number. Scaling by
 * a literal (`x * 100`, `x / 10000`) changes the unit in a way only the author knows: unknown.
 *
 * Money figures in different units (元 and 万元) added, subtracted, compared or chosen between
 * are a clash: the formula would mix magnitudes 10,000 apart, so the first one is returned and
 * the rubric is refused at load.
 *
 * Iterative over the tree, so any depth the parser accepts is safe.
 */
export function inferUnit(ast: Expr, unitOf: (name: string) => string): { unit: InferredUnit; clash?: UnitClash; ambiguous?: { unit: string; col: number } } {
  let clash: UnitClash | undefined;
  let ambiguous: { unit: string; col: number } | undefined;
  const meet = (a: InferredUnit, b: InferredUnit, col: number): InferredUnit => {
    if (a === b) return a;
    if (a === '') return b;
    if (b === '') return a;
    if (a === undefined || b === undefined) {
      // Money met with a figure of unknown unit: it may or may not be the same unit.
      const m = isMoney(a) ? a : isMoney(b) ? b : undefined;
      if (m !== undefined) ambiguous ??= { unit: m, col };
      return undefined;
    }
    if (isMoney(a) && isMoney(b)) clash ??= { left: a, right: b, col };
    return undefined;
  };
  // Post-order walk with an explicit stack.
  const out = new Map<Expr, InferredUnit>();
  const stack: { e: Expr; done: boolean }[] = [{ e: ast, done: false }];
  const kids = (e: Expr): Expr[] =>
    e.type === 'unary' ? [e.arg] : e.type === 'binary' ? [e.left, e.right] : e.type === 'call' ? e.args : [];
  while (stack.length) {
    const top = stack.pop()!;
    if (!top.done) {
      stack.push({ e: top.e, done: true });
      for (const k of kids(top.e)) stack.push({ e: k, done: false });
      continue;
    }
    const e = top.e;
    const u = (x: Expr) => out.get(x);
    let unit: InferredUnit;
    switch (e.type) {
      case 'num':
        unit = '';
        break;
      case 'name':
        unit = unitOf(e.name);
        break;
      case 'unary':
        unit = e.op === '-' ? u(e.arg) : '';
        break;
      case 'binary': {
        const l = u(e.left);
        const r = u(e.right);
        switch (e.op) {
          case '+':
          case '-':
            unit = meet(l, r, e.col);
            break;
          case '<': case '<=': case '>': case '>=': case '=': case '!=':
            meet(l, r, e.col);
            unit = '';
            break;
          case '/':
            unit = l !== undefined && l !== '' && l === r ? '' : l === '' && r === '' ? '' : undefined;
            break;
          case '*':
            unit = l === '' && r === '' ? '' : undefined;
            break;
          default:
            unit = '';
        }
        break;
      }
      case 'call': {
        const us = e.args.map(u);
        switch (e.fn) {
          case 'min':
          case 'max':
            unit = us.reduce((a, b) => meet(a, b, e.col));
            break;
          case 'clamp':
            unit = meet(meet(us[0], us[1], e.col), us[2], e.col);
            break;
          case 'if':
            unit = meet(us[1], us[2], e.col);
            break;
          case 'round':
          case 'abs':
          case 'floor':
          case 'ceil':
            unit = us[0];
            break;
        }
        break;
      }
    }
    out.set(e, unit);
  }
  return { unit: out.get(ast), ...(clash ? { clash } : {}), ...(ambiguous ? { ambiguous } : {}) };
}
