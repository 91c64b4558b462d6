/**
 * Review layers (自评 → 主管部门 → 财政复核 → 专家/中介 → 终审): each layer changes leaf scores with a
 * reason, parents and the total follow by sum, the final score is the last layer's; the 评分表,
 * compareResults, explain and rescore carry every layer. On the 稷山 2020 form scored by the rules
 * (examples/jishan-2020-peitao): 9.91 + 14.86 + 15 + 10 + 10 + 30 + 10 = 99.77.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, EvaluationError, loadBundledRubric, renderTable, type IndicatorResult, type ScoreResult } from '../../src/index.js';
import { applyLayers, filedLayer, review, type LayerInput } from '../../src/entries/review.js';
import { auditRecord, compareResults, explain, renderExplanation, rescore, renderResultSheet, sheetModel } from '../../src/entries/report.js';

const rubric = loadBundledRubric('project-self-evaluation');
const inputText = readFileSync(new URL('../../examples/jishan-2020-peitao/input.json', import.meta.url), 'utf8');
const scored = evaluate(rubric, inputText);
const layered = (layers: LayerInput[], result: ScoreResult = scored) => {
  const r = applyLayers(rubric, result, layers);
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};
const issues = (layers: unknown[]) => {
  const r = applyLayers(rubric, scored, layers as LayerInput[]);
  return r.success ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}`);
};
const node = (r: ScoreResult, path: string) => {
  const find = (ns: IndicatorResult[]): IndicatorResult | undefined => ns.map((n) => (n.path === path ? n : n.children && find(n.children))).find(Boolean);
  return find(r.indicators)!;
};

const 主管部门: LayerInput = { name: '主管部门', by: '稷山县医疗保障局', overrides: [{ indicator: '效益指标.1', score: 27, reason: '看病难贵问题尚未根本解决' }] };
const 财政复核: LayerInput = { name: '财政复核', by: '稷山县财政局', overrides: [{ indicator: '满意度指标.服务对象满意度指标.1', score: '9', reason: '满意度调查样本不足' }] };

describe('layers over a result', () => {
  const r = layered([主管部门, 财政复核]);

  it('99.77 → 主管部门 96.77 (30 → 27) → 财政复核 95.77 (10 → 9): the final score is the last layer’s', () => {
    expect(r.layers!.map((l) => [l.name, l.total, l.grade, l.changes.length])).toStrictEqual([
      ['自评', '99.77', '优', 0],
      ['主管部门', '96.77', '优', 1],
      ['财政复核', '95.77', '优', 1],
    ]);
    expect([r.total, r.grade]).toStrictEqual(['95.77', '优']);
    expect([node(r, '效益指标').score, node(r, '满意度指标').score]).toStrictEqual(['27', '9']);
  });

  it('the changed leaf’s deductions are the layer’s, so max − score is still what it lost', () => {
    expect(node(r, '效益指标.社会效益指标.1').deductions).toStrictEqual([{ indicator: '效益指标.社会效益指标.1', points: '3', reason: '主管部门：看病难贵问题尚未根本解决' }]);
    expect(r.deductions.map((d) => d.points)).toStrictEqual(['0.09', '0.14', '3', '1']);
  });

  it('leaves the given result as it was', () => {
    expect(scored.total).toBe('99.77');
    expect(scored.layers).toBeUndefined();
  });

  it('a layer moving the total from 90 to 89.99 moves the grade from 优 to 良; 90 stays 优', () => {
    const at = (score: string) => layered([{ name: '终审', overrides: [{ indicator: '效益指标.1', score, reason: '终审' }] }]).grade;
    // 99.77 − 30 + 20.23 = 90; 20.22 gives 89.99.
    expect([at('20.23'), at('20.22')]).toStrictEqual(['优', '良']);
  });
});

describe('a layer must be valid, and give its reasons', () => {
  it('a change with no reason (or spaces) is layer_reason_required', () => {
    expect(issues([{ name: '财政复核', overrides: [{ indicator: '效益指标.1', score: 27, reason: ' ' }] }])).toStrictEqual(['layer_reason_required 0.overrides.0.reason']);
  });

  it('a score above its max, below 0, or off the 0.01 grid; an unknown leaf; a parent; an unknown layer; anything after 终审', () => {
    const o = (indicator: string, score: unknown) => [{ name: '财政复核', overrides: [{ indicator, score, reason: '理由' }] }];
    expect(issues(o('效益指标.1', '30.01'))).toStrictEqual(['layer_invalid 0.overrides.0.score']);
    expect(issues(o('效益指标.1', '30'))).toStrictEqual([]);
    expect(issues(o('效益指标.1', '-0.01'))).toStrictEqual(['layer_invalid 0.overrides.0.score']);
    expect(issues(o('效益指标.1', '29.995'))).toStrictEqual(['layer_invalid 0.overrides.0.score']);
    expect(issues(o('效益指标.9', '1'))).toStrictEqual(['layer_invalid 0.overrides.0.indicator']);
    expect(issues(o('效益指标', '1'))).toStrictEqual(['layer_invalid 0.overrides.0.indicator']);
    expect(issues([{ name: '区财政', overrides: [] }])).toStrictEqual(['layer_invalid 0.name']);
    expect(issues([{ name: '终审' }, { name: '财政复核' }])).toStrictEqual(['layer_invalid 1.name']);
  });
});

describe('the 评分表, compareResults, explain and rescore cover every layer', () => {
  const r = layered([主管部门, 财政复核]);

  it('the sheet has one score column per layer, each leaf its score at that layer, and the change with its reason', () => {
    const m = sheetModel(r);
    expect(m.columns.map((c) => c.title).slice(-5)).toStrictEqual(['分值', '自评得分', '主管部门得分', '财政复核得分', '偏差原因分析及改进措施']);
    const row = m.rows.find((x) => x.path === '效益指标.社会效益指标.1')!;
    expect(row.cells.slice(-5).map((c) => c.text)).toStrictEqual(['30', '30', '27', '27', '主管部门（稷山县医疗保障局）：30 → 27（看病难贵问题尚未根本解决）']);
    const total = m.rows.find((x) => x.kind === 'total')!;
    expect(total.cells.filter((c) => !c.covered).map((c) => c.text)).toStrictEqual(['合计', '100', '99.77', '96.77', '95.77', '']);
    expect(renderResultSheet(r, { format: 'markdown' })).toContain('财政复核（稷山县财政局）：总分95.77分，等次优；改分1项：指标1:是否满意 10 → 9（满意度调查样本不足）（最终得分）');
  });

  it('the text table (renderTable) ends with each layer, its total and grade, and each change with its reason', () => {
    expect(renderTable(r).trimEnd().split('\n').slice(-5)).toStrictEqual([
      '自评：总分 99.77，等次 优',
      '主管部门（稷山县医疗保障局）：总分 96.77，等次 优',
      '  指标1:是否解决建档立卡人员看病难贵问题 30 → 27（看病难贵问题尚未根本解决）',
      '财政复核（稷山县财政局）：总分 95.77，等次 优',
      '  指标1:是否满意 10 → 9（满意度调查样本不足）',
    ]);
  });

  it('compareResults of the result as scored and as reviewed: −4, and each layer in the notes', () => {
    const c = compareResults(scored, r, { labels: ['自评', '终审后'] });
    expect([c.delta, c.changed]).toStrictEqual(['-4', 2]);
    expect(c.b.notes).toContain('主管部门（稷山县医疗保障局）：总分96.77分，等次优；改分1项：指标1:是否解决建档立卡人员看病难贵问题 30 → 27（看病难贵问题尚未根本解决）');
  });

  it('explain says how the rule scored a leaf, then the layer’s change and reason; the text lists the layers', () => {
    const e = explain(r, { rubric }).find((x) => x.path === '满意度指标.服务对象满意度指标.1')!;
    expect(e.how).toContain('复核改分：财政复核（稷山县财政局）：10 → 9（满意度调查样本不足）');
    expect(renderExplanation(explain(r, { rubric }), r)).toContain('自评：总分99.77分，等次优');
  });

  it('rescore scores the audited input again and puts the layers on it: the same result', () => {
    const a = auditRecord(r, inputText);
    if (!a.success) throw new Error('audit');
    const again = rescore(a.value);
    expect(again.success && again.value.same).toBe(true);
  });
});

describe('property: layers are exact sums', () => {
  const leaves = (r: ScoreResult) => {
    const out: IndicatorResult[] = [];
    const walk = (ns: IndicatorResult[]) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n)));
    walk(r.indicators);
    return out;
  };
  const base = leaves(scored);
  const override = fc.tuple(fc.nat(base.length - 1), fc.nat(10000)).map(([i, c]) => {
    const leaf = base[i]!;
    const cents = Math.round(Number(leaf.max) * 100);
    return { indicator: leaf.path, score: ((c % (cents + 1)) / 100).toFixed(2), reason: '复核' };
  });
  const layer = fc.tuple(fc.constantFrom('主管部门', '财政复核', '专家/中介'), fc.array(override, { maxLength: 4 })).map(([name, overrides]) => ({ name, overrides }) as LayerInput);

  it('the final total is 99.77 plus every change; each layer’s total is the sum of its leaves; layer 0 is the result as scored', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 3 }), (ls) => {
        const r = layered(ls);
        // The oracle: leaf scores replayed in cents, override by override.
        const cents = new Map(base.map((l) => [l.path, Math.round(Number(l.score) * 100)]));
        const totals = [Math.round(99.77 * 100)];
        for (const l of ls) {
          for (const o of l.overrides!) cents.set(o.indicator, Math.round(Number(o.score) * 100));
          totals.push([...cents.values()].reduce((a, b) => a + b, 0));
        }
        expect(r.layers!.map((l) => Math.round(Number(l.total) * 100))).toStrictEqual(totals);
        expect(leaves(r).map((l) => Math.round(Number(l.score) * 100))).toStrictEqual([...cents.values()]);
        const m = sheetModel(r);
        const first = m.columns.findIndex((c) => c.title === '自评得分');
        for (const row of m.rows.filter((x) => x.kind === 'leaf')) {
          expect(row.cells[first]!.text).toBe(base.find((b) => b.path === row.path)!.score);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * The filed form as the 自评 layer. 稷山 2020 filed 9 + 13 + 15 + 10 + 10 + 27 + 9 = 93 under a
 * printed 94; the rules give 9.91 + 14.86 + 15 + 10 + 10 + 30 + 10 = 99.77. The 自评 layer carries
 * its printed 94 beside its rows' 93; the next layer starts from 93.
 */
describe('the filed form is the 自评 layer', () => {
  const filedText = readFileSync(new URL('../../examples/jishan-2020-peitao/filed.json', import.meta.url), 'utf8');
  const reviewed = review(rubric, filedText);
  const 复核: LayerInput[] = [
    { name: '主管部门', by: '稷山县医疗保障局', overrides: [{ indicator: '效益指标.1', score: 30, reason: '目标已完成，按规则计满分' }] },
    { name: '财政复核', by: '稷山县财政局', overrides: [{ indicator: '预算执行率', score: '9.91', reason: '执行率按65.07/65.66计' }] },
  ];

  it('filedLayer: each leaf filed other than its rule, the finding as the reason, and the printed total', () => {
    const l = filedLayer(reviewed);
    expect([l.name, l.total]).toStrictEqual(['自评', '94']);
    expect(l.overrides!.map((o) => [o.indicator, o.score])).toStrictEqual([
      ['预算执行率', '9'],
      ['产出指标.数量指标.1', '13'],
      ['效益指标.社会效益指标.1', '27'],
      ['满意度指标.服务对象满意度指标.1', '9'],
    ]);
    expect(l.overrides![1]!.reason).toBe('全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分');
  });

  it('自评 94 (rows 93) → 主管部门 96 (27 → 30, from 93, not 94) → 财政复核 96.91 (9 → 9.91): the final score is the last layer’s', () => {
    const r = layered([filedLayer(reviewed), ...复核], reviewed.result);
    expect(r.layers!.map((l) => [l.name, l.total, l.sum, l.grade, l.changes.length])).toStrictEqual([
      ['自评', '94', '93', '优', 4],
      ['主管部门', '96', undefined, '优', 1],
      ['财政复核', '96.91', undefined, '优', 1],
    ]);
    expect([r.total, r.grade]).toStrictEqual(['96.91', '优']);
    expect(r.layers![0]!.changes.map((c) => `${c.from} → ${c.to}`)).toStrictEqual(['9.91 → 9', '14.86 → 13', '30 → 27', '10 → 9']);
  });

  it('the 自评 layer alone: the final total is the printed 94; the scores are the filed ones', () => {
    const r = layered([filedLayer(reviewed)], reviewed.result);
    expect([r.total, r.layers!.length, r.layers![0]!.sum, node(r, '产出指标').score]).toStrictEqual(['94', 1, '93', '48']);
  });

  it('the 评分表: 按规则, 自评, 主管部门, 财政复核 columns; 合计 99.77 | 94（各项之和93）| 96 | 96.91; the layer lines say the sum', () => {
    const r = layered([filedLayer(reviewed), ...复核], reviewed.result);
    const m = sheetModel(r);
    expect(m.columns.map((c) => c.title).slice(-6)).toStrictEqual(['分值', '按规则得分', '自评得分', '主管部门得分', '财政复核得分', '偏差原因分析及改进措施']);
    const row = m.rows.find((x) => x.path === '效益指标.社会效益指标.1')!;
    expect(row.cells.slice(-6, -1).map((c) => c.text)).toStrictEqual(['30', '30', '27', '30', '30']);
    const total = m.rows.find((x) => x.kind === 'total')!;
    expect(total.cells.filter((c) => !c.covered).map((c) => c.text)).toStrictEqual(['合计', '100', '99.77', '94（各项之和93）', '96', '96.91', '']);
    expect(total.cells.filter((c) => !c.covered).map((c) => c.number)).toStrictEqual([undefined, '100', '99.77', '94', '96', '96.91', undefined]);
    const md = renderResultSheet(r, { format: 'markdown' });
    expect(md).toContain('自评：总分94分（各项得分之和93分，多1分），等次优；与规则不同4项：预算执行率 9.91 → 9；');
    expect(renderTable(r)).toContain('自评：总分 94（各项得分之和93分，多1分），等次 优');
  });

  it('compareResults, explain and rescore cover the 自评 layer too', () => {
    const r = layered([filedLayer(reviewed), ...复核], reviewed.result);
    const c = compareResults(scored, r, { labels: ['按规则', '复核后'] });
    // 99.77 → 96.91.
    expect(c.delta).toBe('-2.86');
    expect(c.b.notes.join('\n')).toContain('自评：总分94分（各项得分之和93分，多1分）');
    const e = explain(r, { rubric }).find((x) => x.path === '产出指标.数量指标.1')!;
    expect(e.how).toContain('复核改分：自评：14.86 → 13（全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分）');
    const a = auditRecord(r, inputText);
    if (!a.success) throw new Error('audit');
    const again = rescore(a.value);
    expect(again.success && again.value.same).toBe(true);
    expect(again.success && again.value.result.layers![0]!.sum).toBe('93');
  });

  it('filedLayer of anything but a review: EvaluationError invalid_argument, never a TypeError', () => {
    for (const v of [null, 1, 'x', [], {}, { findings: 3, filed: {} }, { findings: [], filed: null }]) {
      expect(() => filedLayer(v as never)).toThrow(EvaluationError);
      try {
        filedLayer(v as never);
      } catch (e) {
        expect((e as EvaluationError).issues.map((i) => i.code)).toStrictEqual(['invalid_argument']);
      }
    }
    // Findings that are not objects are passed over.
    expect(filedLayer({ ...reviewed, findings: [null as never, ...reviewed.findings] }).overrides).toHaveLength(4);
  });

  it('a layer total that is no number, or below 0, is layer_invalid at its path', () => {
    expect(issues([{ name: '自评', total: '九十四' }])).toStrictEqual(['layer_invalid 0.total']);
    expect(issues([{ name: '自评', total: '-0.01' }])).toStrictEqual(['layer_invalid 0.total']);
    expect(issues([{ name: '自评', total: '0' }])).toStrictEqual([]);
  });

  it('whatever total the 自评 layer prints, the next layer is its sum plus its changes (a property)', () => {
    fc.assert(
      fc.property(fc.nat(10000), fc.nat(3000), (printed, to) => {
        const total = (BigInt(printed) * 1n).toString();
        const t = `${total.slice(0, -2) || '0'}.${total.slice(-2).padStart(2, '0')}`;
        const score = `${Math.floor(to / 100)}.${String(to % 100).padStart(2, '0')}`;
        const r = layered([{ ...filedLayer(reviewed), total: t }, { name: '财政复核', overrides: [{ indicator: '效益指标.1', score, reason: '复核' }] }], reviewed.result);
        // The oracle in cents: 93 filed, the 效益 row 27 → score.
        const cents = 9300 - 2700 + to;
        const want = `${Math.floor(cents / 100)}${cents % 100 ? `.${String(cents % 100).padStart(2, '0').replace(/0$/, '')}` : ''}`;
        return r.layers![1]!.total === want && r.total === want;
      }),
      { numRuns: 200 },
    );
  });
});
