import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate, loadRubric, safeEvaluate, type EvaluationInput, type ScoreResult } from '../src/index.js';
import { inputJsonSchema, lintRubric } from '../src/authoring.js';
import { run } from '../src/cli/main.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

function score(rubricFile: string, inputFile: string): ScoreResult {
  const rubric = loadRubric(read(rubricFile), { file: rubricFile });
  return evaluate(rubric, read(inputFile), { file: inputFile });
}

/** Every example with an input, and the rubric it is scored with. */
const EXAMPLES: Record<string, string> = {
  'yunxi-2021': 'rubrics/hunan-department.yaml',
  'kunming-2017': 'rubrics/kunming-department.yaml',
  'miluo-2018-project': 'rubrics/project-self-evaluation.yaml',
  'miluo-2017': 'examples/miluo-2017/rubric.yaml',
  'ezhou-2018': 'rubrics/hunan-department.yaml',
};

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

type Leaf = ScoreResult['indicators'][number];
const leaf = (r: ScoreResult, id: string) => {
  const found = leaves(r).find((n) => n.path.endsWith(`.${id}`)) as Leaf | undefined;
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};
/** An example's input as plain data, to change a copy of it. */
const clone = (p: string) => JSON.parse(read(p)) as { values: Record<string, unknown>; assessments: Record<string, any> };

describe('every example', () => {
  const dirs = readdirSync(new URL('../examples/', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(new URL(`../examples/${d.name}/`, import.meta.url)).includes('input.json'))
    .map((d) => d.name)
    .sort();

  it('is listed here with its rubric', () => {
    expect(dirs).toStrictEqual(Object.keys(EXAMPLES).sort());
  });

  it('scores with a rubric that lints clean', () => {
    for (const dir of dirs) {
      const file = EXAMPLES[dir]!;
      expect(lintRubric(read(file), { file }).issues, dir).toStrictEqual([]);
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
            const stated = readme.match(/\*\*Expected result: total ([\d.]+) of 100, grade (\S+?)\*\*|Result: \*\*([\d.]+), (\S+?)\*\*/);
            if (stated) expect(r.out, line).toMatch(new RegExp(`总分\\s+100\\s+${(stated[1] ?? stated[3])!.replace('.', '\\.')}\\s+等次：${stated[2] ?? stated[4]}`));
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

describe('examples/miluo-2017 — 汨罗市人民政府办公室 2017, a blank Hunan form (seeds/000)', () => {
  const result = score('examples/miluo-2017/rubric.yaml', 'examples/miluo-2017/input.json');

  it('14.5 of the 95 applicable points, 按百分制折算 14.5 × 100 / 95 = 15.26, 差', () => {
    expect(result.rescaled).toStrictEqual({ rawTotal: '14.5', applicableMax: '95' });
    expect([result.total, result.max, result.grade]).toStrictEqual(['15.26', '100', '差']);
  });

  it('一级指标 投入 5 of 10 (重点支出安排率 不适用) / 过程 9.5 of 40 / 产出 0 / 效果 0', () => {
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['投入', '10', '5'],
      ['过程', '40', '9.5'],
      ['产出', '25', '0'],
      ['效果', '20', '0'],
    ]);
  });

  it('what the report states scores in full: 在职 ≤ 实有 72 of 编制 72, no 结余 nor 结转, 616.85 of 616.85 万元 in use, no 项目支出', () => {
    expect(result.metrics['在职人员控制率']).toBe('100');
    expect(result.metrics['固定资产利用率']).toBe('100');
    for (const id of ['财政供养人员控制率', '资金结余', '固定资产利用率', '支付进度']) expect(leaf(result, id).score, id).toBe(leaf(result, id).max);
  });

  it('重点支出安排率 is 不适用: 0/0 without 项目支出, max 0, with its reason', () => {
    const n = leaf(result, '重点支出安排率');
    expect([n.max, n.notApplicable]).toStrictEqual(['0', true]);
    expect(n.remark).toContain('人员支出664.4万元＋公用支出601.1万元＝支出合计1265.5万元');
  });

  it('what the report does not state scores 0 and says so', () => {
    for (const id of ['三公经费变动率', '预算调整率', '三公经费控制率', '资金使用合规性', '政府采购执行率', '公务卡刷卡率', '资产管理安全性', '社会公众或服务对象满意度']) {
      expect(leaf(result, id).score, id).toBe('0');
      expect(leaf(result, id).remark, id).toMatch(/^报告(只写.*，)?未载明.*占位数，按不得分计$/);
    }
    expect(leaf(result, '推进全面小康建设指标任务完成情况').deductions[0]!.reason).toContain('产出目标表');
    expect(leaf(result, '三公经费变动率').deductions[0]!.reason).toBe('“三公经费”变动率25%，超过标准25个百分点，应扣12.5分，扣完为止，扣5分');
  });

  it('预决算信息公开性和完善性 0.5 of 3: only ⑤, the totals equal their parts (664.4 + 601.1 = 1265.5; 31.6 + 29.2 + 1.7 = 62.5)', () => {
    expect(leaf(result, '预决算信息公开性和完善性').score).toBe('0.5');
  });

  it('the bundled sheet refuses it: 不适用 is forbidden there, and then 重点支出安排率 is missing', () => {
    const r = safeEvaluate(loadRubric(read('rubrics/hunan-department.yaml')), read('examples/miluo-2017/input.json'), { file: 'input.json' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`).sort()).toStrictEqual([
      'input_missing values.重点支出安排率',
      'not_applicable_forbidden assessments.重点支出安排率.notApplicable',
    ]);
  });

  it('with everything the report does not state at full marks it would reach 94.5 of 95 = 99.47 (④ 资料完整 stays unmet)', () => {
    const input = clone('examples/miluo-2017/input.json');
    Object.assign(input.values, { 三公经费上年: 625000, 三公经费预算: 625000, 预算调整率: 0, 资金使用不合规例数: 0, 政府采购执行率: 100, 公务卡刷卡率: 50, 资产管理不合规例数: 0, 满意度: 95 });
    input.assessments['预算管理制度健全性'].items = { 1: true, 2: true, 3: true };
    input.assessments['预决算信息公开性和完善性'].items = { 1: true, 2: true, 3: true, 4: false, 5: true };
    input.assessments['资产管理制度健全性'].items = { 1: true, 2: true };
    const full: Record<string, number> = { 推进全面小康建设指标任务完成情况: 5, 建设湖南新增极目标任务完成情况: 7, 政府工作报告目标任务完成情况: 5, 省市重点民生实事完成情况: 2, 省市重点工程和重大项目建设完成情况: 2, 其他工作实绩指标完成情况: 4, 履职效益综合: 15 };
    for (const [id, s] of Object.entries(full)) input.assessments[id] = { score: s };
    const r = evaluate(loadRubric(read('examples/miluo-2017/rubric.yaml')), input as EvaluationInput);
    expect([r.rescaled?.rawTotal, r.total, r.grade]).toStrictEqual(['94.5', '99.47', '优秀']);
  });
});

describe('examples/ezhou-2018 — 鄂州市人民政府办公室 2018 部门决算说明 (seeds/004), self-score 92', () => {
  const result = score('rubrics/hunan-department.yaml', 'examples/ezhou-2018/input.json');

  it('20.87, 差: 投入 10 / 过程 10.87 / 产出 0 / 效果 0', () => {
    expect([result.total, result.max, result.grade]).toStrictEqual(['20.87', '100', '差']);
    expect(result.indicators.map((n) => [n.name, n.max, n.score])).toStrictEqual([
      ['投入', '15', '10'],
      ['过程', '40', '10.87'],
      ['产出', '25', '0'],
      ['效果', '20', '0'],
    ]);
  });

  it('在职 76 / 编制 87 = 87.36% → 5; 三公 84.18 against 84.18 + 8.76 = 92.94 万元, −9.43% → 5', () => {
    expect(result.metrics['在职人员控制率']).toBe('87.356322');
    expect(result.metrics['三公经费变动率']).toBe('-9.425436');
    expect(leaf(result, '财政供养人员控制率').score).toBe('5');
    expect(leaf(result, '三公经费变动率').score).toBe('5');
  });

  it('政府采购 168.67 of 169.85 万元 = 99.31%: 0.69 points below 100 × 0.2 = 0.14 off, 2.86', () => {
    const n = leaf(result, '政府采购执行率');
    expect(n.score).toBe('2.86');
    expect(n.deductions[0]!.reason).toBe('政府采购执行率99.31%，低于标准0.69个百分点，扣0.14分');
  });

  it('结转 62.15 not above 77.43 → 2; 调整 159.99 of 2355.47 = 6.79% → 2; 在用 843.6 of 1053.62 = 80.07% → 3 − 1.99 = 1.01', () => {
    expect(leaf(result, '资金结余').score).toBe('2');
    expect(leaf(result, '预算调整率').score).toBe('2');
    expect(result.metrics['固定资产利用率']).toBe('80.066817');
    expect(leaf(result, '固定资产利用率').score).toBe('1.01');
  });

  it('资金使用合规性 3 on the report’s word “财政预算资金使用规范”; 预决算信息公开 0, its 机关运行经费 parts add up to 270.70, not 264.53', () => {
    expect(leaf(result, '资金使用合规性').score).toBe('3');
    expect(leaf(result, '预决算信息公开性和完善性').score).toBe('0');
    expect(leaf(result, '预决算信息公开性和完善性').remark).toContain('机关运行经费明细合计270.70万元，与所列264.53万元不符');
  });

  it('the most favourable reading of the report reaches 97.36, 5.36 above its own 92', () => {
    const input = clone('examples/ezhou-2018/input.json');
    Object.assign(input.values, { 三公经费预算: 841800, 重点支出安排率: 90, 未按进度下达专项数: 0, 公务卡刷卡率: 50, 资产管理不合规例数: 0, 在用固定资产: '1053.62', 满意度: 95 });
    input.assessments['预算管理制度健全性'].items = { 1: true, 2: true, 3: true };
    input.assessments['预决算信息公开性和完善性'].items = { 1: true, 2: true, 3: true, 4: true, 5: false };
    input.assessments['资产管理制度健全性'].items = { 1: true, 2: true };
    const full: Record<string, number> = { 推进全面小康建设指标任务完成情况: 5, 建设湖南新增极目标任务完成情况: 7, 政府工作报告目标任务完成情况: 5, 省市重点民生实事完成情况: 2, 省市重点工程和重大项目建设完成情况: 2, 其他工作实绩指标完成情况: 4, 履职效益综合: 15 };
    for (const [id, s] of Object.entries(full)) input.assessments[id] = { score: s };
    const r = evaluate(loadRubric(read('rubrics/hunan-department.yaml')), input as EvaluationInput);
    expect([r.total, r.grade]).toStrictEqual(['97.36', '优秀']);
    expect(r.deductions.map((d) => [d.indicator.split('.').pop(), d.points])).toStrictEqual([
      ['预算调整率', '1'],
      ['资金结余', '1'],
      ['预决算信息公开性和完善性', '0.5'],
      ['政府采购执行率', '0.14'],
    ]);
  });
});
