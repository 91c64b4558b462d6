import { Exact } from '../exact.js';
import type { Expr, ValueType } from './ast.js';

/** What the type checker found wrong, in both languages (or a name nothing declares). */
export type CheckProblem =
  | { code: 'formula_type'; detail: string; detailEn: string }
  | { code: 'formula_argument'; column: number; detail: string; detailEn: string }
  | { code: 'unknown_name'; name: string };

/** The decimal places `round` takes: a whole number from 0 to {@link MAX_PLACES}. */
const MAX_PLACES = 20;
const MAX_PLACES_EXACT = Exact.int(MAX_PLACES);

/** Why `round`'s places are refused (a negative, fractional or too large number), in both languages. */
export function placesProblem(places: Exact): { detail: string; detailEn: string } | undefined {
  if (places.isInteger() && !places.isNegative() && places.lte(MAX_PLACES_EXACT)) return undefined;
  const v = places.decimalPlaces() <= 6 ? places.toPlain() : `${places.round(6).toPlain()}…`;
  return {
    detail: `round 的小数位数应为 0 到 ${MAX_PLACES} 的整数，实际为 ${v}`,
    detailEn: `round takes a whole number of decimal places from 0 to ${MAX_PLACES}, not ${v}`,
  };
}

/** Why `clamp`'s bounds are refused (the lower above the upper), in both languages. */
export function boundsProblem(lo: Exact, hi: Exact): { detail: string; detailEn: string } | undefined {
  if (lo.lte(hi)) return undefined;
  return { detail: `clamp 的下限 ${lo.toPlain()} 大于上限 ${hi.toPlain()}`, detailEn: `the lower bound ${lo.toPlain()} of clamp is above its upper bound ${hi.toPlain()}` };
}

/** Where an expression starts: the column of its leftmost token (a binary node keeps its operator's). */
export function startColumn(e: Expr): number {
  while (e.type === 'binary') e = e.left;
  return e.col;
}

/**
 * The value of an expression made only of numbers, signs and + − × ÷ (`-2`, `1/2`), or undefined
 * when it reads a name, calls a function, divides by zero or nests deeper than a constant needs.
 */
function constantOf(e: Expr, depth = 0): Exact | undefined {
  if (depth > 32) return undefined;
  if (e.type === 'num') return Exact.fromDecimal(e.value);
  if (e.type === 'unary') {
    const x = e.op === '-' ? constantOf(e.arg, depth + 1) : undefined;
    return x?.neg();
  }
  if (e.type !== 'binary' || !['+', '-', '*', '/'].includes(e.op)) return undefined;
  const l = constantOf(e.left, depth + 1);
  const r = l === undefined ? undefined : constantOf(e.right, depth + 1);
  if (l === undefined || r === undefined) return undefined;
  if (e.op === '/') return r.isZero() ? undefined : l.div(r);
  return e.op === '+' ? l.plus(r) : e.op === '-' ? l.minus(r) : l.times(r);
}

const ARITY: Record<string, [number, number]> = {
  min: [1, 50], max: [1, 50], abs: [1, 1], round: [1, 2], floor: [1, 1], ceil: [1, 1], clamp: [3, 3], if: [3, 3],
};

const children = (e: Expr): readonly Expr[] =>
  e.type === 'unary' ? [e.arg] : e.type === 'binary' ? [e.left, e.right] : e.type === 'call' ? e.args : [];

/**
 * Type-check a parsed formula: every name declared, numbers where numbers belong, conditions
 * where conditions belong, functions with the right number of arguments. Returns the formula's
 * type, the names it reads (in order of first use) and the first problem, if any.
 *
 * Iterative (an explicit stack, children before their parent), so no formula the parser
 * accepts can exhaust the call stack, whatever `maxFormulaLength` allows.
 * @param known returns true for a declared input or metric name
 */
export function checkFormula(ast: Expr, known: (name: string) => boolean): { type: ValueType; refs: string[]; problem?: CheckProblem } {
  const refs: string[] = [];
  const seen = new Set<string>();
  let problem: CheckProblem | undefined;
  const fail = (p: CheckProblem): ValueType => {
    problem ??= p;
    return 'number';
  };
  const typeErr = (zh: string, en: string) => fail({ code: 'formula_type', detail: zh, detailEn: en });

  /** The type of one node, given the types of its children (in order). */
  const typeOf = (e: Expr, types: readonly ValueType[]): ValueType => {
    switch (e.type) {
      case 'num':
        return 'number';
      case 'name':
        if (!known(e.name)) return fail({ code: 'unknown_name', name: e.name });
        if (!seen.has(e.name)) {
          seen.add(e.name);
          refs.push(e.name);
        }
        return 'number';
      case 'unary': {
        const t = types[0];
        if (e.op === '-' && t !== 'number') return typeErr('负号只能用于数值', 'unary minus needs a number');
        if (e.op === 'not' && t !== 'boolean') return typeErr('not 只能用于条件', 'not needs a condition');
        return e.op === '-' ? 'number' : 'boolean';
      }
      case 'binary': {
        const [l, r] = types;
        if (e.op === 'and' || e.op === 'or') {
          if (l !== 'boolean' || r !== 'boolean') return typeErr(`${e.op} 两侧应为条件`, `${e.op} needs conditions on both sides`);
          return 'boolean';
        }
        if (e.op === '=' || e.op === '!=') {
          if (l !== r) return typeErr('比较两侧类型不同', 'comparing a number with a condition');
          return 'boolean';
        }
        if (l !== 'number' || r !== 'number') return typeErr(`“${e.op}”两侧应为数值`, `"${e.op}" needs numbers on both sides`);
        return e.op === '<' || e.op === '<=' || e.op === '>' || e.op === '>=' ? 'boolean' : 'number';
      }
      case 'call': {
        const [lo, hi] = ARITY[e.fn] as [number, number];
        if (e.args.length < lo || e.args.length > hi)
          return typeErr(`函数 ${e.fn} 的参数个数应为 ${lo === hi ? lo : `${lo}–${hi}`}`, `${e.fn} takes ${lo === hi ? lo : `${lo}–${hi}`} arguments`);
        if (e.fn === 'if') {
          if (types[0] !== 'boolean') return typeErr('if 的第一个参数应为条件', 'the first argument of if must be a condition');
          if (types[1] !== types[2]) return typeErr('if 两个分支类型不同', 'both branches of if must have the same type');
          return types[1]!;
        }
        if (types.some((t) => t !== 'number')) return typeErr(`函数 ${e.fn} 的参数应为数值`, `${e.fn} needs numbers`);
        // Arguments never silently clamped or truncated: round(x, -2), round(x, 1.5) and
        // clamp(x, 10, 0) are refused here when constant, and when computed, as they are computed.
        if (e.fn === 'round' && e.args.length === 2) {
          const places = constantOf(e.args[1]!);
          const bad = places === undefined ? undefined : placesProblem(places);
          if (bad) return fail({ code: 'formula_argument', column: startColumn(e.args[1]!), ...bad });
        }
        if (e.fn === 'clamp') {
          const lo = constantOf(e.args[1]!);
          const hi = lo === undefined ? undefined : constantOf(e.args[2]!);
          const bad = lo === undefined || hi === undefined ? undefined : boundsProblem(lo, hi);
          if (bad) return fail({ code: 'formula_argument', column: startColumn(e.args[1]!), ...bad });
        }
        return 'number';
      }
    }
  };

  // Post-order walk: a frame is a node and how many of its children are done; `done` holds the
  // types of finished nodes, the children of the top frame last.
  const stack: { e: Expr; kids: readonly Expr[]; next: number }[] = [{ e: ast, kids: children(ast), next: 0 }];
  const done: ValueType[] = [];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++]!;
      stack.push({ e: kid, kids: children(kid), next: 0 });
      continue;
    }
    stack.pop();
    const types = done.splice(done.length - top.kids.length, top.kids.length);
    done.push(typeOf(top.e, types));
  }
  const type = done[0]!;
  return problem ? { type, refs, problem } : { type, refs };
}
