import { describe, expect, it } from 'vitest';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (cap: number) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  maxTotal: ${cap}
  indicators:
    - { name: 基础, max: 100, rule: { kind: judgement } }
    - { name: 加分, max: 5, bonus: true, standard: 最多加5分, rule: { kind: judgement } }
`;

describe('lint max-total: 总分不超过 is not below the sheet max', () => {
  it('maxTotal 95 on a 100-point sheet: a warning at maxTotal', () => {
    const doc = sheet(95);
    const issues = lint(doc, 'max-total');
    expect(issues.map((i) => [i.code, i.severity, i.message])).toStrictEqual([['max_total_below_max', 'warning', '总分上限 maxTotal 95 分低于评分表满分 100 分：得满分的评价也会被削减']]);
    expectAt(issues[0], doc, 'maxTotal: 95');
  });
  it('总分不超过100分 on a 100-point sheet with 加分项 passes', () => expect(lint(sheet(100), 'max-total')).toStrictEqual([]));
});
