import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importSheet } from '../../src/import/sheet.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { loadRubric, type Indicator, type Rubric } from '../../src/index.js';

/** The tree as [depth, name, max] rows, depth first. */
function tree(r: Rubric): [number, string, string][] {
  const out: [number, string, string][] = [];
  const walk = (ns: readonly Indicator[], d: number) => ns.forEach((n) => (out.push([d, n.name, n.max.toFixed()]), walk(n.children, d + 1)));
  walk(r.indicators, 1);
  return out;
}

function draft(text: string, opts: Parameters<typeof importSheet>[1] = { file: 'sheet.csv' }) {
  const r = importSheet(text, opts);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return { ...r.value, rubric: loadRubric(r.value.yaml) };
}
const todos = (yaml: string) => lintRubric(yaml, { file: 'draft.yaml' }).issues.filter((i) => i.code === 'todo_unresolved').map((i) => i.message);

describe('评分标准 is the rule, 指标说明 the description', () => {
  const sheet = (cols: string[], cells: string[]) => [['一级指标', '二级指标', ...cols, '分值'].join(','), ['过程', '预算执行率', ...cells, '10'].join(',')].join('\n');
  const RULE = '执行率每低于100%一个百分点扣0.5分，扣完为止';
  const WHAT = '部门本年度预算执行数与预算数的比率';

  it('指标说明 before 评分标准: the standard is the 评分标准 cell, the description the 指标说明 cell, and the draft says which', () => {
    const d = draft(sheet(['指标说明', '评分标准'], [WHAT, RULE]));
    const leaf = d.rubric.byId.get('预算执行率')!;
    expect([leaf.standard, leaf.description, leaf.kind]).toStrictEqual([RULE, WHAT, 'per_unit']);
    expect(todos(d.yaml)).toContain('尚未处理的 TODO：评分标准（standard）取自“评分标准”列，“指标说明”列记为指标说明（description），请核对');
    expect(d.problems).toStrictEqual([]);
  });

  it('指标解释 and 指标内涵 are descriptions too; 评分要点, 评分细则 and 评分办法 are standards', () => {
    for (const desc of ['指标解释', '指标内涵'])
      for (const std of ['评分要点', '评分细则', '评分办法']) {
        const leaf = draft(sheet([desc, std], [WHAT, RULE])).rubric.byId.get('预算执行率')!;
        expect([leaf.standard, leaf.description], `${desc} + ${std}`).toStrictEqual([RULE, WHAT]);
      }
  });

  it('two standard columns: 评分标准 wins over 评分细则, whichever stands first; the other is kept in the description and named', () => {
    for (const [cols, cells] of [[['评分细则', '评分标准'], ['细则原文', RULE]], [['评分标准', '评分细则'], [RULE, '细则原文']]] as const) {
      const d = draft(sheet([...cols], [...cells]));
      const leaf = d.rubric.byId.get('预算执行率')!;
      expect([leaf.standard, leaf.description]).toStrictEqual([RULE, '评分细则：细则原文']);
      expect(todos(d.yaml)).toContain('尚未处理的 TODO：评分标准（standard）取自“评分标准”列，“评分细则”列一并记入 description，请核对');
    }
  });

  it('only 评分细则: it is the standard, no TODO about columns', () => {
    const d = draft(sheet(['评分细则'], [RULE]));
    expect(d.rubric.byId.get('预算执行率')!.standard).toBe(RULE);
    expect(d.yaml).not.toContain('取自');
  });

  it('only 指标说明: read as the standard, and the draft says so', () => {
    const d = draft(sheet(['指标说明'], [RULE]));
    expect(d.rubric.byId.get('预算执行率')!.standard).toBe(RULE);
    expect(todos(d.yaml)).toContain('尚未处理的 TODO：表中没有评分标准列，评分标准取自“指标说明”列，请核对');
  });

  it('property: in any column order, with any other columns, the standard is the 评分标准 text and the description the 指标说明 text', () => {
    const cols = ['评分标准', '指标说明', '自评得分', '扣分原因'];
    fc.assert(
      fc.property(fc.shuffledSubarray(cols, { minLength: 4, maxLength: 4 }), (order) => {
        const text: Record<string, string> = { 评分标准: RULE, 指标说明: WHAT, 自评得分: '9', 扣分原因: '执行率98%' };
        const leaf = draft(sheet(order, order.map((c) => text[c]!))).rubric.byId.get('预算执行率')!;
        expect([leaf.standard, leaf.description]).toStrictEqual([RULE, WHAT]);
      }),
      { numRuns: 24 },
    );
  });
});

describe('maxima in the name cells, and a header 评价指标(分值)', () => {
  it('评价指标(分值) over three columns, a 合计 row of 100: the tree of the sheet, no problem', () => {
    const csv = [
      '评价指标(分值),,,评分标准',
      '决策(20分),目标设定(10分),绩效目标合理性(5分),酌情扣分',
      ',,绩效指标明确性（5分）,酌情扣分',
      ',资金投入(10分),"预算编制科学性\n5分",酌情扣分',
      ',,资金分配合理性 5分,酌情扣分',
      '过程(80分),资金管理(80分),资金到位率(80分),酌情扣分',
      '合计,,,100',
    ].join('\n');
    const d = draft(csv);
    expect(tree(d.rubric)).toStrictEqual([
      [1, '决策', '20'], [2, '目标设定', '10'], [3, '绩效目标合理性', '5'], [3, '绩效指标明确性', '5'],
      [2, '资金投入', '10'], [3, '预算编制科学性', '5'], [3, '资金分配合理性', '5'],
      [1, '过程', '80'], [2, '资金管理', '80'], [3, '资金到位率', '80'],
    ]);
    expect(d.problems).toStrictEqual([]);
    expect(d.yaml).toContain('# TODO: 表头“评价指标(分值)”跨 3 列，读作一级、二级、三级指标，请核对');
  });

  it('a 分值 column left empty under names that carry their maxima: nothing is folded, nothing dropped (100, not 63)', () => {
    const csv = [
      '一级指标,二级指标,评分标准,分值',
      '决策（37分）,立项依据（12分）,酌情扣分,',
      ',绩效目标（25分）,酌情扣分,',
      '过程（63分）,资金管理（63分）,酌情扣分,63',
    ].join('\n');
    const d = draft(csv);
    expect(d.rubric.max.toFixed()).toBe('100');
    expect(tree(d.rubric).map((r) => r[1])).toStrictEqual(['决策', '立项依据', '绩效目标', '过程', '资金管理']);
    expect(d.problems).toStrictEqual([]);
  });

  it('a name and its 分值 cell that disagree: the 分值 column, and a problem', () => {
    const d = draft('一级指标,二级指标,评分标准,分值\n过程,预算执行率（10分）,酌情扣分,8\n');
    expect(d.rubric.byId.get('预算执行率')!.max.toFixed()).toBe('8');
    expect(d.problems.map((p) => p.zh)).toStrictEqual(['第 2 行“预算执行率”：名称中写作 10 分，分值列为 8 分，按分值列']);
  });

  it('one column of names holding every level: the level is ambiguous, and the 合计 does not match', () => {
    const csv = ['评价指标(分值),评分标准', '决策(20分),', '目标设定(10分),', '绩效目标合理性(5分),酌情扣分', '绩效指标明确性(5分),酌情扣分', '资金投入(10分),酌情扣分', '过程(80分),酌情扣分', '合计(100分),'].join('\n');
    const d = draft(csv);
    expect(d.problems.map((p) => p.zh)).toStrictEqual([
      '第 8 行“合计”行写明总分 100 分，草稿各指标合计 130 分',
      '第 2 行“决策”：分值 20 等于其后 3 个指标之和，层级不明（表中只有一列指标名称），可能是它们的上级',
    ]);
    // each is a TODO the lint reports
    const t = todos(d.yaml);
    expect(t).toContain('尚未处理的 TODO：“合计”行（第 8 行）写明总分 100 分，草稿各指标合计 130 分，请核对');
    expect(t).toContain('尚未处理的 TODO：分值 20 等于其后 3 个指标之和，层级不明（表中只有一列指标名称），可能是它们的上级，请核对');
  });

  it('a header that states the total (满分100分) is checked: 99 is one short, 100 is right', () => {
    const sheet = (last: string) => `绩效评价评分表（满分100分）\n一级指标,二级指标,评分标准,分值\n产出,数量,酌情扣分,50\n,质量,酌情扣分,${last}\n`;
    expect(draft(sheet('50')).problems).toStrictEqual([]);
    expect(draft(sheet('49')).problems.map((p) => p.zh)).toStrictEqual(['第 1 行表头“绩效评价评分表（满分100分）”写明总分 100 分，草稿各指标合计 99 分']);
    expect(draft(sheet('50.5')).problems).toHaveLength(1);
  });

  it('rows without a 分值 folded into the row above are a problem when no stated figure confirms them, not when one does', () => {
    const rows = '一级指标,二级指标,评分标准,分值\n效果,经济效益,酌情扣分,15\n,社会效益,,\n';
    expect(draft(rows).problems.map((p) => p.zh)).toStrictEqual(['第 2 行：经济效益、社会效益 没有各自的分值，合为一个指标，表中没有可核对的合计']);
    expect(draft(rows.replace('效果,', '效果（15分）,')).problems).toStrictEqual([]);
    expect(draft(`${rows}总分,,,15\n`).problems).toStrictEqual([]);
    expect(draft(`${rows}总分,,,30\n`).problems).toHaveLength(2);
  });

  it('a sheet with no maxima at all is refused', () => {
    const r = importSheet('评价指标,评分标准\n决策,酌情扣分\n', { file: 'x.csv' });
    expect(!r.success && r.issues.map((i) => i.code)).toStrictEqual(['sheet_invalid']);
  });
});

/** A generated sheet: an indicator tree with maxima, and how it is written out. */
interface Gen {
  depth: number;
  tree: GNode[];
}
interface GNode {
  name: string;
  max: number; // halves: the leaf maximum is max / 2
  children: GNode[];
}

const half = (n: number) => (n / 2).toString();
const sumOf = (n: GNode): number => (n.children.length ? n.children.reduce((a, c) => a + sumOf(c), 0) : n.max);

function genTree(depth: number): fc.Arbitrary<GNode[]> {
  let k = 0;
  const level = (d: number): fc.Arbitrary<GNode[]> =>
    d === depth
      ? fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }).map((ms) => ms.map((m) => ({ name: '', max: m, children: [] })))
      : fc.array(level(d + 1), { minLength: 1, maxLength: 3 }).map((cs) => cs.map((c) => ({ name: '', max: 0, children: c })));
  return level(1).map((roots) => {
    const name = (ns: GNode[]) => ns.forEach((n) => ((n.name = `指标${++k}号`), name(n.children)));
    k = 0;
    name(roots);
    const fill = (n: GNode): number => (n.children.length ? (n.max = n.children.reduce((a, c) => a + fill(c), 0)) : n.max);
    roots.forEach(fill);
    return roots;
  });
}

type Corruption = 'none' | 'dropMax' | 'wrongParent' | 'wrongTotal' | 'nameVsColumn';
interface Style {
  maxIn: 'column' | 'name';
  parentsDeclared: boolean;
  nameForm: 0 | 1 | 2;
  header: 'levels' | 'merged' | 'two-row';
  repeatParents: boolean;
  total: boolean;
  corruption: Corruption;
  victim: number;
}

const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const withMax = (name: string, max: string, form: number) => (form === 0 ? `${name}（${max}分）` : form === 1 ? `${name}(${max}分)` : `${name}\n${max}分`);

/** Render the tree as real sheets have it: one row per leaf, parents in merged (blank) cells. */
function render(g: Gen, s: Style): { csv: string; corrupted: boolean } {
  const leaves: GNode[][] = [];
  const paths = (ns: GNode[], up: GNode[]) => ns.forEach((n) => (n.children.length ? paths(n.children, [...up, n]) : leaves.push([...up, n])));
  paths(g.tree, []);
  const parents = [...new Set(leaves.flatMap((p) => p.slice(0, -1)))];
  const victimLeaf = leaves[s.victim % leaves.length]!.at(-1)!;
  const victimParent = parents.length ? parents[s.victim % parents.length] : undefined;
  let corrupted = s.corruption !== 'none';
  if (s.corruption === 'wrongParent' && !(victimParent && s.parentsDeclared)) corrupted = false;
  if (s.corruption === 'wrongTotal' && !s.total) corrupted = false;
  if (s.corruption === 'nameVsColumn' && s.maxIn !== 'column') corrupted = false;
  const corrupt = corrupted ? s.corruption : 'none';
  const levelsHead = Array.from({ length: g.depth }, (_, k) => `${'一二三'[k]}级指标`);
  const head =
    s.header === 'levels' ? [[...levelsHead, '评分标准', ...(s.maxIn === 'column' ? ['分值'] : [])]]
    : s.header === 'merged' ? [['评价指标(分值)', ...levelsHead.slice(1).map(() => ''), '评分标准', ...(s.maxIn === 'column' ? ['分值'] : [])]]
    : [['评价指标(分值)', ...levelsHead.slice(1).map(() => ''), '评分标准', ...(s.maxIn === 'column' ? ['分值'] : [])], [...levelsHead, '', ...(s.maxIn === 'column' ? [''] : [])]];
  const out = head.map((r) => r.map(quote).join(','));
  const seen = new Set<GNode>();
  for (const path of leaves) {
    const cells = path.map((n, k) => {
      if (k < path.length - 1) {
        if (seen.has(n) && !s.repeatParents) return '';
        seen.add(n);
        if (!s.parentsDeclared) return n.name;
        return withMax(n.name, half(corrupt === 'wrongParent' && n === victimParent ? n.max + 2 : n.max), s.nameForm);
      }
      if (corrupt === 'dropMax' && n === victimLeaf) return n.name;
      if (s.maxIn === 'name') return withMax(n.name, half(n.max), s.nameForm);
      return corrupt === 'nameVsColumn' && n === victimLeaf ? withMax(n.name, half(n.max + 1), s.nameForm) : n.name;
    });
    const leaf = path.at(-1)!;
    const max = s.maxIn === 'column' ? [corrupt === 'dropMax' && leaf === victimLeaf ? '' : half(leaf.max)] : [];
    out.push([...cells, '酌情扣分', ...max].map(quote).join(','));
  }
  const total = g.tree.reduce((a, r) => a + sumOf(r), 0);
  if (s.total) out.push(['合计', ...levelsHead.slice(1).map(() => ''), '', ...(s.maxIn === 'column' ? [half(corrupt === 'wrongTotal' ? total + 1 : total)] : [])].map(quote).join(',') + (s.maxIn === 'name' ? '' : ''));
  if (s.total && s.maxIn === 'name') out[out.length - 1] = [`合计（${half(corrupt === 'wrongTotal' ? total + 1 : total)}分）`, ...levelsHead.slice(1).map(() => ''), ''].join(',');
  return { csv: out.join('\n'), corrupted };
}

function expected(g: Gen): [number, string, string][] {
  const out: [number, string, string][] = [];
  const walk = (ns: GNode[], d: number) => ns.forEach((n) => (out.push([d, n.name, half(n.max)]), walk(n.children, d + 1)));
  walk(g.tree, 1);
  return out;
}

const sheets = fc.integer({ min: 1, max: 3 }).chain((depth) =>
  fc.record({
    g: genTree(depth).map((tree): Gen => ({ depth, tree })),
    s: fc.record<Style>({
      maxIn: fc.constantFrom('column', 'name'),
      parentsDeclared: fc.boolean(),
      nameForm: fc.constantFrom(0, 1, 2),
      header: fc.constantFrom('levels', 'merged', 'two-row'),
      repeatParents: fc.boolean(),
      total: fc.boolean(),
      corruption: fc.constantFrom('none', 'none', 'dropMax', 'wrongParent', 'wrongTotal', 'nameVsColumn'),
      victim: fc.nat(50),
    }),
  }),
);

describe('property: the draft reproduces the sheet’s tree, or says it may not', () => {
  it('no problem reported ⇒ the tree and maxima are the sheet’s; a sheet whose figures disagree always has a problem', () => {
    fc.assert(
      fc.property(sheets, ({ g, s }) => {
        const { csv, corrupted } = render(g, s);
        const r = importSheet(csv, { file: 'gen.csv' });
        if (!r.success) {
          // only a sheet with nothing to read may be refused: every maximum dropped
          expect(corrupted).toBe(true);
          return;
        }
        const got = tree(loadRubric(r.value.yaml));
        if (!r.value.problems.length) expect(got).toStrictEqual(expected(g));
        if (corrupted) expect(r.value.problems.length).toBeGreaterThan(0);
        // every problem is a TODO in the draft, which jixiao lint reports
        expect(todos(r.value.yaml).length).toBeGreaterThanOrEqual(r.value.problems.length);
      }),
      { numRuns: 300 },
    );
  });

  it('a sheet written consistently, with several levels and a stated total, imports exactly and with no problem', () => {
    fc.assert(
      fc.property(sheets.filter(({ g }) => g.depth > 1), ({ g, s }) => {
        const { csv } = render(g, { ...s, corruption: 'none', total: true });
        const r = importSheet(csv, { file: 'gen.csv' });
        expect(r.success && r.value.problems).toStrictEqual([]);
        expect(r.success && tree(loadRubric(r.value.yaml))).toStrictEqual(expected(g));
      }),
      { numRuns: 200 },
    );
  });
});

describe('jixiao import on the command line', () => {
  it('✔ only when the sheet’s figures confirm the tree; otherwise ⚠ and each problem on stderr', async () => {
    const { run } = await import('../../src/cli/main.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-tree-'));
    const cli = (...argv: string[]) => {
      let err = '';
      const code = run(argv, { out: () => {}, err: (s) => (err += s) });
      return { code, err };
    };
    const good = join(dir, 'good.csv');
    writeFileSync(good, '一级指标,二级指标,评分标准,分值\n产出（10分）,数量,酌情扣分,10\n合计,,,10\n');
    expect(cli('import', good, '--lang', 'zh').err).toMatch(/^✔ /);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '一级指标,二级指标,评分标准,分值\n产出（10分）,数量,酌情扣分,10\n合计,,,100\n');
    const r = cli('import', bad, '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `⚠ ${bad}: 2 个指标（1 个末级），0 个评分标准已识别为规则，4 处 TODO 待处理\n` +
        '  草稿的指标树需要核对（1 处，已在草稿中标为 TODO）：\n' +
        '  第 3 行“合计”行写明总分 100 分，草稿各指标合计 10 分\n',
    );
  });
});

describe('a row that is both a leaf and a parent', () => {
  it('预算执行 with its own 分值 5 and a 三级 row under it: the level is ambiguous, a problem', () => {
    const d = draft('一级指标,二级指标,三级指标,评分标准,分值\n过程,预算执行,,酌情扣分,5\n,,支付进度,酌情扣分,3\n');
    expect(d.problems.map((p) => p.zh)).toStrictEqual(['第 2 行“预算执行”：此行原有分值 5，但其下有下级指标，层级不明；分值改为下级合计']);
    expect(tree(d.rubric)).toStrictEqual([[1, '过程', '3'], [2, '预算执行', '3'], [3, '支付进度', '3']]);
  });
});
