import { expect } from 'vitest';
import { type Issue } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { positionOf, yaml } from '../helpers.js';

export { yaml };

/** Lint YAML text as the file `t.yaml`, running only `check` (all checks when omitted). */
export function lint(text: string, check?: string): Issue[] {
  return lintRubric(text, { file: 't.yaml', ...(check ? { checks: [check] } : {}) }).issues;
}

/** Findings of one code. */
export function only(issues: Issue[], code: string): Issue[] {
  return issues.filter((i) => i.code === code);
}

/** The finding sits where `needle` is written (its nth occurrence) in the text. */
export function expectAt(issue: Issue | undefined, text: string, needle: string, nth = 1): void {
  expect(issue, `a finding at “${needle}”`).toBeDefined();
  const { line, column } = positionOf(text, needle, nth);
  expect(issue!.source).toStrictEqual({ file: 't.yaml', line, column });
}

/** A one-leaf rubric around a rule, with inputs. */
export function oneLeaf(rule: string, opts: { max?: number | string; inputs?: string; standard?: string } = {}): string {
  return [
    'id: t',
    'name: 测试评分表',
    ...(opts.inputs ? ['inputs:', ...opts.inputs.split('\n').map((l) => `  ${l}`)] : []),
    'indicators:',
    '  - id: 指标',
    '    name: 指标',
    `    max: ${opts.max ?? 5}`,
    ...(opts.standard ? [`    standard: ${opts.standard}`] : []),
    `    rule: ${rule}`,
    '',
  ].join('\n');
}
