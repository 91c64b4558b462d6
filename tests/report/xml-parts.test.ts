/**
 * XLSX and DOCX are zips of XML parts. Text with characters XML 1.0 does not allow (U+FFFE,
 * U+FFFF, C0 controls other than tab/LF/CR, lone surrogates) must not make a part that is not
 * well-formed: the writers drop them, at the one place all their text goes through.
 */
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
// saxes: the strict XML 1.0 parser exceljs itself reads workbooks with.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/entries/docx.js';
import type { ScoreResult } from '../../src/index.js';
import { xmlText } from '../../src/report/xml.js';
import { renderXlsx } from '../../src/entries/xlsx.js';
import { yunxi } from './examples.js';

/** XML 1.0 `Char`, code point by code point (the oracle: the production as the standard writes it). */
const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** Every XML part of a zip, parsed strictly: the first error, or undefined. */
function malformed(bytes: Uint8Array): string | undefined {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let error: string | undefined;
    const p = new SaxesParser({ xmlns: false });
    p.on('error', (e) => (error ??= `${name}: ${e.message}`));
    p.write(strFromU8(data)).close();
    if (error) return error;
  }
  return undefined;
}

const { result, input } = yunxi();
const BAD = ['\uFFFE', '\uFFFF', '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\uD800', '\uDC00', '\uDBFF'];

/** The Yunxi result with `s` in a leaf's name, standard, remark and deduction reason, and in the meta. */
function carrying(s: string): { r: ScoreResult; meta: Record<string, unknown> } {
  const r = JSON.parse(JSON.stringify(result)) as ScoreResult;
  const leaf = r.indicators[1]!.children![2]!.children![0]!;
  leaf.name = `制度${s}`;
  leaf.standard = `${s}①已制定`;
  leaf.remark = `说明${s}`;
  if (leaf.deductions[0]) leaf.deductions[0].reason = `扣1分${s}`;
  r.rubric = { ...r.rubric, name: `评分表${s}` };
  return { r, meta: { ...input.meta, 单位: `单位${s}` } };
}

describe('xmlText: the XML 1.0 Char production', () => {
  it('drops U+FFFE, U+FFFF, C0 controls but tab/LF/CR, lone surrogates; keeps the rest, pairs too', () => {
    expect(xmlText('a\uFFFEb\uFFFFc')).toBe('abc');
    expect(xmlText('\t\n\r')).toBe('\t\n\r');
    expect(xmlText('\u0000\u0008\u000b\u000c\u001f')).toBe('');
    expect(xmlText('\u0020\uD7FF\uE000\uFFFD')).toBe('\u0020\uD7FF\uE000\uFFFD');
    expect(xmlText('\uD800x\uDC00')).toBe('x');
    expect(xmlText('𠀀😀')).toBe('𠀀😀'); // surrogate pairs are characters
    expect(xmlText('\u007f\u0085')).toBe('\u007f\u0085'); // allowed by XML 1.0 (discouraged, not forbidden)
  });

  it('property: what is left is exactly the code points of the Char production, in order', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...BAD), fc.string({ unit: 'binary', maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        // The oracle walks UTF-16 by hand: a high surrogate followed by a low one is a pair.
        let want = '';
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
            want += s.slice(i, i + 2);
            i++;
          } else if (isXmlChar(c) && !(c >= 0xd800 && c <= 0xdfff)) want += s[i];
        }
        expect(xmlText(s)).toBe(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe('XLSX and DOCX parts stay well-formed whatever the text carries', () => {
  it.each(BAD.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), c]))('U+%s in a name, a standard, a remark, a reason, the meta and the rubric name', async (_, c) => {
    const { r, meta } = carrying(c);
    const xlsx = await renderXlsx(r, { input: { meta }, sheetName: `表${c}` });
    expect(malformed(xlsx)).toBeUndefined();
    expect(strFromU8(unzipSync(xlsx)['xl/sharedStrings.xml'] ?? unzipSync(xlsx)['xl/worksheets/sheet1.xml']!)).toContain('单位：单位');
    const docx = await renderDocx(r, { input: { meta } });
    expect(malformed(docx)).toBeUndefined();
    expect(strFromU8(unzipSync(docx)['word/document.xml']!)).toContain('说明');
  });

  it('the parser this test uses does refuse U+FFFF (the test can fail)', () => {
    const p = new SaxesParser();
    let error = false;
    p.on('error', () => (error = true));
    p.write('<a>\uFFFF</a>').close();
    expect(error).toBe(true);
  });

  it('property: arbitrary text in the sheet gives well-formed XLSX and DOCX parts', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...BAD, '&', '<', ']]>', '"'), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const { r, meta } = carrying(s);
        expect(malformed(await renderXlsx(r, { input: { meta } }))).toBeUndefined();
        expect(malformed(await renderDocx(r, { input: { meta } }))).toBeUndefined();
      }),
      { numRuns: 15 },
    );
  });
});
