import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importEvaluation } from '../src/authoring.js';
import { run } from '../src/cli/main.js';
import { evaluate, loadRubric, safeEvaluate, type EvaluationInput, type ScoreResult } from '../src/index.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

function score(rubricFile: string, inputFile: string): ScoreResult {
  const rubric = loadRubric(read(rubricFile), { file: rubricFile });
  return evaluate(rubric, read(inputFile), { file: inputFile });
}

const leaves = (r: ScoreResult) => {
  const out: { path: string; score: string; max: string }[] = [];
  const walk = (ns: ScoreResult['indicators']) => ns.forEach((n) => (n.children ? walk(n.children) : out.push(n)));
  walk(r.indicators);
  return out;
};

describe('examples/yunxi-2021 — 岳阳市云溪区委办公室 2021 (seeds/001, 评分表 lines 437–721)', () => {
  const result = score('rubrics/hunan-department.yaml', 'examples/yunxi-2021/input.json');

  it('总分 99，等次 优秀, as the sheet states', () => {
    expect(result.total).toBe('99');
    expect(result.max).toBe('100');
    expect(result.grade).toBe('优秀');
  });

  it('一级指标 投入 15 / 过程 39 / 产出 25 / 效果 20', () => {
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['投入', '15', '15'],
      ['过程', '40', '39'],
      ['产出', '25', '25'],
      ['效果', '20', '20'],
    ]);
  });

  it('the only deduction: 预算管理 › 管理制度健全性 3 → 2, “相关管理制度需进一步健全完善”', () => {
    expect(result.deductions).toHaveLength(1);
    expect(result.deductions[0]!.points).toBe('1');
    expect(result.deductions[0]!.indicator).toMatch(/预算管理制度健全性$/);
    expect(result.deductions[0]!.reason).toContain('相关管理制度合法、合规、完整');
    const node = leaves(result).find((n) => n.path.endsWith('预算管理制度健全性')) as ScoreResult['indicators'][number];
    expect(node.score).toBe('2');
    expect(node.remark).toBe('相关管理制度需进一步健全完善');
  });

  it('uses 在职 31 / 编制 34 = 91.18% for the control rate, and 三公经费 5270 vs 12098 元 = −56.44%', () => {
    expect(result.metrics['在职人员控制率']).toBe('91.176471');
    expect(result.metrics['三公经费变动率']).toBe('-56.439081');
  });

  it('matches the recorded result byte for byte', () => {
    expect(JSON.stringify(result, null, 2) + '\n').toBe(read('examples/yunxi-2021/expected.json'));
  });
});

describe('examples/kunming-2017 — 昆明市人民政府办公厅 2017 (seeds/003, lines 269–564)', () => {
  const result = score('rubrics/kunming-department.yaml', 'examples/kunming-2017/input.json');

  it('总分 96，等级 优', () => {
    expect(result.total).toBe('96');
    expect(result.max).toBe('100');
    expect(result.grade).toBe('优');
  });

  it('部门决策 33/35, 部门管理 20/20, 部门绩效 43/45, as the report states', () => {
    expect(result.indicators.map((n) => [n.max, n.score])).toStrictEqual([
      ['35', '33'],
      ['20', '20'],
      ['45', '43'],
    ]);
  });

  it('four deductions of 1 point, each with the report’s reason', () => {
    expect(result.deductions.map((d) => d.points)).toStrictEqual(['1', '1', '1', '1']);
    const reasons = result.deductions.map((d) => d.reason).join('\n');
    expect(reasons).toContain('指标细化量化不够,缺乏可考核性');
    expect(reasons).toMatch(/培训|业务能力/);
    expect(reasons).toMatch(/绩效考核机制|信息化建设/);
  });

  it('matches the recorded result byte for byte', () => {
    expect(JSON.stringify(result, null, 2) + '\n').toBe(read('examples/kunming-2017/expected.json'));
  });
});

describe('examples/miluo-2018-project — 汨罗市政务服务中心 2018 项目支出绩效自评表 (seeds/002, lines ~455–680)', () => {
  const rubric = loadRubric(read('rubrics/project-self-evaluation.yaml'), { file: 'rubrics/project-self-evaluation.yaml' });

  it('the form as filed is refused row by row: empty targets, targets copied as actuals, no 效益 row', () => {
    const r = safeEvaluate(rubric, read('examples/miluo-2018-project/as-filed.json'), { file: 'as-filed.json' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')} ${i.source?.line}`)).toEqual([
      'rows_missing rows.效益指标 4',
      'row_target_missing rows.产出指标.2.target 8',
      'row_target_missing rows.产出指标.3.target 9',
      'row_target_missing rows.产出指标.4.target 10',
      'row_actual_invalid rows.满意度指标.0.actual 17',
      'row_actual_invalid rows.满意度指标.1.actual 18',
    ]);
  });

  it('completed as its README says: 97.86, 优; 群众满意率 92.4% against ≥95% costs 0.14', () => {
    const result = evaluate(rubric, read('examples/miluo-2018-project/input.json'), { file: 'input.json' });
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['预算执行率', '10', '10'],
      ['产出指标', '50', '50'],
      ['效益指标', '30', '28'],
      ['满意度指标', '10', '9.86'],
    ]);
    expect([result.total, result.grade]).toEqual(['97.86', '优']);
    expect(result.deductions.map((d) => d.reason)).toContain('完成值92.4%，指标值≥95%，完成比例97.26%，得4.86分，扣0.14分');
    expect(JSON.stringify(result, null, 2) + '\n').toBe(read('examples/miluo-2018-project/expected.json'));
  });
});

describe('examples/shanghai-putuo-2022-sports-centre — 上海市普陀区体育事业管理中心 2022, 普陀体育中心与委托运营方结算费用', () => {
  // pdf.chddh.cn/archives/48n5zg2zkkjxn27q6rjv.html, page 1: 项目资金（元）250000.00 / 215,457.6, 执行率得分 8.62;
  // rows =100% 100% 10 10 · =100% 100% 20 20 · 及时 及时 20 20 · =100% 100% 30 30 · >=90% 100% 10 10; 总分 100 98.62.
  const rubric = loadRubric(read('rubrics/project-self-evaluation.yaml'), { file: 'rubrics/project-self-evaluation.yaml' });
  const result = evaluate(rubric, read('examples/shanghai-putuo-2022-sports-centre/input.json'), { file: 'input.json' });

  it('总分 98.62, as the published form states; 优 on the national grades', () => {
    expect([result.total, result.max, result.grade]).toEqual(['98.62', '100', '优']);
  });

  it('every row as published: 8.62 for 执行率, full marks on the five rows', () => {
    expect(leaves(result).map((n) => [n.max, n.score])).toStrictEqual([
      ['10', '8.62'],
      ['10', '10'],
      ['20', '20'],
      ['20', '20'],
      ['30', '30'],
      ['10', '10'],
    ]);
    expect(result.deductions.map((d) => d.points)).toEqual(['1.38']);
  });

  it('reads the 执行率 from the 元 figures converted to 万元: 215457.6 / 250000 = 86.18304%', () => {
    expect(result.metrics['预算执行率']).toBe('86.18304');
  });

  it('is what jixiao import makes of form.csv, with its source added; the form’s own 总分 is carried', () => {
    const r = importEvaluation(read('examples/shanghai-putuo-2022-sports-centre/form.csv'), rubric, { file: 'form.csv' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const example = JSON.parse(read('examples/shanghai-putuo-2022-sports-centre/input.json')) as EvaluationInput;
    expect(r.value.input.values).toEqual(example.values);
    expect(r.value.input.rows).toEqual(example.rows);
    expect(r.value.statedTotal).toBe('98.62');
    expect(evaluate(rubric, r.value.input).total).toBe(r.value.statedTotal);
  });

  it('matches the recorded result byte for byte', () => {
    expect(JSON.stringify(result, null, 2) + '\n').toBe(read('examples/shanghai-putuo-2022-sports-centre/expected.json'));
  });

  it('jixiao score project-self-evaluation <input> --format table prints the published 总分 and every row with its score', () => {
    let out = '';
    const code = run(['score', 'project-self-evaluation', fileURLToPath(new URL('../examples/shanghai-putuo-2022-sports-centre/input.json', import.meta.url)), '--format', 'table', '--lang', 'zh'], { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    const lines = out.split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(lines.find((l) => l[0] === '总分')).toEqual(['总分', '100', '98.62', '等次：优']);
    expect(lines.find((l) => l[0] === '预算执行率')!.slice(0, 3)).toEqual(['预算执行率', '10', '8.62']);
    for (const [name, w] of [['与委托运营方结算完成率', '10'], ['合同结算条款完成率', '20'], ['费用结算及时性', '20'], ['与委托运营方合同完成率', '30'], ['场馆开放满意度', '10']]) {
      expect(lines.find((l) => l[0] === name)).toEqual([name, w, w]);
    }
  });
});

describe('examples/guichi-tangxi-2022-weituo — 池州市贵池区棠溪镇 2022 委托业务项目 (stored copy ends before its 满意度 row and 总分)', () => {
  const rubric = loadRubric(read('rubrics/project-self-evaluation.yaml'), { file: 'rubrics/project-self-evaluation.yaml' });
  const result = evaluate(rubric, read('examples/guichi-tangxi-2022-weituo/input.json'), { file: 'input.json' });
  const printed = (section: string) => result.indicators.find((n) => n.id === section)!;

  it('every printed row scores as printed: 8 8 8 8 8 10 under 产出, 10 10 10 under 效益', () => {
    const rows = (section: string) => leaves({ ...result, indicators: [printed(section)] }).map((n) => [n.max, n.score]);
    expect(rows('产出指标')).toStrictEqual([['8', '8'], ['8', '8'], ['8', '8'], ['8', '8'], ['8', '8'], ['10', '10']]);
    expect(rows('效益指标')).toStrictEqual([['10', '10'], ['10', '10'], ['10', '10']]);
  });

  it('产出指标(50分) 50 and 效益指标(30分) 30, as the form’s rows add up', () => {
    expect([printed('产出指标').score, printed('效益指标').score]).toEqual(['50', '30']);
  });

  it('年度资金总额 printed 0/0: the 执行率 comes from 其中：本年财政拨款 89.974 / 89.974, and the input says so', () => {
    const input = JSON.parse(read('examples/guichi-tangxi-2022-weituo/input.json')) as EvaluationInput & { meta: Record<string, unknown> };
    expect(input.values).toEqual({ 全年预算数: '89.974', 全年执行数: '89.974' });
    expect(input.meta['预算执行说明']).toBe('年度资金总额印为0/0，全年预算数、全年执行数取其中各行之和：89.974、89.974万元');
    expect(printed('预算执行率').score).toBe('10');
  });

  it('matches the recorded result byte for byte', () => {
    expect(JSON.stringify(result, null, 2) + '\n').toBe(read('examples/guichi-tangxi-2022-weituo/expected.json'));
  });
});
