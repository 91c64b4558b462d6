/**
 * The CSV formula guard (formulaSafe, shared by the CSV 评分表 and `jixiao batch --format csv`):
 * any cell whose first character that is not white space, a control character or an invisible
 * one starts a formula — = + - @, their full-width forms ＝＋－＠ — is written as text, and so is
 * one that starts with a tab or a carriage return; plain numbers stay numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './examples.js';
import { csvField } from '../../src/report/sheet.js';
import { formulaSafe, unguardFormula } from '../../src/source/cells.js';
import { FORMULA_STARTS, LEADING, runsAsFormula } from './formula-oracle.js';

/** What Excel sees in the cell: the CSV field read back. */
const cell = (s: string) => readCsv(`${csvField(s)}\r\n`)[0]?.[0] ?? '';
const crlf = (s: string) => s.replace(/\r\n?/g, '\n');

describe('formulaSafe: the forms testers found', () => {
  it.each([
    ['=HYPERLINK("http://x","点击")', true],
    ['\n=1+1', true], // a leading line feed
    [' =1+1', true], // a leading space
    ['\u3000=1+1', true], // an ideographic space
    ['＝1+1', true],
    ['＋1', true],
    ['－1', true],
    ['＠SUM(A1)', true],
    ['\tTAB', true],
    ['\rCR', true],
    ['\u200b=1', true], // a zero-width space before =
    ['\ufeff@x', true],
    [' \n\u3000\t-2+3', true],
    ['−1', true], // the minus sign
    ['-2+3', true],
    ['+1+1', true],
    ['在职人员控制率≦100%', false],
    ['a=1', false],
    ['以100%为标准', false],
    ['', false],
    ['   ', false],
    ['\u3000', false],
  ])('%j is guarded: %s', (s, guarded) => {
    expect(formulaSafe(s)).toBe(guarded ? `'${s}` : s);
    expect(runsAsFormula(crlf(cell(s)))).toBe(false);
  });

  it.each(['-3', '-3.5', '0', '99', '0.25'])('the plain number %s stays a number', (n) => {
    expect(formulaSafe(n)).toBe(n);
    expect(csvField(n)).toBe(n);
  });

  it('a number cell is written bare; a text cell of the same figure with a formula after it is not', () => {
    expect(csvField({ text: '-1.5', number: '-1.5' })).toBe('-1.5');
    expect(cell('-1.5+A1')).toBe("'-1.5+A1");
  });
});

describe('formulaSafe: properties', () => {
  const lead = fc.array(fc.constantFrom(...LEADING), { maxLength: 4 }).map((a) => a.join(''));
  const tail = fc.string({ unit: 'binary', maxLength: 12 });

  it('any run of white space, controls and invisibles before = + - @ (or ＝＋－＠) is guarded', () => {
    fc.assert(
      fc.property(lead, fc.constantFrom(...FORMULA_STARTS), tail, (l, f, t) => {
        const s = `${l}${f}${t}`;
        if (/^-?[0-9]+(\.[0-9]+)?$/.test(s)) return; // a plain number
        expect(formulaSafe(s)).toBe(`'${s}`);
        expect(crlf(cell(s))).toBe(crlf(`'${s}`));
      }),
      { numRuns: 400 },
    );
  });

  it('any text: read back it is the text or the text after \', never a formula; text starting with a letter is left as it is', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.tuple(lead, tail).map(([l, t]) => l + t), fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/)), (s) => {
        const back = crlf(cell(s));
        expect([crlf(s), crlf(`'${s}`)]).toContain(back);
        expect(runsAsFormula(back)).toBe(false);
        if (runsAsFormula(crlf(s))) expect(back).toBe(crlf(`'${s}`));
        if (/^[\p{L}\p{N}]/u.test(s)) expect(back).toBe(crlf(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the guard read back: jixiao import takes off what the writers add', () => {
  it('unguardFormula(formulaSafe(s)) is s, for any text, and what is written never runs as a formula', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '＝', ' ', '\u3000', '\t', '1', '.', 'a', '评') }));
    fc.assert(
      fc.property(text, (s) => {
        expect(unguardFormula(formulaSafe(s))).toBe(s);
        expect(runsAsFormula(formulaSafe(s))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a text that really starts with a quote before a formula keeps it', () => {
    expect(formulaSafe("'=1")).toBe("''=1");
    expect(unguardFormula("''=1")).toBe("'=1");
    expect(unguardFormula("'=1")).toBe('=1');
    expect(unguardFormula("'不是公式")).toBe("'不是公式");
    expect(unguardFormula("'-3")).toBe("'-3"); // -3 is never guarded, so this ' is the text's own
  });
});
