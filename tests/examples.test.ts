import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate, loadRubric, safeEvaluate, type EvaluationInput, type ScoreResult } from '../src/index.js';
import { review } from '../src/entries/review.js';
import { importEvaluation, inputJsonSchema, lintRubric } from '../src/entries/authoring.js';
import { run } from '../src/cli/main.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

function score(rubricFile: string, inputFile: string): ScoreResult {
  const rubric = loadRubric(read(rubricFile), { file: rubricFile });
  return evaluate(rubric, read(inputFile), { file: inputFile });
}

/** Every example with an input, and the rubric it is scored with (one table, shared with tests/totals.test.ts and bench/identical.mjs). */
const EXAMPLES = JSON.parse(read('tests/fixtures/examples.json')) as Record<string, string>;

const leaves = (r: ScoreResult) => {
  const out: { path: string; score: string; max: string }[] = [];
  const walk = (ns: ScoreResult['indicators']) => ns.forEach((n) => (n.children ? walk(n.children) : out.push(n)));
  walk(r.indicators);
  return out;
};

describe('examples/yunxi-2021 — 岳阳市云溪区委办公室 2021 (examples/yunxi-2021/source.md, 评分表 lines 437–721)', () => {
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

describe('examples/kunming-2017 — 昆明市人民政府办公厅 2017 (examples/kunming-2017/source.md lines 269–564)', () => {
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

describe('examples/miluo-2018-project — 汨罗市政务服务中心 2018 项目支出绩效自评表 (examples/miluo-2018-project/source.md lines ~455–680)', () => {
  const rubric = loadRubric(read('rubrics/project-self-evaluation.yaml'), { file: 'rubrics/project-self-evaluation.yaml' });

  it('the form as filed is refused row by row: empty targets, targets copied as actuals, no 效益 row', () => {
    const r = safeEvaluate(rubric, read('examples/miluo-2018-project/as-filed.json'), { file: 'as-filed.json' });
    expect(r.success).toBe(false);
    if (r.success) return;
    // What is wrong in the rows first, in document order; the missing 效益 rows last.
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')} ${i.source?.line}`)).toEqual([
      'row_target_missing rows.产出指标.2.target 8',
      'row_target_missing rows.产出指标.3.target 9',
      'row_target_missing rows.产出指标.4.target 10',
      'row_actual_invalid rows.满意度指标.0.actual 17',
      'row_actual_invalid rows.满意度指标.1.actual 18',
      'rows_missing rows.效益指标 4',
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

  it('filed.json (the completed form with its printed 98 and 优秀) reviews clean: 98 against 97.86 is judgement, 便捷度 at 18.14', () => {
    const r = review(rubric, read('examples/miluo-2018-project/filed.json'), { file: 'filed.json' });
    expect([r.result.total, r.filed.total, r.filed.grade, r.clean]).toStrictEqual(['97.86', '98', '优秀', true]);
    expect(r.findings.map((f) => [f.class, f.severity, f.difference])).toStrictEqual([['judgement', 'accepted', '0.14']]);
  });
});

type Leaf = ScoreResult['indicators'][number];
const leaf = (r: ScoreResult, id: string) => {
  const found = leaves(r).find((n) => n.path.endsWith(`.${id}`)) as Leaf | undefined;
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};
/** An example's input as plain data, to change a copy of it. */
const clone = (p: string) => JSON.parse(read(p)) as { values: Record<string, unknown>; assessments: Record<string, any> };

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

describe('every example', () => {
  const dirs = readdirSync(new URL('../examples/', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(new URL(`../examples/${d.name}/`, import.meta.url)).includes('input.json'))
    // A monitoring input (双监控: `monitor` and its rows) is scored into levels by jixiao/monitor (tests/monitor/example.test.ts).
    .filter((d) => !('monitor' in (JSON.parse(read(`examples/${d.name}/input.json`)) as object)))
    .map((d) => d.name)
    .sort();

  it('is listed here with its rubric', () => {
    expect(dirs).toStrictEqual(Object.keys(EXAMPLES).sort());
  });

  it('scores with a rubric that lints clean', () => {
    for (const dir of dirs) {
      const file = EXAMPLES[dir]!;
      expect(lintRubric(read(file), { file }).issues.filter((i) => i.severity !== 'info'), dir).toStrictEqual([]);
    }
  });

  it('has an input that the shipped input schema accepts', () => {
    const valid = new Ajv2020({ strict: false, allErrors: true }).compile(inputJsonSchema());
    for (const dir of dirs) expect(valid(JSON.parse(read(`examples/${dir}/input.json`))), dir).toBe(true);
  });

  it('runs the commands its README shows, with the output it shows', () => {
    const cli = (line: string) => {
      const argv = line.replace(/^(node dist\/cli\.cjs|npx jixiao) /, '').split(/\s+/);
      let out = '';
      const code = run(argv, { out: (t) => (out += t), err: (t) => (out += t) });
      return { code, out };
    };
    let commands = 0;
    for (const dir of dirs) {
      const readme = read(`examples/${dir}/README.md`);
      for (const [, lang, body] of readme.matchAll(/```(sh|console)\n([\s\S]*?)```/g)) {
        if (lang === 'sh') {
          for (const line of body!.split('\n').filter((l) => /^(node dist\/cli\.cjs|npx jixiao) score /.test(l))) {
            const r = cli(line);
            expect(r.code, line).toBe(0);
            const stated = readme.match(/\*\*Expected result: total ([\d.]+) of (\d+), grade (\S+?)\*\*|Result: \*\*([\d.]+), (\S+?)\*\*/);
            if (stated) {
              const [total, max, grade] = stated[1] ? [stated[1], stated[2]!, stated[3]!] : [stated[4]!, '100', stated[5]!];
              expect(r.out, line).toMatch(new RegExp(`总分\\s+${max}\\s+${total.replace('.', '\\.')}\\s+等次：${grade}`));
            }
            commands++;
          }
        } else {
          const [first, ...shown] = body!.trimEnd().split('\n');
          const r = cli(first!.replace(/^\$ /, ''));
          expect(r.out.trimEnd(), first).toBe(shown.join('\n'));
          commands++;
        }
      }
    }
    expect(commands).toBeGreaterThanOrEqual(dirs.length + 1);
  });

  it('scores as its expected.json says', () => {
    for (const dir of dirs) {
      const result = score(EXAMPLES[dir]!, `examples/${dir}/input.json`);
      expect(JSON.stringify(result, null, 2) + '\n', dir).toBe(read(`examples/${dir}/expected.json`));
    }
  });
});

/** The leaves of a result marked 不适用, by id. */
const notApplicableIds = (r: ScoreResult) => (leaves(r) as Leaf[]).filter((n) => n.notApplicable).map((n) => n.id);

describe('examples/miluo-2017 — 汨罗市人民政府办公室 2017, a blank Hunan form (examples/miluo-2017/source.md)', () => {
  const variant = read('examples/miluo-2017/rubric.yaml');
  const result = score('examples/miluo-2017/rubric.yaml', 'examples/miluo-2017/input.json');

  it('the report informs 17 of the 100 points and they score 14.5: 14.5 × 100 / 17 = 85.29, 良好; 83 points 不适用 are excluded', () => {
    expect([result.total, result.max, result.grade]).toStrictEqual(['14.5', '17', '良好']);
    expect(result.excluded).toStrictEqual({ max: '83', gradedOn: '85.29' });
    expect(result.rescaled).toBeUndefined();
  });

  it('一级指标 投入 5 of 5 / 过程 9.5 of 12 / 产出 0 of 0 / 效果 0 of 0', () => {
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['投入', '5', '5'],
      ['过程', '12', '9.5'],
      ['产出', '0', '0'],
      ['效果', '0', '0'],
    ]);
  });

  it('what the report states scores in full: 在职 ≤ 实有 72 of 编制 72, no 结余 nor 结转, 616.85 of 616.85 万元 in use, no 项目支出', () => {
    expect(result.metrics).toStrictEqual({ 在职人员控制率: '100', 固定资产利用率: '100' });
    for (const [id, max] of [['财政供养人员控制率', '5'], ['支付进度', '3'], ['资金结余', '3'], ['固定资产利用率', '3']]) expect([leaf(result, id!).max, leaf(result, id!).score], id).toStrictEqual([max, max]);
  });

  it('预决算信息公开性和完善性 0.5 of 3: ⑤ met (its totals equal their parts), ④ unmet (blank cells), ①②③ unmet and not stated', () => {
    const n = leaf(result, '预决算信息公开性和完善性');
    expect([n.max, n.score]).toStrictEqual(['3', '0.5']);
    expect(n.deductions.map((d) => d.points)).toStrictEqual(['1', '0.5', '0.5', '0.5']);
    expect(n.remark).toContain('①②报告未载明预决算信息公开的内容和时限');
  });

  it('what the report does not inform is 不适用 with max 0 and a reason “报告未载明…”; 重点支出安排率 because there is no 项目支出', () => {
    const na = ['三公经费变动率', '重点支出安排率', '预算调整率', '三公经费控制率', '预算管理制度健全性', '资金使用合规性', '政府采购执行率', '公务卡刷卡率', '资产管理制度健全性', '资产管理安全性',
      '推进全面小康建设指标任务完成情况', '建设湖南新增极目标任务完成情况', '政府工作报告目标任务完成情况', '省市重点民生实事完成情况', '省市重点工程和重大项目建设完成情况', '其他工作实绩指标完成情况',
      '履职效益综合', '社会公众或服务对象满意度'];
    expect(notApplicableIds(result)).toStrictEqual(na);
    for (const id of na) {
      expect([leaf(result, id).max, leaf(result, id).deductions], id).toStrictEqual(['0', []]);
      if (!id.endsWith('完成情况')) expect(leaf(result, id).remark, id).toMatch(id === '重点支出安排率' ? /^本年无项目支出（人员支出664\.4万元＋公用支出601\.1万元＝支出合计1265\.5万元）/ : /^报告(只载明.*，)?未载明/);
    }
    const duties = result.indicators[2]!.children![0]!;
    expect([duties.id, duties.max, duties.notApplicable]).toStrictEqual(['职责履行', '0', true]);
    expect(duties.remark).toMatch(/^报告未载明部门工作实绩：产出目标表/);
  });

  it('no figure of the input is one the report does not give or imply', () => {
    expect(JSON.parse(read('examples/miluo-2017/input.json')).values).toStrictEqual({
      在职人数: 72, 编制人数: 72, 三公经费本年: 625000, 未按进度下达专项数: 0, 资金结余: 0, 上年结转: 0, 固定资产总额: '616.85', 在用固定资产: '616.85',
    });
  });

  it('83 points is exactly what it needs: at 82.99 the variant refuses it, and the bundled sheet refuses each of its 13 不适用 entries', () => {
    const r = safeEvaluate(loadRubric(variant.replace('notApplicableLimit: 83', 'notApplicableLimit: 82.99'), { file: 'examples/miluo-2017/rubric.yaml' }), read('examples/miluo-2017/input.json'));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toStrictEqual(['not_applicable_over_limit']);
    const bundled = safeEvaluate(loadRubric(read('rubrics/hunan-department.yaml')), read('examples/miluo-2017/input.json'));
    expect(bundled.success).toBe(false);
    if (!bundled.success) {
      const count = (code: string) => bundled.issues.filter((i) => i.code === code).length;
      expect([count('not_applicable_forbidden'), count('input_missing'), count('assessment_missing')]).toStrictEqual([13, 9, 6]);
    }
  });

  it('an indicator the report informs stays forbidden: 资金结余 cannot be marked 不适用', () => {
    const input = clone('examples/miluo-2017/input.json');
    input.assessments['资金结余'] = { notApplicable: true, reason: '试' };
    const r = safeEvaluate(loadRubric(variant, { file: 'examples/miluo-2017/rubric.yaml' }), input as EvaluationInput);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toContain('not_applicable_forbidden');
  });

  it('with ①②③ of 预决算信息公开 met it would be 16.5 of 17 = 97.06; ④ stays unmet on the report’s own blank cells', () => {
    const input = clone('examples/miluo-2017/input.json');
    input.assessments['预决算信息公开性和完善性'].items = { 1: true, 2: true, 3: true, 4: false, 5: true };
    const r = evaluate(loadRubric(variant, { file: 'examples/miluo-2017/rubric.yaml' }), input as EvaluationInput);
    expect([r.total, r.max, r.excluded?.gradedOn, r.grade]).toStrictEqual(['16.5', '17', '97.06', '优秀']);
  });
});

describe('examples/ezhou-2018 — 鄂州市人民政府办公室 2018 部门决算说明 (examples/ezhou-2018/source.md), self-score 92', () => {
  const variant = read('examples/ezhou-2018/rubric.yaml');
  const result = score('examples/ezhou-2018/rubric.yaml', 'examples/ezhou-2018/input.json');

  it('the report informs 25 of the 100 points and they score 19.86: 19.86 × 100 / 25 = 79.44, 中; 75 points 不适用 are excluded', () => {
    expect([result.total, result.max, result.grade]).toStrictEqual(['19.86', '25', '中']);
    expect(result.excluded).toStrictEqual({ max: '75', gradedOn: '79.44' });
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['投入', '10', '10'],
      ['过程', '15', '9.86'],
      ['产出', '0', '0'],
      ['效果', '0', '0'],
    ]);
  });

  it('在职 76 / 编制 87 = 87.36% → 5; 三公 84.18 against 84.18 + 8.76 = 92.94 万元, −9.43% → 5', () => {
    expect(result.metrics).toStrictEqual({ 在职人员控制率: '87.356322', 三公经费变动率: '-9.425436' });
    expect(leaf(result, '财政供养人员控制率').score).toBe('5');
    expect(leaf(result, '三公经费变动率').score).toBe('5');
  });

  it('政府采购 168.67 of 169.85 万元 = 99.31%: 0.69 points below 100 × 0.2 = 0.14 off, 2.86', () => {
    const n = leaf(result, '政府采购执行率');
    expect(n.score).toBe('2.86');
    expect(n.deductions[0]!.reason).toBe('政府采购执行率99.31%，低于标准0.69个百分点，扣0.14分');
  });

  it('结转 62.15 not above 77.43 → 2; 调整 159.99 of 2355.47 = 6.79% → 2; 资金使用合规性 3 on “财政预算资金使用规范”', () => {
    expect(leaf(result, '资金结余').score).toBe('2');
    expect(leaf(result, '预算调整率').score).toBe('2');
    expect(leaf(result, '资金使用合规性').score).toBe('3');
  });

  it('预决算信息公开 0 of 3: ⑤ its 机关运行经费 parts add up to 270.70, not 264.53; ①–④ not stated', () => {
    const n = leaf(result, '预决算信息公开性和完善性');
    expect([n.max, n.score]).toStrictEqual(['3', '0']);
    expect(n.remark).toContain('⑤机关运行经费明细合计270.70万元，与所列264.53万元不符');
  });

  it('the deductions that stand on the report’s own figures: 1 + 1 + 0.5 + 0.14 = 2.64, and 2.5 for ①–④ it does not state', () => {
    expect(result.deductions.map((d) => [d.indicator.split('.').pop(), d.points])).toStrictEqual([
      ['预算调整率', '1'],
      ['资金结余', '1'],
      ['预决算信息公开性和完善性', '1'],
      ['预决算信息公开性和完善性', '0.5'],
      ['预决算信息公开性和完善性', '0.5'],
      ['预决算信息公开性和完善性', '0.5'],
      ['预决算信息公开性和完善性', '0.5'],
      ['政府采购执行率', '0.14'],
    ]);
  });

  it('what the report does not inform is 不适用 with max 0 and a reason “报告…未载明…”', () => {
    const na = ['重点支出安排率', '支付进度', '三公经费控制率', '预算管理制度健全性', '公务卡刷卡率', '资产管理制度健全性', '资产管理安全性', '固定资产利用率',
      '推进全面小康建设指标任务完成情况', '建设湖南新增极目标任务完成情况', '政府工作报告目标任务完成情况', '省市重点民生实事完成情况', '省市重点工程和重大项目建设完成情况', '其他工作实绩指标完成情况',
      '履职效益综合', '社会公众或服务对象满意度'];
    expect(notApplicableIds(result)).toStrictEqual(na);
    for (const id of na) {
      expect([leaf(result, id).max, leaf(result, id).deductions], id).toStrictEqual(['0', []]);
      if (!id.endsWith('完成情况')) expect(leaf(result, id).remark, id).toMatch(/^报告.*未载明/);
    }
    expect(result.indicators[2]!.children![0]!.remark).toContain('建设湖南新增极是湖南省的考核内容');
  });

  it('no figure of the input is one the report does not give or imply', () => {
    expect(JSON.parse(read('examples/ezhou-2018/input.json')).values).toStrictEqual({
      在职人数: 76, 编制人数: 87, 三公经费本年: 841800, 三公经费上年: 929400, 预算调整率: '6.792275', 资金结余: '62.15', 上年结转: '77.43', 资金使用不合规例数: 0, 政府采购执行率: '99.305269',
    });
  });

  it('75 points is exactly what it needs: at 74.99 the variant refuses it', () => {
    const r = safeEvaluate(loadRubric(variant.replace('notApplicableLimit: 75', 'notApplicableLimit: 74.99'), { file: 'examples/ezhou-2018/rubric.yaml' }), read('examples/ezhou-2018/input.json'));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toStrictEqual(['not_applicable_over_limit']);
  });

  it('with ①–④ of 预决算信息公开 met, 22.36 of 25 = 89.44, 良好: still 2.56 below the report’s 92', () => {
    const input = clone('examples/ezhou-2018/input.json');
    input.assessments['预决算信息公开性和完善性'].items = { 1: true, 2: true, 3: true, 4: true, 5: false };
    const r = evaluate(loadRubric(variant, { file: 'examples/ezhou-2018/rubric.yaml' }), input as EvaluationInput);
    expect([r.total, r.max, r.excluded?.gradedOn, r.grade]).toStrictEqual(['22.36', '25', '89.44', '良好']);
  });
});

describe('examples/jishan-2020-peitao — 稷山县 2020 建档立卡个人缴费县级配套资金, a filed form that departs from its rules', () => {
  const rubric = loadRubric(read('rubrics/project-self-evaluation.yaml'), { file: 'rubrics/project-self-evaluation.yaml' });
  const r = review(rubric, read('examples/jishan-2020-peitao/filed.json'), { file: 'filed.json' });

  it('by the rules 9.91 + 14.86 + 15 + 10 + 10 + 30 + 10 = 99.77, 优; the filed 94 is kept beside it', () => {
    expect([r.result.total, r.result.grade, r.filed.total, r.clean]).toStrictEqual(['99.77', '优', '94', false]);
  });

  it('scores filed.json as input.json scores: the evaluation it was filed from', () => {
    expect(JSON.stringify(r.result, null, 2) + '\n').toBe(read('examples/jishan-2020-peitao/expected.json'));
  });

  it('four rows depart from the rule: 9 for 9.91, 13 for 14.86, 27 for 30, 9 for 10; two deductions have no reason; 93 ≠ 94', () => {
    expect(r.findings.map((f) => [f.class, f.name, f.filed, f.expected, f.difference ?? null])).toStrictEqual([
      ['rule', '预算执行率', '9', '9.91', '-0.91'],
      ['rule', '全县参合人数', '13', '14.86', '-1.86'],
      ['rule', '是否解决建档立卡人员看病难贵问题', '27', '30', '-3'],
      ['reason', '是否解决建档立卡人员看病难贵问题', '27', '30', null],
      ['rule', '是否满意', '9', '10', '-1'],
      ['reason', '是否满意', '9', '10', null],
      ['arithmetic', '总分', '94', '93', '1'],
    ]);
  });

  it('the hidden 9.91 explains 93 → 94: 93 − 9 + 9.91 = 93.91, 94 as a whole number', () => {
    expect(r.findings.at(-1)!.explanation!.zh).toContain('各项之和为93.91分，取整即为填报总分94分');
  });

  it('the printed 99% agrees with 65.07 / 65.66 = 99.10% at whole percent: no finding on the rate', () => {
    expect(r.findings.filter((f) => f.path[1] === 'metrics')).toStrictEqual([]);
  });
});

describe('examples/huangshi-2022-haimian — 黄石 2022 海绵城市申报工作经费, 湖北 layout, a filed form that reviews clean', () => {
  const rubric = loadRubric(read('examples/huangshi-2022-haimian/rubric.yaml'), { file: 'examples/huangshi-2022-haimian/rubric.yaml' });
  const r = review(rubric, read('examples/huangshi-2022-haimian/filed.json'), { file: 'filed.json' });

  it('reproduces 99.55: 20 × 195.5 / 200 = 19.55, and eight rows of 10', () => {
    expect([r.result.total, r.result.grade, r.filed.total]).toStrictEqual(['99.55', '优', '99.55']);
    expect(r.result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['预算执行情况', '20', '19.55'],
      ['年度绩效目标1', '80', '80'],
    ]);
  });

  it('reviews clean: every filed figure is the rule’s, the rate 97.75 is 195.5 / 200, and 19.55 + 80 = 99.55', () => {
    expect([r.clean, r.findings]).toStrictEqual([true, []]);
  });

  it('scores filed.json as input.json scores', () => {
    expect(JSON.stringify(r.result, null, 2) + '\n').toBe(read('examples/huangshi-2022-haimian/expected.json'));
  });
});
