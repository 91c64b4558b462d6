/**
 * The formula language of docs/rubric-format.md ("Formulas"), evaluated in exact fractions for
 * the oracle: its own small parser, sharing no code with src/formula. Every `/` is exact, so
 * `floor(1/3*3)` is 1 and `10 - v / 12 * 1.5` at 26.84 is 6.645.
 */
import { F, Fraction } from './fraction.js';

export type Value = Fraction | boolean;
export type Env = (name: string) => Fraction;
export type Compiled = (env: Env) => Value;

/** A computation the oracle refuses, with the issue code jixiao must report for it. */
export class OracleError extends Error {
  constructor(readonly code: 'division_by_zero' | 'formula_syntax' | 'formula_argument') {
    super(code);
  }
}

type Tok = { k: 'num' | 'name' | 'op'; v: string } | { k: 'end'; v: '' };

const ONE_CHAR: Record<string, string> = {
  '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/', '(': '(', '（': '(', ')': ')', '）': ')',
  ',': ',', '，': ',', '<': '<', '＜': '<', '>': '>', '＞': '>', '=': '=', '＝': '=', '≤': '<=', '≦': '<=',
  '≥': '>=', '≧': '>=', '≠': '!=', '!': 'not',
};
const TWO_CHAR: Record<string, string> = { '<=': '<=', '>=': '>=', '==': '=', '!=': '!=', '<>': '!=', '&&': 'and', '||': 'or' };
const WORD: Record<string, string> = { and: 'and', 且: 'and', or: 'or', 或: 'or', not: 'not', 非: 'not' };

function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  const cs = Array.from(src);
  let i = 0;
  while (i < cs.length) {
    const c = cs[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const rest = cs.slice(i).join('');
    const num = /^(\d+(\.\d*)?|\.\d+)/.exec(rest);
    if (num) {
      out.push({ k: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    if (c === '`') {
      const end = cs.indexOf('`', i + 1);
      if (end < 0) throw new OracleError('formula_syntax');
      out.push({ k: 'name', v: cs.slice(i + 1, end).join('').trim() });
      i = end + 1;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest);
    if (word) {
      const w = Object.hasOwn(WORD, word[0]) ? WORD[word[0]] : undefined;
      out.push(w ? { k: 'op', v: w } : { k: 'name', v: word[0] });
      i += Array.from(word[0]).length;
      continue;
    }
    const two = c + (cs[i + 1] ?? '');
    if (Object.hasOwn(TWO_CHAR, two)) {
      out.push({ k: 'op', v: TWO_CHAR[two]! });
      i += 2;
      continue;
    }
    if (!Object.hasOwn(ONE_CHAR, c)) throw new OracleError('formula_syntax');
    out.push({ k: 'op', v: ONE_CHAR[c]! });
    i++;
  }
  out.push({ k: 'end', v: '' });
  return out;
}

const num = (v: Value): Fraction => {
  if (typeof v === 'boolean') throw new OracleError('formula_syntax');
  return v;
};
const bool = (v: Value): boolean => {
  if (typeof v !== 'boolean') throw new OracleError('formula_syntax');
  return v;
};

const COMPARE: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0, '=': (c) => c === 0, '!=': (c) => c !== 0,
};

const FUNCTIONS: Record<string, (args: Compiled[], env: Env) => Value> = {
  min: (a, env) => Fraction.min(...a.map((f) => num(f(env)))),
  max: (a, env) => Fraction.max(...a.map((f) => num(f(env)))),
  abs: (a, env) => num(a[0]!(env)).abs(),
  floor: (a, env) => num(a[0]!(env)).floor(),
  ceil: (a, env) => num(a[0]!(env)).ceil(),
  // No argument silently changed: clamp needs lo ≤ hi, round a whole number of places in [0, 20].
  clamp: (a, env) => {
    const [x, lo, hi] = [num(a[0]!(env)), num(a[1]!(env)), num(a[2]!(env))];
    if (lo.gt(hi)) throw new OracleError('formula_argument');
    return x.clamp(lo, hi);
  },
  round: (a, env) => {
    const x = num(a[0]!(env));
    const n = a[1] ? num(a[1](env)) : F(0);
    if (!n.floor().eq(n) || n.lt(0) || n.gt(20)) throw new OracleError('formula_argument');
    return x.round(Number(n.toString()), 'half-up');
  },
  if: (a, env) => (bool(a[0]!(env)) ? a[1]!(env) : a[2]!(env)),
};

/** Parse once; the result computes the formula exactly for any environment. */
export function compileFormula(src: string): Compiled {
  const toks = tokens(src);
  let p = 0;
  const at = (v: string) => toks[p]!.k === 'op' && toks[p]!.v === v;
  const take = (v: string) => {
    if (!at(v)) throw new OracleError('formula_syntax');
    p++;
  };

  // or < and < not < comparison < + − < × ÷ < unary minus
  const or = (): Compiled => {
    let l = and();
    while (at('or')) {
      p++;
      const a = l, b = and();
      l = (env) => bool(a(env)) || bool(b(env));
    }
    return l;
  };
  const and = (): Compiled => {
    let l = not();
    while (at('and')) {
      p++;
      const a = l, b = not();
      l = (env) => bool(a(env)) && bool(b(env));
    }
    return l;
  };
  const not = (): Compiled => {
    if (at('not')) {
      p++;
      const a = not();
      return (env) => !bool(a(env));
    }
    return comparison();
  };
  const comparison = (): Compiled => {
    const l = sum();
    const op = toks[p]!.v;
    if (toks[p]!.k !== 'op' || !Object.hasOwn(COMPARE, op)) return l;
    p++;
    const r = sum();
    const test = COMPARE[op]!;
    return (env) => {
      const a = l(env), b = r(env);
      if (typeof a === 'boolean' || typeof b === 'boolean') return op === '=' ? a === b : op === '!=' ? a !== b : bool(false);
      return test(a.cmp(b));
    };
  };
  const sum = (): Compiled => {
    let l = product();
    while (at('+') || at('-')) {
      const op = toks[p++]!.v;
      const a = l, b = product();
      l = op === '+' ? (env) => num(a(env)).plus(num(b(env))) : (env) => num(a(env)).minus(num(b(env)));
    }
    return l;
  };
  const product = (): Compiled => {
    let l = unary();
    while (at('*') || at('/')) {
      const op = toks[p++]!.v;
      const a = l, b = unary();
      l =
        op === '*'
          ? (env) => num(a(env)).times(num(b(env)))
          : (env) => {
              const d = num(b(env));
              if (d.isZero()) throw new OracleError('division_by_zero');
              return num(a(env)).div(d);
            };
    }
    return l;
  };
  const unary = (): Compiled => {
    if (at('-')) {
      p++;
      const a = unary();
      return (env) => num(a(env)).neg();
    }
    if (at('+')) {
      p++;
      return unary();
    }
    return primary();
  };
  const primary = (): Compiled => {
    const t = toks[p]!;
    if (t.k === 'num') {
      p++;
      const value = F(t.v);
      return () => value;
    }
    if (at('(')) {
      p++;
      const e = or();
      take(')');
      return e;
    }
    if (t.k === 'name') {
      p++;
      if (at('(')) {
        p++;
        const fn = FUNCTIONS[t.v.toLowerCase()];
        if (!fn) throw new OracleError('formula_syntax');
        const args: Compiled[] = [];
        if (!at(')')) {
          args.push(or());
          while (at(',')) {
            p++;
            args.push(or());
          }
        }
        take(')');
        return (env) => fn(args, env);
      }
      const name = t.v;
      return (env) => env(name);
    }
    throw new OracleError('formula_syntax');
  };

  const e = or();
  if (toks[p]!.k !== 'end') throw new OracleError('formula_syntax');
  return e;
}

const cache = new Map<string, Compiled>();

/** {@link compileFormula}, remembered by text. */
export function formulaOf(src: string): Compiled {
  let f = cache.get(src);
  if (!f) cache.set(src, (f = compileFormula(src)));
  return f;
}

/** Names a formula reads (identifiers and backquoted names that are not function calls). */
export function namesIn(src: string): string[] {
  const toks = tokens(src);
  return [...new Set(toks.filter((t, i) => t.k === 'name' && !(toks[i + 1]?.k === 'op' && toks[i + 1]!.v === '(')).map((t) => t.v))];
}
