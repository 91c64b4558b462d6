/**
 * An independent scorer for one-level rubrics (leaves at the top, as the generators write them),
 * computed in exact fractions from the semantics of docs/rubric-format.md and src/rules/*.ts,
 * with the fixes of issue 7 item 1 (and the target rules of item 3):
 *
 * - every leaf score is round(clamp(exact, 0, max)) with the rubric's `precision` (default 2) and
 *   `rounding` (default half-up), rounded once, at the end;
 * - divisions are exact everywhere: in rules, formulas and metrics;
 * - an unmet target never scores the maximum (max − 10^−precision if it would round to it);
 * - a proportional target must be `≥g` or `≤g` with g > 0 (else `rule_invalid` at load).
 *
 * It shares no code with src/: it reads the same rubric document and input that jixiao gets.
 */
import { F, Fraction, type Rounding } from './fraction.js';
import { formulaOf, OracleError, type Env } from './formula.js';

type Num = string | number;
export interface InputDecl {
  type: 'number' | 'count' | 'percent';
  unit?: string;
  min?: Num;
  max?: Num;
}
export interface LeafDoc {
  id: string;
  name: string;
  max: Num;
  bonus?: boolean;
  rule: Record<string, unknown> & { kind: string };
}
export interface OracleDoc {
  id: string;
  name: string;
  precision?: number;
  rounding?: Rounding;
  inputs?: Record<string, InputDecl>;
  metrics?: Record<string, string | { formula: string; unit?: string }>;
  indicators: LeafDoc[];
}
export interface OracleInput {
  values: Record<string, string>;
  assessments?: Record<string, { score?: string; reason?: string; level?: string; items?: Record<string, boolean | string> }>;
}

export interface LeafVerdict {
  id: string;
  /** The exact score, clamped to [0, max], before rounding. */
  exact?: Fraction;
  /** The score as the sheet shows it. */
  score?: Fraction;
  /** The exact score lies halfway between two scores of the rubric's precision. */
  tie: boolean;
  /** A target not met whose score was lowered from max by one step. */
  unmetAtMax?: boolean;
  /** Issue codes the leaf must fail with (any of them). */
  errors?: string[];
}
export interface Verdict {
  leaves: LeafVerdict[];
  /** Σ leaf scores, when no leaf fails. */
  total?: Fraction;
  /** Issue codes of metrics that fail (any of them). */
  errors: string[];
}

/** Read once per text: rubric constants, target strings and band edges recur in every evaluation. */
function memo<T>(read: (text: string) => T): (x: unknown) => T {
  const seen = new Map<string, T>();
  return (x) => {
    const text = String(x);
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) seen.set(text, (v = read(text)));
    return v as T;
  };
}
const frac = memo(F);

// ── Target strings (src/rules/target-spec.ts) ──────────────────────────────────────────────────

export type Op = '>=' | '>' | '<=' | '<' | '=';
export interface Target {
  op: Op;
  value: Fraction;
  unit: string;
}
const TARGET_OPS: [string[], Op][] = [
  [['≥', '≧', '>=', '＞＝', '不低于', '不少于', '达到', '至少'], '>='],
  [['≤', '≦', '<=', '＜＝', '不超过', '不高于', '不多于', '控制在', '以内'], '<='],
  [['>', '＞', '高于', '超过', '多于'], '>'],
  [['<', '＜', '低于', '少于'], '<'],
  [['==', '=', '＝', '等于'], '='],
];

export function readTarget(text: string): Target | undefined {
  let s = text.replace(/\s+/g, '');
  let op: Op | undefined;
  outer: for (const [words, o] of TARGET_OPS) {
    for (const w of words.sort((a, b) => b.length - a.length)) {
      if (s.startsWith(w)) {
        op = o;
        s = s.slice(w.length);
        break outer;
      }
    }
  }
  for (const suffix of ['以内', '以上', '以下']) {
    if (s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      op ??= suffix === '以上' ? '>=' : '<=';
    }
  }
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(s);
  if (!m) return undefined;
  const value = F(m[1]!);
  const unit = m[2]!.replace(/（含）|\(含\)/, '').replace('％', '%');
  return { op: op ?? (value.isZero() ? '<=' : '>='), value, unit };
}

const MONEY: Record<string, number> = { 元: 1, 千元: 1000, 万元: 10000, 百万元: 1000000, 亿元: 100000000 };

/** The target in the value's unit; undefined when they cannot be compared. */
export function convert(value: Fraction, from: string, to: string): Fraction | undefined {
  if (from === to || from === '' || to === '') return value;
  const a = MONEY[from];
  const b = MONEY[to];
  return a && b ? value.times(a).div(b) : undefined;
}

const meets = (op: Op, v: Fraction, g: Fraction): boolean =>
  op === '>=' ? v.gte(g) : op === '>' ? v.gt(g) : op === '<=' ? v.lte(g) : op === '<' ? v.lt(g) : v.eq(g);

// ── Band intervals (src/rules/interval.ts) ─────────────────────────────────────────────────────

export interface Interval {
  lo?: Fraction;
  loIn: boolean;
  hi?: Fraction;
  hiIn: boolean;
}
const WIDE: Record<string, string> = { '≧': '>=', '≥': '>=', '≦': '<=', '≤': '<=', '＞': '>', '＜': '<', '＝': '=', '（': '(', '）': ')', '，': ',', '［': '[', '］': ']', '－': '-', '＋': '+' };

export function readInterval(text: string): Interval | undefined {
  const s = Array.from(text).map((c) => WIDE[c] ?? c).join('').replace(/\s+/g, '').replace(/%|％/g, '');
  const c = /^(>=|<=|==|=|>|<)(.+)$/.exec(s);
  if (c) {
    const v = F(c[2]!);
    switch (c[1]) {
      case '>=': return { lo: v, loIn: true, hiIn: false };
      case '>': return { lo: v, loIn: false, hiIn: false };
      case '<=': return { hi: v, hiIn: true, loIn: false };
      case '<': return { hi: v, hiIn: false, loIn: false };
      default: return { lo: v, loIn: true, hi: v, hiIn: true };
    }
  }
  const iv = /^([[(])([^,]*),([^,]*)([\])])$/.exec(s);
  if (!iv) return undefined;
  const inf = (e: string) => /^[+-]?(∞|inf|infinity)$/i.test(e);
  const out: Interval = { loIn: iv[1] === '[', hiIn: iv[4] === ']' };
  if (!inf(iv[2]!)) out.lo = F(iv[2]!);
  else out.loIn = false;
  if (!inf(iv[3]!)) out.hi = F(iv[3]!);
  else out.hiIn = false;
  return out;
}

const inside = (iv: Interval, v: Fraction): boolean =>
  (!iv.lo || (iv.loIn ? v.gte(iv.lo) : v.gt(iv.lo))) && (!iv.hi || (iv.hiIn ? v.lte(iv.hi) : v.lt(iv.hi)));

const targetOf = memo(readTarget);
const intervalOf = memo(readInterval);

// ── Load-time refusals ─────────────────────────────────────────────────────────────────────────

/** Issue codes `loadRubric` must refuse this document with, by indicator id ([] when it loads). */
export function oracleLoad(doc: OracleDoc): { id: string; code: string }[] {
  const out: { id: string; code: string }[] = [];
  for (const leaf of doc.indicators) {
    const r = leaf.rule;
    if (r.kind === 'target' && r.mode === 'proportional') {
      const t = readTarget(String(r.target));
      if (t && (!(t.op === '>=' || t.op === '<=') || !t.value.gt(0))) out.push({ id: leaf.id, code: 'rule_invalid' });
    }
    if (r.kind === 'checklist') {
      const items = r.items as { points?: Num; share?: Num }[];
      const worth = (it: { points?: Num; share?: Num }) => (it.points !== undefined ? frac(it.points) : frac(leaf.max).times(frac(it.share!)).div(100));
      if (r.perMissing === undefined && items.reduce((a, it) => a.plus(worth(it)), Fraction.ZERO).lt(frac(leaf.max))) out.push({ id: leaf.id, code: 'checklist_points_mismatch' });
    }
  }
  return out;
}

// ── Scoring ────────────────────────────────────────────────────────────────────────────────────

class LeafFailure extends Error {
  constructor(readonly codes: string[]) {
    super(codes.join(', '));
  }
}
const fail = (...codes: string[]): never => {
  throw new LeafFailure(codes);
};

/** Score an evaluation of a one-level rubric exactly, as jixiao should. */
export function oracleScore(doc: OracleDoc, input: OracleInput): Verdict {
  const places = doc.precision ?? 2;
  const mode = doc.rounding ?? 'half-up';
  const step = Fraction.of(1, 10n ** BigInt(places));
  const metrics = doc.metrics ?? {};
  const known = new Map<string, Fraction>();
  const env: Env = (name) => {
    const hit = known.get(name);
    if (hit) return hit;
    if (name in input.values) {
      const v = F(input.values[name]!);
      known.set(name, v);
      return v;
    }
    const m = metrics[name];
    if (m === undefined) throw new Error(`oracle: unknown name ${name}`);
    const v = formulaOf(typeof m === 'string' ? m : m.formula)(env) as Fraction;
    known.set(name, v);
    return v;
  };
  const unitOf = (name: string): string => {
    const i = doc.inputs?.[name];
    if (i) return i.type === 'percent' ? '%' : (i.unit ?? '');
    const m = metrics[name];
    return m && typeof m === 'object' ? (m.unit ?? '') : '';
  };
  const num = (text: unknown): Fraction => formulaOf(String(text))(env) as Fraction;
  const test = (text: unknown): boolean => formulaOf(String(text))(env) as boolean;

  // Every metric is computed, so a division by zero anywhere is reported.
  const errors: string[] = [];
  for (const name of Object.keys(metrics)) {
    try {
      env(name);
    } catch (e) {
      if (!(e instanceof OracleError)) throw e;
      errors.push(e.code);
    }
  }

  const leaves = doc.indicators.map((leaf): LeafVerdict => {
    const max = frac(leaf.max);
    const settle = (exact: Fraction): LeafVerdict => {
      const clamped = exact.clamp(0, max);
      return { id: leaf.id, exact: clamped, score: clamped.round(places, mode), tie: clamped.isTie(places) };
    };
    try {
      return scoreLeaf(leaf, max);
    } catch (e) {
      if (e instanceof LeafFailure) return { id: leaf.id, tie: false, errors: e.codes };
      if (e instanceof OracleError) return { id: leaf.id, tie: false, errors: [e.code] };
      throw e;
    }

    function scoreLeaf(leaf: LeafDoc, max: Fraction): LeafVerdict {
      const r = leaf.rule;
      switch (r.kind) {
        case 'per_unit': {
          const v = num(r.value);
          const standard = frac(r.standard);
          // 未完成80%则不得分: strictly past the line, nothing.
          if (r.zeroBeyond !== undefined && (r.direction === 'above' ? v.gt(frac(r.zeroBeyond)) : v.lt(frac(r.zeroBeyond)))) return settle(Fraction.ZERO);
          const diff = r.direction === 'above' ? v.minus(standard) : standard.minus(v);
          if (diff.lte(0)) return settle(max);
          const q = diff.div(r.per === undefined ? 1 : frac(r.per));
          const units = r.mode === 'whole' ? q.floor() : r.mode === 'started' ? q.ceil() : q;
          const lost = units.times(frac(r.points));
          // 最多扣3分
          return settle(max.minus(r.maxDeduction !== undefined && lost.gt(frac(r.maxDeduction)) ? frac(r.maxDeduction) : lost));
        }
        case 'count': {
          const n = num(r.value);
          if (n.isNegative() || !n.isInteger()) fail('count_not_integer');
          const effect = r.effect ?? (leaf.bonus ? 'add' : 'deduct');
          const lost = n.times(frac(r.points));
          if (effect === 'add') return settle(lost);
          return settle(max.minus(r.maxDeduction !== undefined && lost.gt(frac(r.maxDeduction)) ? frac(r.maxDeduction) : lost));
        }
        case 'target': {
          const t = targetOf(r.target)!;
          const valueUnit = unitOf(String(r.value));
          const goal = convert(t.value, t.unit, valueUnit)!;
          const v = num(r.value);
          if (meets(t.op, v, goal)) return settle(max);
          if (r.mode !== 'proportional') return settle(Fraction.ZERO);
          const exact = t.op === '>=' ? max.times(v.div(goal).clamp(0, 1)) : max.times(goal.div(v));
          const out = settle(exact);
          if (out.score!.eq(max)) return { ...out, score: max.minus(step), unmetAtMax: true };
          return out;
        }
        case 'bands': {
          const v = num(r.value);
          const hit = (r.bands as { when: Num; score: Num }[]).find((b) => inside(intervalOf(b.when)!, v));
          if (hit) return settle(frac(hit.score));
          if (r.otherwise === undefined) fail('no_band_matched');
          return settle(frac(r.otherwise));
        }
        case 'cases': {
          const hit = (r.cases as { when: string; score: Num }[]).find((c) => test(c.when));
          if (hit) return settle(frac(hit.score));
          const otherwise = r.otherwise as { score: Num } | undefined;
          if (!otherwise) fail('no_case_matched');
          return settle(frac(otherwise!.score));
        }
        case 'checklist': {
          const met = input.assessments?.[leaf.id]?.items ?? {};
          const items = r.items as { id?: string; points?: Num; share?: Num; gate?: boolean }[];
          const scale = r.scale as { level: string; share: Num }[] | undefined;
          const idOf = (it: { id?: string }, i: number) => it.id ?? String(i + 1);
          const worth = (it: { points?: Num; share?: Num }) => (it.points !== undefined ? frac(it.points) : it.share !== undefined ? max.times(frac(it.share)).div(100) : Fraction.ZERO);
          const shareOf = (v: unknown) => frac(scale!.find((x) => x.level === v)!.share).div(100);
          const ok = (it: { id?: string }, i: number) => (scale ? shareOf(met[idOf(it, i)]).gt(0) : met[idOf(it, i)] === true);
          // 必备要素: one missing and nothing is scored.
          if (items.some((it, i) => it.gate && !ok(it, i))) return settle(Fraction.ZERO);
          // 每少一项扣1分
          if (r.perMissing !== undefined) return settle(max.minus(frac(r.perMissing as Num).times(items.filter((it, i) => !ok(it, i)).length)));
          const got = items.reduce((a, it, i) => (scale ? a.plus(worth(it).times(shareOf(met[idOf(it, i)]))) : ok(it, i) ? a.plus(worth(it)) : a), Fraction.ZERO);
          return settle(got);
        }
        case 'judgement': {
          const a = input.assessments?.[leaf.id];
          const levels = r.levels as { level: string; points: Num }[] | undefined;
          if (levels && a?.level !== undefined) return settle(frac(levels.find((l) => l.level === a.level)!.points));
          if (a?.score === undefined) return fail('assessment_missing');
          if (levels && !levels.some((l) => frac(l.points).eq(F(a.score!)))) return fail('judgement_level');
          const given = F(a.score);
          const problems: string[] = [];
          if (given.isNegative() || given.gt(max)) problems.push('judgement_out_of_range');
          if (r.step !== undefined && !given.div(frac(r.step)).isInteger()) problems.push('judgement_step');
          if (!given.fitsIn(places)) problems.push('assessment_invalid');
          if (given.lt(max) && !a.reason?.trim()) problems.push('judgement_reason_required');
          if (problems.length) fail(...problems);
          return settle(given);
        }
        case 'formula':
          return settle(num(r.score));
        default:
          throw new Error(`oracle: no semantics for rule kind ${r.kind}`);
      }
    }
  });

  const failed = errors.length > 0 || leaves.some((l) => l.errors);
  const total = failed ? undefined : leaves.reduce((a, l) => a.plus(l.score!), Fraction.ZERO);
  return total ? { leaves, total, errors } : { leaves, errors };
}
