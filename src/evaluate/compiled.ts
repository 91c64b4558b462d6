import type { Decimal } from '../decimal.js';
import { Exact } from '../exact.js';
import type { Issue } from '../issues/issue.js';
import { parseFormula } from '../formula/parse.js';
import type { PlanNode, Rubric } from '../rubric/types.js';
import { parseInterval } from '../rules/interval.js';
import { convertUnit, parseTarget } from '../rules/target-spec.js';
import type { Rule } from '../rules/index.js';
import { visibleText } from '../rules/text.js';
import type { Limits } from '../source/limits.js';
import { utf8Encode } from '../source/utf8.js';
import { add, BAIL, cmp, compileExpr, D, div, frac, fracOf, mul, POW10, roundTo, safe, type Bool, type Code, type Num } from './exact-steps.js';
import { asciiText, bytesAre, bytesText, encodeText, FALSE, FIELD_BYTES, FIELDS, NO_BYTES, NULL, plainKey, printable, PROTO_BYTES, TRUE, unitsBefore } from './record-bytes.js';
import { plainDigits, plainPlaces, shortDecimalPlaces } from './read.js';
import { fractionInputs, fractionWarning } from './fraction.js';
import { flatMetaNodes, isRecord } from './read.js';
import { policiesFor } from './policies/index.js';
import { scoresRecordOf } from './record.js';
import type { ScoreTotals } from './result.js';
import type { MetricFigures } from './state.js';

/**
 * The totals path compiled once per rubric: the plan turned into a flat list of steps over
 * figures read by index, computed exactly as fractions of safe integers (a numerator and a
 * positive denominator, no object per value), each indicator's score kept as an integer at the
 * rubric's precision in a preallocated array, and read out as decimal strings at the end.
 *
 * It scores only what it can score exactly and without a word to say: a rubric whose rules and
 * formulas it knows, with no rows, pools, weighted blocks, caps or 总分不超过 (加分项 and 扣分项
 * without a cap, and 一票否决 on a condition, it takes), and an input it reads completely — every
 * figure given as the compiled reader (read.ts) takes it, every judgement and checklist answered,
 * nothing marked 不适用. Anything else — an unknown shape, a figure past the safe integers, a
 * division by zero, a value an intermediate step cannot hold, a veto that holds, an input with an
 * issue or a warning to report — returns undefined, and the walk (walk.ts) scores the input from
 * the start. So where it answers, it answers what the walk does, byte for byte
 * (tests/compiled-totals.test.ts, tests/totals.test.ts); where it cannot, only the walk speaks.
 */
export function compiledTotals(rubric: Rubric, raw: unknown, limits: Limits, warnings?: Issue[]): ScoreTotals | undefined {
  const c = compiledFor(rubric);
  if (c === null || c.busy) return undefined;
  c.busy = true;
  try {
    return c.run(raw, limits, warnings);
  } catch {
    // BAIL, a getter or a proxy trap that throws, anything at all: the walk decides.
    return undefined;
  } finally {
    c.busy = false;
  }
}

/**
 * A record's totals from its JSON text (a line of NDJSON), read straight into the compiled scorer
 * without JSON.parse, with its id (`meta[idField]`): what `compiledTotals` gives for the object
 * `JSON.parse` makes of the text, where the batch reader would parse it so (src/batch/many.ts).
 * Undefined wherever it cannot say so: the record is then read as usual.
 */
export function compiledTotalsText(rubric: Rubric, text: string, limits: Limits, idField: string, file?: string): TextTotals | undefined {
  const c = compiledFor(rubric);
  if (c === null || c.busy) return undefined;
  c.busy = true;
  try {
    return c.runText(text, limits, idField, file);
  } catch {
    return undefined;
  } finally {
    c.busy = false;
  }
}

/**
 * What `compiledTotalsText` gives for the record's text, from its UTF-8 bytes (a line of an NDJSON
 * file as read): the record is not decoded, only the strings kept are made. Undefined wherever it
 * cannot say so (then decode the bytes and read the text the usual way).
 */
export function compiledTotalsBytes(rubric: Rubric, bytes: Uint8Array, limits: Limits, idField: string, file?: string): TextTotals | undefined {
  // No more than the text's bound (the text has no more characters than the bytes).
  if (bytes.length * 3 > limits.maxBytes) return undefined;
  const c = compiledFor(rubric);
  if (c === null || c.busy) return undefined;
  c.busy = true;
  try {
    return c.runBytes(bytes, false, limits, idField, file);
  } catch {
    return undefined;
  } finally {
    c.busy = false;
  }
}

/**
 * Every metric of an evaluation whose every input is given (`values`, as the walk reads them),
 * computed by the compiled scorer's formula steps: numerators and denominators in the plan's
 * metric order, the value (after a declared rounding) and the value before it; valid until the
 * next call. Undefined where the rubric has no compiled scorer or a step cannot compute exactly
 * (a division by zero among them): the walk then computes them, and says what is wrong.
 */
export function compiledMetrics(rubric: Rubric, values: ReadonlyMap<string, Exact>, valueAt?: readonly (Exact | undefined)[]): MetricFigures | undefined {
  const c = compiledFor(rubric);
  if (c === null || c.busy) return undefined;
  c.busy = true;
  try {
    return c.metrics(values, valueAt);
  } catch {
    return undefined;
  } finally {
    c.busy = false;
  }
}

/** Whether a rubric's totals are scored by the compiled scorer where the input allows it (for tests). */
export function hasCompiledTotals(rubric: Rubric): boolean {
  return compiledFor(rubric) !== null;
}

/** A rubric's compiled scorer (null: it has none), made on first use; the rubric of the call before at hand, as a province is scored against one sheet. */
function compiledFor(rubric: Rubric): Compiled | null {
  if (rubric === lastRubric) return lastCompiled;
  let c = compiled.get(rubric);
  if (c === undefined) compiled.set(rubric, (c = compileTotals(rubric) ?? null));
  lastRubric = rubric;
  lastCompiled = c;
  return c;
}

interface Compiled {
  busy: boolean;
  run(raw: unknown, limits: Limits, warnings: Issue[] | undefined): ScoreTotals | undefined;
  runText(text: string, limits: Limits, idField: string, file: string | undefined): TextTotals | undefined;
  runBytes(bytes: Uint8Array, fromText: boolean, limits: Limits, idField: string, file: string | undefined): TextTotals | undefined;
  metrics(values: ReadonlyMap<string, Exact>, valueAt: readonly (Exact | undefined)[] | undefined): MetricFigures | undefined;
}

/**
 * A record's totals read from its text, its id, and its warnings (percent_as_fraction) placed at
 * their line and column in the text, as the document reader places them (`file` in each, if given).
 */
export interface TextTotals {
  totals: ScoreTotals;
  id: string | undefined;
  warnings: Issue[];
}

const compiled = new WeakMap<Rubric, Compiled | null>();
let lastRubric: Rubric | undefined;
let lastCompiled: Compiled | null = null;

// ——— the scorer ———

/** One leaf's rule: its score as digits at the rubric's precision. */
type Leaf = () => number;

function compileTotals(rubric: Rubric): Compiled | undefined {
  const plan = rubric.plan;
  const active = policiesFor(plan);
  // Only the policies every rubric has (不适用, 一票否决), and only while the input uses neither.
  if (active.nodes.length !== 1 || active.caps || active.allot.length || plan.maxTotal || plan.rowSections.length || plan.pools.length) return undefined;
  // A name `__proto__` is never taken by the readers as an own key: such a rubric is the walk's.
  const PROTO = '__proto__';
  if (plan.inputByName.has(PROTO) || plan.byId.has(PROTO) || plan.asked.some((n) => n.items?.includes(PROTO))) return undefined;
  const P = rubric.precision;
  const mode = rubric.rounding;
  if (!(P >= 0 && P <= 12)) return undefined;
  const SCALE = POW10[P]!;

  // Figures by slot: the inputs, then the metrics.
  const nIn = plan.inputs.length;
  const nSlots = nIn + plan.metrics.length;
  const vn = new Float64Array(nSlots);
  const vd = new Float64Array(nSlots);
  const slots = new Map<string, number>();
  const mins: ([number, number] | undefined)[] = [];
  const maxs: ([number, number] | undefined)[] = [];
  const counts: boolean[] = [];
  for (const i of plan.inputs) {
    slots.set(i.name, i.index);
    const lo = i.min && frac(i.min), hi = i.max && frac(i.max);
    if ((i.min && !lo) || (i.max && !hi)) return undefined;
    mins[i.index] = lo;
    maxs[i.index] = hi;
    counts[i.index] = i.type === 'count';
  }
  const slot = (name: string) => slots.get(name);
  const parse = (text: string): Code | undefined => {
    try {
      return compileExpr(parseFormula(text), slot, vn, vd);
    } catch {
      return undefined;
    }
  };
  const metrics: { at: number; f: Num; round: number | undefined }[] = [];
  for (const m of plan.metrics) {
    const info = rubric.metrics.get(m.name);
    const code = compileExpr(m.formula.ast, slot, vn, vd);
    if (!info || !code || !('num' in code) || slots.has(m.name)) return undefined;
    if (info.round !== undefined && !(info.round >= 0 && info.round <= 15)) return undefined;
    const at = nIn + metrics.length;
    metrics.push({ at, f: code.num, round: info.round });
    slots.set(m.name, at);
  }

  // Assessments by leaf: a judgement's score and reason, a checklist's items.
  const judgements: PlanNode[] = [];
  const jAt = new Map<PlanNode, number>();
  const checklists: PlanNode[] = [];
  const cAt = new Map<PlanNode, { at: number; items: Map<string, number>; ids: readonly string[]; idBytes: Uint8Array[] | undefined }>();
  let nItems = 0;
  const jn = new Float64Array(plan.asked.length + 1);
  const jd = new Float64Array(plan.asked.length + 1);
  const jr: (string | undefined)[] = [];
  /** A judgement's reason still in the record's bytes (runBytes): where it begins and ends; made into text only if read. */
  const jrFrom = new Int32Array(plan.asked.length + 1).fill(-1);
  const jrTo = new Int32Array(plan.asked.length + 1);
  const reasonOf = (j: number): string | undefined => {
    const from = jrFrom[j]!;
    if (from >= 0) {
      jr[j] = bytesText(t, from, jrTo[j]!);
      jrFrom[j] = -1;
    }
    return jr[j];
  };

  /** Each leaf, with the sum it goes into: 0 base, 1 加分, 2 扣分. */
  const leaves: { order: number; score: Leaf; role: number }[] = [];
  const groups: { order: number; children: number[] }[] = [];
  const maxOf = (n: PlanNode): [number, number] | undefined => frac(n.maxExact);

  const compileLeaf = (n: PlanNode): Leaf | undefined => {
    const rule = n.indicator.rule as Rule | undefined;
    const max = maxOf(n);
    if (!rule || !max || !n.scorer) return undefined;
    const [mn, md] = max;
    const maxQ = roundTo(mn, md, P, mode);
    const role = n.role;
    /** clamp to [0, max], round: the settle of every rule that scores from the max down. */
    const settle = (x: number, xd: number): number => {
      if (x <= 0) return 0;
      if (cmp(x, xd, mn, md) >= 0) return maxQ;
      return roundTo(x, xd, P, mode);
    };
    const constant = (x: Decimal | undefined): [number, number] | undefined => (x === undefined ? undefined : fracOf(x));
    switch (rule.kind) {
      case 'per_unit': {
        const v = parse(rule.value);
        const std = constant(rule.standard), per = rule.per ? constant(rule.per) : ([1, 1] as [number, number]), pts = constant(rule.points);
        const cap = rule.maxDeduction ? constant(rule.maxDeduction) : undefined;
        const zero = rule.zeroBeyond !== undefined ? constant(rule.zeroBeyond) : undefined;
        if (!v || !('num' in v) || !std || !per || !pts || (rule.maxDeduction && !cap) || (rule.zeroBeyond !== undefined && !zero)) return undefined;
        const f = v.num;
        const above = rule.direction === 'above';
        const m = rule.mode ?? 'proportional';
        return () => {
          const x = f();
          const xd = D;
          if (zero && (above ? cmp(x, xd, zero[0], zero[1]) > 0 : cmp(x, xd, zero[0], zero[1]) < 0)) return 0;
          const diff = above ? add(x, xd, -std[0] + 0, std[1]) : add(std[0], std[1], -x + 0, xd);
          const dd = D;
          if (diff <= 0) return maxQ;
          let u = div(diff, dd, per[0], per[1]);
          let ud = D;
          if (m !== 'proportional') {
            const r = u % ud;
            if (r !== 0) u = (u - r) / ud + (m === 'started' ? 1 : 0);
            else u = u / ud;
            ud = 1;
          }
          let raw = mul(u, ud, pts[0], pts[1]);
          let rd = D;
          if (cap && cmp(raw, rd, cap[0], cap[1]) > 0) {
            raw = cap[0];
            rd = cap[1];
          }
          const s = add(mn, md, -raw + 0, rd);
          return settle(s, D);
        };
      }
      case 'bands': {
        const v = parse(rule.value);
        if (!v || !('num' in v)) return undefined;
        const bands: { lo?: [number, number]; loIn: boolean; hi?: [number, number]; hiIn: boolean; q: number }[] = [];
        for (const b of rule.bands) {
          const iv = parseInterval(b.when);
          const s = constant(b.score);
          if (!iv || !s || b.score.gt(n.indicator.max)) return undefined;
          const lo = iv.lo === undefined ? undefined : constant(iv.lo);
          const hi = iv.hi === undefined ? undefined : constant(iv.hi);
          if ((iv.lo !== undefined && !lo) || (iv.hi !== undefined && !hi)) return undefined;
          bands.push({ lo, loIn: iv.loInclusive, hi, hiIn: iv.hiInclusive, q: roundTo(s[0], s[1], P, mode) });
        }
        const other = rule.otherwise === undefined ? undefined : constant(rule.otherwise);
        if (rule.otherwise !== undefined && !other) return undefined;
        const otherQ = other && roundTo(other[0], other[1], P, mode);
        const f = v.num;
        return () => {
          const x = f();
          const xd = D;
          for (const b of bands) {
            if (b.lo) {
              const c = cmp(x, xd, b.lo[0], b.lo[1]);
              if (b.loIn ? c < 0 : c <= 0) continue;
            }
            if (b.hi) {
              const c = cmp(x, xd, b.hi[0], b.hi[1]);
              if (b.hiIn ? c > 0 : c >= 0) continue;
            }
            return b.q;
          }
          if (otherQ === undefined) throw BAIL;
          return otherQ;
        };
      }
      case 'count': {
        const v = parse(rule.value);
        const pts = constant(rule.points);
        const cap = rule.maxDeduction ? constant(rule.maxDeduction) : undefined;
        if (!v || !('num' in v) || !pts || (rule.maxDeduction && !cap)) return undefined;
        const f = v.num;
        const earn = (rule.effect ?? (role === 'bonus' ? 'add' : 'deduct')) === 'add';
        return () => {
          const x = f();
          const xd = D;
          if (x < 0 || x % xd !== 0) throw BAIL;
          let raw = mul(x, xd, pts[0], pts[1]);
          let rd = D;
          // 扣分项: the points taken off, at most the max; 加分 (加分项 by default): from zero up.
          if (role === 'penalty') return -settle(raw, rd) + 0;
          if (earn) return settle(raw, rd);
          if (x === 0) return maxQ;
          if (cap && cmp(raw, rd, cap[0], cap[1]) > 0) {
            raw = cap[0];
            rd = cap[1];
          }
          const s = add(mn, md, -raw + 0, rd);
          return settle(s, D);
        };
      }
      case 'cases': {
        const conds: { when: Bool; q: number }[] = [];
        for (const c of rule.cases) {
          const w = parse(c.when);
          const s = constant(c.score);
          if (!w || !('bool' in w) || !s) return undefined;
          conds.push({ when: w.bool, q: roundTo(s[0], s[1], P, mode) });
        }
        const other = rule.otherwise ? constant(rule.otherwise.score) : undefined;
        if (rule.otherwise && !other) return undefined;
        const otherQ = other && roundTo(other[0], other[1], P, mode);
        return () => {
          for (const c of conds) if (c.when()) return c.q;
          if (otherQ === undefined) throw BAIL;
          return otherQ;
        };
      }
      case 'target': {
        const v = parse(rule.value);
        const spec = parseTarget(rule.target);
        if (!v || !('num' in v) || !spec) return undefined;
        // The unit the rule converts the target into: the one inferred for its value's formula.
        const units = new Set<string | undefined>();
        for (const [f, u] of rubric.formulaUnits) if (f.text === rule.value) units.add(u);
        if (units.size > 1) return undefined;
        const converted = convertUnit(spec.value, spec.unit, units.size ? [...units][0] : undefined);
        const goal = converted && constant(converted);
        if (!goal) return undefined;
        const [gn, gd] = goal;
        const op = spec.op;
        const proportional = rule.mode === 'proportional';
        const ceiling = op === '<=';
        const f = v.num;
        return () => {
          const x = f();
          const xd = D;
          const c = cmp(x, xd, gn, gd);
          if (op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0) return maxQ;
          if (!proportional) return 0;
          // 按完成比例: max × actual/goal (a ceiling: goal/actual), at most 1; never the max when unmet.
          let r: number, rd: number;
          if (ceiling) {
            r = div(gn, gd, x, xd);
            rd = D;
          } else if (x < 0) {
            r = 0;
            rd = 1;
          } else {
            r = div(x, xd, gn, gd);
            rd = D;
          }
          if (cmp(r, rd, 1, 1) > 0) {
            r = 1;
            rd = 1;
          }
          let e = mul(mn, md, r, rd);
          let ed = D;
          if (cmp(roundTo(e, ed, P, mode), SCALE, mn, md) >= 0) {
            e = add(mn, md, -1, SCALE);
            ed = D;
          }
          return settle(e, ed);
        };
      }
      case 'formula': {
        const v = parse(rule.score);
        if (!v || !('num' in v)) return undefined;
        const f = v.num;
        if (role === 'penalty') {
          // clamp to [−max, 0], round.
          return () => {
            const x = f();
            const xd = D;
            if (x >= 0) return 0;
            if (cmp(x, xd, -mn + 0, md) <= 0) return -maxQ + 0;
            return roundTo(x, xd, P, mode);
          };
        }
        // A 加分项 whose formula comes out negative has a warning to give: the walk's.
        if (role === 'bonus')
          return () => {
            const x = f();
            if (x < 0) throw BAIL;
            return settle(x, D);
          };
        return () => settle(f(), D);
      }
      case 'judgement': {
        if (n.scorer.needs !== 'judgement') return undefined;
        const step = rule.step ? constant(rule.step) : undefined;
        if (rule.step && !step) return undefined;
        const at = judgements.length;
        judgements.push(n);
        jAt.set(n, at);
        if (rule.levels) {
          // 相符10分，基本相符6分，调整较大0分: the score given is one of the levels' (a level named is read by the walk).
          const points: [number, number][] = [];
          for (const l of rule.levels) {
            const p = constant(l.points);
            if (!p) return undefined;
            points.push(p);
          }
          const qs = points.map(([a, b]) => roundTo(a, b, P, mode));
          return () => {
            const g = jn[at]!, gd = jd[at]!;
            for (let i = 0; i < points.length; i++) {
              if (cmp(g, gd, points[i]![0], points[i]![1]) === 0) return role === 'penalty' ? -qs[i]! + 0 : qs[i]!;
            }
            throw BAIL;
          };
        }
        return () => {
          const g = jn[at]!, gd = jd[at]!;
          // Out of range, off the step, off the sheet's grid, or below max without a reason: the walk says so.
          if (g < 0 || cmp(g, gd, mn, md) > 0) throw BAIL;
          if (step) {
            const u = div(g, gd, step[0], step[1]);
            if (u % D !== 0) throw BAIL;
          }
          const x = g * SCALE;
          if (!safe(x) || x % gd !== 0) throw BAIL;
          const q = x / gd;
          // Below max in an ordinary indicator, any points taken off in a 扣分项: with a reason.
          if (role === 'bonus') return q;
          if (role === 'penalty') {
            if (q > 0 && visibleText(reasonOf(at)) === undefined) throw BAIL;
            return -q + 0;
          }
          if (cmp(q, SCALE, mn, md) < 0 && visibleText(reasonOf(at)) === undefined) throw BAIL;
          return q;
        };
      }
      case 'checklist': {
        if (rule.scale || n.scorer.needs !== 'checklist' || !n.items) return undefined;
        const ids = n.items;
        const items = new Map<string, number>();
        const worth: [number, number][] = [];
        const gate: boolean[] = [];
        for (let i = 0; i < rule.items.length; i++) {
          const it = rule.items[i]!;
          if (ids[i] !== (it.id ?? String(i + 1))) return undefined;
          let w: [number, number] | undefined = [0, 1];
          if (it.points !== undefined) w = constant(it.points);
          else if (it.share !== undefined) {
            const s = constant(it.share);
            if (!s) return undefined;
            const p = mul(mn, md, s[0], s[1]);
            w = [div(p, D, 100, 1), D];
          }
          if (!w) return undefined;
          worth.push(w);
          gate.push(it.gate === true);
          items.set(ids[i]!, nItems + i);
        }
        if (items.size !== ids.length) return undefined;
        const per = rule.perMissing ? constant(rule.perMissing) : undefined;
        if (rule.perMissing && !per) return undefined;
        const base = nItems;
        nItems += ids.length;
        checklists.push(n);
        cAt.set(n, { at: base, items, ids, idBytes: ids.every(plainKey) ? ids.map(utf8Encode) : undefined });
        const k = ids.length;
        return () => {
          for (let i = 0; i < k; i++) if (gate[i] && met[base + i] !== 1) return 0;
          if (per) {
            let missing = 0;
            for (let i = 0; i < k; i++) if (met[base + i] !== 1) missing++;
            const lost = mul(per[0], per[1], missing, 1);
            const s = add(mn, md, -lost + 0, D);
            return s <= 0 ? 0 : roundTo(s, D, P, mode);
          }
          let got = 0;
          let gd = 1;
          for (let i = 0; i < k; i++) {
            if (met[base + i] === 1) {
              got = add(got, gd, worth[i]![0], worth[i]![1]);
              gd = D;
            }
          }
          if (cmp(got, gd, mn, md) > 0) return maxQ;
          return roundTo(got, gd, P, mode);
        };
      }
    }
    return undefined;
  };

  let met = new Uint8Array(0);
  const nIds = plan.ids.length;
  const written = new Uint8Array(nIds);
  // Depth first, children before their parent: a parent's score is the sum of theirs.
  const build = (n: PlanNode): boolean => {
    if (n.cap || n.rows || n.pool || n.combine !== 'sum' || n.weight !== undefined) return false;
    if (written[n.order]) return false;
    written[n.order] = 1;
    if (n.leaf) {
      const f = compileLeaf(n);
      if (!f) return false;
      leaves.push({ order: n.order, score: f, role: n.role === 'base' ? 0 : n.role === 'bonus' ? 1 : 2 });
      return true;
    }
    for (const c of n.children) if (!build(c)) return false;
    groups.push({ order: n.order, children: n.children.map((c) => c.order) });
    return true;
  };
  try {
    for (const r of plan.roots) if (!build(r)) return undefined;
  } catch {
    // A constant of the rubric no safe integer holds.
    return undefined;
  }
  for (let k = 0; k < nIds; k++) if (!written[k]) return undefined;
  for (const n of plan.asked) if (!jAt.has(n) && !cAt.has(n)) return undefined;
  met = new Uint8Array(nItems);
  // What an assessment of each indicator may say: a judgement's score, a checklist's items.
  const asked = new Map<string, { j: number | undefined; c: { at: number; items: Map<string, number>; ids: readonly string[]; idBytes: Uint8Array[] | undefined } | undefined }>();
  for (const [id, node] of plan.byId) asked.set(id, { j: jAt.get(node), c: cAt.get(node) });
  const inputNames = plan.inputs.map((i) => i.name);

  // 一票否决 on a condition: checked on every evaluation (one declared by the evaluation is read by the walk).
  const vetoes: Bool[] = [];
  for (const v of rubric.vetoes) {
    if (!v.when) continue;
    const code = compileExpr(v.when.ast, slot, vn, vd);
    if (!code || !('bool' in code)) return undefined;
    vetoes.push(code.bool);
  }
  const grades: { n: number; d: number; grade: string }[] = [];
  for (let i = 0; i < plan.grades.length; i++) {
    const g = frac(plan.grades[i]!.min);
    if (!g) return undefined;
    grades.push({ n: g[0], d: g[1], grade: rubric.grades[i]!.grade });
  }
  const fractionNames = fractionInputs(rubric);
  const fractions = fractionNames.map((name) => slots.get(name)!);
  const ids = plan.ids;
  const scores = new Float64Array(nIds);
  const seen = new Uint32Array(nIn);
  const itemSeen = new Uint32Array(nItems);
  const jSeen = new Uint32Array(judgements.length);
  /** This evaluation's stamp: a figure, judgement or item stamped with it was read for it. */
  let gen = 0;
  let given = 0;
  const nextGen = () => {
    gen = (gen + 1) >>> 0;
    if (gen === 0) {
      seen.fill(0);
      itemSeen.fill(0);
      jSeen.fill(0);
      aSeen.fill(0);
      gen = 1;
    }
  };
  const text = decimalTexts(P);
  const scoresRecord = scoresRecordOf(rubric);
  const aIndex = new Map<string, number>();
  for (const id of asked.keys()) aIndex.set(id, aIndex.size);
  const aSeen = new Uint32Array(aIndex.size);

  const run = (raw: unknown, limits: Limits, warnings: Issue[] | undefined): ScoreTotals | undefined => {
    if (!isRecord(raw) || limits.maxDepth < 4) return undefined;
    nextGen();
    let nodes = 1;
    let valuesDoc: Record<string, unknown> | undefined;
    let assessmentsDoc: Record<string, unknown> | undefined;
    // for…in, not Object.keys: no array made. It also lists inherited enumerable keys, which only
    // a polluted Object.prototype has, and an unknown key here sends the input to the walk.
    for (const key in raw) {
      const v = raw[key];
      nodes++;
      if (key === 'values') {
        if (!isRecord(v)) return undefined;
        valuesDoc = v;
      } else if (key === 'assessments') {
        if (!isRecord(v)) return undefined;
        assessmentsDoc = v;
      } else if (key === 'meta') {
        if (!isRecord(v)) return undefined;
        const flat = flatMetaNodes(v);
        if (flat === undefined) return undefined;
        nodes += flat;
      } else if (key === '$schema') {
        if (typeof v !== 'string') return undefined;
      } else return undefined;
    }
    // Figures: every input, known names only, as the compiled reader reads them, within range.
    given = 0;
    if (valuesDoc) {
      let k = -1;
      for (const name in valuesDoc) {
        k++;
        nodes++;
        // In the rubric's order (as most systems write them), no lookup.
        const i = inputNames[k] === name ? k : name === '__proto__' ? undefined : plan.inputByName.get(name)?.index;
        if (i === undefined || !readFigure(valuesDoc[name])) return undefined;
        const n = FN, d = FD;
        if (counts[i] && n % d !== 0) return undefined;
        const lo = mins[i], hi = maxs[i];
        if ((lo && cmp(n, d, lo[0], lo[1]) < 0) || (hi && cmp(n, d, hi[0], hi[1]) > 0)) return undefined;
        vn[i] = n;
        vd[i] = d;
        if (seen[i] !== gen) given++;
        seen[i] = gen;
      }
    }
    // Assessments: each judgement's score and reason, each checklist's items, and nothing else.
    if (assessmentsDoc) {
      for (const id in assessmentsDoc) {
        nodes++;
        const entry = id === '__proto__' ? undefined : asked.get(id);
        const doc = assessmentsDoc[id];
        if (!entry || !isRecord(doc)) return undefined;
        let score: unknown;
        let reason: string | undefined;
        let items: Record<string, unknown> | undefined;
        for (const field in doc) {
          const v = doc[field];
          nodes++;
          if (field === 'score') {
            if (typeof v !== 'number' && typeof v !== 'string') return undefined;
            score = v;
          } else if (field === 'reason') {
            if (typeof v !== 'string') return undefined;
            reason = v;
          } else if (field === 'items') {
            if (!isRecord(v)) return undefined;
            items = v;
          } else if (field === 'notApplicable') {
            // 不适用 is the walk's.
            if (v !== false) return undefined;
          } else return undefined;
        }
        const j = entry.j;
        if (score !== undefined) {
          if (j === undefined || !readFigure(score)) return undefined;
          jn[j] = FN;
          jd[j] = FD;
          jSeen[j] = gen;
        }
        if (j !== undefined) {
          jr[j] = reason;
          jrFrom[j] = -1;
        }
        if (items !== undefined) {
          const c = entry.c;
          if (c === undefined) return undefined;
          const keys = Object.keys(items);
          for (let k = 0; k < keys.length; k++) {
            const item = keys[k]!;
            nodes++;
            const v = items[item];
            const at = c.ids[k] === item ? c.at + k : item === '__proto__' ? undefined : c.items.get(item);
            if (typeof v !== 'boolean' || at === undefined) return undefined;
            met[at] = v ? 1 : 0;
            itemSeen[at] = gen;
          }
        }
      }
    }
    if (nodes > limits.maxNodes) return undefined;
    return finish(warnings);
  };

  /** What every input read completely goes on to: metrics, leaves, parents, the total, the grade. */
  const finish = (warnings?: Issue[]): ScoreTotals | undefined => {
    if (given !== nIn) return undefined;
    // A percentage that may be written as a fraction (0.9235 for 92.35%) has a warning to give:
    // given where there is somewhere to give it (not to a record read from its text, whose warning
    // names its line and column), with the totals as they are.
    let fractionsSeen = false;
    for (const i of fractions) {
      if (vn[i]! > 0 && vn[i]! <= vd[i]!) {
        if (warnings === undefined) return undefined;
        fractionsSeen = true;
      }
    }
    for (let j = 0; j < jSeen.length; j++) if (jSeen[j] !== gen) return undefined;
    for (let i = 0; i < itemSeen.length; i++) if (itemSeen[i] !== gen) return undefined;

    // Metrics, in the order they read each other; every one, as the walk computes every one.
    for (const m of metrics) {
      const n = m.f();
      const d = D;
      if (m.round === undefined) {
        vn[m.at] = n;
        vd[m.at] = d;
      } else {
        vn[m.at] = roundTo(n, d, m.round, mode);
        vd[m.at] = POW10[m.round]!;
      }
    }
    // Leaves, then parents (each after its children), then the total and the grade.
    let base = 0;
    let bonus = 0;
    let penalty = 0;
    for (const l of leaves) {
      const q = l.score();
      scores[l.order] = q;
      if (l.role === 0) base += q;
      else if (l.role === 1) bonus += q;
      else penalty += q;
    }
    for (const g of groups) {
      let s = 0;
      for (const c of g.children) s += scores[c]!;
      scores[g.order] = s;
    }
    // The base part with every 加分项 and 扣分项; 扣完为止 on the sheet as a whole.
    let total = base + bonus + penalty;
    if (!safe(total)) return undefined;
    if (total < 0) total = 0;
    // A 一票否决 whose condition holds is the walk's to state.
    for (const v of vetoes) if (v()) return undefined;
    let grade: string | null = null;
    for (const g of grades) {
      if (cmp(total, SCALE, g.n, g.d) >= 0) {
        grade = g.grade;
        break;
      }
    }
    const out = scoresRecord();
    for (let k = 0; k < nIds; k++) out[ids[k]!] = text(scores[k]!);
    const header: ScoreTotals['rubric'] = rubric.version !== undefined
      ? { id: rubric.id, name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint }
      : { id: rubric.id, name: rubric.name, fingerprint: rubric.fingerprint };
    if (fractionsSeen) {
      for (let k = 0; k < fractions.length; k++) {
        const i = fractions[k]!;
        if (vn[i]! > 0 && vn[i]! <= vd[i]!) warnings!.push(fractionWarning(rubric, fractionNames[k]!, Exact.fraction(vn[i]!, vd[i]!)));
      }
    }
    return { rubric: header, total: text(total), max: plan.maxText, grade, scores: out };
  };
  // ——— a record's JSON text, read straight into the slots ———
  //
  // Only text the batch reader would give JSON.parse (src/batch/many.ts, `plainJson`): an object,
  // spaces only, strings of printable characters without a backslash, numbers as String(number)
  // writes them (15 digits at most, no exponent, no trailing zero of a fraction, not −0), no key
  // twice, no key `__proto__`. In it, only what `run` takes from the parsed object: `values`,
  // `assessments`, a flat `meta`, `$schema`. So where this answers, JSON.parse and `run` answer the
  // same; anything else is undefined, and the record is read the usual way.
  //
  // It reads the record's UTF-8 bytes (a record given as text is encoded first): a batch's lines
  // are scored without being decoded, and only the strings it keeps (a reason, the id) are made.
  let t: Uint8Array = NO_BYTES;
  let at = 0;
  let vals = 0;
  /** The bytes came from text: U+FFFD may stand for a lone surrogate there, and is not taken. */
  let fromText = false;
  const space = () => {
    while (t[at] === 32) at++;
  };
  /**
   * A string at `at` (its opening quote), read past its closing quote: its characters, or
   * undefined where one is not printable (a control character, U+FEFF, a character outside the
   * Basic Multilingual Plane, which text holds as two surrogates), a backslash, or bytes that are
   * not UTF-8. `make` false: checked and read past, not made (undefined is then a failure, '' not).
   */
  const str = (make = true): string | undefined => {
    if (t[at] !== 34) return undefined;
    const from = ++at;
    for (;;) {
      const c = t[at] ?? -1;
      if (c === 34) break;
      let u: number;
      if (c >= 0x20 && c <= 0x7e && c !== 92) {
        u = c;
        at++;
      } else if (c >= 0xc2 && c <= 0xdf) {
        const c1 = t[at + 1] ?? -1;
        if (c1 < 0x80 || c1 > 0xbf) return undefined;
        u = ((c & 0x1f) << 6) | (c1 & 0x3f);
        at += 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        const c1 = t[at + 1] ?? -1;
        const c2 = t[at + 2] ?? -1;
        if (c1 < 0x80 || c1 > 0xbf || c2 < 0x80 || c2 > 0xbf) return undefined;
        u = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
        if (u < 0x800) return undefined;
        at += 3;
      } else return undefined;
      if (u >= 0x80 && (!printable(u) || (fromText && u === 0xfffd))) return undefined;
    }
    at++;
    return make ? bytesText(t, from, at - 1) : '';
  };
  /** `"key": ` — the key, with the colon and spaces after it read (never `__proto__`). */
  const key = (): string | undefined => {
    const k = str();
    if (k === undefined || k === '__proto__') return undefined;
    space();
    if (t[at] !== 58) return undefined;
    at++;
    vals++;
    space();
    return k;
  };
  /**
   * `"name": ` for a name `str` takes as it is (`plainKey`), given as its UTF-8 bytes: read, with
   * the colon and spaces after it, true; another key there: false, nothing read; undefined where
   * no colon follows the name. What `key() === name` says, without making the key's string:
   * records of a batch write their keys in one order, so the key expected is nearly always there.
   */
  const keyAs = (name: Uint8Array): boolean | undefined => {
    const len = name.length;
    const end = at + 1 + len;
    if (t[at] !== 34 || t[end] !== 34) return false;
    for (let i = 0; i < len; i++) if (t[at + 1 + i] !== name[i]) return false;
    at = end + 1;
    space();
    if (t[at] !== 58) return undefined;
    at++;
    vals++;
    space();
    return true;
  };
  /** After a member: true at a comma (read), false at the closing brace (read), undefined otherwise. */
  const more = (): boolean | undefined => {
    space();
    const c = t[at++];
    if (c === 44) {
      vals++;
      space();
      return true;
    }
    return c === 125 ? false : undefined;
  };
  /** `{` and spaces; true when the object is empty (its `}` read too). */
  const open = (): boolean | undefined => {
    if (t[at] !== 123) return undefined;
    at++;
    vals++;
    space();
    if (t[at] === 125) {
      at++;
      return true;
    }
    return false;
  };
  /** A JSON number at `at` into FN / FD as readFigure reads the double JSON.parse makes of it; RAW its text. */
  let RAW = '';
  const number = (): boolean => {
    const from = at;
    let c = t[at] ?? -1;
    const neg = c === 45;
    if (neg) c = t[++at] ?? -1;
    let v = 0;
    let whole = 0;
    if (c === 48) {
      at++;
      whole = 1;
    } else if (c >= 49 && c <= 57) {
      while ((c = t[at] ?? -1) >= 48 && c <= 57) {
        v = v * 10 + (c - 48);
        whole++;
        at++;
      }
    } else return false;
    let k = 0;
    if (t[at] === 46) {
      at++;
      while ((c = t[at] ?? -1) >= 48 && c <= 57) {
        v = v * 10 + (c - 48);
        k++;
        at++;
      }
      // A fraction of 1 to 6 digits, not ending in 0, of a number below 10^9 (readFigure's doubles).
      if (k === 0 || k > 6 || t[at - 1] === 48 || whole > 9) return false;
      if (v === 0) return false;
    } else if (neg && v === 0) return false;
    if (whole + k > 15) return false;
    c = t[at] ?? -1;
    if (c !== 44 && c !== 125 && c !== 32) return false;
    FN = neg ? -v : v;
    FD = POW10[k]!;
    RAW = asciiText(t, from, at);
    return true;
  };
  /** An ASCII word (true, false, null) at `at`, followed by a comma, a brace or a space. */
  const literal = (word: Uint8Array): boolean => {
    for (let i = 0; i < word.length; i++) if (t[at + i] !== word[i]) return false;
    at += word.length;
    const c = t[at];
    return c === 44 || c === 125 || c === 32;
  };

  /** Inputs whose names `keyAs` may look for, as UTF-8 (undefined: not plain); the place of each input in the record before (learned); the same of the indicators assessed. */
  const inputBytes = inputNames.map((name) => (plainKey(name) ? utf8Encode(name) : undefined));
  const valueOrder = Int32Array.from(inputNames, (_, k) => k);
  const aOrder: string[] = [];
  const aOrderBytes: Uint8Array[] = [];
  /** Where each input's key begins in the record's text (its opening quote): where the document reader places what it says of the figure. */
  const keyAt = new Int32Array(nIn);
  /** The id field of the last call, and its UTF-8 bytes. */
  let idText: string | undefined;
  let idBytes: Uint8Array = NO_BYTES;
  const runText = (record: string, limits: Limits, idField: string, file: string | undefined): TextTotals | undefined => {
    if (record.charCodeAt(0) !== 123 || record.length * 3 > limits.maxBytes) return undefined;
    return runBytes(encodeText(record), true, limits, idField, file);
  };
  const runBytes = (record: Uint8Array, text: boolean, limits: Limits, idField: string, file: string | undefined): TextTotals | undefined => {
    if (record[0] !== 123 || limits.maxDepth < 8) return undefined;
    t = record;
    fromText = text;
    at = 0;
    vals = 1;
    nextGen();
    given = 0;
    let nodes = 1;
    let parts = 0;
    let id: string | undefined;
    if (open() !== false) return undefined;
    for (;;) {
      const k = key();
      if (k === undefined) return undefined;
      nodes++;
      const part = k === 'values' ? 1 : k === 'assessments' ? 2 : k === 'meta' ? 4 : k === '$schema' ? 8 : 0;
      if (part === 0 || parts & part) return undefined;
      parts |= part;
      if (part === 8) {
        if (str(false) === undefined) return undefined;
      } else if (part === 1) {
        // Figures: every input, known names only, within range, none twice.
        let empty = open();
        if (empty === undefined) return undefined;
        for (let n = 0; !empty; n++) {
          const from = at;
          // The figure the record before had at this place, else the key as written.
          const guess = n < nIn ? valueOrder[n]! : -1;
          const guessed = guess >= 0 ? inputBytes[guess] : undefined;
          const known = guessed !== undefined ? keyAs(guessed) : false;
          if (known === undefined) return undefined;
          let i: number | undefined = guess;
          if (!known) {
            const name = key();
            if (name === undefined) return undefined;
            i = plan.inputByName.get(name)?.index;
            if (i !== undefined && n < nIn) valueOrder[n] = i;
          }
          nodes++;
          if (i === undefined || seen[i] === gen) return undefined;
          keyAt[i] = from;
          const c = (t[at] ?? -1);
          if (c === 34) {
            const s = str();
            if (s === undefined || !readFigure(s)) return undefined;
          } else if (!number()) return undefined;
          const fn = FN, fd = FD;
          if (counts[i] && fn % fd !== 0) return undefined;
          const lo = mins[i], hi = maxs[i];
          if ((lo && cmp(fn, fd, lo[0], lo[1]) < 0) || (hi && cmp(fn, fd, hi[0], hi[1]) > 0)) return undefined;
          vn[i] = fn;
          vd[i] = fd;
          seen[i] = gen;
          given++;
          const m = more();
          if (m === undefined) return undefined;
          empty = !m;
        }
      } else if (part === 2) {
        // Assessments: a judgement's score and reason, a checklist's items, nothing else, none twice.
        let empty = open();
        if (empty === undefined) return undefined;
        for (let n = 0; !empty; n++) {
          // The indicator the record before had at this place, else the key as written.
          const guess = n < aOrder.length ? aOrder[n] : undefined;
          const known = guess !== undefined ? keyAs(aOrderBytes[n]!) : false;
          if (known === undefined) return undefined;
          const aid = known ? guess : key();
          const entry = aid === undefined ? undefined : asked.get(aid);
          if (entry === undefined) return undefined;
          if (!known && plainKey(aid!)) {
            aOrder[n] = aid!;
            aOrderBytes[n] = utf8Encode(aid!);
          }
          const ai = aIndex.get(aid!)!;
          if (aSeen[ai] === gen) return undefined;
          aSeen[ai] = gen;
          nodes++;
          let fields = 0;
          let reasonFrom = -1;
          let reasonTo = 0;
          let done = open();
          if (done === undefined) return undefined;
          while (!done) {
            // The field its first letter names, else the key as written.
            const c0 = t[at + 1];
            const f = c0 === 115 ? 0 : c0 === 114 ? 1 : c0 === 105 ? 2 : c0 === 110 ? 3 : -1;
            const known = f >= 0 ? keyAs(FIELD_BYTES[f]!) : false;
            if (known === undefined) return undefined;
            const field = known ? FIELDS[f as 0 | 1 | 2 | 3] : key();
            nodes++;
            const bit = field === 'score' ? 1 : field === 'reason' ? 2 : field === 'items' ? 4 : field === 'notApplicable' ? 8 : 0;
            if (bit === 0 || fields & bit) return undefined;
            fields |= bit;
            if (bit === 1) {
              const j = entry.j;
              if (j === undefined) return undefined;
              if ((t[at] ?? -1) === 34) {
                const s = str();
                if (s === undefined || !readFigure(s)) return undefined;
              } else if (!number()) return undefined;
              jn[j] = FN;
              jd[j] = FD;
              jSeen[j] = gen;
            } else if (bit === 2) {
              reasonFrom = at + 1;
              if (str(false) === undefined) return undefined;
              reasonTo = at - 1;
            } else if (bit === 8) {
              if (!literal(FALSE)) return undefined;
            } else {
              const c = entry.c;
              if (c === undefined) return undefined;
              let last = open();
              if (last === undefined) return undefined;
              for (let n = 0; !last; n++) {
                const expected = c.ids[n];
                const known = expected !== undefined && c.idBytes !== undefined ? keyAs(c.idBytes[n]!) : false;
                if (known === undefined) return undefined;
                const item = known ? expected : key();
                if (item === undefined) return undefined;
                nodes++;
                const where = known ? c.at + n : c.items.get(item);
                if (where === undefined || itemSeen[where] === gen) return undefined;
                if (literal(TRUE)) met[where] = 1;
                else if (literal(FALSE)) met[where] = 0;
                else return undefined;
                itemSeen[where] = gen;
                const m = more();
                if (m === undefined) return undefined;
                last = !m;
              }
            }
            const m = more();
            if (m === undefined) return undefined;
            done = !m;
          }
          if (entry.j !== undefined) {
            jr[entry.j] = undefined;
            jrFrom[entry.j] = reasonFrom;
            jrTo[entry.j] = reasonTo;
          }
          const m = more();
          if (m === undefined) return undefined;
          empty = !m;
        }
      } else {
        // meta: flat, its keys once each; the record's id is meta[idField], a string or a number's text.
        let empty = open();
        if (empty === undefined) return undefined;
        // Its keys compared as bytes, and only the id made into text.
        if (idField !== idText) {
          idText = idField;
          idBytes = utf8Encode(idField);
        }
        const keys: number[] = [];
        while (!empty) {
          const kFrom = at + 1;
          if (str(false) === undefined) return undefined;
          const kTo = at - 1;
          space();
          if (t[at] !== 58) return undefined;
          at++;
          vals++;
          space();
          if (bytesAre(t, kFrom, kTo, PROTO_BYTES)) return undefined;
          for (let q = 0; q < keys.length; q += 2) if (bytesAre(t, kFrom, kTo, t, keys[q]!, keys[q + 1]!)) return undefined;
          keys.push(kFrom, kTo);
          nodes++;
          const isId = bytesAre(t, kFrom, kTo, idBytes);
          const c = (t[at] ?? -1);
          let value: string | undefined;
          if (c === 34) {
            value = str(isId);
            if (value === undefined) return undefined;
          } else if (c === 45 || (c >= 48 && c <= 57)) {
            if (!number()) return undefined;
            value = RAW;
          } else if (!literal(TRUE) && !literal(FALSE) && !literal(NULL)) return undefined;
          if (isId) id = value;
          const m = more();
          if (m === undefined) return undefined;
          empty = !m;
        }
      }
      const m = more();
      if (m === undefined) return undefined;
      if (!m) break;
    }
    space();
    if (at !== t.length || vals > limits.maxNodes / 4 || nodes > limits.maxNodes) return undefined;
    const warnings: Issue[] = [];
    const totals = finish(warnings);
    if (totals === undefined) return undefined;
    // A warning's place: the record is one line; the column is its key's opening quote, counted in
    // characters before it as the document reader counts them (UTF-16 units: a record read here
    // has none outside the Basic Multilingual Plane, so one a character).
    for (let k = 0; k < warnings.length; k++) {
      const w = warnings[k]!;
      const column = unitsBefore(t, keyAt[plan.inputByName.get(w.path[1] as string)!.index]!) + 1;
      warnings[k] = { ...w, source: file !== undefined ? { file, line: 1, column } : { line: 1, column } };
    }
    return { totals, id, warnings };
  };
  const figures: MetricFigures = { n: new Float64Array(metrics.length), d: new Float64Array(metrics.length), rn: new Float64Array(metrics.length), rd: new Float64Array(metrics.length) };
  const computeMetrics = (values: ReadonlyMap<string, Exact>, valueAt: readonly (Exact | undefined)[] | undefined): MetricFigures | undefined => {
    // Every input, in the rubric's order (as both input readers make the map): taken as they come.
    let k = 0;
    if (valueAt !== undefined) {
      // By the plan's order of inputs, as the compiled reader keeps them.
      for (; k < nIn; k++) {
        const x = valueAt[k];
        if (x === undefined || x.bn !== undefined || !safe(x.sn) || !safe(x.sd)) return undefined;
        vn[k] = x.sn;
        vd[k] = x.sd;
      }
    } else if (values.size === nIn) {
      for (const [name, x] of values) {
        if (inputNames[k] !== name) break;
        // A figure held as BigInts (or by another Exact, as a test's oracle holds it) is the walk's.
        if (x.bn !== undefined || !safe(x.sn) || !safe(x.sd)) return undefined;
        vn[k] = x.sn;
        vd[k] = x.sd;
        k++;
      }
    }
    if (k !== nIn) {
      for (const decl of plan.inputs) {
        const x = values.get(decl.name);
        if (x === undefined || x.bn !== undefined || !safe(x.sn) || !safe(x.sd)) return undefined;
        vn[decl.index] = x.sn;
        vd[decl.index] = x.sd;
      }
    }
    for (let k = 0; k < metrics.length; k++) {
      const m = metrics[k]!;
      const n = m.f();
      const d = D;
      figures.rn[k] = n;
      figures.rd[k] = d;
      if (m.round === undefined) {
        vn[m.at] = figures.n[k] = n;
        vd[m.at] = figures.d[k] = d;
      } else {
        vn[m.at] = figures.n[k] = roundTo(n, d, m.round, mode);
        vd[m.at] = figures.d[k] = POW10[m.round]!;
      }
    }
    return figures;
  };
  return { busy: false, run, runText, runBytes, metrics: computeMetrics };
}

/** Digits at `places` decimals as the decimal string Exact.toPlain prints, the common ones kept. */
function decimalTexts(places: number): (q: number) => string {
  const p = POW10[places]!;
  const make = (q: number): string => {
    const neg = q < 0;
    let x = neg ? -q : q, k = places;
    while (k > 0 && x % 10 === 0) {
      x /= 10;
      k--;
    }
    if (k === 0) return neg ? `-${x}` : String(x);
    const pk = POW10[k]!;
    const f = x % pk;
    const fs = String(f);
    return `${neg ? '-' : ''}${(x - f) / pk}.${fs.length < k ? fs.padStart(k, '0') : fs}`;
  };
  const LIMIT = Math.min(200 * p, 65536);
  const cache: (string | undefined)[] = new Array<string | undefined>(LIMIT);
  return (q) => {
    if (q >= 0 && q < LIMIT) return (cache[q] ??= make(q));
    return make(q);
  };
}

// ——— reading ———

/** The figure readFigure read, as a fraction. */
let FN = 0;
let FD = 1;

/**
 * A figure as the compiled reader (read.ts, `figure`) reads it, into FN / FD: a JSON number or a
 * plain decimal string of at most 15 digits. False for anything else (the walk's readers decide).
 */
function readFigure(raw: unknown): boolean {
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw < 1e15 && raw > -1e15) {
      FN = raw + 0;
      FD = 1;
      return true;
    }
    if (!Number.isFinite(raw)) return false;
    const k = shortDecimalPlaces(raw);
    if (k === 0) return false;
    FD = POW10[k]!;
    FN = Math.round(raw * FD);
    return true;
  }
  if (typeof raw !== 'string') return false;
  const v = plainDigits(raw);
  if (v !== v) return false;
  FN = v + 0;
  FD = POW10[plainPlaces]!;
  return true;
}
