/**
 * evaluateMany and the parts of `jixiao batch` that are plain functions: the CSV column
 * convention, the streaming record reader, 排名, the summary and the progress line. The
 * command itself is run as a process in tests/cli-batch.test.ts.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, evaluateMany, loadBundledRubric, safeEvaluate, type BatchOutcome, type EvaluationInput } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';
import { planColumns, rowInput } from '../src/cli/batch/columns.js';
import { readRecords, type ReadEvent } from '../src/cli/batch/read.js';
import { compareDecimalText, progressLine, rankTotals, Summary } from '../src/cli/batch/summary.js';

const hunan = loadBundledRubric('hunan-department');
const yunxiText = readFileSync('examples/yunxi-2021/input.json', 'utf8');
const yunxi = JSON.parse(yunxiText) as EvaluationInput;
const json = (x: unknown) => JSON.stringify(x);

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** What safeEvaluate says of one record, as evaluateMany's outcome would carry it. */
function expected(record: EvaluationInput | string, index: number, id: string | undefined): BatchOutcome {
  const r = safeEvaluate(hunan, record);
  return r.success ? { index, id, result: r.value, warnings: r.warnings } : { index, id, issues: r.issues };
}

describe('evaluateMany', () => {
  it('scores the Yunxi record (99, 优秀) given as an object, as JSON text and as bytes, with its id from meta.id', async () => {
    const withId = { ...yunxi, meta: { id: 'YX-2021-01' } };
    const out = await all(evaluateMany(hunan, [withId, JSON.stringify(withId), Buffer.from(JSON.stringify(withId))]));
    expect(out.map((o) => [o.index, o.id, 'result' in o && o.result.total, 'result' in o && o.result.grade])).toStrictEqual([
      [0, 'YX-2021-01', '99', '优秀'],
      [1, 'YX-2021-01', '99', '优秀'],
      [2, 'YX-2021-01', '99', '优秀'],
    ]);
  });

  it('takes the id from another meta field with idField, a number as its text, and none when there is none', async () => {
    const recs = [
      { ...yunxi, meta: { 单位编码: '430603001' } },
      JSON.stringify({ ...yunxi, meta: { 单位编码: 430603002 } }),
      { ...yunxi, meta: { 单位编码: ['not', 'text'] } },
      yunxi,
    ];
    const out = await all(evaluateMany(hunan, recs, { idField: '单位编码' }));
    expect(out.map((o) => o.id)).toStrictEqual(['430603001', '430603002', undefined, undefined]);
  });

  it('goes on past a record with issues, and reports them as safeEvaluate does (line and column in the record)', async () => {
    const bad = '{\n  "values": {\n    "在职人数": "三十一"\n  }\n}\n';
    const out = await all(evaluateMany(hunan, [bad, yunxiText, '{"values": ']));
    expect(out.map((o) => ('result' in o ? o.result.total : o.issues.some((i) => i.code === 'invalid_number' || i.code === 'yaml_syntax')))).toStrictEqual([true, '99', true]);
    expect(json(out[0])).toBe(json(expected(bad, 0, undefined)));
    expect(json(out[2])).toBe(json(expected('{"values": ', 2, undefined)));
    expect('issues' in out[0]! && out[0].issues.find((i) => i.code === 'invalid_number')!.source).toStrictEqual({ line: 3, column: 5 });
  });

  it('failFast: stops after the first record with issues, which it still yields', async () => {
    const out = await all(evaluateMany(hunan, [yunxiText, '{"values": 1}', yunxiText], { failFast: true }));
    expect(out.map((o) => 'issues' in o)).toStrictEqual([false, true]);
  });

  it('takes an async iterable, and pulls a record only when the previous outcome has been taken (constant memory)', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield yunxi;
      }
    }
    const it = evaluateMany(hunan, source())[Symbol.asyncIterator]();
    for (let k = 1; k <= 3; k++) {
      const n = await it.next();
      expect(n.done).toBe(false);
      expect(pulled).toBe(k);
    }
    await it.return(undefined);
    expect(pulled).toBe(3);
  });

  it('is safeEvaluate record by record: the same JSON for generated records, as objects and as text, valid and broken', async () => {
    const broken = fc.oneof(
      arbitraryInput(hunan).map((r) => JSON.stringify(r)),
      arbitraryInput(hunan).map((r) => r as EvaluationInput | string),
      // cut short, a figure replaced by words, a key doubled, a stray character
      fc.tuple(arbitraryInput(hunan), fc.nat()).map(([r, n]) => {
        const t = JSON.stringify(r);
        return t.slice(0, n % t.length);
      }),
      arbitraryInput(hunan).map((r) => JSON.stringify(r).replace(/"在职人数":\d+/, '"在职人数":"三十一"')),
      arbitraryInput(hunan).map((r) => JSON.stringify(r).replace('{"values":{', '{"values":{"编制人数":1,')),
      arbitraryInput(hunan).map((r) => `${JSON.stringify(r)}x`),
      // the same document written another way: spaced, numbers as 90.0, 9e1, -0 or 0.1000000000000000000001,
      // escapes, a key twice, __proto__, a number where a reason goes, characters outside the plain set
      fc.tuple(arbitraryInput(hunan), fc.constantFrom(
        (t: string) => t,
        (t: string) => JSON.stringify(JSON.parse(t), null, 1).replace(/\n/g, ' '),
        (t: string) => t.replace(/:(\d+)([,}])/, ':$1.0$2'),
        (t: string) => t.replace(/:(\d+)([,}])/, ':$1e0$2'),
        (t: string) => t.replace(/:(\d+)([,}])/, ':-$1$2'),
        (t: string) => t.replace(/:0([,}])/, ':-0$1'),
        (t: string) => t.replace(/:(\d+)([,}])/, ':$1.0000000000000000000001$2'),
        (t: string) => t.replace(/:(\d+)([,}])/, ':12345678901234567890$2'),
        (t: string) => t.replace(/"values":/, '"\\u0076alues":'),
        (t: string) => t.replace(/\{"values":\{/, '{"values":{"满意度":1,'),
        (t: string) => t.replace(/^\{/, '{"meta":{"__proto__":{"x":1}},'),
        (t: string) => t.replace(/\{"score":([\d.]+)\}/, '{"score":$1,"reason":5}'),
        (t: string) => t.replace(/\{"score":([\d.]+)\}/, '{"score":$1,"reason":"\\u4e0d\\u8db3"}'),
        (t: string) => t.replace(/^\{/, '{"meta":{"单位":"云溪\u2028区委办\t"},'),
        (t: string) => t.replace(/^\{/, '{"meta":{"单位":"\ud83d\ude00"},'),
        (t: string) => t.replace(/^\{/, '{"meta":{"id":1.50},'),
      )).map(([r, f]) => f(JSON.stringify(r).replace(/"(-?\d+(?:\.\d+)?)"(?=[,}])/g, '$1'))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(broken, { minLength: 1, maxLength: 8 }), async (records) => {
        const out = await all(evaluateMany(hunan, records));
        expect(out.length).toBe(records.length);
        out.forEach((o, i) => expect(json({ ...o, id: undefined })).toBe(json(expected(records[i]!, i, undefined))));
      }),
      { numRuns: 150 },
    );
  });
});

describe('CSV columns (the naming convention)', () => {
  const header = readFileSync('examples/batch/records.csv', 'utf8').split('\n')[0]!.split(',');

  it('maps every column of examples/batch/records.csv, and its first row is the Yunxi record: 99, 优秀', () => {
    const p = planColumns(hunan, header, ['id'], 'records.csv');
    if (!('plan' in p)) throw new Error(json(p.issues));
    const row = readFileSync('examples/batch/records.csv', 'utf8').split('\n')[1]!.split(',');
    const r = rowInput(p.plan, row, 2, 'records.csv');
    if (!('input' in r)) throw new Error(json(r.issues));
    expect(r.input.meta).toStrictEqual({ id: 'YX-2021-01', 单位名称: '中共岳阳市云溪区委办公室', 主管部门: '区委' });
    const result = safeEvaluate(hunan, r.input);
    expect(result.success && [result.value.total, result.value.grade]).toStrictEqual(['99', '优秀']);
  });

  it('takes an input by its label as well as its name (在职人员数 for 在职人数)', () => {
    const p = planColumns(hunan, header.map((h) => (h === '在职人数' ? '在职人员数' : h)), ['id'], 'r.csv');
    expect('plan' in p).toBe(true);
  });

  it('names a missing input column and a missing judgement score, and an unknown column with a hint, at the header', () => {
    const cut = header.filter((h) => h !== '编制人数' && h !== '履职效益综合.score').concat(['满意读']);
    const p = planColumns(hunan, cut, ['id'], 'r.csv');
    if (!('issues' in p)) throw new Error('expected issues');
    expect(p.issues.map((i) => [i.code, i.params.column, i.source?.line])).toStrictEqual([
      ['column_unknown', '满意读', 1],
      ['column_missing', '编制人数', 1],
      ['column_missing', '履职效益综合.score', 1],
    ]);
    expect(p.issues[0]!.message).toContain('是否应为“满意度”');
    expect(p.issues[1]!.message).toBe('表格缺少列“编制人数”（输入数据，或其 label“核定编制人数”）');
  });

  it('a judgement needs no score column when the indicator has a 不适用 column', () => {
    const p = planColumns(hunan, header.map((h) => (h === '履职效益综合.score' ? '履职效益综合.不适用' : h)), ['id'], 'r.csv');
    expect('plan' in p).toBe(true);
  });

  it('reads 是/否, √/×, 1/0 and true/false; anything else is cell_invalid at its line and column', () => {
    const p = planColumns(hunan, header, ['id'], 'r.csv');
    if (!('plan' in p)) throw new Error('plan');
    const row = readFileSync('examples/batch/records.csv', 'utf8').split('\n')[1]!.split(',');
    const col = header.indexOf('预算管理制度健全性.2');
    for (const [cell, met] of [['是', true], ['√', true], ['1', true], ['TRUE', true], ['否', false], ['×', false], ['0', false], ['false', false]] as const) {
      const r = rowInput(p.plan, row.map((c, i) => (i === col ? cell : c)), 2, 'r.csv');
      expect('input' in r && r.input.assessments?.['预算管理制度健全性']?.items?.['2']).toBe(met);
    }
    const r = rowInput(p.plan, row.map((c, i) => (i === col ? '大概' : c)), 7, 'r.csv');
    expect('issues' in r && r.issues.map((i) => [i.code, i.source])).toStrictEqual([['cell_invalid', { file: 'r.csv', line: 7, column: col + 1 }]]);
  });
});

describe('reading records as a stream', () => {
  const read = async (bytes: (string | Uint8Array)[], format: 'ndjson' | 'csv', maxBytes = 1 << 20) => {
    async function* chunks() {
      for (const b of bytes) yield typeof b === 'string' ? Buffer.from(b) : b;
    }
    return all(readRecords(chunks(), format, 'in', maxBytes));
  };
  const recs = (evs: ReadEvent[]) => evs.flatMap((e) => (e.kind === 'records' ? e.records : []));

  it('keeps line numbers across chunks, skips blank lines, reads CRLF and a BOM as what they are', async () => {
    const evs = await read(['\uFEFF{"a":1}\r\n\r\n{"b"', ':2}\r\n', '{"c":3}'], 'ndjson');
    expect(recs(evs)).toStrictEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}', unterminated: true },
    ]);
  });

  it('a multi-byte character split between two chunks is read whole', async () => {
    const b = Buffer.from('{"名":"云溪"}\n');
    expect(recs(await read([b.subarray(0, 3), b.subarray(3)], 'ndjson'))).toStrictEqual([{ line: 1, text: '{"名":"云溪"}' }]);
  });

  it('an empty file, a file of blank lines and a CSV header with no rows are batch_empty', async () => {
    for (const [bytes, format, reason] of [[[], 'ndjson', 'empty'], [['\n \n'], 'ndjson', 'empty'], [['a,b\r\n'], 'csv', 'header_only']] as const) {
      const evs = await read([...bytes], format);
      const last = evs[evs.length - 1]!;
      expect(last.kind === 'fatal' && [last.issue.code, last.issue.params.reason]).toStrictEqual(['batch_empty', reason]);
    }
  });

  it('GBK bytes (Excel on a Chinese Windows) stop the batch with encoding_invalid saying GBK', async () => {
    // “在职人数,编制人数” in GBK
    const gbk = Buffer.from([0xd4, 0xda, 0xd6, 0xb0, 0xc8, 0xcb, 0xca, 0xfd, 0x2c, 0xb1, 0xe0, 0xd6, 0xc6, 0xc8, 0xcb, 0xca, 0xfd, 0x0a]);
    const evs = await read([gbk], 'csv');
    const last = evs[evs.length - 1]!;
    expect(last.kind).toBe('fatal');
    if (last.kind === 'fatal') {
      expect(last.issue.code).toBe('encoding_invalid');
      expect(last.issue.message).toBe('文件不是有效的 UTF-8 编码（看起来是 GBK/GB18030 编码），请另存为 UTF-8');
    }
  });

  it('CSV: a quoted cell over two lines is one row at its first line; a row of the wrong width is cell_invalid; an open quote at the end is record_truncated', async () => {
    const evs = await read(['a,b\n1,"x\ny"\n2\n3,"z'], 'csv');
    expect(evs[0]).toStrictEqual({ kind: 'header', cells: ['a', 'b'] });
    const r = recs(evs);
    expect(r[0]).toStrictEqual({ line: 2, cells: ['1', 'x\ny'] });
    expect([r[1]!.line, r[1]!.issue?.code]).toStrictEqual([4, 'cell_invalid']);
    expect([r[2]!.line, r[2]!.issue?.code]).toStrictEqual([5, 'record_truncated']);
  });

  it('a line longer than a record may be is file_too_large for that line, and the lines after it are read', async () => {
    const r = recs(await read(['{"a":1}\n', 'x'.repeat(50), 'y'.repeat(50), '\n{"b":2}\n'], 'ndjson', 64));
    expect(r.map((x) => [x.line, x.issue?.code ?? x.text])).toStrictEqual([
      [1, '{"a":1}'],
      [2, 'file_too_large'],
      [3, '{"b":2}'],
    ]);
  });
});

describe('排名 and the summary', () => {
  it('compares decimal strings exactly, as Decimal does', () => {
    const dec = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 6 })).map(([neg, n, places]) => {
      const d = new Decimal(n.toString()).div(new Decimal(10).pow(places));
      return (neg && !d.isZero() ? d.neg() : d).toFixed();
    });
    fc.assert(fc.property(dec, dec, (a, b) => Math.sign(compareDecimalText(a, b)) === new Decimal(a).cmp(new Decimal(b))));
  });

  it('ties share a rank and the next skips (1, 1, 3); records with errors get none', () => {
    expect([...rankTotals(['90', '95.5', '90', null, '89.99', '95.50'])]).toStrictEqual([3, 1, 3, 0, 5, 1]);
  });

  it('ranks within each group (主管部门) on its own', () => {
    expect([...rankTotals(['90', '80', '85', '80', '99'], ['教育局', '教育局', '财政局', '财政局', null])]).toStrictEqual([1, 2, 1, 2, 1]);
  });

  it('a rank is 1 + the number of higher totals in its group, for any totals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }), fc.constantFrom('a', 'b')), { maxLength: 40 }), (xs) => {
        const totals = xs.map(([t]) => (t === null ? null : String(t / 10)));
        const groups = xs.map(([, g]) => g);
        const ranks = rankTotals(totals, groups);
        xs.forEach(([t, g], i) => {
          const higher = xs.filter(([u, h]) => h === g && u !== null && t !== null && u > t).length;
          expect(ranks[i]).toBe(t === null ? 0 : higher + 1);
        });
      }),
    );
  });

  it('counts grades, gives exact mean, min and max, and the ten lowest in order (ties in input order)', () => {
    const s = new Summary('in', ['优秀', '良好', '中', '差'], 4);
    const totals = ['99', '93.06', '81.27', '95.3', '95.53', '0.1', '0.2', '59.99', '60', '60', '88', '77.7'];
    const grade = (t: string) => (Number(t) >= 90 ? '优秀' : Number(t) >= 80 ? '良好' : Number(t) >= 60 ? '中' : '差');
    totals.forEach((t, i) => s.add(i, i + 1, { total: t, grade: grade(t), id: `D${i}`, group: null }));
    s.add(12, 13, { total: null, grade: null, id: 'bad', group: null, issue: { code: 'invalid_number', message: '中', messageEn: 'en' } });
    const j = s.json();
    expect([j.records, j.scored, j.errors]).toStrictEqual([13, 12, 1]);
    expect(j.grades).toStrictEqual({ 优秀: 4, 良好: 2, 中: 3, 差: 3 });
    // 810.15 / 12 = 67.5125
    expect(j.total).toStrictEqual({ sum: '810.15', mean: '67.5125', min: '0.1', max: '99' });
    expect(j.lowest.map((l) => l.total)).toStrictEqual(['0.1', '0.2', '59.99', '60', '60', '77.7', '81.27', '88', '93.06', '95.3']);
    expect(j.lowest.filter((l) => l.total === '60').map((l) => l.index)).toStrictEqual([8, 9]);
    expect(j.firstErrors).toStrictEqual([{ index: 12, line: 13, id: 'bad', code: 'invalid_number', message: '中', messageEn: 'en' }]);
  });

  it('the progress line shows the share done, the count, the rate, the ETA and the errors; without a size, no bar and no ETA', () => {
    expect(progressLine(25_000, 3, 2, 0.25, 8)).toBe('[██░░░░░░]  25% 25,000 · 12,500/s · ETA 0:06 · 3 err');
    expect(progressLine(25_000, 0, 2, undefined)).toBe('25,000 · 12,500/s · 0 err');
  });
});
