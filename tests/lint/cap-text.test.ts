import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

const bonus = (cap: string, standard: string) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  indicators:
    - { name: 基础, max: 100, rule: { kind: judgement } }
    - name: 加分项
      max: 9
      bonus: true
      ${cap}
      standard: ${standard}
      children:
        - { name: 表彰, max: 3, rule: { kind: judgement } }
        - { name: 创新, max: 3, rule: { kind: judgement } }
        - { name: 宣传, max: 3, rule: { kind: judgement } }
`;
const penalty = (cap: string, standard: string) => yaml`
  id: t
  name: 测试评分表
  version: "2024"
  inputs:
    问题数: { type: count }
  indicators:
    - { name: 基础, max: 100, rule: { kind: judgement } }
    - name: 扣分项
      max: 20
      penalty: true
      ${cap}
      standard: ${standard}
      children:
        - { name: 审计问题, max: 20, rule: { kind: count, value: 问题数, points: 2 } }
`;

describe('lint cap-text: a 加分项/扣分项 limit is the one its standard states', () => {
  it('最多加5分 over three 3-point items without a cap: the section can add 9', () => {
    const doc = bonus('', '各项加分，最多加5分');
    const issues = lint(doc, 'cap-text');
    expect(issues.map((i) => [i.code, i.severity, i.indicator, i.message])).toStrictEqual([['cap_mismatch', 'warning', '加分项', '评分标准写明“最多加5分”，本项最多加 9 分（分值，未设 cap）']]);
    expectAt(issues[0], doc, 'max: 9');
  });
  it('cap 4 where the standard says 最多加5分', () => {
    const doc = bonus('cap: 4', '各项加分，最多加5分');
    const issues = lint(doc, 'cap-text');
    expect(issues.map((i) => i.message)).toStrictEqual(['评分标准写明“最多加5分”，本项最多加 4 分（cap）']);
    expectAt(issues[0], doc, 'cap: 4');
  });
  it('扣分不超过10分 and 最多扣10分 against a cap of 8', () => {
    expect(lint(penalty('cap: 8', '每个审计问题扣2分，扣分不超过10分'), 'cap-text').map((i) => i.code)).toStrictEqual(['cap_mismatch']);
    expect(lint(penalty('cap: 8', '每个审计问题扣2分，最多扣10分'), 'cap-text').map((i) => i.code)).toStrictEqual(['cap_mismatch']);
  });
  it('a cap the standard says nothing of: cap_unstated', () => {
    const doc = bonus('cap: 5', '获省级表彰、工作创新、宣传报道各加分');
    const issues = lint(doc, 'cap-text');
    expect(issues.map((i) => [i.code, i.message])).toStrictEqual([['cap_unstated', '本项各项合计最多加 9 分，cap 限定为 5 分，评分标准却没有写明上限']]);
  });
  it('cap 5 with 最多加5分, cap 10 with 扣分不超过10分, and a 5-point leaf with 最多加5分 pass', () => {
    expect(lint(bonus('cap: 5', '各项加分，最多加5分'), 'cap-text')).toStrictEqual([]);
    expect(lint(penalty('cap: 10', '每个审计问题扣2分，扣分不超过10分'), 'cap-text')).toStrictEqual([]);
    expect(lint(bonus('cap: 5', '各项加分，最多加5分').replace('max: 3, rule', 'max: 3, standard: 每次加1分，最多加3分, rule'), 'cap-text')).toStrictEqual([]);
  });
  it('a base indicator\'s 最多扣3分 is its own business (per-unit caps), not checked here', () =>
    expect(lint(yaml`
      id: t
      name: t
      indicators:
        - { name: 基础, max: 5, standard: 每低于5%扣2分，最多扣3分, rule: { kind: judgement } }
    `, 'cap-text')).toStrictEqual([]));
  it('the bundled rubrics pass', () => {
    for (const id of ['hunan-department', 'kunming-department', 'hunan-county-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['cap-text'] }).issues).toStrictEqual([]);
  });
});
