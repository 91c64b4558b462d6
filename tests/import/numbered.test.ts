/**
 * Sheets whose 评分标准 are numbered prose (tests/fixtures/sheets, sources in SOURCES.md): numbered
 * parts that each name an indicator with its 分值 and a standard of its own are drafted as the
 * indicators below the row (三级 under a 二级); numbered points that only carry a score are one
 * indicator's checklist. Either way the draft says which reading it took, and the row's 分值 is what
 * the parts must add up to — a sheet whose figures do not add up is never clean.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Decimal } from '../../src/decimal.js';
import { describe, expect, it } from 'vitest';
import { importSheet } from '../../src/import/entry.js';
import { evaluate, loadRubric, type Rubric } from '../../src/index.js';
import { isNumbered, numberedIndicators } from '../../src/text/numbered.js';

const sheet = (file: string) => readFileSync(new URL(`../fixtures/sheets/${file}`, import.meta.url), 'utf8');
function draft(text: string, file = 'sheet.csv') {
  const d = importSheet(text, { file });
  if (!d.success) throw new Error(JSON.stringify(d.issues));
  return { ...d.value, rubric: loadRubric(d.value.yaml) };
}
const scoreOf = (rubric: Rubric, input: object, id: string) => evaluate(rubric, input as never).indicators.flatMap(function all(n): typeof n[] { return [n, ...(n.children ?? []).flatMap(all)]; }).find((n) => n.id === id)!.score;

describe('numbered parts that are indicators: 名称（N分）。评分标准', () => {
  // 机构编制评估: 1.严格落实党管机构编制原则（1.5分）。… 2.业务办理（1分）。… under one 二级 of 2.5.
  const text = sheet('staffing-numbered-parts.csv');

  it('become the indicators below the row, each with its 分值 and its own standard; 1.5 + 1 = 2.5 confirms the tree', () => {
    const d = draft(text);
    const parent = d.rubric.byId.get('机构编制纪律与业务办理')!;
    expect(parent.children.map((c) => [c.name, c.max.toFixed()])).toStrictEqual([['严格落实党管机构编制原则', '1.5'], ['业务办理', '1']]);
    expect(parent.children[0]!.standard).toMatch(/^是否通过下发文件/);
    expect(parent.children[1]!.standard).toMatch(/^未按规定进行用编用职审核的，每例扣0\.1分/);
    expect(d.yaml).toContain('# TODO: 评分标准按编号读作 2 个下级指标（1.严格落实党管机构编制原则 1.5 分、2.业务办理 1 分）');
    expect(d.problems).toStrictEqual([]);
  });

  it('each part is scored by its own sentence (hand-computed)', () => {
    const { rubric } = draft(text);
    const [veto, work] = rubric.byId.get('机构编制纪律与业务办理')!.children;
    const names = (n: typeof veto) => (n!.rule as { inputs?: readonly string[] }).inputs ?? [...rubric.inputs.keys()].filter((k) => JSON.stringify(n!.rule).includes(k));
    const [found] = names(veto);
    const kinds = names(work);
    expect(kinds).toHaveLength(4);
    const input = (n: number, cases: number[]) => ({ values: { [found!]: n, ...Object.fromEntries(kinds.map((k, i) => [k, cases[i]!])) } });
    // 发现一次扣0.5分，两次及以上不得分: 0 → 1.5, 1 → 1, 2 → 0. 每例扣0.1分 over four kinds: 1+1+1+0 → 0.7; 12 → 0 (not −0.2).
    expect([0, 1, 2, 5].map((n) => scoreOf(rubric, input(n, [0, 0, 0, 0]), veto!.id))).toStrictEqual(['1.5', '1', '0', '0']);
    expect([[0, 0, 0, 0], [1, 1, 1, 0], [3, 3, 2, 2], [12, 0, 0, 0]].map((c) => scoreOf(rubric, input(0, c), work!.id))).toStrictEqual(['1', '0.7', '0', '0']);
    // The 二级 adds them up: 1 + 0.7 = 1.7.
    expect(scoreOf(rubric, input(1, [1, 1, 1, 0]), '机构编制纪律与业务办理')).toBe('1.7');
  });

  it('a row whose 分值 is not the sum of its parts is flagged, not clean: 3 against 1.5 + 1', () => {
    const d = draft(text.replace(/,2\.5\s*$/, ',3\n'));
    expect(d.problems.map((p) => p.zh)).toStrictEqual(['第 2 行“机构编制纪律与业务办理”：表中写作 3 分，下级指标合计 2.5 分']);
  });

  it('a maximum on either side of the sum: 2.49 and 2.51 are flagged, 2.50 is not', () => {
    for (const [max, flagged] of [['2.49', true], ['2.51', true], ['2.50', false]] as const) expect(draft(text.replace(/,2\.5\s*$/, `,${max}\n`)).problems.length > 0, max).toBe(flagged);
  });
});

describe('numbered points that only carry a score: one indicator’s checklist', () => {
  it('岳阳 2018: 管理制度健全性 ①…1分；②…1分；③…1分 is a 3-point checklist, said in a TODO; 资金使用合规性 ①–⑤ with 每出现一例扣1分 a count', () => {
    const d = draft(sheet('yueyang-2018-numbered.csv'));
    const rules = d.rubric.byId.get('管理制度健全性')!;
    expect(rules.children).toHaveLength(0);
    expect(rules.kind).toBe('checklist');
    expect(d.yaml).toContain('# TODO: 评分标准的编号各项读作同一指标的评分要点（checklist），不是下级指标');
    expect(d.rubric.byId.get('资金使用合规性')!.kind).toBe('count');
    // The sheet's own figures: 预算配置（15分） = 5 + 5 + 5.
    expect(d.problems).toStrictEqual([]);
    const count = [...d.rubric.inputs.keys()].find((k) => JSON.stringify(d.rubric.byId.get('资金使用合规性')!.rule).includes(k))!;
    const input = (met: boolean[], cases: number) => ({
      values: { 在职人员控制率: 100, 三公经费变动率: 0, 重点支出安排率: 90, [count]: cases },
      assessments: { 管理制度健全性: { items: Object.fromEntries(met.map((m, i) => [String(i + 1), m])) } },
    });
    // Two of three points met: 2; all: 3. Two cases: 3 − 2 = 1; four: 0 (扣完为止).
    expect(scoreOf(d.rubric, input([true, true, false], 0), '管理制度健全性')).toBe('2');
    expect(scoreOf(d.rubric, input([true, true, true], 0), '管理制度健全性')).toBe('3');
    expect(scoreOf(d.rubric, input([true, true, true], 2), '资金使用合规性')).toBe('1');
    expect(scoreOf(d.rubric, input([true, true, true], 4), '资金使用合规性')).toBe('0');
  });

  it('永州 2016: 项目立项规范性（4分） ①…得1分；②…得1分；③…得2分 is a 1 + 1 + 2 checklist; the excerpt’s stated 12 and 20 do not add up, and the draft says so', () => {
    const d = draft(sheet('yongzhou-2016-numbered.csv'));
    const leaf = d.rubric.byId.get('项目立项规范性')!;
    expect([leaf.kind, leaf.max.toFixed(), leaf.description]).toStrictEqual(['checklist', '4', '项目的申请、设立过程是否符合相关要求，用以反映和考核项目立项的规范情况。']);
    expect((leaf.rule as unknown as { items: { points?: unknown }[] }).items.map((i) => String(i.points))).toStrictEqual(['1', '1', '2']);
    const input = (met: boolean[]) => ({ assessments: { 项目立项规范性: { items: Object.fromEntries(met.map((m, i) => [String(i + 1), m])) } } });
    // ① and ③ met: 1 + 2 = 3; only ②: 1.
    expect(scoreOf(d.rubric, input([true, false, true]), '项目立项规范性')).toBe('3');
    expect(scoreOf(d.rubric, input([false, true, false]), '项目立项规范性')).toBe('1');
    expect(d.problems.map((p) => p.zh)).toStrictEqual(['第 3 行“项目立项”：表中写作 12 分，下级指标合计 4 分', '第 3 行“投入”：表中写作 20 分，下级指标合计 4 分']);
  });
});

describe('numberedIndicators reads what the sentences say', () => {
  it('parts with a name, a 分值 and a standard of their own, in each numbering (①, 1., （1）), with or without a separator before the next mark', () => {
    for (const t of [
      '①资金使用合规（4分）：支出符合规定的得4分，每发现一例扣1分；②会计核算规范（3分）：核算规范的得3分；③档案管理（3分）：档案齐全的得3分',
      '1.资金使用合规（4分）。支出符合规定的得4分，每发现一例扣1分。2.会计核算规范（3分）。核算规范的得3分。3.档案管理（3分）。档案齐全的得3分。',
      '（1）资金使用合规（4分）：支出符合规定的得4分，每发现一例扣1分（2）会计核算规范（3分）：核算规范的得3分（3）档案管理（3分）：档案齐全的得3分',
    ]) {
      const r = numberedIndicators(t);
      expect(r?.parts.map((p) => [p.name, p.max]), t).toStrictEqual([['资金使用合规', '4'], ['会计核算规范', '3'], ['档案管理', '3']]);
      expect(r!.parts[1]!.standard).toMatch(/^核算规范的得3分/);
    }
  });

  it('the 分值 last, after a name and a standard that scores: 名称：…得4分…（4分）', () => {
    const r = numberedIndicators('①资金使用合规：支出符合规定的得4分，每发现一例扣1分（4分）；②会计核算规范：核算规范的得3分，否则不得分（3分）。');
    expect(r?.parts.map((p) => [p.name, p.max, p.standard])).toStrictEqual([
      ['资金使用合规', '4', '支出符合规定的得4分，每发现一例扣1分'],
      ['会计核算规范', '3', '核算规范的得3分，否则不得分'],
    ]);
    // A criterion with its points is a checklist's point, not an indicator: 明确性：目标指向明确（1分）.
    expect(numberedIndicators('①明确性：目标指向明确（1分）；②可衡量性：目标可通过清晰的数量指标衡量（1分）')).toBeUndefined();
  });

  it('points that carry only their score, a part with no standard of its own, or a single part are not indicators', () => {
    expect(numberedIndicators('①已制定管理办法，1分；②制度合法合规，1分；③制度得到有效执行，1分。')).toBeUndefined();
    expect(numberedIndicators('①目标明确（1分）；②目标细化（1.5分）；③目标量化（1.5分）')).toBeUndefined();
    expect(numberedIndicators('①资金使用合规（4分）：支出符合规定的得4分；②会计核算规范（3分）')).toBeUndefined();
    expect(numberedIndicators('1.资金使用合规（4分）：支出符合规定的得4分')).toBeUndefined();
    // A decimal is not a mark: 0.5 and 1.5 do not start parts.
    expect(numberedIndicators('每发现一例扣0.5分，最多扣1.5分')).toBeUndefined();
    expect(isNumbered('①已制定管理办法，1分；②制度合法合规，1分')).toBe(true);
    expect(isNumbered('每发现一例扣0.5分，最多扣1.5分')).toBe(false);
  });
});

describe('numbered parts, generated', () => {
  const NAMES = ['资金使用合规', '会计核算规范', '档案管理', '预算执行率', '政府采购', '资产管理', '信息公开', '业务办理'];
  // Sentences of published sheets (tests/fixtures/standards/corpus.yaml), with no numbering of their own.
  const STANDARDS = ['支出符合规定的得满分，每发现一例扣1分，扣完为止', '未按规定进行用编用职审核的，每例扣0.1分', '档案齐全的得满分，不齐全的酌情扣分', '以100%为标准，每低于一个百分点扣0.5分，扣完为止'];
  const MARKS: ((k: number) => string)[] = [(k) => '①②③④⑤⑥⑦⑧'[k - 1]!, (k) => `${k}.`, (k) => `${k}、`, (k) => `（${k}）`];
  const part = fc.record({ max: fc.integer({ min: 1, max: 40 }).map((n) => (n % 3 === 0 ? `${n / 2}` : `${n}`)), standard: fc.constantFrom(...STANDARDS), colon: fc.constantFrom('：', '。', '') });
  const cell = fc.record({
    parts: fc.shuffledSubarray(NAMES, { minLength: 2, maxLength: 5 }).chain((names) => fc.tuple(...names.map((name) => part.map((p) => ({ ...p, name }))))),
    style: fc.integer({ min: 0, max: 3 }),
    sep: fc.constantFrom('；', '。', '\n', ''),
    offset: fc.constantFrom(-1, 0, 0, 1),
  });

  it('numberedIndicators gives back each part, and the draft the indicators with their 分值; a row 分值 off the sum is a problem', () => {
    fc.assert(
      fc.property(cell, ({ parts, style, sep, offset }) => {
        // Without a separator a bare `2.` is not a mark (it may be a figure's): the parts need one there.
        const between = style === 1 || style === 2 ? sep || '；' : sep;
        const text = parts.map((p, i) => `${MARKS[style]!(i + 1)}${p.name}（${p.max}分）${p.colon}${p.standard}`).join(between);
        const read = numberedIndicators(text);
        expect(read?.parts.map((p) => [p.name, p.max, p.standard])).toStrictEqual(parts.map((p) => [p.name, new Decimal(p.max).toFixed(), p.standard]));
        const sum = parts.reduce((a, p) => a.plus(p.max), new Decimal(0));
        const stated = sum.plus(offset);
        if (stated.lte(0)) return;
        const csv = `一级指标,二级指标,评分标准,分值\n管理,合规管理,"${text}",${stated.toFixed()}\n`;
        const d = draft(csv);
        const parent = d.rubric.byId.get('合规管理')!;
        expect(parent.children.map((c) => [c.name, c.max.toFixed()])).toStrictEqual(parts.map((p) => [p.name, new Decimal(p.max).toFixed()]));
        expect(d.problems.length > 0).toBe(offset !== 0);
      }),
      { numRuns: 100, seed: 22 },
    );
  });
});
