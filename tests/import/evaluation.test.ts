/**
 * A filled-in 项目支出绩效自评表 (CSV or Markdown) read into an evaluation input: the 汨罗 2018
 * form of examples/miluo-2018-project/source.md as a table, merged cells left blank below their
 * first row, as exports write them; and any rows the testing kit makes, written as a table and read
 * back unchanged.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEvaluation } from '../../src/entries/authoring.js';
import { run } from '../../src/cli/main.js';
import { evaluate, loadBundledRubric, loadRubric, safeEvaluate, type EvaluationInput } from '../../src/index.js';
import { arbitraryRows } from '../../src/testing/index.js';

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
const national = loadBundledRubric('project-self-evaluation');
const CSV = read('tests/fixtures/miluo-2018-self-evaluation.csv');

function imported(text: string, rubric = national, file = 'form.csv') {
  const r = importEvaluation(text, rubric, { file });
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}
const failure = (text: string, rubric = national, file = 'form.csv') => {
  const r = importEvaluation(text, rubric, { file });
  return r.success ? undefined : r.issues.map((i) => `${i.code} ${i.source?.line ?? '-'} ${i.message}`);
};
/** Rows with every figure as text, as a table carries them. */
const asText = (rows: Record<string, unknown[]>) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'number' ? String(v) : v)));

describe('汨罗 2018 政务服务大厅运行, as a CSV table', () => {
  it('reads the 预算执行 figures, every row under its 一级 and 二级 (merged cells), and the stated 总分', () => {
    const v = imported(CSV);
    expect(v.input.values).toEqual({ 全年预算数: '221', 全年执行数: '221' });
    expect(v.rows).toEqual({ 产出指标: 9, 效益指标: 2, 满意度指标: 2 });
    expect(v.statedTotal).toBe('97.86');
    expect(v.input.meta).toEqual({ 项目资金: { 单位: '万元', 年度资金总额: { 年初预算数: '221', 全年预算数: '221', 全年执行数: '221' } }, 来源: 'form.csv', 自评总分: '97.86' });
    // The rows are the example's, as it was written by hand (the time row's actual aside).
    const example = JSON.parse(read('examples/miluo-2018-project/input.json')) as EvaluationInput;
    const rows = v.input.rows as Record<string, Record<string, unknown>[]>;
    const timely = rows['产出指标']![4]!;
    expect(timely).toEqual({ group: '时效指标', name: '第二批“最多跑一次”服务事项清单公布', target: '11月底之前完成', actual: '按时完成', level: '达成', score: '6', weight: '6' });
    delete timely.actual;
    expect(rows).toEqual(asText(example.rows as Record<string, unknown[]>));
  });

  it('scores as the hand-written input does: 97.86, 优', () => {
    const r = evaluate(national, imported(CSV).input);
    expect([r.total, r.grade]).toEqual(['97.86', '优']);
  });

  it('the same form as Markdown tables (funds and indicators), with <br> in a cell', () => {
    const lines = CSV.trim().split('\n').map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
    const md = [
      '# 项目支出绩效自评表',
      '',
      '| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| | 年度资金总额 | 221 | 221.00 | 221.00 | 10 | 100% | 10 |',
      '',
      '| 一级指标 | 二级指标 | 三级<br>指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...lines.slice(6).map((cells) => `| ${cells.slice(0, 8).join(' | ')} |`),
    ].join('\n');
    const v = imported(md, national, 'form.md');
    expect(v.input.values).toEqual({ 全年预算数: '221.00', 全年执行数: '221.00' });
    expect(v.rows).toEqual({ 产出指标: 9, 效益指标: 2, 满意度指标: 2 });
    expect(evaluate(national, v.input).total).toBe('97.86');
  });
});

describe('a 定性 row whose form gives a score but no 档', () => {
  const form = (score: string) =>
    ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因', '产出指标,数量指标,完成事项,≥10项,10项,50,50,', `效益指标,社会效益指标,社会效果,效果明显,,30,${score},宣传覆盖面不足`, '满意度指标,服务对象满意度指标,满意度,≥90%,95,10,10,无'].join('\n');
  const levelOf = (rubric: typeof national, score: string) => ((imported(form(score), rubric).input.rows as Record<string, { level?: string }[]>)['效益指标']![0]!.level);
  const hubeiLike = loadRubric('extends: project-self-evaluation\nid: p8050\nname: 档 80/50\nproject: { levels: { achieved: 80, partly: 50 } }');

  it('takes the 档 its score falls in, on the rubric’s edges: 24 of 30 is 达成, 23.99 is not', () => {
    expect(levelOf(national, '24')).toBe('达成');
    expect(levelOf(national, '23.99')).toBe('部分达成');
    expect(levelOf(national, '18')).toBe('部分达成');
    expect(levelOf(national, '17.99')).toBe('未达成');
    expect(levelOf(hubeiLike, '15')).toBe('部分达成');
    expect(levelOf(hubeiLike, '14.99')).toBe('未达成');
  });

  it('takes the 档 on the edges scoring checks, rounded to the sheet’s precision: 2.66 of 3.33 is 达成 (3.33 × 80% = 2.664)', () => {
    const at = (w: string, score: string) => ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因', '产出指标,数量指标,完成事项,≥10项,10项,50,50,', `效益指标,社会效益指标,社会效果,效果明显,,${w},${score},宣传覆盖面不足`, `效益指标,社会效益指标,覆盖率,≥90%,95%,${(30 - Number(w)).toFixed(2)},${(30 - Number(w)).toFixed(2)},`, '满意度指标,服务对象满意度指标,满意度,≥90%,95,10,10,无'].join('\n');
    const level = (w: string, score: string) => (imported(at(w, score)).input.rows as Record<string, { level?: string }[]>)['效益指标']![0]!.level;
    expect(level('3.33', '2.66')).toBe('达成');
    expect(level('3.33', '2.65')).toBe('部分达成');
    expect(level('3.33', '2')).toBe('部分达成'); // 3.33 × 60% = 1.998 → 2.00
    expect(level('3.33', '1.99')).toBe('未达成');
  });

  it('property: any score on the grid within its 分值 imports to a 档 that scoring accepts, and scores as given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2999 }), fc.integer({ min: 0, max: 1_000_000 }), (wc, k) => {
        const sc = k % (wc + 1);
        const w = (wc / 100).toFixed(2);
        const score = (sc / 100).toFixed(2);
        const rest = ((3000 - wc) / 100).toFixed(2);
        const text = ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因', '产出指标,数量指标,完成事项,≥10项,10项,50,50,', `效益指标,社会效益指标,社会效果,效果明显,,${w},${score},宣传覆盖面不足`, `效益指标,社会效益指标,覆盖率,≥90%,95%,${rest},${rest},`, '满意度指标,服务对象满意度指标,满意度,≥90%,95,10,10,无'].join('\n');
        const input = { ...imported(text).input, values: { 全年预算数: 100, 全年执行数: 100 } };
        const r = safeEvaluate(national, input);
        expect(r.success ? 'ok' : r.issues.map((i) => i.code)).toBe('ok');
        if (r.success) expect(r.value.indicators[2]!.children![0]!.children![0]!.score).toBe(String(Number(score)));
      }),
      { numRuns: 300 },
    );
  });

  it('the imported row scores as given', () => {
    const r = evaluate(national, { ...imported(form('20')).input, values: { 全年预算数: 100, 全年执行数: 100 } });
    expect(r.indicators[2]!.children![0]!.children![0]).toMatchObject({ score: '20', figures: { 完成档次: '部分达成' } });
  });
});

describe('四川 layout: 指标性质 and 度量单位 columns, one 绩效指标 section', () => {
  const sichuan = loadBundledRubric('project-self-evaluation-sichuan');
  const form = [
    '一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因',
    '产出指标,数量指标,培训人次,≥,1200,人次,1250,30,30,',
    ',质量指标,培训合格率,≥,95,%,96,30,30,',
    '效益指标,社会效益指标,政策知晓率,定性,达成年度指标,,达成,20,18,宣传覆盖面不足',
    '满意度指标,服务对象满意度指标,参训人员满意度,≥,90,%,92,10,10,',
  ].join('\n');

  it('every row goes to the one section, grouped by its 二级; the columns are carried for scoring to read', () => {
    const v = imported(form, sichuan);
    const rows = (v.input.rows as Record<string, Record<string, string>[]>)['绩效指标']!;
    expect(rows.map((r) => [r.group, r.name, r.nature, r.target, r.unit ?? ''])).toEqual([
      ['数量指标', '培训人次', '≥', '1200', '人次'],
      ['质量指标', '培训合格率', '≥', '95', '%'],
      ['社会效益指标', '政策知晓率', '定性', '达成年度指标', ''],
      ['服务对象满意度指标', '参训人员满意度', '≥', '90', '%'],
    ]);
    expect(rows[2]).toMatchObject({ level: '达成', score: '18', reason: '宣传覆盖面不足' });
    expect(evaluate(sichuan, { ...v.input, values: { 全年预算数: 100, 全年执行数: 100 } }).total).toBe('98');
  });
});

describe('the 项目资金 block: every line carried, and a 年度资金总额 printed as 0', () => {
  // 池州市贵池区棠溪镇 2022 委托业务项目 (examples/guichi-tangxi-2022-weituo): the export prints
  // 年度资金总额 0 0 0 (分值 10, 执行率 0, 得分 0) while 本年财政拨款 carries 90 / 89.974 / 89.974.
  const head = '项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分';
  const rows = ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分', '产出指标(50分),数量指标,项目数量,≥50个,50,50,50', '效益指标(30分),社会效益指标,社会效果,效果明显,达成预期指标,30,30', '满意度指标(10分),满意度指标,满意度,≥90%,95,10,10'];
  const form = (...funds: string[]) => [head, ...funds, ...rows].join('\n');

  it('年度资金总额 0/0 with 本年财政拨款 filled: the 执行率 is read from the 其中 lines, and the input says so', () => {
    const v = imported(form(',年度资金总额：,0,0,0,10,0,0', ',其中：本年财政拨款,90,89.974,89.974,—,,—', ',上年结转资金,,,,—,,—', ',其他资金,,,,—,,—'));
    expect(v.input.values).toEqual({ 全年预算数: '89.974', 全年执行数: '89.974' });
    expect(v.input.meta).toMatchObject({
      项目资金: { 单位: '万元', 年度资金总额: { 年初预算数: '0', 全年预算数: '0', 全年执行数: '0' }, 本年财政拨款: { 年初预算数: '90', 全年预算数: '89.974', 全年执行数: '89.974' }, 上年结转资金: {}, 其他资金: {} },
      预算执行说明: '年度资金总额印为0/0，全年预算数、全年执行数取其中各行之和：89.974、89.974万元',
    });
    expect(evaluate(national, v.input).indicators[0]!.score).toBe('10');
    // The same town's 村级补助及运转经费: 年初 202.64, 全年 132.912, 执行 132.912 — the 执行率 is on the
    // adjusted 全年预算数 (100%), not on the 年初 figure (65.59%).
    const village = imported(form(',年度资金总额：,0,0,0,10,0,0', ',其中：本年财政拨款,202.64,132.912,132.912,—,,—'));
    expect(village.input.values).toEqual({ 全年预算数: '132.912', 全年执行数: '132.912' });
    expect(evaluate(national, village.input).metrics['预算执行率']).toBe('100');
  });

  it('the 其中 lines are added exactly (0.1 + 0.2 万元 is 0.3), a blank cell as nothing', () => {
    const v = imported(form(',年度资金总额,,,,10,,', ',其中：本年财政拨款,1,0.1,0.1,,,', ',上年结转资金,,0.2,0.1,,,', ',其他资金,,,,,,'));
    expect(v.input.values).toEqual({ 全年预算数: '0.3', 全年执行数: '0.2' });
    expect((v.input.meta as Record<string, string>)['预算执行说明']).toMatch(/^年度资金总额印为空\/空/);
  });

  it('a 年度资金总额 with figures is the one read, whatever the 其中 lines say; only 0/0 gives way', () => {
    const v = imported(form(',年度资金总额,100,100,99.5,10,99.5%,9.95', ',其中：本年财政拨款,100,100,99.5,,,', ',上年结转资金,,,,,,'));
    expect(v.input.values).toEqual({ 全年预算数: '100', 全年执行数: '99.5' });
    expect(v.input.meta).not.toHaveProperty('预算执行说明');
    // 0 spent of 100: a real 0, not a blank total.
    expect(imported(form(',年度资金总额,100,100,0,10,0,0', ',其中：本年财政拨款,100,100,0,,,')).input.values).toEqual({ 全年预算数: '100', 全年执行数: '0' });
  });

  it('everything 0: read as printed, and scoring names the division (never a silent 执行率)', () => {
    const v = imported(form(',年度资金总额,0,0,0,10,0,0', ',其中：本年财政拨款,0,0,0,,,'));
    expect(v.input.values).toEqual({ 全年预算数: '0', 全年执行数: '0' });
    const r = safeEvaluate(national, v.input);
    expect(r.success ? [] : r.issues.map((i) => i.code)).toEqual(['division_by_zero']);
  });

  it('the 四川 wording: 调整后预算数 / 预算执行数, 总额 / 其中:财政资金 (大英县 2023 安可替代补助资金项目)', () => {
    const sichuan = loadBundledRubric('project-self-evaluation-sichuan');
    const text = [
      '预算执行情况(10分),年度预算数(万元),年初预算,调整后预算数,预算执行数,预算执行率,权重,得分',
      ',总额,0.00,3.36,3.36,100.00%,10,10',
      ',其中:财政资金,0.00,3.36,3.36,100.00%,/,/',
      ',财政专户管理资金,0.00,0.00,0.00,0.00%,/,/',
      ',单位资金,0.00,0.00,0.00,0.00%,/,/',
      ',其他资金,,,,,/,/',
      '一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,得分',
      '产出指标,质量指标,完成安可产品购买并按要求支付资金,=,100,%,100,90,90',
    ].join('\n');
    const v = imported(text, sichuan);
    expect(v.input.values).toEqual({ 全年预算数: '3.36', 全年执行数: '3.36' });
    expect((v.input.meta as Record<string, Record<string, unknown>>)['项目资金']).toEqual({
      单位: '万元',
      总额: { 年初预算数: '0.00', 全年预算数: '3.36', 全年执行数: '3.36' },
      财政资金: { 年初预算数: '0.00', 全年预算数: '3.36', 全年执行数: '3.36' },
      财政专户管理资金: { 年初预算数: '0.00', 全年预算数: '0.00', 全年执行数: '0.00' },
      单位资金: { 年初预算数: '0.00', 全年预算数: '0.00', 全年执行数: '0.00' },
      其他资金: {},
    });
    expect(evaluate(sichuan, v.input).total).toBe('100');
  });
});

describe('项目资金 in 元 against a rubric in 万元 (上海市普陀区 2022: 250000.00 / 215,457.6 元)', () => {
  const rows = ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分', '产出指标,数量指标,结算完成率,=100%,100%,50,50', '效益指标,社会效益指标,合同完成率,=100%,100%,30,30', '满意度指标,服务对象满意度指标,场馆开放满意度,>=90%,100%,10,10'];
  const form = (unit: string) => [`项目资金（${unit}）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分`, ',年度资金总额,250000.00,250000.00,"215,457.6",10,86.19%,8.62', ',其中：当年财政拨款,250000.00,250000.00,215457.6,—,,—', ...rows].join('\n');

  it('converts exactly to the rubric’s unit, keeps the lines as printed, and says so', () => {
    const v = imported(form('元'));
    expect(v.input.values).toEqual({ 全年预算数: '25', 全年执行数: '21.54576' });
    expect(v.notes).toEqual([{ zh: '项目资金以元填列：全年预算数250000.00元即25万元，全年执行数215457.6元即21.54576万元', en: "the funds are in 元; the rubric's figures are in 万元: 全年预算数 250000.00 元 is 25 万元, 全年执行数 215457.6 元 is 21.54576 万元" }]);
    expect(v.input.meta).toMatchObject({
      项目资金: { 单位: '元', 年度资金总额: { 年初预算数: '250000.00', 全年预算数: '250000.00', 全年执行数: '215457.6' } },
      预算执行说明: '项目资金以元填列：全年预算数250000.00元即25万元，全年执行数215457.6元即21.54576万元',
    });
    // The rate is the printed one's: 10 × 215457.6 / 250000 = 8.618304 → 8.62.
    expect(evaluate(national, v.input).indicators[0]!.score).toBe('8.62');
  });

  it('the same unit is carried as written; a unit that is no money prefix of the rubric’s is refused with the line', () => {
    expect(imported(form('万元')).input.values).toEqual({ 全年预算数: '250000.00', 全年执行数: '215457.6' });
    const inPieces = loadRubric(read('tests/fixtures/project-national.yaml').replaceAll('unit: 万元', 'unit: 件'));
    expect(failure(form('元'), inPieces)).toEqual([expect.stringMatching(/^sheet_invalid 1 .*项目资金以元填列，评分表的全年预算数以件计，无法换算/)]);
  });
});

describe('an 一级指标 cell with its points, as forms print it: 产出指标(50分)', () => {
  const form = (l1: string) => ['一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分', `${l1},数量指标,项目数量,≥50个,50,50,50`, '效益指标（30分）,社会效益指标,社会效果,效果明显,达成预期指标,30,30', '满意度指标,满意度指标,满意度,≥90%,95,10,10'].join('\n');
  it('is the section of that name, in either bracket', () => {
    expect(imported(form('产出指标(50分)')).rows).toEqual({ 产出指标: 1, 效益指标: 1, 满意度指标: 1 });
    expect(imported(form('产出指标（50.0分）')).rows).toEqual({ 产出指标: 1, 效益指标: 1, 满意度指标: 1 });
  });
  it('points other than the rubric’s for that section are refused, with the line: the form was made for another layout', () => {
    expect(failure(form('产出指标(40分)'))).toEqual([expect.stringMatching(/^sheet_invalid 2 .*一级指标“产出指标\(40分\)”写的分值40与评分表中“产出指标”的50分不同/)]);
    expect(failure(form('产出指标(50.01分)'))).toEqual([expect.stringMatching(/^sheet_invalid 2 /)]);
  });
});

describe('what the importer refuses, with the line', () => {
  it('a table without the indicator header', () => {
    expect(failure('名称,金额\n培训,10')).toEqual([expect.stringMatching(/^sheet_invalid 1 .*没有找到指标表头/)]);
  });
  it('a row whose 一级指标 is none of the rubric’s row sections', () => {
    const f = failure('一级指标,二级指标,三级指标,年度指标值,实际完成值,分值\n成本指标,经济成本指标,单位成本,≤10万元,9万元,10');
    expect(f).toEqual([expect.stringMatching(/^sheet_invalid 2 .*一级指标“成本指标”不是评分表中逐行填写的指标（产出指标、效益指标、满意度指标）/)]);
  });
  it('a 分值 without a name, a header with no row under it, figures missing under 全年预算数', () => {
    expect(failure('一级指标,三级指标,年度指标值,分值\n产出指标,,≥1个,10')).toEqual([expect.stringMatching(/^sheet_invalid 2 .*没有三级指标名称/)]);
    expect(failure('一级指标,三级指标,年度指标值,分值\n')).toEqual([expect.stringMatching(/^sheet_invalid 1 .*没有指标行/)]);
    expect(failure('全年预算数,全年执行数\n未填,未填\n一级指标,三级指标,年度指标值,分值\n产出指标,a,≥1个,10')).toEqual([expect.stringMatching(/^sheet_invalid 1 .*没有全年预算数和全年执行数的数字/)]);
  });
  it('a rubric without row sections', () => {
    expect(failure(CSV, loadBundledRubric('hunan-department'))).toEqual([expect.stringMatching(/^sheet_invalid - .*没有逐行指标/)]);
  });
  it('an empty 指标值 is carried empty, so scoring names it: never a silent full mark', () => {
    const v = imported(CSV.replace('≥3800项', ''));
    const r = safeEvaluate(national, v.input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['row_target_missing rows.产出指标.2.target']);
  });
});

describe('property: any rows, written as a 自评表 table, are read back as they were', () => {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  it('national and 湖北 layouts', () => {
    for (const rubric of [national, loadBundledRubric('project-self-evaluation-hubei')]) {
      fc.assert(
        fc.property(arbitraryRows(rubric), (rows) => {
          const lines = [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']];
          for (const s of rubric.plan.rowSections) {
            let last1 = '';
            let last2 = '';
            for (const r of rows[s.id] ?? []) {
              const l1 = s.name === last1 ? '' : s.name;
              const l2 = l1 === '' && r.group === last2 ? '' : String(r.group);
              last1 = s.name;
              last2 = String(r.group);
              lines.push([l1, l2, String(r.name), String(r.target), r.level !== undefined ? String(r.level) : String(r.actual), String(r.weight), r.score !== undefined ? String(r.score) : '', String(r.reason)]);
            }
          }
          const v = imported(lines.map((l) => l.map(quote).join(',')).join('\r\n'), rubric);
          expect(v.input.rows).toEqual(asText(rows));
        }),
        { numRuns: 150 },
      );
    }
  });
});

describe('jixiao import --rubric', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
  const cli = (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  it('writes the evaluation input, says what it read, and the input scores', () => {
    const csv = join(tmp, '自评表.csv');
    writeFileSync(csv, CSV);
    const out = join(tmp, 'input.json');
    const r = cli('import', csv, '--rubric', 'project-self-evaluation', '-o', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('产出指标 9 行、效益指标 2 行、满意度指标 2 行；表中自评总分 97.86');
    const s = cli('score', 'project-self-evaluation', out);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).total).toBe('97.86');
  });
  it('says on stderr, in the language asked for, what it read other than as written (池州 棠溪镇: 年度资金总额 printed 0)', () => {
    const csv = join(tmp, 'weituo.csv');
    writeFileSync(csv, read('examples/guichi-tangxi-2022-weituo/form.csv'));
    const zh = cli('import', csv, '--rubric', 'project-self-evaluation', '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.err.split('\n')[1]).toBe('  年度资金总额印为0/0，全年预算数、全年执行数取其中各行之和：89.974、89.974万元');
    const en = cli('import', csv, '--rubric', 'project-self-evaluation', '--lang', 'en');
    expect(en.err.split('\n')[1]).toBe('  年度资金总额 is printed as 0/0: 全年预算数 and 全年执行数 are the sums of its 其中 lines, 89.974 and 89.974万元');
    // A form read as written says nothing more.
    const plain = join(tmp, 'plain.csv');
    writeFileSync(plain, CSV);
    expect(cli('import', plain, '--rubric', 'project-self-evaluation').err.trim().split('\n')).toHaveLength(1);
  });
  it('an unknown rubric or a form it cannot read is exit 1 with the issue', () => {
    const csv = join(tmp, 'bad.csv');
    writeFileSync(csv, '名称,金额\n');
    expect(cli('import', csv, '--rubric', 'no-such-rubric').code).toBe(1);
    const r = cli('import', csv, '--rubric', 'project-self-evaluation');
    expect(r.code).toBe(1);
    expect(r.err).toContain('sheet_invalid');
  });
});
