import { Decimal } from '../decimal.js';
import type { BinaryOp, Expr, FnName } from './ast.js';

/** A formula that could not be parsed: where (1-based column) and what, in both languages. */
export class FormulaSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly detail: string,
    readonly detailEn: string,
  ) {
    super(detailEn);
  }
}

/**
 * A formula nested deeper than the parser allows (issue `formula_too_complex`): more than
 * {@link MAX_DEPTH} levels of brackets, signs or function calls, or a tree more than
 * {@link MAX_HEIGHT} operations tall (`a + a + … + a`).
 */
export class FormulaTooComplexError extends Error {
  constructor(readonly limit: number) {
    super(`formula nested more than ${limit} levels deep`);
  }
}

type Tok =
  | { t: 'num'; v: string; col: number }
  | { t: 'name'; v: string; col: number }
  | { t: 'op'; v: string; col: number }
  | { t: 'end'; col: number };

const OPS: Record<string, string> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '×': '*', '÷': '/', '−': '-',
  '(': '(', ')': ')', '（': '(', '）': ')', ',': ',', '，': ',',
  '<': '<', '>': '>', '=': '=', '＜': '<', '＞': '>', '＝': '=',
  '≤': '<=', '≦': '<=', '≥': '>=', '≧': '>=', '≠': '!=', '!': 'not',
};
const TWO: Record<string, string> = { '<=': '<=', '>=': '>=', '==': '=', '!=': '!=', '&&': 'and', '||': 'or', '<>': '!=' };
const WORDS: Record<string, string> = { and: 'and', or: 'or', not: 'not', 且: 'and', 或: 'or', 非: 'not' };
/** Own-property lookup, so `constructor` or `toString` never finds Object.prototype. */
const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

const FNS = new Set<FnName>(['min', 'max', 'abs', 'round', 'floor', 'ceil', 'clamp', 'if']);

/** Deepest nesting of brackets, signs and calls (each costs the parser a level of recursion). */
export const MAX_DEPTH = 60;
/**
 * Tallest expression tree. Chains like `a + b + … + z` are parsed by a loop, not by recursion,
 * but every later walk over the tree (type checking, evaluation, lint) goes one level deeper
 * per operation; bounding the height keeps each of them far from the stack limit whatever
 * `maxFormulaLength` allows. 1 000 is above what the default 2 000 characters can reach.
 */
export const MAX_HEIGHT = 1000;

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  const chars = Array.from(src);
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const col = i + 1;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      if (chars[j] === '.') {
        j++;
        while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      }
      const text = chars.slice(i, j).join('');
      if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new FormulaSyntaxError(col, `“${text}”不是有效数字`, `"${text}" is not a number`);
      if (text.replace('.', '').length > 40) throw new FormulaSyntaxError(col, '数字位数过多', 'number has too many digits');
      out.push({ t: 'num', v: text, col });
      i = j;
      continue;
    }
    if (c === '`') {
      const end = chars.indexOf('`', i + 1);
      if (end < 0) throw new FormulaSyntaxError(col, '反引号未闭合', 'unclosed backquote');
      const name = chars.slice(i + 1, end).join('').trim();
      if (!name) throw new FormulaSyntaxError(col, '反引号内名称为空', 'empty name in backquotes');
      out.push({ t: 'name', v: name, col });
      i = end + 1;
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      let j = i + 1;
      while (j < chars.length && /[\p{L}\p{N}_]/u.test(chars[j]!)) j++;
      const word = chars.slice(i, j).join('');
      const kw = own(WORDS, word);
      out.push(kw ? { t: 'op', v: kw, col } : { t: 'name', v: word, col });
      i = j;
      continue;
    }
    const two = c + (chars[i + 1] ?? '');
    const twoOp = own(TWO, two);
    if (twoOp) {
      out.push({ t: 'op', v: twoOp, col });
      i += 2;
      continue;
    }
    const op = own(OPS, c);
    if (op) {
      out.push({ t: 'op', v: op, col });
      i++;
      continue;
    }
    throw new FormulaSyntaxError(col, `无法识别的字符“${c}”`, `unexpected character "${c}"`);
  }
  out.push({ t: 'end', col: chars.length + 1 });
  return out;
}

const BINARY: Record<string, { prec: number; op: BinaryOp }> = {
  or: { prec: 1, op: 'or' },
  and: { prec: 2, op: 'and' },
  '<': { prec: 4, op: '<' },
  '<=': { prec: 4, op: '<=' },
  '>': { prec: 4, op: '>' },
  '>=': { prec: 4, op: '>=' },
  '=': { prec: 4, op: '=' },
  '!=': { prec: 4, op: '!=' },
  '+': { prec: 5, op: '+' },
  '-': { prec: 5, op: '-' },
  '*': { prec: 6, op: '*' },
  '/': { prec: 6, op: '/' },
};

/**
 * Parse formula text into an expression tree. Throws {@link FormulaSyntaxError}, or
 * {@link FormulaTooComplexError} for a formula nested too deeply (never a stack overflow).
 * @example parseFormula('在职人数 / 编制人数 * 100')
 */
export function parseFormula(src: string): Expr {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p]!;
  const describe = (t: Tok) => (t.t === 'end' ? '公式结尾' : `“${t.v}”`);
  const describeEn = (t: Tok) => (t.t === 'end' ? 'end of formula' : `"${t.v}"`);
  const expect = (v: string) => {
    const t = peek();
    if (t.t !== 'op' || t.v !== v) throw new FormulaSyntaxError(t.col, `此处应为“${v}”，实际为${describe(t)}`, `expected "${v}", found ${describeEn(t)}`);
    p++;
  };

  // The height of the expression parsed last (a leaf is 1): each parse function sets it.
  let height = 0;
  const grow = (h: number): void => {
    if (h > MAX_HEIGHT) throw new FormulaTooComplexError(MAX_HEIGHT);
    height = h;
  };

  const expr = (minPrec: number, depth: number): Expr => {
    if (depth > MAX_DEPTH) throw new FormulaTooComplexError(MAX_DEPTH);
    let left = prefix(depth);
    let h = height;
    for (;;) {
      const t = peek();
      if (t.t !== 'op') break;
      const b = Object.prototype.hasOwnProperty.call(BINARY, t.v) ? BINARY[t.v] : undefined;
      if (!b || b.prec < minPrec) break;
      p++;
      // Comparisons do not chain: a < b < c is an error.
      const right = expr(b.prec + 1, depth + 1);
      if (b.prec === 4) {
        const n = peek();
        if (n.t === 'op' && Object.prototype.hasOwnProperty.call(BINARY, n.v) && BINARY[n.v]!.prec === 4)
          throw new FormulaSyntaxError(n.col, '比较运算不能连写，请用 and 连接', 'comparisons cannot be chained; use and');
      }
      h = Math.max(h, height) + 1;
      if (h > MAX_HEIGHT) throw new FormulaTooComplexError(MAX_HEIGHT);
      left = { type: 'binary', op: b.op, left, right, col: t.col };
    }
    height = h;
    return left;
  };

  const prefix = (depth: number): Expr => {
    const t = peek();
    if (t.t === 'op' && t.v === '-') {
      p++;
      const arg = expr(7, depth + 1);
      grow(height + 1);
      return { type: 'unary', op: '-', arg, col: t.col };
    }
    if (t.t === 'op' && t.v === '+') {
      p++;
      return expr(7, depth + 1);
    }
    if (t.t === 'op' && t.v === 'not') {
      p++;
      const arg = expr(3, depth + 1);
      grow(height + 1);
      return { type: 'unary', op: 'not', arg, col: t.col };
    }
    if (t.t === 'op' && t.v === '(') {
      p++;
      const e = expr(0, depth + 1);
      expect(')');
      return e;
    }
    if (t.t === 'num') {
      p++;
      height = 1;
      return { type: 'num', value: new Decimal(t.v), col: t.col };
    }
    if (t.t === 'name') {
      p++;
      const n = peek();
      if (n.t === 'op' && n.v === '(') {
        const fn = t.v.toLowerCase() as FnName;
        if (!FNS.has(fn)) throw new FormulaSyntaxError(t.col, `未知函数“${t.v}”，可用：${[...FNS].join('、')}`, `unknown function "${t.v}"`);
        p++;
        const args: Expr[] = [];
        let tallest = 0;
        if (!(peek().t === 'op' && (peek() as { v: string }).v === ')')) {
          for (;;) {
            args.push(expr(0, depth + 1));
            tallest = Math.max(tallest, height);
            const s = peek();
            if (s.t === 'op' && s.v === ',') {
              p++;
              continue;
            }
            break;
          }
        }
        expect(')');
        grow(tallest + 1);
        return { type: 'call', fn, args, col: t.col };
      }
      height = 1;
      return { type: 'name', name: t.v, col: t.col };
    }
    throw new FormulaSyntaxError(t.col, `此处应为数字、名称或“(”，实际为${describe(t)}`, `expected a number, a name or "(", found ${describeEn(t)}`);
  };

  const e = expr(0, 0);
  const end = peek();
  if (end.t !== 'end') throw new FormulaSyntaxError(end.col, `多余的${describe(end)}`, `unexpected ${describeEn(end)}`);
  return e;
}
