/**
 * The batch reader reads its input as bytes: Node's own UTF-8 check instead of a JavaScript scan
 * of every byte, lines found as bytes, NDJSON records handed on as blocks of bytes that are
 * decoded where they are scored. Whatever the bytes and wherever the chunks end, it reads what
 * the first, simple reader read (tests/oracle/read-records.ts): the same records at the same
 * lines, and the same issue — a byte that is not UTF-8 at the same line, column and offset, with
 * the same GBK hint; a line too long; a last line with no line break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockRecords, readBlocks, readRecords, type BlockEvent, type ReadEvent } from '../src/cli/batch/read.js';
import type { RawRecord } from '../src/cli/batch/score.js';
import { codePointCount, cutSequence, leadBytes, scanUtf8 } from '../src/source/utf8.js';
import { oracleReadRecords } from './oracle/read-records.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
/** `bytes` cut at `cuts` (offsets into it), as a stream of chunks. */
function chunked(bytes: Uint8Array, cuts: number[]): () => AsyncGenerator<Uint8Array> {
  const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  return async function* () {
    let from = 0;
    for (const c of [...at, bytes.length]) {
      // A copy, as a file stream gives each chunk its own memory.
      yield Buffer.from(bytes.subarray(from, c));
      from = c;
    }
  };
}
/** What a reading says: every record in order, the header, and the issue that stopped it. */
function said(evs: (ReadEvent | BlockEvent)[]) {
  const records: RawRecord[] = [];
  let header: string[] | undefined;
  let fatal: unknown;
  for (const e of evs) {
    if (e.kind === 'records') records.push(...e.records);
    else if (e.kind === 'block') records.push(...blockRecords(e.block));
    else if (e.kind === 'header') header = e.cells;
    else fatal = e.issue;
  }
  return { records, header, fatal };
}
const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('the UTF-8 pieces', () => {
  // Byte strings of valid and broken sequences alike.
  const bytes = fc
    .array(fc.oneof(fc.constantFrom('a', '\n', '名', '€', '😀', 'é').map(utf8), fc.uint8Array({ minLength: 1, maxLength: 3 })), { maxLength: 30 })
    .map((parts) => new Uint8Array(Buffer.concat(parts)));

  it('cutSequence: where a sequence cut off by the end begins, as scanUtf8 with final: false says', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const cut = cutSequence(b);
        const scan = scanUtf8(b, { final: false });
        // Where the scan reaches the end, it says the same; a cut sequence is valid as far as it goes.
        if (scan.end < b.length) expect(cut).toBe(scan.end);
        if (cut < b.length) expect(scanUtf8(b.subarray(cut), { final: false }).firstInvalid).toBe(-1);
      }),
      { numRuns: 500 },
    );
    // 中 is E4 B8 AD: cut after one byte and after two; whole, it is not cut.
    expect([cutSequence(utf8('a中').subarray(0, 2)), cutSequence(utf8('a中').subarray(0, 3)), cutSequence(utf8('a中'))]).toStrictEqual([1, 1, 4]);
    // E0 80 can never be a character: not cut, but invalid.
    expect(cutSequence(new Uint8Array([0x61, 0xe0, 0x80]))).toBe(3);
  });

  it('leadBytes and codePointCount of valid UTF-8: its characters of more than one byte, and all its characters, at any alignment', () => {
    const text = fc.array(fc.constantFrom('a', '名', '€', '😀', 'é', '\n'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.nat(3), (t, shift) => {
        const buf = new Uint8Array(utf8(t).length + shift);
        buf.set(utf8(t), shift);
        const b = buf.subarray(shift);
        const chars = Array.from(t);
        expect(leadBytes(b)).toBe(chars.filter((c) => c.codePointAt(0)! >= 0x80).length);
        expect(leadBytes(b)).toBe(scanUtf8(b).multibyte);
        expect(codePointCount(b)).toBe(chars.length);
      }),
      { numRuns: 300 },
    );
    // Long runs, past the 255 words a byte of the running sum can count: 4-byte characters put a
    // lead byte at the same place of every word (😀 is F0 9F 98 80), 2-byte ones at every other byte.
    for (const [t, lead] of [['😀'.repeat(5000), 5000], ['é'.repeat(6000), 6000], [`${'a'.repeat(3)}${'名'.repeat(4000)}`, 4000]] as const) {
      for (let shift = 0; shift < 4; shift++) {
        const buf = new Uint8Array(utf8(t).length + shift);
        buf.set(utf8(t), shift);
        expect(leadBytes(buf.subarray(shift))).toBe(lead);
      }
    }
  });
});

describe('the byte reader reads what the first reader read', () => {
  // Pieces of a line: ASCII, Chinese, beyond the BMP, a CR, spaces JavaScript trims (U+3000, U+00A0, U+FEFF), quotes.
  const piece = fc.constantFrom('{"a":1}', 'x', ' ', '"', ',', '预算执行率', '云溪', '😀', '\r', '\u3000', '\u00a0', '\ufeff', '\t', '1.5');
  const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  // Bytes that are not UTF-8: stray continuations, overlongs, surrogates, a lead with no end, GBK 在职.
  const bad = fc.constantFrom([0x80], [0xbf], [0xc0, 0xaf], [0xc1], [0xe4], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xf5], [0xff], [0xd4, 0xda, 0xd6, 0xb0]);
  const input = fc.record({
    bom: fc.boolean(),
    lines: fc.array(line, { minLength: 0, maxLength: 12 }),
    end: fc.constantFrom('\n', '\r\n', ''),
    bad: fc.option(fc.tuple(fc.nat(), bad), { nil: undefined }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
    format: fc.constantFrom<'ndjson' | 'csv'>('ndjson', 'ndjson', 'csv'),
    maxBytes: fc.constantFrom(8, 24, 1 << 20),
    eager: fc.boolean(),
  });
  const bytesOf = (i: { bom: boolean; lines: string[]; end: string; bad: [number, readonly number[]] | undefined }) => {
    const text = utf8(`${i.bom ? '\ufeff' : ''}${i.lines.join('\n')}${i.lines.length ? i.end : ''}`);
    if (!i.bad) return text;
    const k = i.bad[0] % (text.length + 1);
    return Buffer.concat([text.subarray(0, k), Buffer.from(i.bad[1]), text.subarray(k)]);
  };

  it('property: any lines, any bytes that are not UTF-8 anywhere, any chunks: the same records, header and issue', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const bytes = bytesOf(i);
        const cuts = i.cuts.map((c) => c % (bytes.length + 1));
        const stream = chunked(bytes, cuts);
        const want = said(await all(oracleReadRecords(stream(), i.format, 'in.ndjson', i.maxBytes, i.eager)));
        expect(said(await all(readRecords(stream(), i.format, 'in.ndjson', i.maxBytes, i.eager)))).toStrictEqual(want);
        if (i.format === 'ndjson') expect(said(await all(readBlocks(stream(), 'in.ndjson', i.maxBytes)))).toStrictEqual(want);
      }),
      { numRuns: 600 },
    );
  });

  it('property: GBK text after valid Chinese — the GBK hint comes exactly when the first reader gave it', async () => {
    const gbk = [0xd4, 0xda, 0xd6, 0xb0, 0xc8, 0xcb, 0xca, 0xfd]; // 在职人数
    await fc.assert(
      fc.asyncProperty(fc.nat(12), fc.nat(12), fc.array(fc.nat(), { maxLength: 4 }), async (chinese, pairs, cuts) => {
        const bytes = Buffer.concat([utf8(`{"名":"${'云'.repeat(chinese)}"}\n`), Buffer.from(Array.from({ length: pairs + 1 }, () => gbk).flat()), utf8('\n')]);
        const stream = chunked(bytes, cuts.map((c) => c % (bytes.length + 1)));
        const want = said(await all(oracleReadRecords(stream(), 'ndjson', 'in.ndjson', 1 << 20)));
        expect(said(await all(readBlocks(stream(), 'in.ndjson', 1 << 20)))).toStrictEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe('blocks', () => {
  it('records of a block, blank lines and a CRLF between them: each at its line, the file\'s last line unterminated', async () => {
    const evs = await all(readBlocks(chunked(utf8('\ufeff{"a":1}\r\n\r\n \u3000\n{"b":"云"}\n{"c":3}'), [5])(), 'in.ndjson', 1 << 20));
    expect(said(evs).records).toStrictEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":"云"}' },
      { line: 5, text: '{"c":3}', unterminated: true },
    ]);
    // A block is its own bytes, to be sent to a worker.
    for (const e of evs) if (e.kind === 'block') expect(e.block.bytes.byteOffset === 0 && e.block.bytes.byteLength === e.block.bytes.buffer.byteLength).toBe(true);
  });

  it('a block holds 128 records, across chunks: 300 lines are three blocks, of 128, 128 and 44, however the file is cut', async () => {
    const text = utf8(Array.from({ length: 300 }, (_, k) => `{"i":${k}}\n`).join(''));
    for (const cuts of [[], Array.from({ length: 40 }, (_, k) => k * 97), [1000, 1001, 1002]]) {
      const evs = await all(readBlocks(chunked(text, cuts)(), 'in.ndjson', 1 << 20));
      expect(evs.map((e) => (e.kind === 'block' ? e.block.lines.length : e.kind))).toStrictEqual([128, 128, 44]);
      expect(said(evs).records.map((r) => r.line)).toStrictEqual(Array.from({ length: 300 }, (_, k) => k + 1));
    }
  });

  it('a character split between two chunks at every place — 云 (3 bytes), 😀 (4 bytes), é (2 bytes) — is read whole, in blocks and as records', async () => {
    const text = '{"a":"云😀é"}\r\n{"b":2}\n';
    const bytes = utf8(text);
    for (let c = 0; c <= bytes.length; c++) {
      const want = [
        { line: 1, text: '{"a":"云😀é"}' },
        { line: 2, text: '{"b":2}' },
      ];
      expect(said(await all(readBlocks(chunked(bytes, [c])(), 'in.ndjson', 1 << 20))).records).toStrictEqual(want);
      expect(said(await all(readRecords(chunked(bytes, [c, c + 1])(), 'ndjson', 'in.ndjson', 1 << 20))).records).toStrictEqual(want);
    }
  });

  it('a line too long between two blocks comes between them, as file_too_large at its line', async () => {
    const evs = await all(readBlocks(chunked(utf8(`{"a":1}\n${'x'.repeat(40)}\n{"b":2}\n`), [12, 30])(), 'in.ndjson', 16));
    expect(evs.map((e) => e.kind)).toStrictEqual(['block', 'records', 'block']);
    expect(said(evs).records.map((r) => [r.line, r.issue?.code ?? r.text])).toStrictEqual([
      [1, '{"a":1}'],
      [2, 'file_too_large'],
      [3, '{"b":2}'],
    ]);
  });

  it('a bad byte at the very start, in the last chunk, and straddling a chunk\'s end: line, column and offset', async () => {
    const where = async (bytes: Uint8Array, cuts: number[]) => {
      const e = said(await all(readBlocks(chunked(bytes, cuts)(), 'in.ndjson', 1 << 20))).fatal as { source: unknown; params: { offset: number } };
      return [e.source, e.params.offset];
    };
    // 0xFF first: line 1, column 1, offset 0.
    expect(await where(Buffer.from([0xff, 0x7b, 0x7d, 0x0a]), [1])).toStrictEqual([{ file: 'in.ndjson', line: 1, column: 1 }, 0]);
    // 云 is E4 BA 91; its first two bytes then "x": a sequence broken after a chunk's end — line 2, column 3, at byte 14.
    const straddle = Buffer.concat([utf8('{"a":"云"}\n{"'), Buffer.from([0xe4, 0xba]), utf8('x"}\n')]);
    expect(utf8('{"a":"云"}\n{"').length).toBe(14);
    for (const cuts of [[], [15], [16], [14, 15, 16]]) expect(await where(straddle, cuts)).toStrictEqual([{ file: 'in.ndjson', line: 2, column: 3 }, 14]);
    // In the last chunk of three, after a BOM (not a column): line 3, column 2.
    const late = Buffer.concat([utf8('\ufeff{}\n{}\n{'), Buffer.from([0x80])]);
    expect(await where(late, [4, 8])).toStrictEqual([{ file: 'in.ndjson', line: 3, column: 2 }, 10]);
  });
});
