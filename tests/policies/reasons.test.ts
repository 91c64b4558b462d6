/**
 * Every reason the evaluator must give — the 一票否决 reason, the reason of a judgement below max —
 * says something: a reason of only spaces or invisible characters is refused with the same issue
 * as an empty one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate, type EvaluationInput } from '../../src/index.js';
import { full, gave, judged, sheet } from './sheet.js';

const rubric = sheet({
  vetoes: [{ id: '挪用资金', name: '挤占挪用资金的，等次为差', grade: '差' }],
  indicators: [judged('基础', 100)],
});
/** What an evaluation is refused with: code and path of each issue, or the grade it gets. */
const outcome = (input: EvaluationInput) => {
  const r = safeEvaluate(rubric, input);
  return r.success ? { grade: r.value.grade } : { issues: r.issues.map((i) => [i.code, i.path.join('.'), i.messageEn.replace(/received ".*"$/su, '')]) };
};
const veto = (reason: string) => outcome({ assessments: { 基础: full(100) }, vetoes: { 挪用资金: reason } });
const judgement = (reason: string) => outcome({ assessments: { 基础: gave(90, reason) } });

// Characters that show nothing, listed by hand: every space separator (\p{Zs}), line and
// paragraph breaks and tabs, format characters (\p{Cf}), variation selectors, Hangul fillers,
// the combining grapheme joiner, control characters, the blank braille pattern.
const INVISIBLE = [
  ' ', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000',
  '\t', '\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029',
  '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u00AD', '\u061C', '\u180E', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u{E0001}', '\u{E0020}',
  '\uFE00', '\uFE0F', '\u{E0100}', '\u115F', '\u1160', '\u3164', '\uFFA0', '\u034F', '\u0000', '\u0007', '\u007F', '\u2800',
];
const invisible = fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

describe('一票否决: a reason of only invisible characters is no reason', () => {
  const empty = veto('');
  it('empty: invalid_value at vetoes.挪用资金', () => expect(empty).toEqual({ issues: [['invalid_value', 'vetoes.挪用资金', 'expected non-empty text, ']] }));
  it.each([['spaces', '   '], ['U+200B', '\u200B'], ['U+FEFF', '\uFEFF'], ['U+3000 U+00A0', '\u3000\u00A0'], ['a tab and a line break', '\t\n']])('%s: the same issue', (_, reason) =>
    expect(veto(reason)).toEqual(empty));
  it('one character that shows, among them, is a reason: 等次为差', () => expect(veto('\u3000挪\u200B')).toEqual({ grade: '差' }));
  it('property: any invisible string is refused as the empty one is; with a word inside, accepted', () =>
    fc.assert(
      fc.property(invisible, invisible, (a, b) => {
        expect(veto(a + b)).toEqual(empty);
        expect(veto(`${a}挤占专项资金${b}`)).toEqual({ grade: '差' });
      }),
      { numRuns: 200 },
    ));
});

describe('a judgement below max: a reason of only invisible characters is no reason', () => {
  const empty = judgement('');
  it('empty: judgement_reason_required at assessments.基础.reason', () => expect(empty.issues?.map((i) => i.slice(0, 2))).toEqual([['judgement_reason_required', 'assessments.基础.reason']]));
  it('property: any invisible string is refused as the empty one is; with a word inside, accepted', () =>
    fc.assert(
      fc.property(invisible, invisible, (a, b) => {
        expect(judgement(a + b)).toEqual(empty);
        expect(judgement(`${a}部分任务延期${b}`)).toEqual({ grade: '优' });
      }),
      { numRuns: 200 },
    ));
});
