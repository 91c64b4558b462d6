import { describe, expect, it } from 'vitest';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (split: string, ecoMax: number) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  indicators:
    - name: 效益
      max: 40
      standard: 经济效益、社会效益、生态效益（可选项）共40分
      pool: { split: ${split} }
      children:
        - { name: 经济效益, max: 20, rule: { kind: judgement } }
        - { name: 社会效益, max: 20, rule: { kind: judgement } }
        - { name: 生态效益, max: ${ecoMax}, rule: { kind: judgement } }
    - { name: 其他, max: 60, rule: { kind: judgement } }
`;

describe('lint pool-weights: a pool shared by its rows\' maxima has no row of max 0', () => {
  it('生态效益 of max 0 under split: weights would share nothing: a warning at its max', () => {
    const doc = sheet('weights', 0);
    const issues = lint(doc, 'pool-weights');
    expect(issues.map((i) => [i.code, i.severity, i.indicator, i.message])).toStrictEqual([
      ['pool_weight_zero', 'warning', '效益.生态效益', '可选项“效益”按各项分值分享（split: weights），“生态效益”分值为 0，选中它也分不到分值；请写明它的分值或改用 split: equal'],
    ]);
    expectAt(issues[0], doc, 'max: 0');
  });
  it('a max of its own, or split: equal, passes', () => {
    expect(lint(sheet('weights', 10), 'pool-weights')).toStrictEqual([]);
    expect(lint(sheet('equal', 0), 'pool-weights')).toStrictEqual([]);
  });
  it('pick larger than the rows: the rubric does not load (rule_invalid), and lint says so', () => {
    const issues = lint(sheet('weights', 10).replace('{ split: weights }', '{ pick: 4 }'));
    expect(issues.filter((i) => i.code === 'rule_invalid').map((i) => i.message)).toStrictEqual(['评分规则无效：须选 4 项，但只有 3 个下级指标']);
  });
  it('a pool\'s rows need not add up to its max (no children_max_mismatch)', () => expect(lint(sheet('weights', 10), 'maxima')).toStrictEqual([]));
});
