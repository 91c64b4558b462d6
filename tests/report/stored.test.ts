/**
 * A stored result is a JSON file anyone can edit. Before it is rendered, explained, compared or
 * re-scored its whole shape is checked: every score, max, total, point and metric a plain decimal
 * (`result_invalid` with the path of the bad field, and its line in the CLI), so a figure is never
 * written as a live formula, `NaN`, or a crash.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { bundledRubricIds, JixiaoError, loadBundledRubric, renderTable, safeEvaluate } from '../../src/index.js';
import { arbitraryInput } from '../../src/testing/index.js';
import { auditRecord, compareResults, explain, renderExplanation, renderSheet, rescore, type AuditedResult } from '../../src/entries/report.js';
import { safeParseStoredResult } from '../../src/report/stored.js';
import { renderXlsx } from '../../src/entries/xlsx.js';
import { miluo, readCsv, yunxi } from './examples.js';

const tmp = resolve('tests/.tmp/report-stored');
beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const stored = (e: ReturnType<typeof yunxi>): AuditedResult => {
  const a = auditRecord(e.result, e.input);
  if (!a.success) throw new Error('audit');
  return JSON.parse(JSON.stringify(a.value)) as AuditedResult;
};
const yx = stored(yunxi());
const ml = stored(miluo());
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** The stored Yunxi result with `edit` applied to a copy. */
const edited = (edit: (r: AuditedResult) => void, base = yx) => {
  const r = copy(base);
  edit(r);
  return r;
};
const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof JixiaoError) return e.issues.map((i) => [i.code, i.path]);
    throw e;
  }
  return [];
};

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s), outBytes: () => {} });
  return { code, out, err };
}
const file = (name: string, data: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return p;
};

describe('the figures a stored result carries are decimals, or result_invalid names the field', () => {
  const leafScore = ['indicators', 0, 'children', 0, 'children', 0, 'score'];

  it('the forms testers found: a formula score (CSV), NaN total (XLSX), a non-numeric max (HTML)', async () => {
    const formula = edited((r) => (r.indicators[0]!.children![0]!.children![0]!.score = '=HYPERLINK("http://x","5")'));
    expect(issuesOf(() => renderSheet(formula, { format: 'csv' }))).toStrictEqual([['result_invalid', leafScore]]);
    const nan = edited((r) => ((r as { total: unknown }).total = 'NaN'));
    await expect(renderXlsx(nan)).rejects.toThrow(JixiaoError);
    const max = edited((r) => (r.indicators[0]!.max = '十五'));
    expect(issuesOf(() => renderSheet(max, { format: 'html' }))).toStrictEqual([['result_invalid', ['indicators', 0, 'max']]]);
    expect(issuesOf(() => renderTable(max))).toStrictEqual([['result_invalid', ['indicators', 0, 'max']]]);
    expect(issuesOf(() => explain(max))).toStrictEqual([['result_invalid', ['indicators', 0, 'max']]]);
    expect(issuesOf(() => compareResults(yx, max))).toStrictEqual([['result_invalid', ['indicators', 0, 'max']]]);
    const r = rescore(formula);
    expect(!r.success && r.issues.map((i) => [i.code, i.path])).toStrictEqual([['result_invalid', leafScore]]);
  });

  it('the CLI: sheet, explain, diff name the file, the line and the field; exit 1, never 70', async () => {
    const f = file('formula.json', edited((r) => (r.indicators[0]!.children![0]!.children![0]!.score = '=HYPERLINK("http://x","5")')));
    for (const args of [['sheet', f, '--format', 'csv'], ['sheet', f, '--format', 'html'], ['sheet', f, '--format', 'xlsx', '--out', join(tmp, 'x.xlsx')], ['explain', f], ['diff', f, f]]) {
      const r = await cli(...args, '--lang', 'en');
      expect([args[0], r.code, r.out]).toStrictEqual([args[0], 1, '']);
      expect(r.err).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ error result_invalid .*indicators\\[0\\]\\.children\\[0\\]\\.children\\[0\\]\\.score must be a decimal \\(such as "3\\.5"\\), not "=HYPERLINK`, 'm'));
    }
    // The line is the line of the field in the file.
    const text = JSON.stringify(JSON.parse(JSON.stringify(yx)), null, 2).replace('"total": "99"', '"total": "9 9"');
    const g = file('total.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"total": "9 9"')) + 1;
    expect((await cli('sheet', g, '--lang', 'en')).err).toMatch(new RegExp(`:${line}:\\d+ error result_invalid .* total must be a decimal`));
    const h = file('max.json', edited((r) => (r.indicators[0]!.max = 'abc')));
    expect((await cli('sheet', h, '--format', 'html')).code).toBe(1);
  });

  it.each([
    ['3.5', true],
    ['-0.25', true],
    ['0', true],
    ['100', true],
    ['91.176471', true],
    ['3.', false],
    ['.5', false],
    ['+3', false],
    ['1e3', false],
    [' 3', false],
    ['3 ', false],
    ['NaN', false],
    ['Infinity', false],
    ['', false],
    ['３', false], // a full-width digit
    ['=1+1', false],
    [5, false], // a JSON number: evaluate writes text
    [null, false],
  ])('a score of %j is %s', (score, ok) => {
    const r = safeParseStoredResult(edited((x) => ((x.indicators[1]! as { score: unknown }).score = score)));
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toStrictEqual(ok ? [] : [['result_invalid', ['indicators', 1, 'score']]]);
  });

  it('every figure is checked: points, metrics, weights, caps, vetoes, capped, excluded, rescaled, the funds of a project form', () => {
    const bad = '=1+1';
    const paths: [(r: AuditedResult) => void, (string | number)[]][] = [
      [(r) => (r.deductions[0]!.points = bad), ['deductions', 0, 'points']],
      [(r) => (r.metrics['在职人员控制率'] = bad), ['metrics', '在职人员控制率']],
      [(r) => (r.indicators[0]!.weight = bad), ['indicators', 0, 'weight']],
      [(r) => (r.indicators[0]!.cap = bad), ['indicators', 0, 'cap']],
      [(r) => (r.vetoes = [{ id: 'v', name: '否决', maxTotal: bad }]), ['vetoes', 0, 'maxTotal']],
      [(r) => (r.capped = { rawTotal: '101', maxTotal: bad, reason: '封顶' }), ['capped', 'maxTotal']],
      [(r) => (r.excluded = { max: bad, gradedOn: '99' }), ['excluded', 'max']],
      [(r) => (r.rescaled = { rawTotal: '90', applicableMax: bad }), ['rescaled', 'applicableMax']],
      [(r) => ((r as { grade: unknown }).grade = 5), ['grade']],
      [(r) => ((r.indicators[0] as { name: unknown }).name = ['投入']), ['indicators', 0, 'name']],
      [(r) => ((r as { indicators: unknown }).indicators = {}), ['indicators']],
    ];
    for (const [edit, path] of paths) {
      const r = safeParseStoredResult(edited(edit));
      expect(r.success ? [] : r.issues.map((i) => i.path)).toStrictEqual([path]);
    }
    // A project form draws 预算执行率 and the funds of its input as numbers.
    const rate = edited((r) => (r.indicators[0]!.figures!['预算执行率'] = bad), ml);
    expect(issuesOf(() => renderSheet(rate, { format: 'csv' }))).toStrictEqual([['result_invalid', ['indicators', 0, 'figures', '预算执行率']]]);
    const funds = edited((r) => (r.audit.input.values!['全年预算数'] = '=HYPERLINK("x")'), ml);
    expect(issuesOf(() => renderSheet(funds, { format: 'csv' }))).toStrictEqual([['result_invalid', ['audit', 'input', 'values', '全年预算数']]]);
    // Figures evaluate reads (1.5e3, a JSON number) are drawn plainly.
    const plain = edited((r) => (r.audit.input.values!['全年预算数'] = 1.5e3), ml);
    expect(readCsv(renderSheet(plain, { format: 'csv' })).some((row) => row.includes('1500'))).toBe(true);
  });
});

describe('every result evaluate writes passes the check', () => {
  it.each(bundledRubricIds)('property: %s, arbitrary inputs, vetoes and 不适用 included, stored as JSON', (id) => {
    const rubric = loadBundledRubric(id);
    fc.assert(
      fc.property(arbitraryInput(rubric), (input) => {
        const r = safeEvaluate(rubric, input);
        if (!r.success) return;
        const a = auditRecord(r.value, input);
        const back = JSON.parse(JSON.stringify(a.success ? a.value : r.value));
        const c = safeParseStoredResult(back);
        expect(c.success ? [] : c.issues.map((i) => i.message)).toStrictEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

/** Every path in a JSON value (containers and leaves), root aside. */
function pathsOf(x: unknown, here: (string | number)[] = []): (string | number)[][] {
  if (x === null || typeof x !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x);
  return keys.flatMap((k) => [[...here, k], ...pathsOf((x as Record<string | number, unknown>)[k], [...here, k])]);
}
function mutate<T>(x: T, path: (string | number)[], value: unknown): T {
  const out = copy(x);
  let cur = out as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value;
  return out;
}
const related = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.slice(0, b.length).every((s, i) => s === b[i]) || b.slice(0, a.length).every((s, i) => s === a[i]);
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-', '@SUM(A1)', 'NaN', 'Infinity', '', ' 3', '3.', '1e3', '\uFFFF', '\u0000', '３', '0x10', '--1'];
const replacement = fc.oneof(fc.constantFrom<unknown>(...HOSTILE, undefined, null, true, 0, -1.5, 1e21, [], {}), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 8 }));

/** The 分值 and 得分 cells under every heading row that has them (the funds block, the sheet): each a decimal, empty, or 不适用. */
function numberColumnsOk(csv: string): boolean {
  const rows = readCsv(csv.replace(/^\uFEFF/, ''));
  let cols: number[] | undefined;
  let headings = 0;
  for (const r of rows) {
    if (r.includes('分值') && r.includes('得分')) {
      cols = [r.indexOf('分值'), r.indexOf('得分')];
      headings++;
      continue;
    }
    if (r.length <= 1 || r[0] === '评价等次') {
      cols = undefined;
      continue;
    }
    if (cols && !cols.every((c) => r[c] === undefined || r[c] === '' || r[c] === '不适用' || /^-?\d+(\.\d+)?$/.test(r[c]!))) return false;
  }
  return headings > 0;
}

describe('property: any edit of a stored result renders correctly or is result_invalid, never a throw of another kind', () => {
  const bases = [yx, ml];
  const edit = fc.tuple(fc.constantFrom(0, 1), fc.nat(), replacement);

  it('the library: sheets (md, csv, html), the table, explain, compare, rescore', () => {
    fc.assert(
      fc.property(edit, ([b, n, v]) => {
        const base = bases[b]!;
        const paths = pathsOf(base);
        const path = paths[n % paths.length]!;
        const r = mutate(base, path, v) as AuditedResult;
        const outputs: string[] = [];
        const attempt = (f: () => string) => {
          try {
            outputs.push(f());
          } catch (e) {
            expect(e).toBeInstanceOf(JixiaoError);
            const issues = (e as JixiaoError).issues;
            expect(issues.length).toBeGreaterThan(0);
            for (const i of issues) expect(i.code).toBe('result_invalid');
            expect(issues.some((i) => related(i.path, path))).toBe(true);
          }
        };
        attempt(() => renderSheet(r, { format: 'markdown' }));
        attempt(() => renderSheet(r, { format: 'html' }));
        attempt(() => {
          const csv = renderSheet(r, { format: 'csv' });
          expect(numberColumnsOk(csv)).toBe(true);
          return csv;
        });
        attempt(() => renderTable(r));
        attempt(() => renderExplanation(explain(r), r));
        attempt(() => JSON.stringify(compareResults(base, r)));
        const again = rescore(r);
        if (!again.success) expect(again.issues.length).toBeGreaterThan(0);
        // Unless the edit wrote the word itself into a text, no output says NaN, undefined or [object Object].
        const bad = /\bNaN\b|\bundefined\b|\[object Object\]/;
        if (!bad.test(JSON.stringify(v) ?? '')) for (const o of outputs) expect(o).not.toMatch(bad);
      }),
      { numRuns: 300 },
    );
  });

  it('XLSX: every figure written as a number is a finite number, or the result is refused', async () => {
    await fc.assert(
      fc.asyncProperty(edit, async ([b, n, v]) => {
        const base = bases[b]!;
        const paths = pathsOf(base);
        const path = paths[n % paths.length]!;
        const r = mutate(base, path, v) as AuditedResult;
        let bytes: Uint8Array;
        try {
          bytes = await renderXlsx(r);
        } catch (e) {
          expect(e).toBeInstanceOf(JixiaoError);
          expect((e as JixiaoError).issues.every((i) => i.code === 'result_invalid')).toBe(true);
          return;
        }
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(bytes) as never);
        wb.worksheets[0]!.eachRow((row) =>
          row.eachCell((c) => {
            if (typeof c.value === 'number') expect(Number.isFinite(c.value)).toBe(true);
          }),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('the CLI: sheet --format csv|html and explain exit 0 or 1 with result_invalid only', async () => {
    await fc.assert(
      fc.asyncProperty(edit, async ([b, n, v]) => {
        const base = bases[b]!;
        const paths = pathsOf(base);
        const path = paths[n % paths.length]!;
        const f = file('mutated.json', mutate(base, path, v));
        for (const args of [['sheet', f, '--format', 'csv'], ['sheet', f, '--format', 'html'], ['explain', f]]) {
          const r = await cli(...args);
          expect([0, 1]).toContain(r.code);
          if (r.code === 1) expect([...r.err.matchAll(/ error ([a-z_]+)/g)].map((m) => m[1]).every((c) => c === 'result_invalid')).toBe(true);
          if (args[2] === 'csv' && r.code === 0) expect(numberColumnsOk(r.out)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

