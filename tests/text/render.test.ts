import { describe, expect, it } from 'vitest';
import { Decimal, loadBundledRubric, loadRubric, type Indicator } from '../../src/index.js';
import { figureNamesOf, parseStandard, renderSheet, renderStandard } from '../../src/entries/authoring.js';
import { canonicalRule, ruleDifferences, toRule } from '../../src/text/compare.js';
import { importSheet } from '../../src/import/sheet.js';

const hunan = loadBundledRubric('hunan-department');
const kunming = loadBundledRubric('kunming-department');
const names = figureNamesOf(hunan);
const leaf = (id: string) => hunan.byId.get(id)!;
const render = (id: string) => renderStandard(leaf(id).rule!, leaf(id).max, names);
const leaves = (r: typeof hunan) => [...r.byId.values()].filter((n: Indicator) => !n.children.length);

describe('renderStandard: every rule as the sentence a sheet would print', () => {
  it('per_unit, above and below', () => {
    expect(render('财政供养人员控制率')).toBe('以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。');
    expect(render('三公经费变动率')).toBe('以0%为标准。“三公经费”变动率≤0%，计5分；每超过一个百分点扣0.5分，扣完为止。');
    expect(render('政府采购执行率')).toBe('以100%为标准。政府采购执行率≥100%，计3分；每低于一个百分点扣0.2分，扣完为止。');
  });

  it('bands, with （含） on the side the interval includes', () => {
    expect(render('重点支出安排率')).toBe('重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。');
    expect(render('预算调整率')).toBe('预算调整率=0%，计3分；0%-10%（含），计2分；10%-20%（含），计1分；20%-30%（含），计0.5分；大于30%不得分。');
  });

  it('count, cases and checklist', () => {
    expect(render('支付进度')).toBe('每出现一例专项未按进度完成资金下达扣0.5分，扣完为止。');
    expect(render('资金结余')).toBe('无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。');
    expect(render('资产管理制度健全性')).toBe('①已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整，2分；②相关资产管理制度得到有效执行，1分。');
  });

  it('target, judgement and formula', () => {
    const k = kunming.byId.get('市长热线全年交办件办结率')!;
    expect(renderStandard(k.rule!, k.max, figureNamesOf(kunming))).toBe('市长热线全年交办件办结率≥97%，达到目标计2分，未达到不得分。');
    const p = kunming.byId.get('基本支出预算执行率')!;
    expect(renderStandard(p.rule!, p.max, figureNamesOf(kunming))).toBe('基本支出预算执行率≥100%，达到目标计1分，未达到按完成比例计分。');
    expect(render('履职效益综合')).toBe('由评价人根据实际情况评分，满分15分，低于满分须说明扣分原因。');
    expect(renderStandard(toRule({ kind: 'formula', score: '5 - max(0, 率 - 100) * 0.5', label: '按超出比例扣分' }), new Decimal(5))).toBe('按超出比例扣分：得分 = 5-max(0,率-100)*0.5，结果限定在0至5分之间。');
  });

  it('every computable rule of both bundled rubrics reads back as the same rule', () => {
    for (const r of [hunan, kunming]) {
      const n = figureNamesOf(r);
      for (const l of leaves(r)) {
        if (l.kind === 'judgement' || l.kind === 'formula') continue;
        const text = renderStandard(l.rule!, l.max, n);
        const back = parseStandard(text, { name: l.name });
        expect(back, text).toBeDefined();
        expect(ruleDifferences(back!, l.rule!, l.max), text).toStrictEqual([]);
      }
    }
  });
});

describe('renderSheet: the rubric as a printed 评分表', () => {
  it('one row per leaf, parents once (bold) with their 分值, empty 得分 and 扣分原因, a 合计 row, an empty 等次', () => {
    const md = renderSheet(hunan);
    const lines = md.split('\n');
    expect(lines[0]).toBe('# 湖南省部门整体支出绩效评价评分表');
    expect(lines[2]).toBe('| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 分值 | 得分 | 扣分原因 |');
    expect(lines[3]).toBe('| --- | --- | --- | --- | ---: | ---: | --- |');
    expect(lines[4]).toBe('| **投入（15分）** | **预算配置（15分）** | 财政供养人员控制率 | 以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。 | 5 |  |  |');
    expect(lines[5]!.startsWith('|  |  | “三公经费”变动率 |')).toBe(true);
    expect(lines.at(-5)).toBe('| **合计** |  |  |  | 100 |  |  |');
    expect(lines.at(-4)).toBe('| **评价等次** |  |  |  |  |  |  |');
    expect(lines.at(-2)).toBe(`<sub>评分表：湖南省部门整体支出绩效评价评分表（${hunan.version}版） · hunan-department · 指纹 ${hunan.fingerprint}</sub>`);
  });

  it('without hand-written standards it prints rendered ones, and jixiao import reads them back as the same rules', () => {
    const bare = loadBundledRubric('hunan-department');
    const doc = JSON.parse(JSON.stringify(bare.document, (k, v) => (k === 'standard' ? undefined : v)));
    const noText = { ...bare, indicators: bare.indicators, document: doc };
    const stripped = (ns: readonly Indicator[]): Indicator[] => ns.map((n) => ({ ...n, standard: undefined, children: stripped(n.children) }) as unknown as Indicator);
    const sheet = renderSheet({ ...noText, indicators: stripped(bare.indicators) });
    expect(sheet).toContain('| 以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。 | 5 |');
    const imported = importSheet(sheet, { format: 'md' });
    if (!imported.success) throw new Error(JSON.stringify(imported.issues));
    const back = loadRubric(imported.value.yaml);
    const figures = (n: Indicator) => {
      const { value: _v, item: _i, ...rest } = canonicalRule(n.rule!) as Record<string, unknown>;
      return rest;
    };
    const mine = leaves(back);
    expect(mine.map((n) => n.kind)).toStrictEqual(leaves(bare).map((n) => n.kind));
    mine.forEach((n, i) => expect(figures(n), n.name).toStrictEqual(figures(leaves(bare)[i]!)));
  });
});
