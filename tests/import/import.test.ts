import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { canonicalRule } from '../../src/text/compare.js';
import { importSheet } from '../../src/import/sheet.js';
import { readCsv } from '../../src/import/table.js';
import { evaluate, loadBundledRubric, loadRubric, type Indicator, type Rubric } from '../../src/index.js';
import { lintRubric, renderSheet } from '../../src/entries/authoring.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const CSV = 'tests/fixtures/hunan-sheet.csv';
const csv = readFileSync(CSV, 'utf8');
const hunan = loadBundledRubric('hunan-department');

/** The tree as [depth, name, max] rows, depth first. */
function tree(r: Rubric): [number, string, string][] {
  const out: [number, string, string][] = [];
  const walk = (ns: readonly Indicator[], d: number) => ns.forEach((n) => (out.push([d, n.name, n.max.toFixed()]), walk(n.children, d + 1)));
  walk(r.indicators, 1);
  return out;
}
const leaves = (r: Rubric) => [...r.byId.values()].filter((n) => !n.children.length);
/** A rule without the names of its figures (the importer's are placeholders). */
const figuresOf = (n: Indicator) => {
  const c = canonicalRule(n.rule!) as Record<string, unknown>;
  const { value: _v, item: _i, ...rest } = c;
  return rest;
};

function draft(text: string, opts: Parameters<typeof importSheet>[1]) {
  const r = importSheet(text, opts);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('jixiao import: the Hunan sheet (tests/fixtures/hunan-sheet.csv, from examples/yunxi-2021/source.md lines 437–721)', () => {
  const d = draft(csv, { file: CSV, name: '湖南省部门整体支出绩效评价评分表' });
  const imported = loadRubric(d.yaml, { file: 'draft.yaml' });

  it('the fixture is the sheet: 28 rows of 7 cells, page-break header and 总分 row included', () => {
    const rows = readCsv(csv);
    expect(rows).toHaveLength(28);
    expect(rows.every((r) => r.length === 7)).toBe(true);
    expect(rows[1]!.slice(0, 3)).toStrictEqual(['投  入\n（15分）', '预算配置\n（15分）', '财政供养人员\n\n控制率']);
    expect(rows.at(-1)!.slice(0, 1)).toStrictEqual(['总 分']);
  });

  it('the draft loads as it is, with the tree and maxima of rubrics/hunan-department.yaml', () => {
    expect(imported.max.toFixed()).toBe('100');
    expect(tree(imported)).toStrictEqual(tree(hunan));
  });

  it('every leaf has the rule kind of the bundled rubric, and the same figures where the text reads as a rule', () => {
    const mine = leaves(imported);
    const theirs = leaves(hunan);
    expect(mine.map((n) => n.kind)).toStrictEqual(theirs.map((n) => n.kind));
    const computed = mine.filter((n) => n.kind !== 'judgement');
    expect(computed).toHaveLength(16);
    for (const n of computed) expect(figuresOf(n), n.name).toStrictEqual(figuresOf(theirs[mine.indexOf(n)]!));
    expect(d.parsed).toBe(16);
  });

  it('declares the inputs the rules read, with a TODO to check them', () => {
    expect([...imported.inputs.keys()]).toStrictEqual([
      '在职人员控制率', '三公经费变动率', '重点支出安排率', '预算调整率', '专项未按进度完成资金下达数', '资金结余', '上年结转', '三公经费控制率',
      '不符合要求的情况数', '政府采购执行率', '公务卡刷卡率', '不符合有关要求的情况数', '固定资产利用率', '社会公众或服务对象满意度',
    ]);
    expect(d.yaml).toContain('  # TODO: 以下输入数据由评分标准推断');
    expect(d.yaml).toContain('  在职人员控制率: { type: percent }  # 用于 财政供养人员控制率\n');
    // bands from =0 upwards: the rate is never negative
    expect(d.yaml).toContain('  预算调整率: { type: percent, min: 0 }  # 用于 预算调整率\n');
  });

  it('marks what it could not read as judgement items with a # TODO, and the merged 分值 cell as one leaf', () => {
    expect(d.yaml.match(/# TODO: 未能识别评分标准，暂按评价人评分（judgement）/g)).toHaveLength(7);
    expect(d.yaml).toContain('# TODO: 表中 经济效益、社会效益、生态效益 共用一个分值单元格，合为一个指标');
    expect(imported.byId.get('经济效益社会效益生态效益')!.max.toFixed()).toBe('15');
    // the five rows whose 评分标准 cell is merged with the row above each say so
    expect(d.yaml.match(/# TODO: 评分标准为空，按合并单元格沿用上一行“[^”]+”的评分标准，请核对/g)).toHaveLength(5);
    // three checklists written ①…1分；②…: their numbered points read as one indicator's, and the draft says so
    expect(d.yaml.match(/# TODO: 评分标准的编号各项读作同一指标的评分要点（checklist），不是下级指标/g)).toHaveLength(3);
    expect(d.todos).toBe(20);
  });

  it('keeps every 评分标准 verbatim (lines trimmed, blank lines dropped) — the same text as the bundled rubric', () => {
    expect(leaves(imported).map((n) => n.standard)).toStrictEqual(leaves(hunan).map((n) => n.standard));
  });

  it('gives two 管理制度健全性 distinct ids', () => {
    expect(leaves(imported).filter((n) => n.name === '管理制度健全性').map((n) => n.id)).toStrictEqual(['管理制度健全性', '资产管理-管理制度健全性']);
  });

  it('jixiao lint finds nothing in the draft but what is left to do: its TODOs and version: draft', () => {
    const issues = lintRubric(d.yaml, { file: 'draft.yaml' }).issues;
    expect(issues.filter((i) => i.code !== 'todo_unresolved' && i.code !== 'draft_version')).toStrictEqual([]);
    expect(issues.filter((i) => i.code === 'todo_unresolved')).toHaveLength(d.todos);
    expect(issues.filter((i) => i.code === 'draft_version')).toHaveLength(1);
  });
});

describe('Markdown pipe tables', () => {
  it('the bundled rubric printed as a sheet imports back to the same tree and rules', () => {
    const d = draft(renderSheet(hunan), { format: 'md' });
    const back = loadRubric(d.yaml);
    expect(back.name).toBe('湖南省部门整体支出绩效评价评分表');
    expect(tree(back)).toStrictEqual(tree(hunan));
    expect(leaves(back).map((n) => n.kind)).toStrictEqual(leaves(hunan).map((n) => n.kind));
  });

  it('as CSV too: the blank sheet imports back to the same tree, a name or standard that starts like a formula guarded by \' and read back whole', () => {
    const csv = renderSheet(hunan, { format: 'csv' });
    expect(tree(loadRubric(draft(csv, { format: 'csv' }).yaml))).toStrictEqual(tree(hunan));
    const hostile = loadRubric(['id: f', 'name: =HYPERLINK("http://x","点")', 'version: "1"', 'indicators:', '  - name: "＋资金到位率"', '    max: 10', '    standard: "-以100%为标准，低于100%不得分。"', '    rule: { kind: judgement }'].join('\n'));
    const text = renderSheet(hostile, { format: 'csv' });
    expect(text).toContain("'＋资金到位率");
    expect(text).toContain("'-以100%为标准");
    for (const line of text.split('\n')) for (const cell of line.split(',')) expect(/^[\s\u3000]*[=+\-@＝＋－＠]/u.test(cell), cell).toBe(false);
    const back = loadRubric(draft(text, { format: 'csv' }).yaml);
    expect(back.indicators[0]!.name).toBe('＋资金到位率');
    expect(back.indicators[0]!.standard).toBe('-以100%为标准，低于100%不得分。');
  });

  it('merged cells, <br>, \\|, a (分) that does not add up, 分 after a figure', () => {
    const md = [
      '## 项目支出绩效评价指标',
      '',
      '| 一级指标 | 二级指标 | 评分标准 | 分值 | 自评得分 |',
      '|:---|---|---|--:|---|',
      '| 产出（30分） | 数量指标 | 完成率≥95%，计10分；<br>低于95%不得分。 | 10分 | 10 |',
      '| | 质量指标 | 合格率\\|达标率 按实际评分 | 10 | 9 |',
      '| 效益（20分） | 满意度 | 每低于100%一个百分点扣0.5分，扣完为止。 | 20 | 20 |',
    ].join('\n');
    const d = draft(md, { file: 'project.md' });
    const r = loadRubric(d.yaml);
    expect(r.name).toBe('项目支出绩效评价指标');
    expect(tree(r)).toStrictEqual([[1, '产出', '20'], [2, '数量指标', '10'], [2, '质量指标', '10'], [1, '效益', '20'], [2, '满意度', '20']]);
    expect(d.yaml).toContain('# TODO: 表中写作 30 分，下级指标合计 20 分，请核对');
    expect(r.byId.get('数量指标')!.standard).toBe('完成率≥95%，计10分；\n低于95%不得分。');
    expect(r.byId.get('质量指标')!.standard).toBe('合格率|达标率 按实际评分');
    expect(leaves(r).map((n) => n.kind)).toStrictEqual(['bands', 'judgement', 'per_unit']);
  });
});

describe('the importer never guesses: a clause the rule would drop leaves the sentence unread', () => {
  const rows: [string, string][] = [
    ['信息报送', '每出现一例扣0.5分，出现重大问题的不得分。'],
    ['预算执行率', '执行率100%，得5分；90%（含）-100%，得3分；每低于90%一个百分点扣0.5分，扣完为止。'],
    ['任务完成率', '完成率≥90%，得5分；每低于一个百分点扣0.5分，扣完为止；另扣2分。'],
    ['违规情况', '每出现一例违规扣0.5分，情节严重的每例扣1分。'],
    ['资金执行', '得分=20分*执行率'],
  ];
  const csv = ['一级指标,二级指标,评分标准,分值', ...rows.map(([name, std], i) => `${i ? '' : '过程'},${name},"${std}",5`)].join('\n');
  const d = draft(csv, { file: 'guesses.csv' });
  const r = loadRubric(d.yaml);

  it('every one of them is a judgement item with a TODO, and no input is declared for them', () => {
    expect(leaves(r).map((n) => n.kind)).toStrictEqual(rows.map(() => 'judgement'));
    expect(d.parsed).toBe(0);
    expect(r.inputs.size).toBe(0);
  });

  it('the TODO names the clause that kept the sentence from being read', () => {
    expect(d.yaml).toContain('# TODO: 未能识别评分标准（“出现重大问题的不得分”不在能识别的规则之内），暂按评价人评分（judgement）');
    expect(d.yaml).toContain('# TODO: 未能识别评分标准（“执行率100%，得5分”、“90%（含）-100%，得3分”不在能识别的规则之内），暂按评价人评分（judgement）');
    expect(d.yaml).toContain('# TODO: 未能识别评分标准（“另扣2分”不在能识别的规则之内），暂按评价人评分（judgement）');
    expect(d.yaml).toContain('# TODO: 未能识别评分标准（“情节严重的每例扣1分”不在能识别的规则之内），暂按评价人评分（judgement）');
    expect(d.yaml).toContain('# TODO: 未能识别评分标准（“得分=20分*执行率”不在能识别的规则之内），暂按评价人评分（judgement）');
  });
});

describe('what the importer refuses, and the command line', () => {
  it('a table without the columns it needs is a sheet_invalid issue', () => {
    const r = importSheet('名称,分数\n甲,5\n', { file: 'x.csv' });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.map((i) => i.code)).toStrictEqual(['sheet_invalid']);
  });

  it('a 分值 that is not a number names its line', () => {
    const r = importSheet('一级指标,评分标准,分值\n甲,,五分\n', { file: 'x.csv' });
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'sheet_invalid', source: { file: 'x.csv', line: 2, column: 1 } });
  });

  it('jixiao import prints the draft on stdout and a summary on stderr; -o writes a file', () => {
    const r = cli('import', CSV, '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('# yaml-language-server: $schema=./node_modules/jixiao/rubric.schema.json\n')).toBe(true);
    expect(r.err).toBe(`✔ ${CSV}: 33 个指标（23 个末级），16 个评分标准已识别为规则，20 处 TODO 待处理\n`);
    const out = join(mkdtempSync(join(tmpdir(), 'jixiao-import-')), 'draft.yaml');
    expect(cli('import', CSV, '-o', out, '--id', 'yunxi', '--name', '云溪评分表').code).toBe(0);
    const loaded = loadRubric(readFileSync(out, 'utf8'));
    expect([loaded.id, loaded.name]).toStrictEqual(['yunxi', '云溪评分表']);
  });

  it('usage errors exit 2, a missing file 1', () => {
    expect(cli('import').code).toBe(2);
    expect(cli('import', CSV, '-o').code).toBe(2);
    expect(cli('import', 'nope.csv').code).toBe(1);
  });
});

describe('positions in a sheet', () => {
  it('a problem is reported at the line its row starts on, line breaks inside cells counted', () => {
    const csv = '一级指标,评分标准,分值\n甲,"第一行\n第二行\n第三行",5\n乙,,五分\n';
    const r = importSheet(csv, { file: 'x.csv' });
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'sheet_invalid', source: { file: 'x.csv', line: 5, column: 1 }, message: '无法导入评分表：第 5 行：分值“五分”不是数字' });
  });

  it('and in a Markdown table, at its line in the file', () => {
    const md = '# 表\n\n| 一级指标 | 分值 |\n| --- | --- |\n| 甲 | 5 |\n| 乙 | x |\n';
    const r = importSheet(md, { file: 'x.md' });
    expect(!r.success && r.issues[0]).toMatchObject({ source: { file: 'x.md', line: 6, column: 1 } });
  });
});

describe('a project sheet in the wording of other regions: read with each row’s 分值, written whole', () => {
  // Rows of published sheets (tests/fixtures/standards/corpus.yaml), each with its 分值.
  const rows: [string, string, number][] = [
    ['建设内容完成量', '计划建设内容完成100%的得20分,每减少1个百分点扣1分,扣完20分为止。', 20],
    ['预算完成率', '100%计满分,每低于5%扣2分,扣完为止。', 5],
    ['新建楼堂馆所面积控制率', '100%以下(含)计满分,每超出5%扣2分,扣完为止。没有楼堂馆所项目的部门按满分计算。', 5],
    ['新开工项目', 'A、B类计划新开工项目每开工一个项目1分,最多10分。', 10],
    ['经费支出', '每发现1次经费违规使用扣0.5分，扣完为止。', 1],
    ['年度建设任务完成率', '得分值=年度建设任务完成率(超过100%以100%计算)×20', 20],
    ['项目档案', '项目档案资料齐全的得2分,不齐全的扣2分。', 2],
    ['目标内容', '目标明确(1分),目标细化(1.5分),目标量化(1.5 分)', 4],
    ['组织管理', '项目实施组织管理到位的得6分;实行不力的酌情扣分,扣完6分为止。', 6],
  ];
  const total = rows.reduce((a, r) => a + r[2], 0);
  const csv = ['一级指标,三级指标,评分标准,分值', ...rows.map(([name, std, max], i) => `${i ? '' : `项目（${total}分）`},${name},"${std}",${max}`)].join('\n');
  const d = draft(csv, { file: 'project.csv' });
  const r = loadRubric(d.yaml);

  it('every row but the judgement reads as a rule, and the rule is written with every field it has', () => {
    expect(leaves(r).map((n) => n.kind)).toStrictEqual(['per_unit', 'per_unit', 'per_unit', 'count', 'count', 'formula', 'checklist', 'checklist', 'judgement']);
    expect(d.parsed).toBe(8);
    const byName = (name: string) => leaves(r).find((n) => n.name === name)!;
    expect(figuresOf(byName('预算完成率'))).toStrictEqual({ kind: 'per_unit', standard: '100', direction: 'below', points: '2', per: '5' });
    expect(byName('新开工项目').rule).toMatchObject({ kind: 'count', effect: 'add' });
    expect(d.yaml).toMatch(/新建楼堂馆所面积控制率\n(?:.*\n)*?\s+notApplicable: full/);
  });

  it('and scores as the sheet says: 99.5% of the planned works is 19.5 of 20, 97.5% of the budget 4 of 5', () => {
    // Inputs by the rule that reads them: 99.5% of the works, 97.5% of the budget spent, 102.5% of
    // the floor area, 3 projects started, 1 misuse found, 92.35% of the construction done.
    const valueOf = (leaf: string, v: string) => [...r.inputs.keys()].filter((k) => JSON.stringify(leaves(r).find((n) => n.name === leaf)!.rule).includes(k)).map((k) => [k, v]);
    const values = Object.fromEntries([
      ...valueOf('建设内容完成量', '99.5'), ...valueOf('预算完成率', '97.5'), ...valueOf('新建楼堂馆所面积控制率', '102.5'),
      ...valueOf('新开工项目', '3'), ...valueOf('经费支出', '1'), ...valueOf('年度建设任务完成率', '92.35'),
    ]);
    const items = (name: string, met: boolean[]) => [leaves(r).find((n) => n.name === name)!.id, { items: Object.fromEntries(met.map((m, i) => [String(i + 1), m])) }];
    const assessments = Object.fromEntries([items('项目档案', [true]), items('目标内容', [true, false, true]), [leaves(r).find((n) => n.name === '组织管理')!.id, { score: '6' }]]);
    const result = evaluate(r, { values, assessments });
    const score = (name: string) => result.indicators.flatMap(function all(n): typeof result.indicators { return [n, ...(n.children ?? []).flatMap(all)]; }).find((n) => n.name === name)!.score;
    // by hand: 20 − 0.5 × 1 = 19.5 · 5 − 2.5/5 × 2 = 4 · 5 − 2.5/5 × 2 = 4 · 3 × 1 = 3 · 1 − 0.5 = 0.5 · 20 × 92.35% = 18.47 · 2 · 1 + 1.5 = 2.5 · 6
    expect(['建设内容完成量', '预算完成率', '新建楼堂馆所面积控制率', '新开工项目', '经费支出', '年度建设任务完成率', '项目档案', '目标内容', '组织管理'].map(score))
      .toStrictEqual(['19.5', '4', '4', '3', '0.5', '18.47', '2', '2.5', '6']);
  });
});
