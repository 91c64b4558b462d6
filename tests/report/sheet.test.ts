import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, loadBundledRubric, safeEvaluate, type ScoreResult } from '../../src/index.js';
import { renderSheet, sheetModel } from '../../src/entries/report.js';
import { arbitraryInput } from '../../src/testing/index.js';
import { kunming, miluo, readCsv, yunxi } from './examples.js';

const leafRows = (csv: string[][], header: string) => {
  const at = csv.findIndex((r) => r[0] === header);
  const end = csv.findIndex((r, i) => i > at && r[0] === '合计');
  return csv.slice(at + 1, end);
};

describe('renderSheet(result): the 评分表 of examples/yunxi-2021/source.md lines 437–721', () => {
  const { result, input } = yunxi();

  it('Markdown: the official columns, the parents with 分值 and 小计, 合计 and 等次, the 单位 and the rubric', () => {
    const md = renderSheet(result, { format: 'markdown', input });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# 湖南省部门整体支出绩效评价评分表');
    expect(lines[2]).toBe('单位：中共岳阳市云溪区委办公室 · 年度：2021 · 评价人：部门（单位）评价组 · 评价方式：部门（单位）绩效自评');
    expect(lines[4]).toBe('| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 分值 | 得分 | 扣分原因和其他说明 |');
    expect(lines[6]).toMatch(/^\| \*\*投入（15分）\*\*<br>得15分 \| \*\*预算配置（15分）\*\*<br>得15分 \| 财政供养人员控制率 \| 以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。 \| 5 \| 5 \|  \|$/);
    // 过程 40 lost one point in 预算管理 15: 管理制度健全性 3 → 2, with the sheet's own reason.
    expect(md).toContain('| **过程（40分）**<br>得39分 | **预算执行（15分）**<br>得15分 | 预算调整率 |');
    expect(md).toContain('|  | **预算管理（15分）**<br>得14分 | 管理制度健全性 |');
    expect(md).toMatch(/\| 3 \| 2 \| 未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善 \|/);
    expect(md).toContain('| **合计** |  |  |  | 100 | 99 |  |');
    expect(md).toContain('| **评价等次** |  |  |  | 优秀 |  |  |');
    expect(md).toMatch(/<sub>评分表：湖南省部门整体支出绩效评价评分表（2021版） · hunan-department · 指纹 sha256:[0-9a-f]{64}<\/sub>/);
    // One line per 三级指标: 23 on the sheet.
    expect(lines.filter((l) => /^\| .* \| \d+ \| \d+ \|/.test(l) && !l.includes('合计')).length).toBe(23);
  });

  it('CSV for Excel: a byte-order mark, CRLF, figures as numbers, merged cells empty below their first row', () => {
    const csv = renderSheet(result, { format: 'csv', input });
    expect(csv.startsWith('\uFEFF湖南省部门整体支出绩效评价评分表\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // A line break outside a quoted cell is always CRLF.
    const rows = readCsv(csv.slice(1));
    expect(rows.flat().some((c) => c.includes('\r'))).toBe(false);
    const leaves = leafRows(rows, '一级指标');
    expect(leaves).toHaveLength(23);
    expect(leaves[0]!.slice(0, 3)).toEqual(['投入（15分）\n得15分', '预算配置（15分）\n得15分', '财政供养人员控制率']);
    expect(leaves[1]!.slice(0, 3)).toEqual(['', '', '“三公经费”变动率']);
    const rule = leaves.find((r) => r[2] === '管理制度健全性' && r[5] === '2')!;
    expect(rule.slice(4)).toEqual(['3', '2', '未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善']);
    // Numbers are written bare, so Excel reads them as numbers: no quotes around 3 or 2.
    expect(csv).toContain(',3,2,未达到第②项');
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '99', '']);
    expect(rows.find((r) => r[0] === '评价等次')).toEqual(['评价等次', '', '', '', '优秀', '', '']);
  });

  it('CSV: text Excel would run as a formula is written as text', () => {
    const bad: ScoreResult = { ...result, indicators: [{ ...result.indicators[0]!, children: undefined, name: '=HYPERLINK("http://x")', standard: '+1', kind: 'judgement' } as never] };
    const rows = readCsv(renderSheet(bad, { format: 'csv' }).slice(1));
    const leaf = leafRows(rows, '一级指标')[0]!;
    expect(leaf[0]).toBe('\'=HYPERLINK("http://x")');
    expect(leaf[1]).toBe("'+1");
  });

  it('HTML: one page with nothing to fetch, A4 landscape, headings on every page, merged cells, a chart', () => {
    const html = renderSheet(result, { format: 'html', input });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/font-family: "SimSun", "宋体", .*"Noto Serif CJK SC".*, serif;/);
    for (const net of ['http:', 'https:', '//', 'src=', 'url(', '@import', '<script', '<link']) expect(html.replace(/<!DOCTYPE html>|xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toContain(net);
    expect(html).toContain('<td class="head" rowspan="3">投入（15分）<span class="sub">得15分</span></td>');
    expect(html).toContain('<td class="head" rowspan="12">过程（40分）<span class="sub">得39分</span></td>');
    expect(html).toContain('<td class="head" rowspan="5">预算管理（15分）<span class="sub">得14分</span></td>');
    expect(html.match(/<tr class="leaf"/g)).toHaveLength(23);
    expect(html).toContain('<tr class="total"><td class="head" colspan="4">合计</td><td class="num">100</td><td class="num">99</td>');
    expect(html).toContain('<td class="head" colspan="4">评价等次</td><td class="num" colspan="3">优秀</td>');
    expect(html).toContain('<span>单位：中共岳阳市云溪区委办公室</span>');
    // The chart: one bar pair per 一级指标, 过程 39 of 40.
    expect(html).toContain('<svg class="chart"');
    expect(html.match(/<rect x="150"[^>]*height="18" fill="#4a6fa5"/g)).toHaveLength(4);
    expect(html).toContain('>39 / 40</text>');
    expect(html).toMatch(/width="420" height="18" fill="#ffffff"/); // 过程 is the longest bar
  });

  it('HTML: text from the rubric and the input is escaped, never markup', () => {
    const odd: ScoreResult = { ...result, rubric: { ...result.rubric, name: '<b>表</b>' } };
    const html = renderSheet(odd, { format: 'html', input: { meta: { 单位: '<img src=x onerror=alert(1)>' } } });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<h1>&lt;b&gt;表&lt;/b&gt;</h1>');
  });

  it('Kunming 2017 (examples/kunming-2017/source.md): 部门决策 35 / 部门管理 20 / 部门绩效 45, 96, 优', () => {
    const k = kunming();
    const m = sheetModel(k.result, { input: k.input });
    expect(m.layout).toBe('department');
    expect(m.columns.map((c) => c.title)).toEqual(['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因和其他说明']);
    expect(m.rows.filter((r) => r.kind === 'leaf')).toHaveLength(71);
    expect(m.chart).toEqual([
      { name: '部门决策', max: '35', score: '33' },
      { name: '部门管理', max: '20', score: '20' },
      { name: '部门绩效', max: '45', score: '43' },
    ]);
    const md = renderSheet(k.result, { input: k.input });
    expect(md).toContain('| **合计** |  |  |  | 100 | 96 |  |');
    expect(md).toContain('| **评价等次** |  |  |  | 优 |  |  |');
    expect(md).toContain('单位：昆明市人民政府办公厅 · 年度：2017');
  });
});

describe('renderSheet(result): the 项目支出绩效自评表 (examples/miluo-2018-project/source.md)', () => {
  const { result, input } = miluo();

  it('its own columns, the funds block, the rows under their 二级指标', () => {
    const md = renderSheet(result, { input });
    expect(md).toContain('项目名称：政务服务大厅运行 · 实施单位：汨罗市人民政府政务服务中心 · 年度：2018');
    expect(md).toContain('| 项目资金（万元） | 全年预算数 | 全年执行数 | 分值 | 执行率（%） | 得分 | 说明 |');
    expect(md).toContain('| 预算执行率 | 221 | 221 | 10 | 100 | 10 |  |');
    expect(md).toContain('| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |');
    expect(md).toContain('| **产出指标（50分）**<br>得50分 | **数量指标（24分）**<br>得24分 | 服务大厅办事正确率 | 100% | 100% | 6 | 6 |  |');
    expect(md).toContain('|  |  | 政务大厅办理各类政务服务事项 | ≥6万件 | 6.7888万件 | 6 | 6 |  |');
    expect(md).toContain('|  | **时效指标（6分）**<br>得6分 | 第二批“最多跑一次”服务事项清单公布 | 11月底之前完成 | 达成 | 6 | 6 |  |');
    // 545 of 590 satisfied: 92.4% against ≥95%, 5 × 92.4 / 95 = 4.863… → 4.86; the unit's reason first.
    expect(md).toContain('|  |  | 群众满意率 | ≥95% | 92.4% | 5 | 4.86 | 12345热线回访590件，545件满意，回访满意率92.4%；完成值92.4%，指标值≥95%，完成比例97.26%，得4.86分，扣0.14分 |');
    expect(md).toContain('| **合计** |  |  |  |  | 100 | 97.86 |  |');
    expect(md).toContain('| **评价等次** |  |  |  |  | 优 |  |  |');
  });

  it('CSV and HTML of the project form', () => {
    const rows = readCsv(renderSheet(result, { format: 'csv', input }).slice(1));
    expect(rows.find((r) => r[0] === '预算执行率')).toEqual(['预算执行率', '221', '221', '10', '100', '10', '']);
    expect(leafRows(rows, '一级指标')).toHaveLength(13);
    const html = renderSheet(result, { format: 'html', input });
    expect(html).toContain('<td class="head" rowspan="9">产出指标（50分）<span class="sub">得50分</span></td>');
    expect(html).toContain('<td class="head" rowspan="4">数量指标（24分）<span class="sub">得24分</span></td>');
    expect(html).toContain('>9.86 / 10</text>');
  });
});

describe('renderSheet(result): 加分项, 扣分项, 不适用 and 一票否决 as a sheet writes them', () => {
  const leaf = (id: string, max: string, score: string, extra: object = {}) => ({ id, name: id, path: `g.${id}`, max, score, deductions: [], kind: 'judgement', ...extra });
  const result: ScoreResult = {
    rubric: { id: 'demo', name: '示例评分表', version: '2024', fingerprint: 'sha256:0' },
    total: '60',
    max: '90',
    grade: '不合格',
    failed: true,
    indicators: [
      { id: 'g', name: '基本指标', path: 'g', max: '90', score: '86', deductions: [], children: [leaf('甲', '80', '80'), leaf('乙', '0', '0', { notApplicable: true, remark: '本年度无政府采购' }), leaf('丙', '10', '6', { deductions: [{ indicator: 'g.丙', points: '4', reason: '计6分，扣4分' }] })] },
      { id: 'b', name: '获得表彰', path: 'b', max: '5', score: '2', deductions: [], bonus: true, kind: 'count', additions: [{ indicator: 'b', points: '2', reason: '获得省级表彰2次，加2分' }] },
      { id: 'p', name: '违规事项', path: 'p', max: '0', score: '-3', deductions: [{ indicator: 'p', points: '3', reason: '发生违规1例，扣3分' }], penalty: true, kind: 'count' },
    ],
    deductions: [],
    metrics: {},
    vetoes: [{ id: 'v', name: '重大违纪', fail: '不合格', reason: '审计发现截留挪用资金' }],
    capped: { rawTotal: '85', maxTotal: '60', reason: '总分85分，总分不超过60分，计60分' },
    excluded: { max: '10', gradedOn: '85' },
  };

  it('says 加, 扣, 不适用 and each policy line under the total', () => {
    const md = renderSheet(result);
    expect(md).toContain('|  | 乙 |  | 0 | 不适用 | 不适用；本年度无政府采购 |');
    expect(md).toContain('|  | 丙 |  | 10 | 6 | 计6分，扣4分 |');
    expect(md).toContain('| 获得表彰（加分项） |  |  | +5 | +2 | 获得省级表彰2次，加2分 |');
    expect(md).toContain('| 违规事项（扣分项） |  |  | 0 | -3 | 发生违规1例，扣3分 |');
    expect(md).toContain('| **合计** |  |  | 90 | 60 |  |');
    expect(md).toContain('| **评价等次** |  |  | 不合格 |  |  |');
    expect(md).toContain('> 一票否决：重大违纪（审计发现截留挪用资金），评价结果为不合格');
    expect(md).toContain('> 总分封顶：总分85分，总分不超过60分，计60分');
    expect(md).toContain('> 不适用指标10分不计入满分，按满分90分评价；折合原满分得85分，据此定等次');
    const csv = readCsv(renderSheet(result, { format: 'csv' }).slice(1));
    expect(csv.find((r) => r[0]?.startsWith('一票否决'))).toEqual(['一票否决：重大违纪（审计发现截留挪用资金），评价结果为不合格', '', '', '', '', '']);
    const html = renderSheet(result, { format: 'html' });
    expect(html).toContain('<tr class="note"><td colspan="6">一票否决：重大违纪（审计发现截留挪用资金），评价结果为不合格</td></tr>');
  });
});

describe('renderSheet(result) on generated evaluations of the Hunan sheet', () => {
  const rubric = loadBundledRubric('hunan-department');
  it('every leaf is one row, and the 得分 column adds up to the 合计', () => {
    fc.assert(
      fc.property(arbitraryInput(rubric, { vetoes: false }), (input) => {
        const scored = safeEvaluate(rubric, input);
        if (!scored.success) return; // division_by_zero on generated zeros is not the sheet's business
        const result = scored.value;
        const rows = readCsv(renderSheet(result, { format: 'csv' }).slice(1));
        const leaves = leafRows(rows, '一级指标');
        expect(leaves).toHaveLength(23);
        const sum = leaves.reduce((s, r) => s.plus(r[5] === '不适用' ? 0 : r[5]!), new Decimal(0));
        expect(rows.find((r) => r[0] === '合计')![5]).toBe(result.total);
        if (!result.rescaled && !result.capped) expect(sum.toString()).toBe(new Decimal(result.total).toString());
      }),
      { numRuns: 60 },
    );
  });
});
