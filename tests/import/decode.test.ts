/**
 * What a table file's bytes are: UTF-8; a UTF-8 file with a stray byte, which is pointed at (line,
 * column, byte offset) rather than read as GBK mojibake; or GBK, only when the bytes are plausibly
 * GBK — not UTF-8 at more places than they are, every other byte in a GBK pair, mostly GB2312.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { decodeTable } from '../../src/import/decode.js';

const fixture = (f: string) => readFileSync(new URL(`../fixtures/${f}`, import.meta.url));
const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** `s` with `bad` inserted before its `k`th character. */
const stray = (s: string, k: number, bad: number) => {
  const chars = Array.from(s);
  return Buffer.concat([utf8(chars.slice(0, k).join('')), Buffer.from([bad]), utf8(chars.slice(k).join(''))]);
};
/** Line and column (in characters) of the `k`th character of `s`, and its byte offset: the oracle. */
const where = (s: string, k: number) => {
  const before = Array.from(s).slice(0, k).join('');
  const lines = before.split('\n');
  return { line: lines.length, column: Array.from(lines[lines.length - 1]!).length + 1, offset: utf8(before).length };
};

// GBK encoding of the GB2312 characters, from the platform's GB18030 decoder: an encoder independent of the code under test.
const gbkOf = new Map<string, number[]>();
{
  const d = new TextDecoder('gb18030');
  for (let a = 0xa1; a <= 0xf7; a++) for (let b = 0xa1; b <= 0xfe; b++) {
    const c = d.decode(new Uint8Array([a, b]));
    if (c.length === 1 && c !== '\uFFFD' && !gbkOf.has(c)) gbkOf.set(c, [a, b]);
  }
}
const gbk = (s: string) => Buffer.from(Array.from(s).flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : gbkOf.get(c)!)));

describe('a UTF-8 table with one stray byte', () => {
  const sheet = fixture('hunan-sheet.csv').toString('utf8');

  it('the Hunan sheet with 0xB0 before 二级指标 in its header: encoding_invalid at line 1, column 6, byte 13 — not GBK mojibake', () => {
    const r = decodeTable(stray(sheet, 5, 0xb0), '评分表.csv');
    expect('issue' in r && [r.issue.code, r.issue.source, r.issue.params, r.issue.messageEn]).toStrictEqual([
      'encoding_invalid',
      { file: '评分表.csv', line: 1, column: 6 },
      { byte: '0xB0', line: 1, column: 6, offset: 13 },
      'the file is not valid UTF-8: the byte 0xB0 on line 1, column 6 (byte 14 of the file) is not UTF-8; delete or correct it, or save the file as UTF-8',
    ]);
  });

  it('jixiao import names the file, line and column', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'jixiao-decode-')), 'sheet.csv');
    // Line 2 begins `"投  入`: the byte goes before 入, the 4th character.
    writeFileSync(f, stray(sheet, Array.from('一级指标,二级指标,三级指标,评分标准,分值,自评得分,扣分原因和其他说明\n"投 ').length, 0xff));
    let err = '';
    const code = await run(['import', f, '--lang', 'zh'], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^${f.replace(/[\\/.]/g, '\\$&')}:2:4 error encoding_invalid 文件不是有效的 UTF-8 编码：第 2 行第 4 列的字节 0xFF`));
  });

  it('property: any UTF-8 text with a stray byte at any place is encoding_invalid at exactly that line, column and offset — never GBK', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/^\uFEFF/, '')),
        fc.nat(),
        fc.integer({ min: 0x80, max: 0xff }),
        (s, n, bad) => {
          const k = n % (Array.from(s).length + 1);
          const r = decodeTable(stray(s, k, bad), 'x.csv');
          const w = where(s, k);
          expect('issue' in r && [r.issue.code, r.issue.source, r.issue.params.offset]).toStrictEqual(['encoding_invalid', { file: 'x.csv', line: w.line, column: w.column }, w.offset]);
          // Never read as GBK (text of NULs may still look like UTF-16).
          expect('issue' in r && String(r.issue.params.hint ?? '')).not.toMatch(/GBK/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('edges: a stray byte first, last, and a character cut off at the end', () => {
    for (const [bytes, at] of [[Buffer.from([0xb0, 0x61]), { line: 1, column: 1 }], [Buffer.concat([utf8('分值\n'), Buffer.from([0xb0])]), { line: 2, column: 1 }], [Buffer.concat([utf8('分值\n5'), Buffer.from([0xe5, 0x88])]), { line: 2, column: 2 }]] as const) {
      const r = decodeTable(bytes);
      expect('issue' in r && r.issue.source).toStrictEqual(at);
    }
  });
});

describe('GBK, when the bytes are plausibly GBK', () => {
  it('the GBK fixtures are still GBK, and read as their UTF-8 twins', () => {
    const r = decodeTable(fixture('hunan-sheet-gbk.csv'));
    expect('text' in r && [r.encoding, r.text === fixture('hunan-sheet.csv').toString('utf8')]).toStrictEqual(['GBK', true]);
  });

  const words = ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '预算执行率', '在职人员控制率', '每超过一个百分点扣0.5分', '扣完为止', '合计', '投入', '过程', '产出', '效果', '执行', '（含）', '，'];
  it('property: a table in the sheets’ own words, saved as GBK, is read as GBK, to the same text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.constantFrom(...words), fc.integer({ min: 0, max: 100 }).map(String)), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = `一级指标,分值\n${rows.map((r) => r.join(',')).join('\n')}\n`;
        const r = decodeTable(gbk(text));
        expect('text' in r && [r.encoding, r.text]).toStrictEqual(['GBK', text]);
      }),
      { numRuns: 300 },
    );
  });

  it('one GB2312 pair in ASCII text is GBK (啊); one high byte before an ASCII letter or at the end is not', () => {
    expect(decodeTable(Buffer.from([0x61, 0x2c, 0xb0, 0xa1, 0x0a]))).toStrictEqual({ text: 'a,啊\n', encoding: 'GBK' });
    for (const bytes of [[0x61, 0x2c, 0xb0, 0x61], [0x61, 0x2c, 0xb0]]) expect('issue' in decodeTable(Buffer.from(bytes))).toBe(true);
  });
});

describe('the UTF-8 scan agrees with the platform decoder', () => {
  it('property: first invalid byte where TextDecoder puts its first U+FFFD; valid exactly when a fatal decoder accepts; a cut-off tail carried', async () => {
    const { scanUtf8 } = await import('../../src/source/utf8.js');
    const bytesArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0x80, 0xbf, 0xa0, 0x9f, 0x90, 0x8f)), { maxLength: 24 });
    fc.assert(
      fc.property(bytesArb, (arr) => {
        const bytes = new Uint8Array(arr);
        const s = scanUtf8(bytes);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(s.firstInvalid < 0).toBe(valid);
        if (!valid) {
          // The prefix before the first invalid byte is valid, and decoding the whole puts U+FFFD right after it.
          const prefix = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, s.firstInvalid));
          const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
          expect(loose.startsWith(prefix) && loose[prefix.length]).toBe('\uFFFD');
          // Invalid places are the decoder's replacement characters (none of the input's own, which is all ASCII or valid here).
          expect(s.invalid).toBe([...loose].filter((c) => c === '\uFFFD').length);
        }
        // Streaming: the bytes before `end` decode alone; those after are an incomplete character, which a streaming decoder holds back too.
        const t = scanUtf8(bytes, { final: false });
        if (t.firstInvalid < 0) {
          expect(bytes.length - t.end).toBeLessThan(4);
          expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, t.end), { stream: true })).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: true }));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
