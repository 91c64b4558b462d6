/**
 * `jixiao batch --rows`: project forms (项目支出绩效自评表) from a main table and a second table of
 * indicator rows keyed by record id, against the same records as NDJSON with their rows nested.
 * The records are examples/batch/projects.*: Miluo 2018 (97.86), Putuo 2022 (98.62) and Tangxi
 * 2022 (100), each as its example scores it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Excel from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../src/import/table.js';
import { loadBundledRubric, type EvaluationInput } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';

const bin = resolve('dist/cli.cjs');
const tmp = resolve('tests/.tmp/cli-batch-rows');
const MAIN = 'examples/batch/projects.csv';
const ROWS = 'examples/batch/project-rows.csv';
const NDJSON = 'examples/batch/projects.ndjson';
const path = (name: string) => join(tmp, name);
function batch(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'batch', 'project-self-evaluation', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const parsed = (s: string) => lines(s).map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutLine = (s: string) => parsed(s).map(({ line, ...rest }) => (void line, rest));
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvText = (rows: string[][]) => `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
const rowsTable = readCsv(readFileSync(ROWS, 'utf8')).filter((r) => r.some((c) => c !== ''));
const mainTable = readCsv(readFileSync(MAIN, 'utf8')).filter((r) => r.some((c) => c !== ''));
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |node:internal/);

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.runIf(existsSync(bin))('jixiao batch --rows', () => {
  it('the example pair scores as the NDJSON with nested rows: Miluo 97.86, Putuo 98.62, Tangxi 100, full results identical, in one thread and two workers', () => {
    const nd = batch([NDJSON, '--full', '--summary', 'none', '--workers', '0']);
    expect(nd.code).toBe(0);
    for (const workers of ['0', '2']) {
      const t = batch([MAIN, '--rows', ROWS, '--full', '--summary', 'none', '--workers', workers]);
      expect(t.code).toBe(0);
      expect(withoutLine(t.out)).toStrictEqual(withoutLine(nd.out));
      expect(parsed(t.out).map((o) => [o.line, o.id, (o.result as { total: string }).total, (o.result as { grade: string }).grade])).toStrictEqual([
        [2, 'ML-2018', '97.86', '优'],
        [3, 'PT-2022', '98.62', '优'],
        [4, 'TX-2022', '100', '优'],
      ]);
    }
  });

  it('property: the rows of different records interleaved in any order, the main table in any order, give each record the same output', () => {
    const byId = new Map<string, string[][]>();
    for (const r of rowsTable.slice(1)) byId.set(r[0]!, [...(byId.get(r[0]!) ?? []), r]);
    const alone = new Map(parsed(batch([MAIN, '--rows', ROWS, '--summary', 'none', '--workers', '0']).out).map((o) => [o.id, o]));
    fc.assert(
      fc.property(fc.shuffledSubarray(mainTable.slice(1), { minLength: 3, maxLength: 3 }), fc.array(fc.nat(2), { minLength: rowsTable.length - 1, maxLength: rowsTable.length - 1 }), (main, picks) => {
        // Deal the rows out: at each step, the next row of the picked record (or of the next one with rows left).
        const queues = [...byId.values()].map((q) => [...q]);
        const dealt: string[][] = [];
        for (const p of picks) {
          const q = [0, 1, 2].map((k) => queues[(p + k) % 3]!).find((x) => x.length)!;
          dealt.push(q.shift()!);
        }
        writeFileSync(path('main.csv'), csvText([mainTable[0]!, ...main]));
        writeFileSync(path('rows.csv'), csvText([rowsTable[0]!, ...dealt]));
        const r = batch([path('main.csv'), '--rows', path('rows.csv'), '--summary', 'none', '--workers', '0']);
        expect(r.code).toBe(0);
        for (const o of parsed(r.out)) {
          const { index, line, ...rest } = o;
          void index, void line;
          const { index: i2, line: l2, ...want } = alone.get(o.id)!;
          void i2, void l2;
          expect(rest).toStrictEqual(want);
        }
      }),
      { numRuns: 5 },
    );
  });

  it('property: generated project forms give the same full results from the two tables as from NDJSON with nested rows, in one thread and two workers', () => {
    const rubric = loadBundledRubric('project-self-evaluation');
    type Row = { group?: string; name: string; target?: string; actual?: string; weight: string; level?: string; score?: string; reason?: string };
    fc.assert(
      fc.property(fc.array(arbitraryInput(rubric), { minLength: 1, maxLength: 6 }), fc.constantFrom('0', '2'), (inputs: EvaluationInput[], workers) => {
        const nd = inputs.map((x, i) => JSON.stringify({ meta: { id: `P${i}` }, ...x }));
        const main = [['id', '全年预算数', '全年执行数'], ...inputs.map((x, i) => [`P${i}`, String((x.values as Record<string, string>)?.全年预算数 ?? ''), String((x.values as Record<string, string>)?.全年执行数 ?? '')])];
        const rows = [['id', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']];
        inputs.forEach((x, i) => {
          for (const [section, list] of Object.entries((x.rows ?? {}) as Record<string, Row[]>))
            for (const r of list) rows.push([`P${i}`, section, r.group ?? '', r.name, String(r.target ?? ''), String(r.actual ?? r.level ?? ''), String(r.weight), String(r.score ?? ''), r.reason ?? '']);
        });
        writeFileSync(path('gen.ndjson'), `${nd.join('\n')}\n`);
        writeFileSync(path('gen-main.csv'), csvText(main));
        writeFileSync(path('gen-rows.csv'), csvText(rows));
        const a = batch([path('gen-main.csv'), '--rows', path('gen-rows.csv'), '--full', '--summary', 'none', '--workers', workers]);
        const b = batch([path('gen.ndjson'), '--full', '--summary', 'none', '--workers', workers]);
        expect(a.code).toBe(b.code);
        // An issue's place is the file's own (a JSON column, a table's cell); what it says is the same.
        const what = (list: unknown) => (list as Record<string, unknown>[]).map(({ code, path, message, messageEn }) => ({ code, path, message, messageEn }));
        const said = (out: string) => withoutLine(out).map((o) => ({ ...o, ...(o.issues ? { issues: what(o.issues) } : {}), ...(o.warnings ? { warnings: what(o.warnings) } : {}) }));
        expect(said(a.out)).toStrictEqual(said(b.out));
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });

  it('an .xlsx rows table with its ids and 一级指标 merged down (and an .xlsx main table) gives the same output; blank 一级指标 and 二级指标 below a first are the ones above', async () => {
    const merged = rowsTable.map((r, i) => (i > 1 && rowsTable[i - 1]![0] === r[0] && rowsTable[i - 1]![1] === r[1] ? [r[0]!, '', rowsTable[i - 1]![2] === r[2] ? '' : r[2]!, ...r.slice(3)] : r));
    expect(merged.filter((r) => r[1] === '').length).toBeGreaterThan(10);
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet('指标行');
    merged.forEach((r) => ws.addRow(r.map((c) => (/^\d+(\.\d+)?$/.test(c) && String(Number(c)) === c ? Number(c) : c))));
    // In the workbook the id and the 一级指标 of each record are merged down its rows, as a form has them.
    let from = 2;
    for (let r = 2; r <= rowsTable.length + 1; r++) {
      if (r <= rowsTable.length && rowsTable[r - 1]![0] === rowsTable[from - 1]![0]) continue;
      if (r - 1 > from) ws.mergeCells(from, 1, r - 1, 1);
      from = r;
    }
    for (let r = 2, start = 2; r <= rowsTable.length + 1; r++) {
      const same = r <= rowsTable.length && rowsTable[r - 1]![0] === rowsTable[start - 1]![0] && rowsTable[r - 1]![1] === rowsTable[start - 1]![1];
      if (same) continue;
      if (r - 1 > start) ws.mergeCells(start, 2, r - 1, 2);
      start = r;
    }
    await wb.xlsx.writeFile(path('rows.xlsx'));
    const wm = new Excel.Workbook();
    const wsm = wm.addWorksheet('项目');
    mainTable.forEach((r) => wsm.addRow(r));
    await wm.xlsx.writeFile(path('main.xlsx'));
    writeFileSync(path('merged.csv'), csvText(merged));
    const want = batch([MAIN, '--rows', ROWS, '--summary', 'none', '--workers', '0']).out;
    expect(batch([MAIN, '--rows', path('merged.csv'), '--summary', 'none', '--workers', '0']).out).toBe(want);
    expect(batch([MAIN, '--rows', path('rows.xlsx'), '--summary', 'none', '--workers', '0']).out).toBe(want);
    expect(batch([path('main.xlsx'), '--rows', path('rows.xlsx'), '--summary', 'none', '--workers', '0']).out).toBe(want);
  });

  it('a row no record takes, a record with no rows, a duplicate row and a duplicate record: each a typed issue naming its file and line; the rest score; exit 1', () => {
    const rows = [...rowsTable, ['GHOST-01', '产出指标', '数量指标', '某指标', '1', '1', '1', '', ''], rowsTable.find((r) => r[0] === 'PT-2022')!];
    writeFileSync(path('rows.csv'), csvText(rows));
    writeFileSync(path('main.csv'), csvText([...mainTable, ['XX-2023', '无行项目', '某单位', '10', '10'], mainTable[1]!]));
    const r = batch([path('main.csv'), '--rows', path('rows.csv'), '--lang', 'en', '--summary', 'none', '--workers', '0']);
    expect(r.code).toBe(1);
    noStack(r.err);
    const n = rows.length;
    expect(r.err).toBe(`${path('rows.csv')}:${n - 1}:1 error rows_unmatched the record id "GHOST-01" of these indicator rows matches no record of the main table "${path('main.csv')}"\n`);
    const out = parsed(r.out);
    const pt = rowsTable.findIndex((x) => x[0] === 'PT-2022') + 1;
    expect(out.map((o) => [o.line, o.id, o.total ?? (o.issues as { code: string }[]).map((i) => i.code).join()])).toStrictEqual([
      [2, 'ML-2018', '97.86'],
      [3, 'PT-2022', 'row_duplicate'],
      [4, 'TX-2022', '100'],
      [5, 'XX-2023', 'rows_none'],
      [6, 'ML-2018', 'record_duplicate'],
    ]);
    expect(out[1]!.issues).toStrictEqual([
      { code: 'row_duplicate', severity: 'error', path: [], file: path('rows.csv'), line: n, column: 4, message: `记录“PT-2022”的产出指标中，指标“与委托运营方结算完成率”重复（第 ${pt} 行已有）`, messageEn: `record "PT-2022", 产出指标: indicator "与委托运营方结算完成率" appears twice (first on line ${pt})` },
    ]);
    expect(out[3]!.issues).toMatchObject([{ line: 5, column: 1, messageEn: `record "XX-2023" has no indicator rows in the rows table "${path('rows.csv')}"` }]);
    expect(out[4]!.issues).toMatchObject([{ line: 6, column: 1, messageEn: 'the record id "ML-2018" appears twice in the main table (first on line 2): its indicator rows cannot tell which' }]);
  });

  it("a row's scoring issue is placed in the rows table: its line and the column of the field", () => {
    const k = rowsTable.findIndex((r) => r[3] === '办事群众投诉率');
    const rows = rowsTable.map((r, i) => (i === k ? [...r.slice(0, 5), '很少', ...r.slice(6)] : r));
    writeFileSync(path('rows.csv'), csvText(rows));
    const r = batch([MAIN, '--rows', path('rows.csv'), '--summary', 'none', '--workers', '0', '--format', 'csv']);
    expect(r.code).toBe(1);
    const row = readCsv(r.out)[1]!;
    expect(row.slice(0, 3)).toStrictEqual(['0', '2', 'ML-2018']);
    expect(row.at(-1)).toBe(`${path('rows.csv')}:${k + 1}:6 row_actual_invalid 第2行“办事群众投诉率”的实际完成值“很少”不是数值：请填写完成的数量，不要照抄指标值`);
  });

  it('a missing or unknown column, a row without an id: named at the rows table, nothing scored, exit 1', () => {
    const drop = (name: string) => rowsTable.map((r) => r.filter((_, i) => rowsTable[0]![i] !== name));
    writeFileSync(path('no-name.csv'), csvText(drop('三级指标')));
    expect(batch([MAIN, '--rows', path('no-name.csv'), '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${path('no-name.csv')}:1:1 error column_missing the table has no column "三级指标" (the 三级指标 of each row)\n` });
    writeFileSync(path('no-id.csv'), csvText(drop('id')));
    expect(batch([MAIN, '--rows', path('no-id.csv'), '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${path('no-id.csv')}:1:1 error column_missing the table has no column "id" (the record id, the same field as the main table's --id)\n` });
    writeFileSync(path('extra.csv'), csvText(rowsTable.map((r, i) => [...r, i === 0 ? '备注' : ''])));
    expect(batch([MAIN, '--rows', path('extra.csv'), '--lang', 'en']).err).toMatch(new RegExp(`^${path('extra.csv').replace(/[.\\/]/g, '\\$&')}:1:10 error column_unknown column "备注" of the rows table is none of the columns it may have`));
    writeFileSync(path('blank.csv'), csvText(rowsTable.map((r, i) => (i === 3 ? ['', ...r.slice(1)] : r))));
    expect(batch([MAIN, '--rows', path('blank.csv'), '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${path('blank.csv')}:4:1 error cell_invalid cannot read the cell "": row 4 has no record id (id)\n` });
    writeFileSync(path('main-no-id.csv'), csvText(mainTable.map((r) => r.slice(1))));
    expect(batch([path('main-no-id.csv'), '--rows', ROWS, '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${path('main-no-id.csv')}:1:1 error column_missing the table has no column "id" (the record id, which the rows table is keyed by)\n` });
    expect(batch([MAIN, '--rows', path('absent.csv'), '--lang', 'en']).code).toBe(1);
  });

  it('usage errors exit 2: --rows with NDJSON, with a rubric without row sections; a project CSV without --rows says to give one', () => {
    expect(batch([NDJSON, '--rows', ROWS, '--lang', 'en'])).toStrictEqual({ code: 2, out: '', err: '--rows goes with a CSV or Excel main table; NDJSON records carry their rows nested\n' });
    const h = spawnSync(process.execPath, [bin, 'batch', 'hunan-department', 'examples/batch/records.csv', '--rows', ROWS, '--lang', 'en'], { encoding: 'utf8' });
    expect([h.status, h.stderr]).toStrictEqual([2, 'rubric "hunan-department" has no row sections: --rows has nothing to fill\n']);
    expect(batch([MAIN, '--lang', 'en'])).toStrictEqual({
      code: 2,
      out: '',
      err: "this rubric's indicator rows (the project form) come with each record: give them in a second table keyed by record id (--rows rows.csv), or use NDJSON with rows nested in each record\n",
    });
  });
});
