/**
 * `jixiao review`: one filed form (text or JSON), and a batch (NDJSON, or CSV with --rows) with
 * its summary and a seeded sample. Run in process, as tests/examples.test.ts runs the READMEs.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { rescore } from '../src/entries/report.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);
const tmp = resolve('tests/.tmp/cli-review');
beforeAll(() => mkdirSync(tmp, { recursive: true }));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('one form, with the reviews after it (--layers): the filed form is the 自评 layer', () => {
  // 稷山 2020: filed 93 under a printed 94; 主管部门 27 → 30 and 9 → 10 (93 + 4 = 97); 财政复核 9 → 9.91 (97.91).
  it('--format json is the layered result: 自评 94 (sum 93), 主管部门 97, 财政复核 97.91, the final score', async () => {
    const r = await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--layers', 'examples/jishan-2020-peitao/layers.yaml', '--format', 'json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out);
    expect(v.layers.map((l: Record<string, unknown>) => [l.name, l.total, l.sum])).toStrictEqual([
      ['自评', '94', '93'],
      ['主管部门', '97', undefined],
      ['财政复核', '97.91', undefined],
    ]);
    expect(v.total).toBe('97.91');
    // With its audit trail (the evaluation the form was filed from): scored again, the same result.
    const again = rescore(v);
    expect(again.success && again.value.same).toBe(true);
    // The stored result draws as the 评分表 with a column per layer.
    const f = join(tmp, 'layered.json');
    writeFileSync(f, r.out);
    const sheet = await cli('sheet', f, '--format', 'md');
    expect(sheet.code).toBe(0);
    expect(sheet.out).toContain('按规则得分');
    expect(sheet.out).toContain('94（各项之和93）');
  });

  it('the 自评 layer drawn as the 评分表 (jixiao sheet) reads back with import --filed: subtotals, 94 and 优; it reviews as the form did', async () => {
    const layered = join(tmp, 'self.json');
    const sheet = join(tmp, 'self.csv');
    const back = join(tmp, 'self-filed.json');
    const empty = join(tmp, 'no-layers.yaml');
    writeFileSync(empty, '[]\n');
    expect((await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--layers', empty, '--format', 'json', '--out', layered)).code).toBe(0);
    expect((await cli('sheet', layered, '--format', 'csv', '--out', sheet)).code).toBe(0);
    const imported = await cli('import', sheet, '--rubric', 'project-self-evaluation', '--filed', '-o', back, '--lang', 'zh');
    expect(imported.code).toBe(0);
    // 10 subtotals: 3 一级 blocks and 7 二级 groups… of which 产出 has 4, 效益 1, 满意度 1: 3 + 6 = 9.
    expect(imported.err).toContain('表中自评总分 94；小计 9 项；等级 优');
    const a = await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--format', 'json');
    const b = await cli('review', 'project-self-evaluation', back, '--format', 'json');
    expect(b.err).toBe('');
    const findings = (out: string) => (JSON.parse(out).findings as Record<string, unknown>[]).map((f) => [f.class, f.indicator, f.filed, f.expected]);
    expect(findings(b.out)).toStrictEqual(findings(a.out));
  });

  it('a layer with no reason: layer_reason_required at the file’s own layer (1, not 2), with its line; exit 1', async () => {
    const f = join(tmp, 'layers-no-reason.yaml');
    writeFileSync(f, '- name: 主管部门\n  overrides: [{ indicator: 效益指标.1, score: 30, reason: 理由 }]\n- name: 财政复核\n  overrides:\n    - { indicator: 预算执行率, score: 9.91, reason: " " }\n');
    const r = await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--layers', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain('layer_reason_required');
    expect(r.err).toContain('layers-no-reason.yaml:5');
  });

  it('a layers file that is no list: invalid_type, exit 1; --layers with a batch: exit 2', async () => {
    const f = join(tmp, 'layers-map.yaml');
    writeFileSync(f, 'name: 财政复核\n');
    const r = await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--layers', f);
    expect([r.code, r.err.includes('invalid_type')]).toStrictEqual([1, true]);
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--layers', f)).code).toBe(2);
  });
});

describe('one form', () => {
  it('稷山 2020 as JSON: the review with its total by the rules beside the filed one, every finding with its class', async () => {
    const r = await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--format', 'json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out);
    expect([v.result.total, v.filed.total, v.clean, v.findings.length]).toStrictEqual(['99.77', '94', false, 7]);
  });

  it('usage: a batch option with one form, a format with a batch, a wrong format: exit 2', async () => {
    expect((await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--sample', '10%')).code).toBe(2);
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--format', 'json')).code).toBe(2);
    expect((await cli('review', 'project-self-evaluation', 'examples/jishan-2020-peitao/filed.json', '--format', 'md')).code).toBe(2);
    expect((await cli('review', 'project-self-evaluation')).code).toBe(2);
  });

  it('a form that cannot be read: its issues with file, line and column, exit 1', async () => {
    const f = join(tmp, 'bad.json');
    writeFileSync(f, '{\n  "values": {},\n  "filed": { "total": "九十" }\n}\n');
    const r = await cli('review', 'project-self-evaluation', f, '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:3:14 error invalid_number “九十”不是有效的十进制数字`);
    expect(r.err).toContain(`${f}:2:3 error input_missing`);
  });
});

describe('a batch', () => {
  it('NDJSON: one line per form: 稷山 7 findings, 普陀 the printed rate, 棠溪 clean; the summary on stderr', async () => {
    const r = await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--lang', 'zh');
    expect(r.code).toBe(0);
    const out = lines(r.out);
    expect(out.map((l) => [l.id, l.clean, l.findings.length, l.total, l.filedTotal ?? null])).toStrictEqual([
      ['JS-2020', false, 7, '99.77', '94'],
      ['PT-2022', false, 1, '98.62', '98.62'],
      ['TX-2022', true, 0, '100', null],
    ]);
    expect(out[0]!.findings.at(-1).explanation).toContain('93.91');
    expect(r.err).toContain('复核 3 份：无偏离 1 份，有偏离 2 份，无法评分 0 份');
    expect(r.err).toContain('1. JS-2020（稷山县医疗保障局）：7 处错误，偏离 6.77 分，填报总分 94 / 规则 99.77');
  });

  it('the same forms as a CSV main table and a rows table (得分 is the filed score) give the same findings', async () => {
    const a = lines((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary', 'none')).out);
    const b = lines((await cli('review', 'project-self-evaluation', 'examples/batch/filed.csv', '--rows', 'examples/batch/filed-rows.csv', '--summary', 'none')).out);
    const strip = (ls: Record<string, any>[]) => ls.map(({ line: _l, ...rest }) => rest);
    expect(strip(b)).toStrictEqual(strip(a));
  });

  it('a line that cannot be read is refused with its issues at its line in the file; the others are reviewed', async () => {
    const f = join(tmp, 'broken.ndjson');
    const good = (await import('node:fs')).readFileSync('examples/batch/filed.ndjson', 'utf8').split('\n')[2]!;
    writeFileSync(f, `${good}\n{"values": {"全年预算数": "一百"}, "filed": {}}\n{"values":\n`);
    const r = await cli('review', 'project-self-evaluation', f, '--summary', 'json');
    const out = lines(r.out);
    expect(out.map((l) => [l.line, l.clean ?? null, (l.issues ?? []).length > 0])).toStrictEqual([[1, true, false], [2, null, true], [3, null, true]]);
    expect(out[1]!.issues.every((i: { line?: number }) => i.line === 2)).toBe(true);
    expect(JSON.parse(r.err)).toMatchObject({ forms: 3, clean: 1, refused: 2 });
  });

  it('--summary json: the counts by class, the bands of filed − rule', async () => {
    const r = await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary', 'json');
    const s = JSON.parse(r.err);
    // 稷山: rule −0.91, −1.86, −3, −1; two reasons missing; 93 ≠ 94. 普陀: 86.19 ≠ 86.18.
    expect([s.forms, s.clean, s.byClass.rule, s.byClass.arithmetic, s.byClass.reason]).toStrictEqual([3, 1, { forms: 1, findings: 4 }, { forms: 2, findings: 2 }, { forms: 1, findings: 2 }]);
    expect(s.differences.map((d: { count: number }) => d.count)).toStrictEqual([0, 3, 1, 0, 0, 0]);
  });

  it('--summary-out writes the summary as a sheet: Markdown, CSV, XLSX; another extension is a usage error', async () => {
    const md = join(tmp, 'summary.md');
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary', 'none', '--summary-out', md)).code).toBe(0);
    const text = (await import('node:fs')).readFileSync(md, 'utf8');
    expect(text).toContain('# 复核汇总：项目支出绩效自评表');
    expect(text).toContain('| 1 | JS-2020 | 稷山县医疗保障局 | 7 | 6.77 | 94 | 99.77 |');
    expect(text).toContain('| 偏离规则 | 1 | 4 |');
    const csv = join(tmp, 'summary.csv');
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary', 'none', '--summary-out', csv)).code).toBe(0);
    expect((await import('node:fs')).readFileSync(csv, 'utf8')).toContain('2,PT-2022,上海市普陀区体育局,1,0,98.62,98.62');
    const xlsx = join(tmp, 'summary.xlsx');
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary', 'none', '--summary-out', xlsx)).code).toBe(0);
    expect((await import('node:fs')).readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect((await cli('review', 'project-self-evaluation', 'examples/batch/filed.ndjson', '--summary-out', join(tmp, 'summary.txt'))).code).toBe(2);
  });

  it('--sample draws the same forms for the same seed, and says what it drew', async () => {
    const many = join(tmp, 'many.ndjson');
    const base = (await import('node:fs')).readFileSync('examples/batch/filed.ndjson', 'utf8').split('\n').filter(Boolean);
    const records = Array.from({ length: 40 }, (_, i) => {
      const v = JSON.parse(base[i % 3]!);
      v.meta.id = `${v.meta.id}-${i}`;
      return JSON.stringify(v);
    });
    writeFileSync(many, `${records.join('\n')}\n`);
    const a = await cli('review', 'project-self-evaluation', many, '--sample', '10%', '--seed', '2024', '--lang', 'zh');
    const b = await cli('review', 'project-self-evaluation', many, '--sample', '10%', '--seed', '2024', '--lang', 'zh');
    // 14 + 13 + 13 forms in three departments: ⌈1.4⌉ + ⌈1.3⌉ + ⌈1.3⌉ = 6.
    expect(lines(a.out)).toHaveLength(6);
    expect(a.out).toBe(b.out);
    expect(a.err).toContain('抽查：40 份中按“主管部门”分层抽取 10%（种子 2024），共 6 份');
    expect((await cli('review', 'project-self-evaluation', many, '--sample', '0%')).code).toBe(2);
  });
});
