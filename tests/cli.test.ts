import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { formatIssues, type Issue } from '../src/index.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('jixiao score', () => {
  it('prints a warning beside the score on stderr, exit 0: a 加分项 formula below 0', () => {
    const rubric = file('bn.yaml', 'id: bn\nname: bn\nversion: "1"\ninputs:\n  n: { type: count }\nindicators:\n  - { id: a, name: a, max: 10, rule: { kind: judgement } }\n  - { id: b, name: b, max: 5, bonus: true, rule: { kind: formula, score: "0 - 2 * n" } }\n');
    const input = file('bn.json', '{"values":{"n":2},"assessments":{"a":{"score":10}}}');
    const r = cli('score', rubric, input, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).total).toBe('10');
    expect(r.err).toMatch(/warning bonus_negative/);
  });
  it('prints the JSON result with total, max, grade and the indicator tree', () => {
    const r = cli('score', 'rubrics/hunan-department.yaml', 'examples/yunxi-2021/input.json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ total: '99', max: '100', grade: '优秀' });
    expect(Object.keys(json.indicators[0])).toEqual(expect.arrayContaining(['name', 'max', 'score', 'deductions']));
  });

  it('accepts a bundled rubric id instead of a path', () => {
    const r = cli('score', 'hunan-department', 'examples/yunxi-2021/input.json');
    expect(JSON.parse(r.out).total).toBe('99');
  });

  it('--format table prints a readable sheet with the total and grade', () => {
    const r = cli('score', 'hunan-department', 'examples/yunxi-2021/input.json', '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/总分\s+100\s+99\s+等次：优秀/);
    expect(r.out).toContain('相关管理制度需进一步健全完善');
  });

  it('reports a bad input figure with file:line:col, code and a Chinese message, exit 1', () => {
    const input = file('bad-input.json', '{\n  "values": {\n    "在职人数": "三十一"\n  }\n}\n');
    const r = cli('score', 'hunan-department', input, '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${input}:3:5 error invalid_number`);
    expect(r.err).toContain('“三十一”不是有效的十进制数字');
    expect(r.err).toContain('input_missing');
  });

  it('names a missing file', () => {
    const r = cli('score', 'hunan-department', join(tmp, 'nope.json'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_not_found');
  });

  it('names an unknown bundled rubric and lists the available ones', () => {
    const r = cli('score', 'no-such-rubric', 'examples/yunxi-2021/input.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown_bundled_rubric');
    expect(r.err).toContain('hunan-department');
  });

  it('rejects a bad --format with exit 2', () => {
    expect(cli('score', 'hunan-department', 'examples/yunxi-2021/input.json', '--format', 'xml').code).toBe(2);
  });
});

describe('jixiao validate', () => {
  it('accepts the bundled rubrics', () => {
    const r = cli('validate', 'rubrics/hunan-department.yaml', 'kunming-department');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔ rubrics/hunan-department.yaml');
  });

  it('prints errors like a compiler: file:line:col error code message', () => {
    const bad = file('bad.yaml', 'id: t\nname: 测试\nindicators:\n  - name: 一\n    max: 5\n    rule: { kind: per_unit, value: 比率, standard: 100, direction: above, points: 0.5 }\n');
    const r = cli('validate', bad, '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`${bad}:6:29 error unknown_name [一] 公式中的“比率”既不是已声明的输入数据，也不是派生指标`);
  });
});

describe('the built command', () => {
  const bin = 'dist/cli.cjs';
  it.runIf(existsSync(bin))('runs with node, exits non-zero on errors and never prints a stack trace', () => {
    const ok = spawnSync(process.execPath, [bin, 'score', 'hunan-department', 'examples/yunxi-2021/input.json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).grade).toBe('优秀');
    const bad = spawnSync(process.execPath, [bin, 'score', 'hunan-department', 'package.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const usage = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('用法');
  });
});

describe('--lang en', () => {
  it('gives English success lines, table headings and issue labels', () => {
    expect(cli('validate', 'hunan-department', '--lang', 'en').out).toBe('✔ hunan-department: 湖南省部门整体支出绩效评价评分表 — 33 indicators (23 leaves), max 100\n');
    expect(cli('lint', 'hunan-department', '--lang', 'en').out).toBe('✔ rubrics/hunan-department.yaml: no problems\n');
    const table = cli('score', 'hunan-department', 'examples/yunxi-2021/input.json', '--format', 'table', '--lang', 'en').out.split('\n');
    expect(table[1]).toMatch(/^Indicator +Max +Score +Deductions and remarks$/);
    expect(table.at(-2)).toMatch(/^Total +100 +99 +Grade: 优秀$/);
    const sheet = file('en.csv', '一级指标,评分标准,分值\n决策,评价人评分,100\n');
    expect(cli('import', sheet, '--lang', 'en').err).toMatch(/^✔ .*en\.csv: 1 indicator \(1 leaf\), 0 standards read as rules, \d+ TODOs? to resolve\n$/);
  });

  it('formatIssues labels the indicator and line in the language asked for', () => {
    const issue: Issue = { code: 'usage', severity: 'error', path: ['values', 'x'], indicator: '投入', message: '中文', messageEn: 'English', params: {}, source: { line: 2, column: 3 } };
    expect(formatIssues([issue], { language: 'en' })).toBe('✖ English\n  → at values.x · indicator 投入 · line 2:3');
    expect(formatIssues([issue], { language: 'zh' })).toBe('✖ 中文\n  → at values.x · 指标 投入 · 行 2:3');
  });
});
