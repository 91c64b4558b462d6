import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, only, yaml } from './lint-helpers.js';

const unbalanced = yaml`
  id: t
  name: 测试评分表
  indicators:
    - name: 投入
      max: 10
      children:
        - { name: 甲, max: 4, rule: { kind: judgement } }
        - { name: 乙, max: 4, rule: { kind: judgement } }
    - name: 过程
      max: 5
      children:
        - { name: 丙, max: 5, rule: { kind: judgement } }
`;

describe('lint maxima: 下级指标分值之和等于本级分值', () => {
  it('a parent whose children add up to 8 under 10 is an error at its max, and the sheet adds up to 13 under 15', () => {
    const issues = lint(unbalanced, 'maxima');
    expect(issues.map((i) => [i.code, i.severity, i.indicator ?? null])).toStrictEqual([
      ['total_max_mismatch', 'error', null],
      ['children_max_mismatch', 'error', '投入'],
    ]);
    expectAt(only(issues, 'children_max_mismatch')[0], unbalanced, 'max: 10', 1);
    expect(only(issues, 'children_max_mismatch')[0]!.message).toBe('下级指标分值之和为 8 分，与本级分值 10 分不一致');
    expect(only(issues, 'total_max_mismatch')[0]!.message).toBe('各末级指标分值合计 13 分，与一级指标分值合计 15 分不一致（按末级指标合计：投入 8 / 过程 5）');
    expectAt(only(issues, 'total_max_mismatch')[0], unbalanced, 'indicators:');
  });

  it('bonus children (加分项) are not part of the parent max', () => {
    const doc = unbalanced
      .replace('max: 10', 'max: 8')
      .replace('- { name: 乙, max: 4, rule: { kind: judgement } }', '- { name: 乙, max: 4, rule: { kind: judgement } }\n      - { name: 丁, max: 2, bonus: true, rule: { kind: judgement } }');
    expect(lint(doc, 'maxima')).toStrictEqual([]);
  });

  it('passes both bundled rubrics', () => {
    for (const id of ['hunan-department', 'kunming-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['maxima'] }).issues).toStrictEqual([]);
  });
});

describe('the Kunming sheet as the 2017 report printed it (tests/fixtures/kunming-as-printed.yaml)', () => {
  const file = 'tests/fixtures/kunming-as-printed.yaml';
  const text = readFileSync(file, 'utf8');
  const r = lintRubric(text, { file });

  it('reports exactly 部门管理 23 under 20, 部门绩效 44 under 45, and 102 in all — nothing else', () => {
    expect(r.issues.filter((i) => i.severity !== 'info').map((i) => [i.code, i.indicator ?? null, i.params])).toStrictEqual([
      ['total_max_mismatch', null, { sum: '102', max: '100', detail: '部门决策 35 / 部门管理 23 / 部门绩效 44' }],
      ['children_max_mismatch', '部门管理', { sum: '23', max: '20' }],
      ['children_max_mismatch', '部门绩效', { sum: '44', max: '45' }],
    ]);
    expect(r.errors).toBe(3);
    expect(r.warnings).toBe(0);
    expect(r.rubric).toBeUndefined(); // it does not load
  });

  it('names the line of each max', () => {
    const lines = text.split('\n');
    for (const i of r.issues.filter((x) => x.code === 'children_max_mismatch')) {
      expect(lines[i.source!.line - 1]!.trim()).toBe(`max: ${i.params.max}`);
      expect(lines[i.source!.line - 3]!.trim()).toBe(`- id: ${i.indicator}`);
    }
  });
});
