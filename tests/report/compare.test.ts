import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/entries/docx.js';
import { Decimal, evaluate, loadBundledRubric, safeEvaluate, type ScoreResult } from '../../src/index.js';
import { arbitraryInput } from '../../src/testing/index.js';
import { compareResults, renderComparison } from '../../src/entries/report.js';
import { renderXlsx } from '../../src/entries/xlsx.js';
import { readCsv, yunxi } from './examples.js';

// The unit's self-evaluation (99, 优秀) against a finance-bureau review that found one
// non-compliant payment: 资金使用合规性 "每出现一例不符合要求的扣1分" → 3 − 1 = 2, total 98.
const { result: self, input } = yunxi();
const review = evaluate(loadBundledRubric('hunan-department'), { ...input, values: { ...input.values, 资金使用不合规例数: 1 } });
const labels: [string, string] = ['单位自评', '财政评价'];

describe('compareResults: a self-evaluation against its review', () => {
  const c = compareResults(self, review, { labels });

  it('totals, grades, b − a, and the one indicator that differs', () => {
    expect([c.a.total, c.b.total, c.delta, c.a.grade, c.b.grade, c.gradeChanged]).toEqual(['99', '98', '-1', '优秀', '优秀', false]);
    expect(c.warnings).toEqual([]);
    expect(c.changed).toBe(1);
    const leaf = c.indicators[1]!.children![1]!.children![1]!;
    expect([leaf.name, leaf.a?.score, leaf.b?.score, leaf.delta, leaf.changed]).toEqual(['资金使用合规性', '3', '2', '-1', true]);
    expect(leaf.b?.note).toMatch(/扣1分/);
    // The parents along the way differ too; everything else is the same.
    expect([c.indicators[0]!.changed, c.indicators[1]!.changed, c.indicators[1]!.delta]).toEqual([false, true, '-1']);
  });

  it('Markdown: side by side, the changed row marked △', () => {
    const md = renderComparison(c);
    expect(md).toContain('| 一级指标 | 二级指标 | 三级指标 | 分值 | 单位自评得分 | 财政评价得分 | 差额 | 单位自评说明 | 财政评价说明 |');
    expect(md).toMatch(/\| △  \|  \| 资金使用合规性 \| 3 \| 3 \| 2 \| -1 \|  \| .*扣1分 \|/);
    expect(md).toContain('| **合计** |  |  | 100 | 99 | 98 | -1 |  |  |');
    expect(md).toContain('单位自评：99分，优秀 · 财政评价：98分，优秀 · 差额：-1分 · 有差异的指标：1项（△）');
    expect(md.match(/^\| △/gm)).toHaveLength(1);
  });

  it('CSV, HTML, XLSX and DOCX mark the same row', async () => {
    const rows = readCsv(renderComparison(c, { format: 'csv' }).slice(1));
    const changed = rows.filter((r) => r[0]?.startsWith('△'));
    expect(changed.map((r) => r.slice(2, 7))).toEqual([['资金使用合规性', '3', '3', '2', '-1']]);
    const html = renderComparison(c, { format: 'html' });
    expect(html.match(/<tr class="leaf changed"/g)).toHaveLength(1);
    expect(html).toContain('data-path="过程.预算管理.资金使用合规性"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(c)) as never);
    const ws = wb.worksheets[0]!;
    let found = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(3).value === '资金使用合规性') found = n;
    });
    expect([5, 6, 7].map((k) => ws.getCell(found, k).value)).toEqual([3, 2, -1]);
    expect((ws.getCell(found, 3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFF4CC');
    const xml = strFromU8(unzipSync(await renderDocx(c))['word/document.xml']!);
    expect(xml.match(/w:fill="FFF4CC"/g)?.length).toBeGreaterThan(0);
    expect(xml).toContain('资金使用合规性');
  });
});

describe('compareResults across rubric versions and rubrics: matched by id, with a warning', () => {
  it('another version of the same rubric', () => {
    const next: ScoreResult = { ...review, rubric: { ...review.rubric, version: '2022', fingerprint: 'sha256:1' } };
    const c = compareResults(self, next, { labels: ['2021年', '2022年'] });
    // Labelled hunan-department, it is not the bundled rubric of that id: said too.
    expect(c.warnings).toEqual([
      '两份结果来自评分表的不同版本（2021 与 2022），按指标 id 对照',
      `2022年标明的评分表为内置评分表“hunan-department”（2022版，指纹 sha256:1），但与内置评分表“hunan-department”（2021版，指纹 ${self.rubric.fingerprint}）不同，不是按内置评分表评出的`,
    ]);
    expect(c.changed).toBe(1);
    expect(renderComparison(c)).toContain('> 注意：两份结果来自评分表的不同版本（2021 与 2022），按指标 id 对照');
  });

  it('the same version with other content', () => {
    const c = compareResults(self, { ...self, rubric: { ...self.rubric, fingerprint: 'sha256:2' } });
    expect(c.warnings).toEqual([
      '两份结果的评分表版本号相同但内容不同（指纹不一致），按指标 id 对照',
      `结果B标明的评分表为内置评分表“hunan-department”（2021版，指纹 sha256:2），但与内置评分表“hunan-department”（2021版，指纹 ${self.rubric.fingerprint}）不同，不是按内置评分表评出的`,
    ]);
    expect(c.changed).toBe(0);
  });

  it('an indicator in one result only is marked and named', () => {
    const extra = { id: '加分', name: '获得表彰', path: '加分', max: '5', score: '2', deductions: [], bonus: true as const, kind: 'count' };
    const c = compareResults(self, { ...self, indicators: [...self.indicators.slice(1), extra] }, { labels });
    expect(c.warnings).toEqual(['仅单位自评有的指标：投入', '仅财政评价有的指标：获得表彰']);
    expect(c.changed).toBe(3 + 1);
    const md = renderComparison(c);
    expect(md).toContain('| △ 获得表彰（加分项） |  |  | 5 | — | 2 |  | （单位自评无此指标） |  |');
  });
});

describe('compareResults on generated evaluations of the Hunan sheet', () => {
  const rubric = loadBundledRubric('hunan-department');
  const scored = arbitraryInput(rubric, { vetoes: false })
    .map((i) => safeEvaluate(rubric, i))
    .filter((r) => r.success)
    .map((r) => (r as { value: ScoreResult }).value);
  it('a result against itself differs nowhere; against another, the delta is b − a and each changed leaf is one whose score or note differs', () => {
    fc.assert(
      fc.property(scored, scored, (a, b) => {
        const same = compareResults(a, a);
        expect([same.changed, same.delta, same.warnings]).toEqual([0, '0', []]);
        const c = compareResults(a, b);
        expect(c.delta).toBe(new Decimal(b.total).minus(a.total).toString());
        const leaves: ScoreResult['indicators'] = [];
        const walk = (ns: ScoreResult['indicators']) => ns.forEach((n) => (n.children ? walk(n.children) : leaves.push(n)));
        walk(a.indicators);
        const other = new Map<string, ScoreResult['indicators'][number]>();
        const walkB = (ns: ScoreResult['indicators']) => ns.forEach((n) => (n.children ? walkB(n.children) : other.set(n.id, n)));
        walkB(b.indicators);
        const differ = leaves.filter((n) => {
          const o = other.get(n.id)!;
          return o.score !== n.score || o.max !== n.max || JSON.stringify([o.deductions, o.additions, o.remark]) !== JSON.stringify([n.deductions, n.additions, n.remark]);
        });
        expect(c.changed).toBe(differ.length);
      }),
      { numRuns: 40 },
    );
  });
});
