import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { readCsv } from './examples.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-sheets-'));

async function cli(argv: string[], io: { terminal?: boolean; bytes?: boolean } = {}) {
  let out = '';
  let err = '';
  const chunks: Uint8Array[] = [];
  const code = await run(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    stdoutIsTerminal: io.terminal ?? false,
    ...(io.bytes === false ? {} : { outBytes: (b: Uint8Array) => void chunks.push(b) }),
  });
  return { code, out, err, bytes: Buffer.concat(chunks) };
}

const yunxi = ['hunan-department', join(root, 'examples/yunxi-2021/input.json')];

describe('jixiao score --format md|html|csv|xlsx|docx [--out file]', () => {
  it('md, html and csv on standard output', async () => {
    const md = await cli(['score', ...yunxi, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| **合计** |  |  |  | 100 | 99 |  |');
    expect(md.out).toContain('单位：中共岳阳市云溪区委办公室');
    const html = await cli(['score', ...yunxi, '--format', 'html']);
    expect(html.out).toMatch(/^<!DOCTYPE html>/);
    const csv = await cli(['score', ...yunxi, '--format', 'csv']);
    expect(readCsv(csv.out.slice(1)).find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '99', '']);
  });

  it('--out writes the file; xlsx and docx are written as bytes', async () => {
    const html = join(tmp, 'sheet.html');
    const r = await cli(['score', ...yunxi, '--format', 'html', '--out', html]);
    expect([r.code, r.out]).toEqual([0, '']);
    expect(readFileSync(html, 'utf8')).toContain('<td class="head" rowspan="3">投入（15分）');
    const xlsx = join(tmp, 'sheet.xlsx');
    expect((await cli(['score', ...yunxi, '--format', 'xlsx', '--out', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('湖南省部门整体支出绩效评价评分表');
    const docx = await cli(['score', ...yunxi, '--format', 'docx']);
    expect(docx.code).toBe(0);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses to write XLSX or DOCX to a terminal: exit 2, and says what to do', async () => {
    for (const format of ['xlsx', 'docx']) {
      const r = await cli(['score', ...yunxi, '--format', format, '--lang', 'zh'], { terminal: true });
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`<input> error output_is_terminal ${format.toUpperCase()}是二进制文件，不能输出到终端：请用 --out 文件名，或重定向到文件\n`);
    }
    // A text format still goes to the terminal.
    expect((await cli(['score', ...yunxi, '--format', 'md'], { terminal: true })).code).toBe(0);
  });

  it('an unknown format is a usage error', async () => {
    const r = await cli(['score', ...yunxi, '--format', 'pdf', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('--format 应为 table、json、md、html、csv、xlsx 或 docx · --format must be table or json or md or html or csv or xlsx or docx\n');
  });

  it.runIf(existsSync(join(root, 'dist/cli.cjs')))('the built command writes the 汨罗 project form to an .xlsx file', () => {
    const out = join(tmp, 'miluo.xlsx');
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), 'score', 'project-self-evaluation', join(root, 'examples/miluo-2018-project/input.json'), '--format', 'xlsx', '--out', out], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('jixiao diff a.json b.json', () => {
  const selfFile = join(tmp, '自评.json');
  const reviewFile = join(tmp, '财政评价.json');
  const reviewInput = join(tmp, 'review-input.json');
  const input = JSON.parse(readFileSync(join(root, 'examples/yunxi-2021/input.json'), 'utf8'));
  writeFileSync(reviewInput, JSON.stringify({ ...input, values: { ...input.values, 资金使用不合规例数: 1 } }));

  it('stored results side by side in every format; the file names label the columns', async () => {
    writeFileSync(selfFile, (await cli(['score', ...yunxi])).out);
    writeFileSync(reviewFile, (await cli(['score', 'hunan-department', reviewInput])).out);
    const md = await cli(['diff', selfFile, reviewFile]);
    expect([md.code, md.err]).toEqual([0, '']);
    expect(md.out).toContain('| 一级指标 | 二级指标 | 三级指标 | 分值 | 自评.json得分 | 财政评价.json得分 | 差额 |');
    expect(md.out).toContain('| **合计** |  |  | 100 | 99 | 98 | -1 |  |  |');
    const labelled = await cli(['diff', selfFile, reviewFile, '--labels', '自评,复核', '--format', 'csv']);
    expect(readCsv(labelled.out.slice(1)).find((r) => r[0] === '合计')).toEqual(['合计', '', '', '100', '99', '98', '-1', '', '']);
    const json = JSON.parse((await cli(['diff', selfFile, reviewFile, '--format', 'json'])).out);
    expect([json.delta, json.changed]).toEqual(['-1', 1]);
    expect((await cli(['diff', selfFile, reviewFile, '--format', 'html'])).out).toContain('<tr class="leaf changed"');
    expect((await cli(['diff', selfFile, reviewFile, '--format', 'xlsx'])).bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await cli(['diff', selfFile, reviewFile, '--format', 'docx'], { terminal: true })).code).toBe(2);
  });

  it('another version: compared by id, and the warning on stderr', async () => {
    const other = JSON.parse(readFileSync(reviewFile, 'utf8'));
    other.rubric.version = '2022';
    const f = join(tmp, '2022.json');
    writeFileSync(f, JSON.stringify(other));
    const r = await cli(['diff', selfFile, f]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('⚠ 两份结果来自评分表的不同版本（2021 与 2022），按指标 id 对照\n');
  });

  it('a file that is not a result: exit 1, naming it', async () => {
    const r = await cli(['diff', selfFile, join(root, 'examples/yunxi-2021/input.json'), '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(root, 'examples/yunxi-2021/input.json')}:1:1 error result_invalid “${join(root, 'examples/yunxi-2021/input.json')}”不是 jixiao 的评分结果（jixiao score 输出的 JSON）：缺少 rubric、total 或 indicators\n`);
    expect((await cli(['diff', selfFile])).code).toBe(2);
  });
});
