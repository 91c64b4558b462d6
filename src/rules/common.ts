import { Decimal } from '../decimal.js';
import { clampExact, Exact, ZERO } from '../exact.js';
import type { Expr } from '../formula/ast.js';
import type { CompiledFormula } from '../formula/compile.js';
import type { Deduction, Outcome, ScoreContext } from './types.js';

/** Points, as printed in a reason: "1.7", "0.5", "5" (at most six decimals). */
export const pts = (d: Decimal | Exact) => Exact.from(d).round(6).toPlain();

/** A figure rounded to `places` decimals (half-up), without trailing zeros. */
export const showExact = (d: Exact, places = 2) => d.round(places).toPlain();

/**
 * A figure as printed in a reason: exact when it has at most four decimals (103.4, 100.004),
 * else to two (31/34 → 91.18), so a reason never hides the difference it is about.
 */
export function fig(d: Decimal | Exact): string {
  const x = Exact.from(d);
  return x.decimalPlaces() <= 4 ? x.toPlain() : showExact(x, 2);
}

/**
 * A figure printed on its own side of the line a reason's verdict is about: half-up to `places`
 * decimals, and with more decimals only where those would put it on the line or past it. An unmet
 * target's 完成比例 99.996% is "99.996", never "100"; 超过标准 0.004 is never "0"; 应扣 3.001
 * against a cap of 3 is never "3". A figure equal to the line prints as the line.
 *
 * @example showApart(Exact.parse('99.996'), Exact.int(100)) // "99.996"
 */
export function showApart(x: Exact, line: Exact, places = 2): string {
  return showBeside(x, [line], places);
}

/**
 * As {@link showApart}, against every line a verdict is about at once (a band's two edges, and
 * the edges of the other bands): the fewest decimals from `places` on that keep the printed
 * figure on the same side of each line as the figure itself, or on the line where it is on it.
 * 89.99999 in the band [80, 90) prints "89.99999", never "90"; 80.000001 never "80".
 */
export function showBeside(x: Exact, lines: readonly Exact[], places = 2): string {
  // Plain loops, no closures: a reason prints several figures so on every evaluation.
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const on = lines[i]!;
    if (x.eq(on)) return on.decimalPlaces() <= places + 12 ? on.toPlain() : showExact(on, places);
  }
  const sides = new Array<number>(n);
  for (let i = 0; i < n; i++) sides[i] = x.cmp(lines[i]!);
  for (let k = places; k <= places + 12; k++) {
    const shown = x.round(k);
    let same = true;
    for (let i = 0; i < n && same; i++) same = shown.cmp(lines[i]!) === sides[i];
    if (same) return shown.toPlain();
  }
  // Closer to a line than 12 more decimals tell: rounded away from the nearest, so still on its
  // side (and on the same side of the others, which are farther). ('up' is away from zero.)
  let near = 0;
  for (let i = 1; i < lines.length; i++) if (x.minus(lines[i]!).abs().lt(x.minus(lines[near]!).abs())) near = i;
  return x.round(places + 12, sides[near]! > 0 === !x.isNegative() ? 'up' : 'down').toPlain();
}

/**
 * As {@link fig} (exact to four decimals, else two), and on the same side of every line as the
 * figure itself ({@link showBeside}): what a reason prints next to a verdict about those lines.
 */
export function figBeside(d: Decimal | Exact, lines: readonly Exact[]): string {
  const x = Exact.from(d);
  return x.decimalPlaces() <= 4 || lines.length === 0 ? fig(x) : showBeside(x, lines, 2);
}

/**
 * A figure with its unit: "103.4%", "5270元", "31人"; beside `lines`, the edges of the verdict
 * it stands next to, printed on its own side of each ({@link figBeside}).
 */
export function withUnit(d: Decimal | Exact, unit: string, lines: readonly Exact[] = NO_LINES): string {
  return `${figBeside(d, lines)}${unit}`;
}

/** No verdict's edge to keep apart from. */
export const NO_LINES: readonly Exact[] = [];

const COMPARISON = new Set(['<', '<=', '>', '>=', '=', '!=']);
const BOUNDING = new Set(['min', 'max', 'clamp']);

/**
 * The edges a formula compares each name with: `执行率 < 60 or 执行率 >= 100` gives 执行率
 * [60, 100], and so do `min(执行率, 100)` and `clamp(执行率, 60, 100)`. Only a name set against a
 * constant (a number, or a signed one) has an edge; the figures printed beside what the formula
 * decided are kept apart from them, so "执行率59.999%，符合“执行率 < 60”" never reads
 * "执行率60%".
 */
export function comparedEdges(f: CompiledFormula): ReadonlyMap<string, readonly Exact[]> {
  let edges = edgesOf.get(f);
  if (edges === undefined) edgesOf.set(f, (edges = findEdges(f)));
  return edges;
}

/** {@link comparedEdges} of each formula, found once (a veto's condition is read on every evaluation it triggers). */
const edgesOf = new WeakMap<CompiledFormula, ReadonlyMap<string, readonly Exact[]>>();

function findEdges(f: CompiledFormula): ReadonlyMap<string, readonly Exact[]> {
  const out = new Map<string, Exact[]>();
  const constant = (e: Expr): Exact | undefined =>
    e.type === 'num' ? Exact.fromDecimal(e.value) : e.type === 'unary' && e.op === '-' ? constant(e.arg)?.neg() : undefined;
  const add = (name: string, c: Exact) => {
    const list = out.get(name) ?? [];
    if (!list.some((x) => x.eq(c))) list.push(c);
    out.set(name, list);
  };
  const visit = (e: Expr): void => {
    if (e.type === 'binary') {
      if (COMPARISON.has(e.op)) {
        for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
          const c = a.type === 'name' ? constant(b) : undefined;
          if (c !== undefined && a.type === 'name') add(a.name, c);
        }
      }
      visit(e.left);
      visit(e.right);
    } else if (e.type === 'unary') visit(e.arg);
    else if (e.type === 'call') {
      if (BOUNDING.has(e.fn))
        for (const a of e.args) {
          if (a.type !== 'name') continue;
          for (const b of e.args) {
            const c = b === a ? undefined : constant(b);
            if (c !== undefined) add(a.name, c);
          }
        }
      e.args.forEach(visit);
    }
  };
  visit(f.ast);
  return out;
}

/** The word for one unit of difference: 百分点 for percentages, else the unit itself. */
export function unitWord(unit: string): string {
  return unit === '%' ? '个百分点' : unit;
}

/**
 * Settle a rule that computes one exact score from the max down (扣分): clamp to [0, max]
 * (扣完为止), round once, and state what was lost as a single deduction. In a 扣分项 the rule's
 * exact score is the points taken off, clamped to [−max, 0].
 */
export function settle(
  ctx: ScoreContext,
  exact: Exact,
  reason: (lost: string, clamped: boolean) => string,
): Outcome {
  const score = ctx.round(clampExact(exact, ZERO, ctx.max));
  const lost = ctx.max.minus(score);
  if (lost.lte(ZERO)) return { score, deductions: [] };
  return { score, deductions: [{ points: lost, reason: ctx.detail ? reason(pts(lost), exact.lt(ZERO)) : '' }] };
}

/**
 * Settle a rule that earns points from zero up (加分): clamp to [0, max] (最多加max分) and round
 * once. `what` says how the points were earned ("获得表彰3次，每次加1分"). In a 加分项 the
 * result states what was added; in an ordinary indicator, what falls short of the max is the
 * deduction.
 */
export function settleEarned(ctx: ScoreContext, earned: Exact, what: () => string): Outcome {
  const score = ctx.round(clampExact(earned, ZERO, ctx.max));
  const capped = () => (earned.gt(ctx.max) ? `，应得${showApart(earned, ctx.max)}分，以${pts(ctx.max)}分为限` : '');
  if (ctx.role === 'bonus') return score.isZero() ? { score, deductions: [] } : ctx.detail ? { score, deductions: [], note: `${what()}${capped()}，加${pts(score)}分` } : { score, deductions: [] };
  const lost = ctx.max.minus(score);
  if (!lost.isPositive()) return { score, deductions: [] };
  return { score, deductions: [{ points: lost, reason: ctx.detail ? `${what()}${capped()}，得${pts(score)}分，扣${pts(lost)}分` : '' }] };
}

/**
 * Settle a rule in a 扣分项 (penalty): `taken` points come off the total, at most the
 * indicator's max (扣分不超过max分). The score is −taken, rounded once.
 */
export function settlePenalty(ctx: ScoreContext, taken: Exact, reason: (taken: string, capped: boolean) => string): Outcome {
  const t = ctx.round(clampExact(taken, ZERO, ctx.max));
  if (t.isZero()) return { score: ZERO, deductions: [] };
  const deductions: Deduction[] = [{ points: t, reason: ctx.detail ? reason(pts(t), taken.gt(ctx.max)) : '' }];
  return { score: t.neg(), deductions };
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① for "1", … ⑳ for "20"; other ids in quotes. */
export function itemMark(id: string): string {
  const n = /^\d+$/.test(id) ? parseInt(id, 10) : NaN;
  return n >= 1 && n <= 20 ? CIRCLED[n - 1]! : `“${id}”`;
}

export { Decimal, Exact };
