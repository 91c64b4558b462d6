/**
 * A byte that is not UTF-8 in `jixiao batch` input: reading stops at it, at its exact line,
 * column and offset, after every record before it — wherever the file's 1 MiB chunks happen to
 * end. The command says how many records it wrote before the byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords, type ReadEvent } from '../src/cli/batch/read.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
/** Read `bytes` cut into chunks at `cuts`. */
const read = (bytes: Uint8Array, cuts: number[], format: 'ndjson' | 'csv' = 'ndjson') => {
  const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  async function* chunks() {
    let from = 0;
    for (const c of [...at, bytes.length]) {
      yield bytes.subarray(from, c);
      from = c;
    }
  }
  return all(readRecords(chunks(), format, 'in.ndjson', 1 << 20));
};
const recs = (evs: ReadEvent[]) => evs.flatMap((e) => (e.kind === 'records' ? e.records : []));
const last = (evs: ReadEvent[]) => evs[evs.length - 1]!;
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const at = (s: string, k: number, bad: number[]) => Buffer.concat([utf8(s.slice(0, k)), Buffer.from(bad), utf8(s.slice(k))]);

describe('the reader', () => {
  it('a stray 0xB0 after 预算执行率 on line 3: line 3, column 12, byte 50; lines 1 and 2 are read', async () => {
    const text = '{"a":1}\n{"名称":"云溪"}\n{"预算执行率":"9';
    const bytes = Buffer.concat([utf8(text), Buffer.from([0xb0]), utf8('9.1"}\n{"b":2}\n')]);
    for (const cuts of [[], [1], [28], [48], [49], [50], [30, 31]]) {
      const evs = await read(bytes, cuts);
      expect(recs(evs)).toStrictEqual([
        { line: 1, text: '{"a":1}' },
        { line: 2, text: '{"名称":"云溪"}' },
      ]);
      const e = last(evs);
      expect(e.kind === 'fatal' && [e.issue.code, e.issue.source, e.issue.params, e.issue.message]).toStrictEqual([
        'encoding_invalid',
        { file: 'in.ndjson', line: 3, column: 12 },
        { byte: '0xB0', line: 3, column: 12, offset: 49 },
        '文件不是有效的 UTF-8 编码：第 3 行第 12 列的字节 0xB0（文件第 50 个字节）不是 UTF-8，请删去或改正这个字节，或把文件另存为 UTF-8',
      ]);
    }
    // Lines 1 and 2 are 8 + 20 bytes; `{"预算执行率":"9` is 11 characters (5 of 3 bytes): 21 bytes, so column 12, offset 28 + 21.
    expect([utf8('{"a":1}\n{"名称":"云溪"}\n').length, utf8('{"预算执行率":"9').length]).toStrictEqual([28, 21]);
  });

  it('a character cut off by the end of the file (E4 B8 of 中): at its first byte', async () => {
    const bytes = Buffer.concat([utf8('{"a":1}\n{"中'), Buffer.from([0xe4, 0xb8])]);
    for (const cuts of [[], [12], [13]]) {
      const evs = await read(bytes, cuts);
      expect(recs(evs)).toStrictEqual([{ line: 1, text: '{"a":1}' }]);
      const e = last(evs);
      expect(e.kind === 'fatal' && [e.issue.source, e.issue.params.offset]).toStrictEqual([{ file: 'in.ndjson', line: 2, column: 4 }, 13]);
    }
  });

  it('a 3-byte character split across chunks at every place is read whole', async () => {
    const bytes = utf8('{"名":"云溪"}\n');
    for (let c = 0; c <= bytes.length; c++) expect(recs(await read(bytes, [c]))).toStrictEqual([{ line: 1, text: '{"名":"云溪"}' }]);
  });

  // Lines of ASCII and Chinese; one bad byte at a random character of a random line; the file cut anywhere.
  const line = fc.array(fc.constantFrom('a', '1', ' ', '"', '名', '云溪', '预算', '€', '😀', 'é'), { maxLength: 12 }).map((p) => `{"x":"${p.join('')}"}`);
  it('property: the line, column and offset are exact, and the records before the byte are read, all and only them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xe4, 0xf0, 0xf5, 0xff),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom<'ndjson' | 'csv'>('ndjson', 'csv'),
        async (lines, which, where, bad, cuts, format) => {
          if (format === 'csv') lines = lines.map((l) => l.replace(/"/g, "'"));
          const b = which % lines.length;
          const chars = Array.from(lines[b]!);
          const k = where % (chars.length + 1);
          const before = lines.slice(0, b).join('\n') + (b ? '\n' : '');
          const badLine = `${chars.slice(0, k).join('')}`;
          const bytes = Buffer.concat([utf8(before + badLine), Buffer.from([bad]), utf8(chars.slice(k).join('') + '\n' + lines.slice(b + 1).join('\n'))]);
          const size = bytes.length;
          const evs = await read(bytes, cuts.map((c) => c % (size + 1)), format);
          const e = last(evs);
          expect(e.kind).toBe('fatal');
          if (e.kind !== 'fatal') return;
          expect(e.issue.source).toStrictEqual({ file: 'in.ndjson', line: b + 1, column: k + 1 });
          expect(e.issue.params.offset).toBe(utf8(before + badLine).length);
          if (format === 'ndjson') expect(recs(evs)).toStrictEqual(lines.slice(0, b).map((text, i) => ({ line: i + 1, text })));
          // CSV: the first line is the header; every line before the byte after it is a row.
          else expect(recs(evs).map((r) => r.line)).toStrictEqual(lines.slice(1, b).map((_, i) => i + 2));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('jixiao batch', () => {
  const tmp = resolve('tests/.tmp/batch-bad-byte');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('20,000 good records and a bad byte on line 20,001: all 20,000 written, the line exact, and it says so; --rank writes none and says that', () => {
    mkdirSync(tmp, { recursive: true });
    const record = readFileSync('examples/batch/records.ndjson', 'utf8').split('\n')[0]!;
    const good = Array.from({ length: 20000 }, (_, i) => record.replace(/^\{/, `{"i":${i},`)).join('\n');
    const f = join(tmp, 'in.ndjson');
    writeFileSync(f, Buffer.concat([utf8(`${good}\n{"i":"`), Buffer.from([0xff]), utf8('"}\n')]));
    const r = spawnSync(process.execPath, [resolve('dist/cli.cjs'), 'batch', 'hunan-department', f, '--lang', 'en'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.status).toBe(1);
    const out = r.stdout.split('\n').filter((l) => l !== '');
    expect(out.length).toBe(20000);
    expect(out.map((l) => (JSON.parse(l) as { line: number }).line)).toStrictEqual(Array.from({ length: 20000 }, (_, i) => i + 1));
    expect(r.stderr).toBe(
      `${f}:20001:7 error encoding_invalid the file is not valid UTF-8: the byte 0xFF on line 20001, column 7 (byte ${utf8(good).length + 8} of the file) is not UTF-8; delete or correct it, or save the file as UTF-8\n` +
        'stopped at line 20001: the 20000 records before it were written; line 20001 and after were not read\n',
    );
    const ranked = spawnSync(process.execPath, [resolve('dist/cli.cjs'), 'batch', 'hunan-department', f, '--rank', '--lang', 'en'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect([ranked.status, ranked.stdout]).toStrictEqual([1, '']);
    expect(ranked.stderr.split('\n')[1]).toBe('stopped at line 20001: --rank needs every record to rank them, so no record was written');
  }, 60_000);
});
