import { describe, expect, it } from 'vitest';
import { importSheet } from '../../src/import/sheet.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, only, yaml } from './lint-helpers.js';

describe('lint draft: a draft is not finished', () => {
  const doc = yaml`
    id: t
    name: 测试评分表
    version: draft
    indicators:
      # TODO: 核对分值
      - name: 甲
        max: 5
        standard: "按时报送 # TODO 不是注释"
        rule: { kind: judgement }  # TODO: 未能识别评分标准
      - name: 乙
        max: 5
        standard: |
          多行文字
          # TODO 也不是注释
        rule: { kind: judgement }
  `;

  it('version: draft and every # TODO comment are warnings, at their lines; a # inside text is not a comment', () => {
    const issues = lint(doc, 'draft');
    expect(issues.map((i) => [i.code, i.severity, i.params.text ?? i.params.version])).toStrictEqual([
      ['draft_version', 'warning', 'draft'],
      ['todo_unresolved', 'warning', '核对分值'],
      ['todo_unresolved', 'warning', '未能识别评分标准'],
    ]);
    expectAt(issues[0], doc, 'version: draft');
    expectAt(issues[1], doc, '# TODO: 核对分值');
    expectAt(issues[2], doc, '# TODO: 未能识别评分标准');
    expect(issues[1]!.message).toBe('尚未处理的 TODO：核对分值');
  });

  it('a rubric with a version and no TODO passes', () => {
    expect(lint(doc.replace('version: draft', 'version: "2024"').replace(/ *# TODO: [^\n]*/g, ''), 'draft')).toStrictEqual([]);
  });

  it('the draft jixiao import writes does not lint as “没有发现问题”: each of its TODOs is a finding', () => {
    const csv = '一级指标,二级指标,评分标准,分值\n过程,信息报送,"每出现一例扣0.5分，出现重大问题的不得分。",5\n';
    const r = importSheet(csv, { file: 'x.csv' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const report = lintRubric(r.value.yaml, { file: 'x.yaml' });
    expect(only(report.issues, 'todo_unresolved')).toHaveLength(r.value.todos);
    expect(only(report.issues, 'draft_version')).toHaveLength(1);
    expect(report.warnings).toBeGreaterThan(0);
  });
});
