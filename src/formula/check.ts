import type { Expr, ValueType } from './ast.js';

/** What the type checker found wrong, in both languages (or a name nothing declares). */
export type CheckProblem =
  | { code: 'formula_type'; detail: string; detailEn: string }
  | { code: 'unknown_name'; name: string };

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
