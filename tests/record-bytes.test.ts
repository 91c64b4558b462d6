/**
 * The byte reader's helpers (src/evaluate/record-bytes.ts), with and without the engine's
 * TextEncoder and TextDecoder (GraalJS and a bare `node:vm` have neither): the same bytes of a
 * text, the same text of bytes, as Node's own encoder and decoder give them.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';

type Helpers = typeof import('../src/evaluate/record-bytes.js');
const native: Helpers = await import('../src/evaluate/record-bytes.js');
vi.resetModules();
vi.stubGlobal('TextEncoder', undefined);
vi.stubGlobal('TextDecoder', undefined);
const plainJs: Helpers = await import('../src/evaluate/record-bytes.js');
vi.unstubAllGlobals();
afterAll(() => vi.unstubAllGlobals());

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Characters of the Basic Multilingual Plane, no surrogate: what the reader makes text of. */
const bmp = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x7ff }), fc.integer({ min: 0x800, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xffff })), { maxLength: 40 }).map((cs) => String.fromCharCode(...cs));

describe('record-bytes', () => {
  it('the helpers were loaded once with the engine’s encoder and decoder, once without', () => {
    expect(plainJs).not.toBe(native);
  });

  it('a text’s bytes are TextEncoder’s, with or without it: 在职人数, a lone surrogate (EF BF BD), a pair', () => {
    for (const h of [native, plainJs]) {
      expect([...h.encodeText('{"在职人数":31}')]).toStrictEqual([...encoder.encode('{"在职人数":31}')]);
      expect([...h.encodeText('a\ud800b')]).toStrictEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
      expect([...h.encodeText('😀')]).toStrictEqual([...encoder.encode('😀')]);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => {
      const want = [...encoder.encode(t)];
      expect([...native.encodeText(t)]).toStrictEqual(want);
      expect([...plainJs.encodeText(t)]).toStrictEqual(want);
    }), { numRuns: 300 });
  });

  it('bytes of BMP characters are made into the text TextDecoder makes, with or without it, from any place to any place', () => {
    fc.assert(fc.property(bmp, bmp, bmp, (before, text, after) => {
      const b = encoder.encode(before + text + after);
      const from = encoder.encode(before).length;
      const to = from + encoder.encode(text).length;
      expect(native.bytesText(b, from, to)).toBe(text);
      expect(plainJs.bytesText(b, from, to)).toBe(text);
      // The characters before a place, counted as the document reader counts columns.
      expect(native.unitsBefore(b, from)).toBe(before.length);
    }), { numRuns: 300 });
    expect(plainJs.bytesText(encoder.encode('部分任务未完成'), 0, 21)).toBe(decoder.decode(encoder.encode('部分任务未完成')));
  });

  it('a key looked for as it is written: printable, no quote, no backslash, not U+FFFD', () => {
    expect(native.plainKey('推进全面小康建设指标任务完成情况')).toBe(true);
    expect(native.plainKey('id')).toBe(true);
    for (const k of ['a"b', 'a\\b', 'a\u0001', '\ufeff', '\ufffd', '\ud83d\ude00', '\u0085']) expect(native.plainKey(k)).toBe(false);
    expect(native.bytesAre(encoder.encode('"id":1'), 1, 3, encoder.encode('id'))).toBe(true);
    expect(native.bytesAre(encoder.encode('"ids":1'), 1, 4, encoder.encode('id'))).toBe(false);
  });
});
