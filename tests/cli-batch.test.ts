/**
 * `jixiao batch`, run as a user runs it: the built command (dist/cli.cjs) in its own process, on
 * files and on standard input, with and without worker threads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledRubric, safeEvaluate, type EvaluationInput } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';
import { scoreRecords, type RawRecord, type ScoreSetup } from '../src/cli/batch/score.js';

const bin = resolve('dist/cli.cjs');
const tmp = resolve('tests/.tmp/cli-batch');
const hunan = loadBundledRubric('hunan-department');
const file = (name: string, text: string | Uint8Array) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
function batch(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, 'batch', ...args], { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const parsed = (s: string) => lines(s).map((l) => JSON.parse(l) as Record<string, unknown>);
const SEED = process.env.JIXIAO_SEED !== undefined ? Number(process.env.JIXIAO_SEED) : Math.floor(Math.random() * 2 ** 31);
console.log(`cli-batch seed ${SEED}`);

// Generated Hunan records, a few of them broken the ways files break.
const generated: string[] = fc.sample(arbitraryInput(hunan), { numRuns: 600, seed: SEED }).map((r, i) => JSON.stringify({ meta: { id: `R${i}`, 主管部门: ['教育局', '财政局', '卫健委'][i % 3] }, ...r }));
generated[17] = '{"values": {"在职人数": 31,';
generated[250] = generated[250]!.replace(/"编制人数":"?[\d.]+"?/, '"编制人数":"三十四"');
generated[420] = 'not json at all';

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.runIf(existsSync(bin))('jixiao batch', () => {
  it('scores examples/batch/records.ndjson: the Yunxi record is 99, 优秀, every line is what evaluate gives, exit 0, a summary on stderr', () => {
    const r = batch(['hunan-department', 'examples/batch/records.ndjson', '--workers', '0', '--lang', 'zh']);
    expect(r.code).toBe(0);
    const out = parsed(r.out);
    expect(out[0]).toMatchObject({ index: 0, line: 1, id: 'YX-2021-01', total: '99', max: '100', grade: '优秀' });
    const records = lines(readFileSync('examples/batch/records.ndjson', 'utf8'));
    out.forEach((o, i) => {
      const e = safeEvaluate(hunan, records[i]!);
      if (!e.success) throw new Error(`record ${i} does not score`);
      expect([o.total, o.grade]).toStrictEqual([e.value.total, e.value.grade]);
    });
    expect(r.err).toMatch(/^✔ examples\/batch\/records\.ndjson：5 条记录，评分 5 条，有错误 0 条\n/);
    expect(r.err).toContain('等次: 优秀 4 · 良好 1 · 中 0 · 差 0');
  });

  it('a percentage written as a fraction (0.95 for 95%) is warned of at its line and its key’s column, in one thread and in two workers', () => {
    const base = JSON.parse(readFileSync('examples/batch/records.ndjson', 'utf8').split('\n')[0]!) as { values: Record<string, unknown> };
    const texts = [
      JSON.stringify(base),
      JSON.stringify({ ...base, values: { ...base.values, 公务卡刷卡率: '0.95' } }),
      JSON.stringify({ meta: { id: 'F1', 主管部门: '卫生健康委' }, ...base, values: { ...base.values, 公务卡刷卡率: 0.5, 政府采购执行率: 1 } }),
    ];
    const f = file('fraction.ndjson', `${texts.join('\n')}\n`);
    const one = batch(['hunan-department', f, '--workers', '0']);
    expect(one.code).toBe(0);
    const out = parsed(one.out);
    expect(out[0]!.warnings).toBeUndefined();
    // Line 2: one warning at "公务卡刷卡率"; line 3: two, in the rubric's order (政府采购执行率 first).
    const at = (line: number, key: string) => ({ path: ['values', key], line, column: texts[line - 1]!.indexOf(`"${key}":`) + 1 });
    const where = (o: Record<string, unknown>) => (o.warnings as { code: string; path: string[]; line: number; column: number }[]).map((w) => ({ code: w.code, path: w.path, line: w.line, column: w.column }));
    expect(where(out[1]!)).toStrictEqual([{ code: 'percent_as_fraction', ...at(2, '公务卡刷卡率') }]);
    expect(where(out[2]!)).toStrictEqual([{ code: 'percent_as_fraction', ...at(3, '政府采购执行率') }, { code: 'percent_as_fraction', ...at(3, '公务卡刷卡率') }]);
    expect(batch(['hunan-department', f, '--workers', '2']).out).toBe(one.out);
  });

  it('examples/batch/records.csv (the column convention) gives the same scores as the NDJSON file', () => {
    const csv = batch(['hunan-department', 'examples/batch/records.csv', '--workers', '0']);
    const nd = batch(['hunan-department', 'examples/batch/records.ndjson', '--workers', '0']);
    expect(csv.code).toBe(0);
    const strip = (s: string) => parsed(s).map(({ line, ...rest }) => (void line, rest));
    expect(strip(csv.out)).toStrictEqual(strip(nd.out));
    expect(parsed(csv.out).map((o) => o.line)).toStrictEqual([2, 3, 4, 5, 6]);
  });

  it('output is byte-identical in one thread, one worker and two workers, and each line is that record scored alone', () => {
    const input = file('gen.ndjson', `${generated.join('\n')}\n`);
    const runs = ['0', '1', '2'].map((w) => batch(['hunan-department', input, '--workers', w, '--full', '--summary', 'none']));
    expect(runs.map((r) => r.code)).toStrictEqual([1, 1, 1]);
    expect(runs[1]!.out).toBe(runs[0]!.out);
    expect(runs[2]!.out).toBe(runs[0]!.out);
    const out = parsed(runs[0]!.out);
    expect(out.length).toBe(generated.length);
    out.forEach((o, i) => {
      const alone = safeEvaluate(hunan, generated[i]!);
      expect(o.index).toBe(i);
      expect(o.line).toBe(i + 1);
      if (alone.success) expect(JSON.stringify(o.result)).toBe(JSON.stringify(alone.value));
      else expect((o.issues as { code: string }[]).map((x) => x.code)).toStrictEqual(alone.issues.map((x) => x.code));
    });
    expect([17, 250, 420].map((i) => 'issues' in out[i]!)).toStrictEqual([true, true, true]);
  });

  it('chunks do not change the output: scoring records in any split gives the same text as all at once', () => {
    const setup: ScoreSetup = { rubric: hunan, file: 'in', format: 'ndjson', full: false, idFields: ['id'] };
    const records: RawRecord[] = generated.slice(0, 60).map((text, i) => ({ line: i + 1, text }));
    const whole = scoreRecords(setup, records, 0).text;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 59 }), { maxLength: 6 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), 60];
        let text = '';
        for (let k = 0; k + 1 < at.length; k++) text += scoreRecords(setup, records.slice(at[k], at[k + 1]), at[k]!).text;
        expect(text).toBe(whole);
      }),
      { numRuns: 20 },
    );
  });

  it('a malformed line gets an issue with its line number, the batch goes on, exit 1; the summary counts it', () => {
    const good = readFileSync('examples/batch/records.ndjson', 'utf8').split('\n');
    const input = file('bad-line.ndjson', [good[0], '{"values": {"在职人数": 31', good[1], ''].join('\n'));
    const r = batch([`hunan-department`, input, '--workers', '0', '--lang', 'en', '--summary', 'json']);
    expect(r.code).toBe(1);
    const out = parsed(r.out);
    expect(out.map((o) => [o.line, 'total' in o ? o.total : (o.issues as { code: string; line: number }[])[0]!.code])).toStrictEqual([
      [1, '99'],
      [2, 'yaml_syntax'],
      [3, '93.06'],
    ]);
    expect((out[1]!.issues as { line: number }[])[0]!.line).toBe(2);
    const summary = JSON.parse(r.err);
    expect(summary).toMatchObject({ records: 3, scored: 2, errors: 1, interrupted: false, firstErrors: [{ index: 1, line: 2, code: 'yaml_syntax' }] });
  });

  it('a last line cut off (a truncated file) is record_truncated', () => {
    const good = readFileSync('examples/batch/records.ndjson', 'utf8');
    const input = file('cut.ndjson', good.slice(0, good.length - 200));
    const r = batch(['hunan-department', input, '--workers', '0', '--lang', 'en']);
    expect(r.code).toBe(1);
    const last = parsed(r.out).at(-1)!;
    expect((last.issues as { code: string; message: string }[])[0]).toMatchObject({ code: 'record_truncated', line: 5 });
    expect(r.err).toContain(`${input}:5 record_truncated the last line is incomplete (was the file cut off?)`);
  });

  it('a BOM and CRLF line ends score as the plain file does', () => {
    const plain = readFileSync('examples/batch/records.ndjson', 'utf8');
    const input = file('bom-crlf.ndjson', `\uFEFF${plain.replace(/\n/g, '\r\n')}`);
    const a = batch(['hunan-department', input, '--workers', '0', '--summary', 'none']);
    const b = batch(['hunan-department', 'examples/batch/records.ndjson', '--workers', '0', '--summary', 'none']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const csv = file('bom-crlf.csv', `\uFEFF${readFileSync('examples/batch/records.csv', 'utf8').replace(/\n/g, '\r\n')}`);
    const c = batch(['hunan-department', csv, '--workers', '0', '--summary', 'none']);
    const d = batch(['hunan-department', 'examples/batch/records.csv', '--workers', '0', '--summary', 'none']);
    expect(c.out).toBe(d.out);
  });

  it('an empty file, a header-only CSV and a GBK file each get a clear message, exit 1', () => {
    const empty = file('empty.ndjson', '');
    expect(batch(['hunan-department', empty, '--lang', 'zh'])).toStrictEqual({ code: 1, out: '', err: `${empty}:1:1 error batch_empty “${empty}”是空文件，没有要评分的记录\n` });
    const header = readFileSync('examples/batch/records.csv', 'utf8').split('\n')[0]!;
    const only = file('header.csv', `${header}\n`);
    expect(batch(['hunan-department', only, '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${only}:1:1 error batch_empty "${only}" has a header and no rows\n` });
    // 在职人数,编制人数 in GBK, as Excel saves a CSV on a Chinese Windows
    const gbk = file('gbk.csv', Buffer.from([0xd4, 0xda, 0xd6, 0xb0, 0xc8, 0xcb, 0xca, 0xfd, 0x2c, 0xb1, 0xe0, 0xd6, 0xc6, 0xc8, 0xcb, 0xca, 0xfd, 0x0a, 0x33, 0x31, 0x2c, 0x33, 0x34, 0x0a]));
    const g = batch(['hunan-department', gbk, '--lang', 'zh']);
    expect(g).toStrictEqual({ code: 1, out: '', err: `${gbk}:1:1 error encoding_invalid 文件不是有效的 UTF-8 编码（看起来是 GBK/GB18030 编码），请另存为 UTF-8\n` });
  });

  it('CSV: a missing and an unknown column are named at the header, exit 1', () => {
    const text = readFileSync('examples/batch/records.csv', 'utf8').replace('编制人数,', '编制数,');
    const input = file('cols.csv', text);
    const r = batch(['hunan-department', input, '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(lines(r.err)).toStrictEqual([
      `${input}:1:5 error column_unknown 表格的列“编制数”既不是评分表声明的输入数据（名称或 label），也不是指标的评价列；是否应为“编制人数”？（列名约定见 README“批量评分”）`,
      `${input}:1:1 error column_missing 表格缺少列“编制人数”（输入数据，或其 label“核定编制人数”）`,
    ]);
  });

  it('--format csv: one row per record with its id, total, grade and every leaf score; --rank-by 主管部门 ranks within each department', () => {
    const r = batch(['hunan-department', 'examples/batch/records.ndjson', '--format', 'csv', '--rank-by', '主管部门', '--id', 'id,单位名称', '--workers', '0']);
    expect(r.code).toBe(0);
    const rows = lines(r.out).map((l) => l.split(','));
    expect(rows[0]!.slice(0, 9)).toStrictEqual(['index', '排名', 'line', 'id', '单位名称', '主管部门', '总分', '满分', '等次']);
    expect(rows[0]!.length).toBe(9 + 23 + 1);
    const nd = parsed(batch(['hunan-department', 'examples/batch/records.ndjson', '--workers', '0']).out);
    rows.slice(1).forEach((row, i) => {
      expect(row[6]).toBe(nd[i]!.total);
      expect(row.slice(9, 32)).toStrictEqual(Object.values(nd[i]!.scores as object));
    });
    // 区委: 99, 93.06 → 1, 2; 区政府: 81.27, 95.3, 95.53 → 3, 2, 1
    expect(rows.slice(1).map((row) => [row[3], row[5], row[1]])).toStrictEqual([
      ['YX-2021-01', '区委', '1'],
      ['EX-02', '区委', '2'],
      ['EX-03', '区政府', '3'],
      ['EX-04', '区政府', '2'],
      ['EX-05', '区政府', '1'],
    ]);
  });

  it('--rank puts 排名 into each NDJSON line; equal totals share a rank', () => {
    const yunxi = readFileSync('examples/batch/records.ndjson', 'utf8').split('\n')[0]!;
    const input = file('ties.ndjson', `${[yunxi, yunxi.replace('YX-2021-01', 'copy'), '{}', readFileSync('examples/batch/records.ndjson', 'utf8').split('\n')[1]].join('\n')}\n`);
    const out = parsed(batch(['hunan-department', input, '--rank', '--workers', '2']).out);
    expect(out.map((o) => [o.id, o.排名])).toStrictEqual([
      ['YX-2021-01', 1],
      ['copy', 1],
      [null, null],
      ['EX-02', 3],
    ]);
  });

  it('a project form takes its rows from each NDJSON record (Miluo 2018: 97.86, 优); a CSV for it without --rows is a usage error', () => {
    const miluo = JSON.stringify(JSON.parse(readFileSync('examples/miluo-2018-project/input.json', 'utf8')));
    const input = file('projects.ndjson', `${miluo}\n${miluo}\n`);
    const r = batch(['project-self-evaluation', input, '--summary', 'none']);
    expect(r.code).toBe(0);
    expect(parsed(r.out).map((o) => [o.total, o.grade])).toStrictEqual([
      ['97.86', '优'],
      ['97.86', '优'],
    ]);
    const csv = batch(['project-self-evaluation', 'examples/batch/records.csv', '--lang', 'en']);
    expect(csv).toStrictEqual({ code: 2, out: '', err: "this rubric's indicator rows (the project form) come with each record: give them in a second table keyed by record id (--rows rows.csv), or use NDJSON with rows nested in each record\n" });
  });

  it('reads standard input (-), and --out writes a file', () => {
    const out = join(tmp, 'out.ndjson');
    const r = batch(['hunan-department', '-', '--out', out, '--workers', '0', '--summary', 'none'], readFileSync('examples/batch/records.ndjson', 'utf8'));
    expect(r).toStrictEqual({ code: 0, out: '', err: '' });
    expect(parsed(readFileSync(out, 'utf8')).map((o) => o.total)).toStrictEqual(['99', '93.06', '81.27', '95.3', '95.53']);
  });

  it('usage errors exit 2: old binary Excel (.xls), a bad --workers, --format or --summary, a missing argument', () => {
    const x = batch(['hunan-department', 'records.xls', '--lang', 'en']);
    expect(x).toStrictEqual({ code: 2, out: '', err: 'old binary Excel files (.xls) are not read: save the sheet as an .xlsx workbook or as CSV (UTF-8)\n' });
    for (const args of [['--workers', 'many'], ['--format', 'xml'], ['--summary', 'yaml']]) expect(batch(['hunan-department', 'examples/batch/records.ndjson', ...args]).code).toBe(2);
    expect(batch(['hunan-department']).code).toBe(2);
  });

  for (const workers of ['0', '2']) {
    it(`Ctrl-C (SIGINT) leaves complete lines only in the output, exit 130 (--workers ${workers})`, async () => {
      const out = join(tmp, `sigint-${workers}.ndjson`);
      const child = spawn(process.execPath, [bin, 'batch', 'hunan-department', '-', '--out', out, '--full', '--workers', workers], { stdio: ['pipe', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      // 300 records and the input left open: the first 256 are scored and written, the rest wait.
      child.stdin.write(`${generated.slice(0, 300).join('\n')}\n`);
      const deadline = Date.now() + 50_000;
      while (Date.now() < deadline && !(existsSync(out) && statSync(out).size > 0 && readFileSync(out, 'utf8').split('\n').length > 256)) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const text = readFileSync(out, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const got = parsed(text);
      expect(got.length).toBe(256);
      got.forEach((o, i) => expect(o.index).toBe(i));
      expect(err).toContain('(interrupted)');
    }, 60_000);
  }
});

// For the types: a record as the API takes it.
void ({} as EvaluationInput);
