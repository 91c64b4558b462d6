import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { bonusDeducts } from '../../src/lint/checks/bonus-deducts.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (rule: string, bonus = true) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  inputs:
    表彰次数: { type: count }
    获奖率: { type: percent, min: 0, max: 100 }
  indicators:
    - { name: 基本, max: 100, rule: { kind: judgement } }
    - name: 获得表彰
      max: 5
      bonus: ${bonus ? 'true' : 'false'}
      standard: 获得省级以上表彰每次加1分，最多加5分。
      rule: ${rule}
`;

describe('lint bonus-deducts: a 加分项 is not scored by a deduction', () => {
  it('per_unit in a bonus item deducts from its max: a warning at the kind', () => {
    const doc = sheet('{ kind: per_unit, value: 获奖率, standard: 100, direction: below, points: 1 }');
    const issues = lint(doc, 'bonus-deducts');
    expect(issues.map((i) => [i.code, i.severity, i.indicator])).toStrictEqual([['bonus_deducts', 'warning', '获得表彰']]);
    expect(issues[0]!.message).toBe('加分项使用了从满分往下扣的规则（per_unit）：没有加分事项时反而得满分，每出现一次减少得分；加分请用 count（effect: add）或 formula');
    expectAt(issues[0], doc, 'kind: per_unit');
  });

  it('count with effect: deduct in a bonus item is read defensively (the key may not be in the schema yet)', () => {
    const issues = bonusDeducts.run({ nodes: [{ doc: { bonus: true }, rule: { kind: 'count', value: '表彰次数', points: 1, effect: 'deduct' }, docPath: ['indicators', 1], path: '获得表彰' }], issue: (code: string, params: object, path: unknown[]) => ({ code, params, path }) } as never);
    expect(issues).toStrictEqual([{ code: 'bonus_deducts', params: { kind: 'count, effect: deduct' }, path: ['indicators', 1, 'rule', 'effect'] }]);
  });

  it('count (adding, by default in a bonus), formula and judgement bonuses pass; per_unit outside a bonus passes', () => {
    expect(lint(sheet('{ kind: count, value: 表彰次数, points: 1 }'), 'bonus-deducts')).toStrictEqual([]);
    expect(lint(sheet('{ kind: formula, score: "min(表彰次数, 5)" }'), 'bonus-deducts')).toStrictEqual([]);
    expect(lint(sheet('{ kind: judgement }'), 'bonus-deducts')).toStrictEqual([]);
    expect(lint(sheet('{ kind: per_unit, value: 获奖率, standard: 100, direction: below, points: 1 }', false).replace('max: 100', 'max: 95'), 'bonus-deducts')).toStrictEqual([]);
  });

  it('the bundled rubrics pass', () => {
    for (const id of ['hunan-department', 'kunming-department', 'hunan-county-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['bonus-deducts'] }).issues).toStrictEqual([]);
  });
});
