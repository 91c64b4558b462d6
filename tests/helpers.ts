/**
 * Small helpers so that every test case reads as one line of the 评分标准:
 * `expectScore(控制率, '103.4', '3.3')`, `expectIssue(() => load(doc), { code, path })`.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  Decimal,
  JixiaoError,
  loadRubric,
  safeEvaluate,
  type EvaluationInput,
  type IndicatorResult,
  type Issue,
  type Rubric,
  type RubricDocumentInput,
  type RuleInput,
  type ScoreResult,
} from '../src/index.js';

export type Num = number | string;
export type Values = Record<string, Num | null>;
export type Assessments = NonNullable<EvaluationInput['assessments']>;
type Doc = RubricDocumentInput;

export interface SheetOptions {
  /** 分值 of the leaf (default 5). */
  max?: Num;
  /** Id and name of the leaf (default 指标). */
  id?: string;
  standard?: string;
  inputs?: Doc['inputs'];
  metrics?: Doc['metrics'];
  precision?: Doc['precision'];
  rounding?: Doc['rounding'];
  notApplicable?: Doc['notApplicable'];
}

/** A rubric document whose only indicator is one leaf scored by `rule`. */
export function rubricWith(rule: RuleInput, opts: SheetOptions = {}): Doc {
  const id = opts.id ?? '指标';
  const doc: Doc = {
    id: 'test',
    name: '测试评分表',
    indicators: [{ id, name: id, max: opts.max ?? 5, ...(opts.standard ? { standard: opts.standard } : {}), rule }],
  };
  if (opts.inputs) doc.inputs = opts.inputs;
  if (opts.metrics) doc.metrics = opts.metrics;
  if (opts.precision !== undefined) doc.precision = opts.precision;
  if (opts.rounding) doc.rounding = opts.rounding;
  if (opts.notApplicable) doc.notApplicable = opts.notApplicable;
  return doc;
}

/** A loaded one-leaf rubric, ready to score figures. */
export interface Leaf {
  readonly rubric: Rubric;
  readonly id: string;
  /** The input a bare value (`'103.4'`) is given to: the only declared input. */
  readonly input?: string;
}

export function leaf(rule: RuleInput, opts: SheetOptions = {}): Leaf {
  const names = Object.keys(opts.inputs ?? {});
  return { rubric: loadRubric(rubricWith(rule, opts)), id: opts.id ?? '指标', ...(names.length === 1 ? { input: names[0] } : {}) };
}

function valuesOf(l: Leaf, values: Values | Num): Values {
  if (typeof values === 'object' && values !== null) return values;
  if (!l.input) throw new Error('a bare value needs a leaf with exactly one input');
  return { [l.input]: values };
}

/** Score one evaluation of a leaf; returns the whole result. Throws on issues. */
export function resultOf(l: Leaf, values: Values | Num = {}, assessments?: Assessments): ScoreResult {
  const input: EvaluationInput = { values: valuesOf(l, values), ...(assessments ? { assessments } : {}) };
  const r = safeEvaluate(l.rubric, input);
  if (!r.success) throw new JixiaoError(r.issues);
  return r.value;
}

/** The leaf's own result. */
export function scoreOf(l: Leaf, values: Values | Num = {}, assessments?: Assessments): IndicatorResult {
  return resultOf(l, values, assessments).indicators[0]!;
}

/** Issues of a leaf evaluation that must fail. */
export function evalIssues(l: Leaf, values: Values | Num = {}, assessments?: Assessments): Issue[] {
  return issuesOf(() => resultOf(l, values, assessments));
}

const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

/**
 * The leaf scores `score` for these figures; and, as on every sheet, what was lost is exactly
 * the sum of the deductions, each with a reason. Returns the leaf result for further checks.
 */
export function expectScore(l: Leaf, values: Values | Num, score: string, assessments?: Assessments): IndicatorResult {
  const r = scoreOf(l, values, assessments);
  expect(r.score).toBe(score);
  expectBalanced(r);
  return r;
}

/** max − score = Σ deduction points, and every deduction has a non-empty reason. */
export function expectBalanced(r: IndicatorResult): void {
  expect(new Decimal(r.max).minus(r.score).toFixed(), `${r.path}: max − score = Σ deductions`).toBe(
    sum(r.deductions.map((d) => d.points)).toFixed(),
  );
  for (const d of r.deductions) expect(d.reason.trim()).not.toBe('');
}

/** The leaf loses points for these figures, with one deduction whose reason contains every part. */
export function expectReason(l: Leaf, values: Values | Num, ...parts: string[]): string {
  const r = scoreOf(l, values);
  expect(r.deductions).toHaveLength(1);
  const reason = r.deductions[0]!.reason;
  for (const p of parts) expect(reason).toContain(p);
  return reason;
}

/** Run `fn` and return the issues it fails with (a thrown JixiaoError or a failed safe… result). */
export function issuesOf(fn: () => unknown): Issue[] {
  let r: unknown;
  try {
    r = fn();
  } catch (e) {
    if (e instanceof JixiaoError) return [...e.issues];
    throw e;
  }
  if (r && typeof r === 'object' && 'success' in r) {
    if (r.success === false) return (r as unknown as { issues: Issue[] }).issues;
  }
  throw new Error(`expected issues, got a result: ${JSON.stringify(r).slice(0, 300)}`);
}

export type IssueShape = { [K in keyof Issue]?: unknown };

/**
 * `fn` fails with an issue that has exactly these fields (only the fields given are compared;
 * values may be asymmetric matchers such as `expect.stringContaining`). Returns that issue.
 */
export function expectIssue(fn: (() => unknown) | Issue[], expected: IssueShape): Issue {
  const issues = Array.isArray(fn) ? fn : issuesOf(fn);
  const keys = Object.keys(expected) as (keyof Issue)[];
  const project = (i: Issue) => Object.fromEntries(keys.map((k) => [k, i[k]]));
  expect(issues.map(project)).toContainEqual(expected);
  return issues.find((i) => {
    try {
      expect(project(i)).toEqual(expected);
      return true;
    } catch {
      return false;
    }
  })!;
}

/** Every leaf of a result, depth first. */
export function leavesOf(r: ScoreResult | IndicatorResult[]): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const walk = (ns: IndicatorResult[]) => ns.forEach((n) => (n.children ? walk(n.children) : out.push(n)));
  walk(Array.isArray(r) ? r : r.indicators);
  return out;
}

/** Every node of a result, depth first. */
export function nodesOf(r: ScoreResult): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const walk = (ns: IndicatorResult[]) =>
    ns.forEach((n) => {
      out.push(n);
      if (n.children) walk(n.children);
    });
  walk(r.indicators);
  return out;
}

/** Strip the common indentation of a YAML template, so line numbers in tests are the ones you see. */
export function yaml(strings: TemplateStringsArray, ...subs: unknown[]): string {
  const text = String.raw({ raw: strings }, ...subs).replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return text
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`“${needle}” occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Decimal strings between `lo` and `hi` (integers) with up to `places` decimals. */
export function decimalText(lo: number, hi: number, places = 2): fc.Arbitrary<string> {
  const scale = 10 ** places;
  return fc.integer({ min: lo * scale, max: hi * scale }).map((n) => new Decimal(n).div(scale).toFixed());
}

/** The path of every value in a document, the root first, each child before its next sibling. */
export function everyPath(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((x, i) => everyPath(x, [...at, i], out));
    else for (const k of Object.keys(v)) everyPath((v as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}
