import { describe, expect, it } from 'vitest';
import { lint, yaml } from './lint-helpers.js';

describe('lint version: a rubric names its version', () => {
  const sheet = (top: string) => yaml`
    id: t
    name: 测试评分表
    ${top}
    indicators:
      - { name: 甲, max: 5, rule: { kind: judgement } }
  `;

  it('a rubric without a version is a warning naming the rubric', () => {
    const issues = lint(sheet(''), 'version');
    expect(issues.map((i) => [i.code, i.severity, i.params.id])).toStrictEqual([['missing_version', 'warning', 't']]);
  });

  it('a rubric with a version passes', () => {
    expect(lint(sheet('version: "2024"'), 'version')).toStrictEqual([]);
  });
});
