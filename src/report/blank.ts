import type { Indicator, Rubric } from '../rubric/types.js';
import { figureNamesOf, renderStandard } from '../text/render.js';
import { ROWS_OPENING, renderProjectMethods, renderRowsStandard } from '../text/rows.js';
import { checkedHeadings, depthOf, metaLines, spanned, treeRows, type SheetCell, type SheetColumn, type SheetHeadings, type SheetModel, type SheetModelOptions } from './model.js';

/**
 * The blank 评分表 of a rubric, before any evaluation, as the one table model every format draws
 * (Markdown, HTML, CSV, XLSX, DOCX): the level columns, 评分标准, 分值, and empty 得分 and 扣分原因
 * columns for the evaluator to fill in; each parent a merged cell with its 分值 (`投入（15分）`); a
 * 合计 row with the rubric's max and an empty 得分; a 评价等次 row left empty; under a project form
 * (rows sections), the line of how its rows are scored (`逐行计分：…`).
 */

const LEVELS = '一二三四五六七八九';
/**
 * What a blank sheet says of a section whose indicators are the evaluation's rows (项目支出绩效自评表),
 * before the clauses of the policies it sets (`renderRowsStandard`).
 */
export const ROWS_STANDARD = ROWS_OPENING;

/** Options of a blank sheet: `headings` over the rubric's own `sheet.headings`. */
export type BlankSheetOptions = SheetModelOptions;
export type { SheetHeadings };

/** A node of the rubric tree as the table rows see it. */
interface Node {
  name: string;
  path: string;
  bonus?: true;
  penalty?: true;
  children?: Node[];
  indicator: Indicator;
}

function nodeOf(n: Indicator): Node {
  const node: Node = { name: n.name, path: n.path, indicator: n };
  if (n.role === 'bonus') node.bonus = true;
  if (n.role === 'penalty') node.penalty = true;
  if (n.children.length) node.children = n.children.map(nodeOf);
  return node;
}

/** The name in a parent's merged cell: `投入（15分）`, with 加分项/扣分项 said. */
function parentText(n: Indicator): string {
  if (n.role === 'bonus') return `${n.name}（加分项，最多${n.max.toFixed()}分）`;
  if (n.role === 'penalty') return `${n.name}（扣分项）`;
  return `${n.name}（${n.max.toFixed()}分）`;
}

/** The headings in force: the caller's, else the rubric's, else 得分 and 扣分原因. */
export function headingsOf(rubric: Rubric | undefined, opts: { headings?: SheetHeadings } = {}): { scores: string[]; reason: string } {
  const own = rubric?.document.sheet?.headings;
  const given = checkedHeadings(opts.headings);
  const scores = given?.scores ?? own?.scores;
  return { scores: scores?.length ? [...scores] : ['得分'], reason: given?.reason ?? own?.reason ?? '扣分原因' };
}

/**
 * The blank 评分表 of `rubric` as a {@link SheetModel}. A leaf without a hand-written `standard`
 * gets the sentence of its rule (`renderStandard`), which `jixiao import` reads back as that rule.
 * @example renderMarkdown(blankSheetModel(loadBundledRubric('hunan-department')))
 */
export function blankSheetModel(rubric: Rubric, opts: BlankSheetOptions = {}): SheetModel {
  const names = figureNamesOf(rubric);
  const tree = rubric.indicators.map(nodeOf);
  const levels = Math.min(Math.max(1, depthOf(tree)), LEVELS.length);
  const { scores, reason } = headingsOf(rubric, opts);
  const columns: SheetColumn[] = Array.from({ length: levels }, (_, k) => ({ title: `${LEVELS[k]}级指标`, width: k === levels - 1 ? 22 : 14 }));
  columns.push({ title: '评分标准', width: 48 }, { title: '分值', width: 7, number: true });
  for (const s of scores) columns.push({ title: s, width: 9, number: true });
  columns.push({ title: reason, width: 30 });
  const empty = (): SheetCell[] => [...scores.map((): SheetCell => ({ text: '' })), { text: '' }];
  const rows = treeRows(
    tree,
    levels,
    (n) => ({ text: parentText(n.indicator) }),
    (n) => {
      const i = n.indicator;
      const standard = i.standard ?? (i.rule ? renderStandard(i.rule, i.max, names) : i.rows ? renderRowsStandard(i.rows) : '');
      const max = i.max.toFixed();
      return [{ text: standard }, { text: i.role === 'bonus' ? `+${max}` : max, number: max }, ...empty()];
    },
  );
  const lead = columns.length - 2 - scores.length;
  const max = rubric.max.toFixed();
  rows.push({ kind: 'total', cells: [...spanned('合计', lead), { text: max, number: max }, ...empty()] });
  rows.push({ kind: 'grade', cells: [...spanned('评价等次', lead), ...spanned('', 2 + scores.length, false)] });
  // A project form says how its rows are scored, so the sheet reads back to the same methods.
  if (rubric.indicators.some((n) => n.rows)) rows.push({ kind: 'note', cells: spanned(renderProjectMethods(rubric.project), columns.length, false) });
  const r = { id: rubric.id, name: rubric.name, ...(rubric.version !== undefined ? { version: rubric.version } : {}), fingerprint: rubric.fingerprint };
  return {
    layout: 'department',
    title: rubric.name,
    rubric: r as SheetModel['rubric'],
    meta: metaLines(opts.input?.meta),
    blocks: [],
    columns,
    levels,
    rows,
    total: '',
    max,
    grade: null,
    chart: [],
    footer: `评分表：${rubric.name}${rubric.version ? `（${rubric.version}版）` : ''} · ${rubric.id} · 指纹 ${rubric.fingerprint}`,
  };
}
