import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

describe('lint duplicates: ids unique, sibling names unique', () => {
  it('two siblings named 管理制度健全性 are a warning; the same id twice is an error', () => {
    const doc = yaml`
      id: t
      name: 测试评分表
      indicators:
        - name: 预算管理
          max: 6
          children:
            - { id: 制度甲, name: 管理制度健全性, max: 3, rule: { kind: judgement } }
            - { id: 制度乙, name: 管理制度健全性, max: 3, rule: { kind: judgement } }
        - name: 资产管理
          max: 3
          children:
            - { id: 制度甲, name: 资产制度, max: 3, rule: { kind: judgement } }
    `;
    const issues = lint(doc, 'duplicates');
    expect(issues.map((i) => [i.code, i.severity, i.indicator])).toStrictEqual([
      ['duplicate_sibling_name', 'warning', '预算管理.制度乙'],
      ['duplicate_id', 'error', '资产管理.制度甲'],
    ]);
    expectAt(issues[0], doc, 'name: 管理制度健全性', 2);
    expectAt(issues[1], doc, 'id: 制度甲', 2);
    expect(issues[0]!.message).toBe('同一上级指标下有两个名为“管理制度健全性”的指标（第 1 个和第 2 个）');
  });

  it('the same name under different parents (Hunan 管理制度健全性) is fine', () => {
    expect(lintRubric(bundledRubricSource('hunan-department')!, { checks: ['duplicates'] }).issues).toStrictEqual([]);
  });
});
