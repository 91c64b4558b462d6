import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (top: string, policy = '') => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  ${top}
  indicators:
    - name: 业务
      max: 80
      ${policy}
      children:
        - { name: 甲, max: 40, rule: { kind: judgement } }
        - { name: 乙, max: 40, rule: { kind: judgement } }
    - { name: 管理, max: 20, rule: { kind: judgement } }
`;

describe('lint not-applicable-limit: what may be removed as 不适用 fits the limit', () => {
  it('rescale, the default limit 50: the 80-point 业务 can never be 不适用', () => {
    const doc = sheet('notApplicable: rescale');
    const issues = lint(doc, 'not-applicable-limit');
    expect(issues.map((i) => [i.code, i.severity, i.indicator, i.message])).toStrictEqual([
      ['not_applicable_never', 'warning', '业务', '指标“业务”分值 80 分，超过一次评价可按不适用剔除的上限 50 分（notApplicableLimit）：将它标记为不适用（rescale）总会被拒绝'],
    ]);
    expectAt(issues[0], doc, 'max: 80');
  });
  it('exclude with notApplicableLimit 30: 业务, 甲 and 乙 each exceed it', () =>
    expect(lint(sheet('notApplicable: exclude\n  notApplicableLimit: 30'), 'not-applicable-limit').map((i) => i.indicator)).toStrictEqual(['业务', '业务.甲', '业务.乙']));
  it('a policy on the block itself: full removes nothing', () =>
    expect(lint(sheet('notApplicable: rescale', 'notApplicable: full'), 'not-applicable-limit')).toStrictEqual([]));
  it('forbidden (the default), or a limit of 80, passes', () => {
    expect(lint(sheet(''), 'not-applicable-limit')).toStrictEqual([]);
    expect(lint(sheet('notApplicable: rescale\n  notApplicableLimit: 80'), 'not-applicable-limit')).toStrictEqual([]);
  });
  it('below a weighted block, a child’s share of the block counts: weight 99 of 100 in 80 is 79.2, over 50', () => {
    const doc = yaml`
      id: t
      name: 测试评分表
      version: "2024"
      notApplicable: rescale
      indicators:
        - name: 块
          max: 80
          combine: weighted
          notApplicable: full
          children:
            - { name: 甲, max: 100, weight: 1, notApplicable: rescale, rule: { kind: judgement } }
            - { name: 乙, max: 100, weight: 99, notApplicable: rescale, rule: { kind: judgement } }
        - { name: 管理, max: 20, rule: { kind: judgement } }
    `;
    expect(lint(doc, 'not-applicable-limit').map((i) => [i.indicator, i.message])).toStrictEqual([
      ['块.乙', '指标“块.乙”分值 100 分（在加权的上级中折合 79.2 分），超过一次评价可按不适用剔除的上限 50 分（notApplicableLimit）：将它标记为不适用（rescale）总会被拒绝'],
    ]);
  });
  it('exact at the edge: weights 1 : 2 of 75 give 乙 exactly 50, not over the 50 allowed', () => {
    const doc = yaml`
      id: t
      name: 测试评分表
      version: "2024"
      notApplicable: rescale
      indicators:
        - name: 块
          max: 75
          combine: weighted
          notApplicable: full
          children:
            - { name: 甲, max: 30, weight: 1, notApplicable: rescale, rule: { kind: judgement } }
            - { name: 乙, max: 30, weight: 2, notApplicable: rescale, rule: { kind: judgement } }
        - { name: 管理, max: 25, rule: { kind: judgement } }
    `;
    expect(lint(doc, 'not-applicable-limit')).toStrictEqual([]);
  });
  it('the bundled rubrics pass', () => {
    for (const id of ['hunan-department', 'kunming-department', 'hunan-county-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['not-applicable-limit'] }).issues).toStrictEqual([]);
  });
});
