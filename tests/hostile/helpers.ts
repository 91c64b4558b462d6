/**
 * The promise every hostile case checks: the call returns (never throws), fails with issues
 * that are data — a known code, a path, messages in both languages, no stack trace — and
 * leaves Object.prototype as it found it.
 */
import { afterAll, afterEach, expect } from 'vitest';
import { loadRubric, type Issue, type IssueCode, type SafeResult } from '../../src/index.js';
import { checkIssues } from '../../src/testing/index.js';

/** Hang guard for one case (ms): generous for a loaded CI machine, far below a hang. */
export const QUICK = 2_000;
/** Hang guard for cases that read megabytes: about 5× what they take on a quiet 2-core machine, far below a hang. */
export const LARGE = 15_000;

export interface Expected {
  code: IssueCode;
  path?: (string | number)[];
  /** Something the Chinese or English message must contain. */
  says?: string | RegExp;
}

/**
 * `fn` returns a failed SafeResult whose issues are all well formed and include one with the
 * expected code (and path); returns that issue.
 */
export function expectRejected(fn: () => SafeResult<unknown>, expected: Expected): Issue {
  let r: SafeResult<unknown>;
  try {
    r = fn();
  } catch (e) {
    throw new Error(`expected typed issues, but the call threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)}`);
  }
  expect(r.success, 'the call must fail').toBe(false);
  const issues = (r as { issues: Issue[] }).issues;
  expect(checkIssues(issues)).toStrictEqual([]);
  for (const i of issues) {
    expect(i.message).not.toMatch(/\n\s+at |\.(?:ts|js):\d+/);
    expect(i.messageEn).not.toMatch(/\n\s+at |\.(?:ts|js):\d+/);
  }
  const hit = issues.find((i) => i.code === expected.code && (expected.path === undefined || JSON.stringify(i.path) === JSON.stringify(expected.path)));
  expect(hit, `expected ${expected.code}${expected.path ? ` at ${JSON.stringify(expected.path)}` : ''}, got ${JSON.stringify(issues.map((i) => [i.code, i.path]))}`).toBeDefined();
  if (expected.says !== undefined) expect(`${hit!.message} | ${hit!.messageEn}`).toMatch(expected.says);
  return hit!;
}

/** `fn` returns a successful SafeResult (it does not throw) and gives its value. */
export function expectAccepted<T>(fn: () => SafeResult<T>): T {
  const r = fn();
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues.map((i) => [i.code, i.path, i.message]))}`);
  return r.value;
}

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const baseline = protoKeys();
const traceLimit = Error.stackTraceLimit;

/**
 * After every case and at the end: nothing was added to Object.prototype, and the reader gave
 * back the `Error.stackTraceLimit` it lowers while parsing.
 */
export function guardPrototype(): void {
  const check = () => {
    expect(protoKeys()).toBe(baseline);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Error.stackTraceLimit).toBe(traceLimit);
  };
  afterEach(check);
  afterAll(check);
}

/** A small valid rubric (YAML text) the cases start from. */
export const DEMO = `id: demo
name: 示例评分表
grades: [{ grade: 优秀, min: 9 }, { grade: 良好, min: 8 }, { grade: 中, min: 6 }, { grade: 差, min: 0 }]
inputs:
  在职人数: { type: count, unit: 人 }
  编制人数: { type: count, unit: 人, min: 1 }
  重点支出安排率: { type: percent }
metrics:
  在职人员控制率: { formula: 在职人数 / 编制人数 * 100, unit: "%" }
indicators:
  - name: 财政供养人员控制率
    max: 5
    rule: { kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }
  - name: 重点支出安排率
    max: 5
    rule: { kind: bands, value: 重点支出安排率, bands: [{ when: "≥90", score: 5 }, { when: "[80, 90)", score: 4 }, { when: "<80", score: 0 }] }
`;

export const demo = () => loadRubric(DEMO, { file: 'demo.yaml' });

/** Valid figures for {@link DEMO}. */
export const VALUES = { 在职人数: 517, 编制人数: 500, 重点支出安排率: '85.5' };
