import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

const doc = yaml`
  id: t
  name: 测试评分表
  inputs:
    在职人数: { type: count }
    编制人数: { type: count, min: 1 }
    实有人数: { type: count }
    政府采购金额: { type: number, optional: true }
  metrics:
    在职人员控制率: { formula: 在职人数 / 编制人数 * 100, unit: "%" }
    部门预算执行率: { formula: 在职人数 / 编制人数 * 100, unit: "%" }
    仅供参考: { formula: 编制人数 * 2, description: 仅在结果中展示 }
  indicators:
    - id: 控制率
      name: 控制率
      max: 5
      rule: { kind: per_unit, value: 在职人员控制率 + 离退休人数, standard: 100, direction: above, points: 0.5 }
`;

describe('lint references: unknown and unused names', () => {
  const issues = lint(doc, 'references');

  it('an undeclared name in a rule formula is an error at the formula', () => {
    const unknown = issues.filter((i) => i.code === 'unknown_name');
    expect(unknown.map((i) => [i.severity, i.params.name, i.indicator])).toStrictEqual([['error', '离退休人数', '控制率']]);
    expectAt(unknown[0], doc, 'value: 在职人员控制率 + 离退休人数');
  });

  it('a required input nobody reads is a warning; an optional one is a record-only field', () => {
    const unused = issues.filter((i) => i.code === 'unused_input');
    expect(unused.map((i) => i.params.name)).toStrictEqual(['实有人数']);
    expectAt(unused[0], doc, '实有人数');
    expect(unused[0]!.severity).toBe('warning');
  });

  it('a metric nobody reads is a warning unless its description says why it is there', () => {
    const unused = issues.filter((i) => i.code === 'unused_metric');
    expect(unused.map((i) => i.params.name)).toStrictEqual(['部门预算执行率']);
    expectAt(unused[0], doc, '部门预算执行率');
  });

  it('passes both bundled rubrics (Kunming’s 政府采购金额 is optional, 部门预算执行率 described)', () => {
    for (const id of ['hunan-department', 'kunming-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['references'] }).issues).toStrictEqual([]);
  });
});

describe('lint references: weights and 一票否决 conditions read inputs too', () => {
  it('an input read only by a weight or by a veto condition is used; an unknown name there is reported', () => {
    const doc = (when: string) => yaml`
      id: t
      name: 测试评分表
      inputs:
        甲资金: { type: number, min: 0 }
        违规例数: { type: count }
      vetoes:
        - { id: v, name: 重大违规, when: ${when}, maxTotal: 0 }
      indicators:
        - name: 块
          max: 100
          combine: weighted
          children:
            - { name: 甲, max: 100, weight: 甲资金, rule: { kind: judgement } }
    `;
    expect(lint(doc('违规例数 > 0'), 'references')).toStrictEqual([]);
    expect(lint(doc('违规 > 0'), 'references').map((i) => i.code)).toContain('unknown_name');
  });
});
