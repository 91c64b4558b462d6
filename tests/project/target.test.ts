/**
 * 年度指标值 as real 项目支出绩效自评表 write them (docs/sources/project-expenditure.md §2,
 * examples/miluo-2018-project/source.md line ~587): symbols and words, system exports, ranges, counts, 定性 wording, deadlines.
 */
import { describe, expect, it } from 'vitest';
import { readProjectTarget, showProjectTarget } from '../../src/project/target.js';

const read = (t: string) => {
  const r = readProjectTarget(t);
  if (!r) return undefined;
  if (r.kind === 'number') return `${r.kind} ${r.op} ${r.value.toPlain()} ${r.unit}`;
  if (r.kind === 'range') return `${r.kind} ${r.lo.toPlain()}-${r.hi.toPlain()} ${r.unit}`;
  if (r.kind === 'deadline') return `${r.kind} ${r.month ?? ''}/${r.day ?? ''}`;
  return r.kind;
};

describe('readProjectTarget', () => {
  it.each([
    ['≥50个', 'number >= 50 个'],
    ['≧95%', 'number >= 95 %'],
    ['≤90万元', 'number <= 90 万元'],
    ['=100%', 'number = 100 %'],
    ['0', 'number <= 0 '],
    ['100%', 'number >= 100 %'],
    ['≥100百分比', 'number >= 100 %'],
    ['大于等于95%', 'number >= 95 %'],
    ['不低于95%', 'number >= 95 %'],
    ['不高于5%', 'number <= 5 %'],
    ['控制在90万元以内', 'number <= 90 万元'],
    ['12期', 'number >= 12 期'],
    ['31863条', 'number >= 31863 条'],
    ['≥1,200人次', 'number >= 1200 人次'],
    ['95%以上', 'number >= 95 %'],
    ['  ≥ 50 个 ', 'number >= 50 个'],
  ])('%s → %s', (text, want) => {
    expect(read(text)).toBe(want);
  });

  it.each([
    ['95%-100%', 'range 95-100 %'],
    ['95-100%', 'range 95-100 %'],
    ['80%～90%', 'range 80-90 %'],
  ])('a range: %s → %s', (text, want) => {
    expect(read(text)).toBe(want);
  });

  it.each([['达成预期指标'], ['效果明显'], ['有效提升'], ['群众满意']])('定性 wording: %s', (text) => {
    expect(read(text)).toBe('qualitative');
  });

  it.each([
    ['12月底之前完成', 'deadline 12/'],
    ['2021年6月30日前完成', 'deadline 6/30'],
    ['按时完成', 'deadline /'],
    ['按期', 'deadline /'],
  ])('a deadline: %s → %s', (text, want) => {
    expect(read(text)).toBe(want);
  });

  it.each([[''], ['   '], ['≥5O人'], ['不低于95%以下'], ['≥'], ['100%-95%'], ['95%-100个'], ['13月底前完成']])('refuses %j (a target must be stated and readable)', (text) => {
    expect(readProjectTarget(text)).toBeUndefined();
  });

  it('prints a target the way the sheet does', () => {
    expect(showProjectTarget(readProjectTarget('大于等于95%')!)).toBe('≥95%');
    expect(showProjectTarget(readProjectTarget('95%-100%')!)).toBe('95%-100%');
    expect(showProjectTarget(readProjectTarget('效果明显')!)).toBe('效果明显');
  });
});
