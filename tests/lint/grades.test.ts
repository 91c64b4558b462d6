import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, yaml } from './lint-helpers.js';

const sheet = (grades: string, extra = '') => yaml`
  id: t
  name: 测试评分表
  grades: ${grades}
  indicators:
    - { name: 甲, max: 50, rule: { kind: judgement } }
    - { name: 乙, max: 30, rule: { kind: judgement } }
${extra}`;

describe('lint grades: every grade is reachable', () => {
  it('优秀 from 90 on a sheet of 80 points is never reached', () => {
    const doc = sheet('[{ grade: 优秀, min: 90 }, { grade: 良好, min: 70 }, { grade: 差, min: 0 }]');
    const issues = lint(doc, 'grades');
    expect(issues.map((i) => [i.code, i.severity, i.message])).toStrictEqual([
      ['grade_unreachable', 'warning', '等次“优秀”永远达不到：下限 90 分高于可能的最高总分 80 分'],
    ]);
    expectAt(issues[0], doc, 'min: 90');
  });

  it('a 加分项 raises the highest total', () => {
    const doc = sheet('[{ grade: 优秀, min: 90 }, { grade: 差, min: 0 }]', '    - { name: 加分, max: 10, bonus: true, rule: { kind: judgement } }\n');
    expect(lint(doc, 'grades')).toStrictEqual([]);
  });

  it('no total with 2 decimals lies in [79.999, 80): 良好 is unreachable', () => {
    const doc = sheet('[{ grade: 优秀, min: 80 }, { grade: 良好, min: 79.999 }, { grade: 差, min: 0 }]');
    expect(lint(doc, 'grades').map((i) => i.message)).toStrictEqual(['等次“良好”永远达不到：总分保留 2 位小数，[79.999, 80) 之间没有可能的总分']);
  });

  it('passes both bundled rubrics', () => {
    for (const id of ['hunan-department', 'kunming-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['grades'] }).issues).toStrictEqual([]);
  });
});
