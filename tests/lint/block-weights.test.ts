import { describe, expect, it } from 'vitest';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (a: string, b: string) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  inputs:
    甲资金: { type: number, unit: 万元, min: 0 }
  indicators:
    - name: 预算绩效
      max: 50
      combine: weighted
      children:
        - { name: 预算管理, max: 100, weight: ${a}, rule: { kind: judgement } }
        - { name: 财务管理, max: 100, weight: ${b}, rule: { kind: judgement } }
    - { name: 其他, max: 50, rule: { kind: judgement } }
`;

describe('lint block-weights: constant weights add up to 100 or 1', () => {
  it('75 + 20 = 95: a warning at combine', () => {
    const doc = sheet('75', '20');
    const issues = lint(doc, 'block-weights');
    expect(issues.map((i) => [i.code, i.severity, i.indicator, i.message])).toStrictEqual([
      ['weights_sum', 'warning', '预算绩效', '按权重折合的各项权重合计为 95（预算管理 75 + 财务管理 20），既不是 100 也不是 1；权重按合计折算，请核对'],
    ]);
    expectAt(issues[0], doc, 'combine: weighted');
  });
  it('75 + 25, 0.75 + 0.25 and weights from the inputs pass', () => {
    expect(lint(sheet('75', '25'), 'block-weights')).toStrictEqual([]);
    expect(lint(sheet('0.75', '0.25'), 'block-weights')).toStrictEqual([]);
    expect(lint(sheet('甲资金', '20'), 'block-weights')).toStrictEqual([]);
  });
  it('a weighted block\'s children need not add up to its max (no children_max_mismatch)', () => expect(lint(sheet('75', '25'), 'maxima')).toStrictEqual([]));
});
