import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { bundledRubricIds, bundledRubricSource, messagesZh } from '../../src/index.js';
import { lintChecks, lintRubric } from '../../src/entries/authoring.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-lint-'));

describe('lintRubric', () => {
  it('every check has its own test file with a failing and a passing case', () => {
    for (const c of lintChecks) expect(existsSync(new URL(`./${c.name}.test.ts`, import.meta.url)), c.name).toBe(true);
    expect(new Set(lintChecks.map((c) => c.name)).size).toBe(lintChecks.length);
  });

  it('every bundled rubric is clean, the variant included', () => {
    for (const id of bundledRubricIds) {
      const r = lintRubric(bundledRubricSource(id)!, { file: `rubrics/${id}.yaml` });
      expect(r.issues.filter((i) => i.severity !== 'info'), id).toStrictEqual([]);
      expect([r.errors, r.warnings], id).toStrictEqual([0, 0]);
      // what is left is only what could not be compared: the Kunming sheet's narrative targets
      expect(r.issues.every((i) => i.code === 'standard_unread' && i.severity === 'info'), id).toBe(true);
      expect(r.rubric?.id).toBe(id);
    }
  });

  it('a document that cannot be read is reported like the loader reports it, and no check runs', () => {
    const r = lintRubric('id: t\nname: [\n', { file: 'bad.yaml' });
    expect(r.issues.map((i) => i.code)).toStrictEqual(['yaml_syntax']);
    expect(r.errors).toBe(1);
  });

  it('a schema error stops the checks but is reported with its line', () => {
    const r = lintRubric('id: t\nname: t\nindicators:\n  - { name: a, max: 5, rule: { kind: per_unit } }\n', { file: 't.yaml' });
    expect(r.issues.every((i) => i.source?.line === 4)).toBe(true);
    expect(r.errors).toBeGreaterThan(0);
  });

  it('a variant is linted as resolved: findings in inherited indicators point into the base file, after the variant’s own', () => {
    const variant = [
      'extends: hunan-department',
      'id: county',
      'name: 县级变体',
      'overrides:',
      '  公务卡刷卡率:',
      '    max: 4',
      '    rule: { kind: per_unit, value: 公务卡刷卡率, standard: 50, direction: below, points: 0.02 }',
      '',
    ].join('\n');
    const r = lintRubric(variant, { file: 'county.yaml' });
    expect(r.issues.map((i) => [i.code, i.source?.file])).toStrictEqual([
      ['total_max_mismatch', 'county.yaml'],
      ['per_unit_never_zero', 'county.yaml'],
      ['children_max_mismatch', 'rubrics/hunan-department.yaml'],
      ['standard_mismatch', 'rubrics/hunan-department.yaml'],
    ]);
    const base = bundledRubricSource('hunan-department')!.split('\n');
    const at = (i: number) => base[r.issues[i]!.source!.line - 1]!.trim();
    expect(at(2)).toBe('max: 15'); // 预算管理
    expect(at(3).startsWith('standard:')).toBe(true); // 公务卡刷卡率
    expect(r.issues[1]!.source!.line).toBe(7);
  });

  it('warnings alone leave errors at 0', () => {
    const r = lintRubric({ id: 't', name: 't', version: '1', inputs: { 多余: { type: 'number' } }, indicators: [{ name: 'a', max: 5, rule: { kind: 'judgement' } }] });
    expect([r.errors, r.warnings, r.issues[0]!.code]).toStrictEqual([0, 1, 'unused_input']);
  });

  it('every issue code has a message in both languages (lint codes included)', () => {
    for (const code of ['total_max_mismatch', 'band_gap', 'band_overlap', 'band_unreachable', 'max_unreachable', 'per_unit_never_zero', 'per_unit_never_deducts', 'per_unit_steep', 'unused_input', 'unused_metric', 'duplicate_sibling_name', 'grade_unreachable', 'standard_mismatch', 'sheet_invalid'])
      expect(Object.keys(messagesZh)).toContain(code);
  });
});

describe('jixiao lint', () => {
  it('prints the Kunming sheet as printed: three errors, exit 1', () => {
    const r = cli('lint', 'tests/fixtures/kunming-as-printed.yaml', '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'tests/fixtures/kunming-as-printed.yaml:76:1 error total_max_mismatch 各末级指标分值合计 102 分，与一级指标分值合计 100 分不一致（按末级指标合计：部门决策 35 / 部门管理 23 / 部门绩效 44）',
        'tests/fixtures/kunming-as-printed.yaml:176:5 error children_max_mismatch [部门管理] 下级指标分值之和为 23 分，与本级分值 20 分不一致',
        'tests/fixtures/kunming-as-printed.yaml:280:5 error children_max_mismatch [部门绩效] 下级指标分值之和为 44 分，与本级分值 45 分不一致',
        '✖ tests/fixtures/kunming-as-printed.yaml: 3 个错误，0 个警告；11 条评分标准未能读取，未与规则比对（基本支出预算执行率、项目支出预算执行率、预算调整情况 等）',
        '',
      ].join('\n'),
    );
  });

  it('bundled ids and files, several at once; clean rubrics exit 0', () => {
    const r = cli('lint', 'hunan-department', 'rubrics/kunming-department.yaml', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toBe('✔ rubrics/hunan-department.yaml: no problems\n✔ rubrics/kunming-department.yaml: no problems; 11 standards not read, not compared with the rule (基本支出预算执行率, 项目支出预算执行率, 预算调整情况, …)\n');
  });

  it('warnings only: exit 0, with the warning printed', () => {
    const f = join(tmp, 'warn.yaml');
    writeFileSync(f, 'id: t\nname: t\nversion: "1"\ninputs:\n  多余: { type: number }\nindicators:\n  - { name: a, max: 5, rule: { kind: judgement } }\n');
    const r = cli('lint', f, '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${f}:5:3 warning unused_input 输入数据“多余”没有被任何评分规则或派生指标使用，每次评价却必须填写（不参与计分的数据请设 optional: true）\n⚠ ${f}: 0 个错误，1 个警告\n`);
  });

  it('--format json gives every issue for tools', () => {
    const r = cli('lint', 'tests/fixtures/kunming-as-printed.yaml', 'hunan-department', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.errors).toBe(3);
    expect(json.warnings).toBe(0);
    expect(json.files.map((f: { file: string; errors: number }) => [f.file, f.errors])).toStrictEqual([
      ['tests/fixtures/kunming-as-printed.yaml', 3],
      ['rubrics/hunan-department.yaml', 0],
    ]);
    expect(json.files[0].issues[1]).toMatchObject({
      code: 'children_max_mismatch', severity: 'error', path: ['indicators', 1, 'max'], indicator: '部门管理',
      source: { file: 'tests/fixtures/kunming-as-printed.yaml', line: 176, column: 5 },
      messageEn: "children's maxima add up to 23, not to this indicator's max 20",
    });
  });

  it('a missing file is an error; no argument or a bad --format is a usage error', () => {
    expect(cli('lint', join(tmp, 'nope.yaml')).code).toBe(1);
    expect(cli('lint').code).toBe(2);
    expect(cli('lint', 'hunan-department', '--format', 'xml').code).toBe(2);
  });
});
