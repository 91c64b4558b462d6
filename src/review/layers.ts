import { parseDecimal } from '../decimal.js';
import type { IndicatorResult, ReviewLayer, ScoreResult } from '../evaluate/result.js';
import { Exact } from '../exact.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { badArgument, neverThrows } from '../issues/guard.js';
import { closest } from '../issues/hint.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';
import { isBlankReason } from '../rules/text.js';
import { asWritten, type Review } from './finding.js';

/**
 * Review layers: a self-evaluation (自评) reviewed in turn by the 主管部门, the finance bureau
 * (财政复核), experts or an agency (专家/中介), and a final review (终审), as the 一体化 system
 * records them. Each layer may change any leaf's score and must say why; a parent is the sum of its
 * leaves, so it follows; the final score is the last layer's.
 */

/** The layers, in the order the 一体化 system records them. */
export const LAYER_NAMES = ['自评', '主管部门', '财政复核', '专家/中介', '终审'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** One layer as a reviewer gives it: the leaves it scores differently, each with the reason. */
export interface LayerInput {
  name: LayerName;
  /** Who reviewed (a department, an agency). */
  by?: string;
  /** Each changed leaf, by id or path, with its new score and the reason. */
  overrides?: { indicator: string; score: string | number; reason: string }[];
  /**
   * The total the layer printed, kept beside the sum of its scores when it is not that sum (a filed
   * 自评 total of 94 over rows adding up to 93). The next layer starts from the sum.
   */
  total?: string | number;
}

export interface LayerOptions {
  /** The name of the layer the result itself is (default 自评). */
  base?: LayerName;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Put review layers on a result: each layer's overrides change leaf scores (within [0, max], on
 * the rubric's grid, with a reason), their parents and the total follow by sum, and the grade is
 * taken again on the rubric's grades. The returned result's scores are the last layer's; its
 * `layers` list every layer with its total, grade and changes, the first being the result as given.
 * A first layer named as the base (自评, by default) on a result with no layers is the base itself:
 * its changes are how it differs from the result as scored (a filed 自评 beside the rules, see
 * {@link filedLayer}), and its `total`, when given, is the total it printed.
 * A result whose total is not the sum of its parts (weighted blocks, pools, caps, 不适用 rescaled,
 * 一票否决) is refused (`layer_invalid`): a changed leaf there does not move the total by itself.
 * @example
 * const r = applyLayers(rubric, result, [{ name: '财政复核', overrides: [{ indicator: '预算执行率', score: '9.91', reason: '执行率按65.07/65.66计' }] }]);
 */
export function applyLayers(rubric: Rubric, result: ScoreResult, layers: readonly LayerInput[], opts: LayerOptions = {}): SafeResult<ScoreResult> {
  return neverThrows('applyLayers', () => apply(rubric, result, layers, opts));
}

function apply(rubric: Rubric, result: ScoreResult, layers: readonly LayerInput[], opts: LayerOptions): SafeResult<ScoreResult> {
  const notRubric = checkRubric(rubric);
  if (notRubric) return { success: false, issues: [notRubric] };
  if (!isRecord(result) || !Array.isArray(result.indicators)) return { success: false, issues: [badArgument('applyLayers', 'result', { zh: 'evaluate 的评分结果', en: 'a result returned by evaluate' }, result)] };
  if (!Array.isArray(layers)) return { success: false, issues: [badArgument('applyLayers', 'layers', { zh: '复核层级的列表', en: 'a list of review layers' }, layers)] };
  const issues: Issue[] = [];
  const base = opts.base ?? '自评';
  const bad = (i: number, layer: string, detail: string, detailEn: string, path: (string | number)[] = [i]) => issues.push(makeIssue('layer_invalid', { layer, detail, detailEn }, { path }));
  if (!LAYER_NAMES.includes(base)) bad(0, String(base), `应为${LAYER_NAMES.join('、')}之一`, `one of ${LAYER_NAMES.join(', ')}`, ['base']);
  if (result.capped || result.rescaled || result.excluded || result.vetoes.length || result.failed) {
    bad(0, base, '本结果的总分不是各项得分之和（封顶、不适用折算或一票否决），复核改分不能直接计入总分', 'the total is not the sum of its parts (a cap, 不适用 rescaled or a veto)', []);
    return { success: false, issues };
  }
  // A deep copy: the result given is not changed.
  const out = JSON.parse(JSON.stringify(result)) as ScoreResult;
  let previous = out.layers ?? [{ name: base, total: out.total, grade: out.grade, changes: [] }];
  // The first layer named as the base, on a result with no layers: the base's own scores.
  const merge = out.layers === undefined && isRecord(layers[0]) && layers[0].name === base;
  const leaves = new Map<string, { node: IndicatorResult; chain: IndicatorResult[] }>();
  const index = (ns: IndicatorResult[], chain: IndicatorResult[]) => {
    for (const n of ns) {
      if (n.children?.length) {
        index(n.children, [...chain, n]);
      } else leaves.set(n.id, { node: n, chain }), leaves.set(n.path, { node: n, chain });
    }
  };
  index(out.indicators, []);
  const names = [...new Set([...leaves.values()].map((l) => l.node.id))];
  // Sums only: a parent whose score is not its children's sum cannot take a changed leaf.
  const plain = (n: IndicatorResult) => n.weight === undefined && n.cap === undefined && n.scaledFrom === undefined && !n.bonus && !n.penalty && !n.notApplicable;
  const step = Exact.ratio(1n, 10n ** BigInt(rubric.precision));
  const added: ReviewLayer[] = [];
  // The sum of the scores: a layer that printed a total of its own leaves its sum to the next.
  const last = previous[previous.length - 1]!;
  let total = Exact.parse(last.sum ?? out.total);
  layers.forEach((layer, i) => {
    if (!isRecord(layer)) return void bad(i, String(layer), '应为 { name, by?, overrides }', 'a mapping { name, by?, overrides }');
    const name = String(layer.name);
    if (!(LAYER_NAMES as readonly unknown[]).includes(layer.name)) return void bad(i, name, `层级应为${LAYER_NAMES.join('、')}之一`, `the layer must be one of ${LAYER_NAMES.join(', ')}`, [i, 'name']);
    if (!(merge && i === 0) && (previous.some((p) => p.name === '终审') || added.some((p) => p.name === '终审'))) return void bad(i, name, '终审之后不能再有复核层级', 'nothing comes after 终审', [i, 'name']);
    let own: Exact | undefined;
    /** The total as the layer printed it, its decimals kept (41.50): a review reads them (the places it was printed to). */
    let ownText: string | undefined;
    if (layer.total !== undefined) {
      const written = typeof layer.total === 'string' ? layer.total.trim() : layer.total;
      const t = parseDecimal(written);
      if (!t.ok || Exact.fromDecimal(t.value).isNegative()) bad(i, name, `总分应为不小于 0 的数，实际为 ${String(layer.total)}`, `the total must be a number not below 0, not ${String(layer.total)}`, [i, 'total']);
      else {
        own = Exact.fromDecimal(t.value);
        ownText = typeof written === 'string' ? asWritten(written, own) : own.toPlain();
      }
    }
    const changes: ReviewLayer['changes'] = [];
    const overrides: unknown[] = Array.isArray(layer.overrides) ? layer.overrides : [];
    if (layer.overrides !== undefined && !Array.isArray(layer.overrides)) bad(i, name, 'overrides 应为列表', 'overrides must be a list', [i, 'overrides']);
    overrides.forEach((o, k) => {
      const at = (field: string) => [i, 'overrides', k, field];
      if (!isRecord(o)) return void bad(i, name, '改分应为 { indicator, score, reason }', 'an override is { indicator, score, reason }', [i, 'overrides', k]);
      const hit = typeof o.indicator === 'string' ? leaves.get(o.indicator) : undefined;
      if (!hit) return void bad(i, name, `没有末级指标“${String(o.indicator)}”${typeof o.indicator === 'string' && closest(o.indicator, names) ? `，是否应为“${closest(o.indicator, names)}”？` : ''}`, `no leaf indicator "${String(o.indicator)}"`, at('indicator'));
      const { node, chain } = hit;
      if (!chain.every(plain) || !plain(node)) return void bad(i, name, `“${node.name}”的上级按权重、上限或折算计分，改分不能直接计入`, `"${node.name}" sits under a weighted, capped or rescaled parent`, at('indicator'));
      const r = parseDecimal(typeof o.score === 'string' ? o.score.trim() : o.score);
      const max = Exact.parse(node.max);
      const score = r.ok ? Exact.fromDecimal(r.value) : undefined;
      if (!score || score.isNegative() || score.gt(max) || !score.div(step).eq(score.div(step).floor())) {
        return void bad(i, name, `“${node.name}”的得分应为 0 到 ${node.max} 之间、保留 ${rubric.precision} 位小数的数，实际为 ${String(o.score)}`, `the score of "${node.name}" must be in [0, ${node.max}] at ${rubric.precision} places, not ${String(o.score)}`, at('score'));
      }
      const from = Exact.parse(node.score);
      if (typeof o.reason !== 'string' || isBlankReason(o.reason)) {
        issues.push(makeIssue('layer_reason_required', { layer: name, indicator: node.name, from: node.score, to: score.toPlain() }, { path: at('reason') }));
        return;
      }
      if (score.eq(from)) return;
      const d = score.minus(from);
      node.score = score.toPlain();
      // The leaf's deductions are now the layer's: what it lost, and the layer's reason.
      const lost = max.minus(score);
      const own = lost.isPositive() ? [{ indicator: node.path, points: lost.toPlain(), reason: `${name}：${o.reason}` }] : [];
      const swap = (list: IndicatorResult['deductions']) => {
        const at = list.findIndex((x) => x.indicator === node.path);
        const kept = list.filter((x) => x.indicator !== node.path);
        kept.splice(at < 0 ? kept.length : at, 0, ...own);
        return kept;
      };
      node.deductions = own.slice();
      for (const p of chain) {
        p.score = Exact.parse(p.score).plus(d).toPlain();
        p.deductions = swap(p.deductions);
      }
      out.deductions = swap(out.deductions);
      total = total.plus(d);
      changes.push({ indicator: node.path, name: node.name, from: from.toPlain(), to: score.toPlain(), reason: o.reason });
    });
    const shown = own ?? total;
    const entry: ReviewLayer = { name, total: ownText ?? total.toPlain(), grade: gradeOf(rubric, shown), changes };
    if (own && !own.eq(total)) entry.sum = total.toPlain();
    if (typeof layer.by === 'string' && layer.by.trim()) entry.by = layer.by;
    if (merge && i === 0) previous = [entry];
    else added.push(entry);
  });
  if (issues.length) return { success: false, issues };
  const final = added.length ? added[added.length - 1]! : previous[previous.length - 1]!;
  out.total = final.total;
  out.grade = final.grade;
  // Every deduction list is the result's as scored; the layers say what changed and why.
  out.layers = [...previous, ...added];
  return { success: true, value: out, warnings: [] };
}

function gradeOf(rubric: Rubric, total: Exact): string | null {
  for (const g of rubric.grades) if (total.gte(Exact.fromDecimal(g.min))) return g.grade;
  return null;
}

/**
 * The 自评 layer of a filed form: each leaf scored as the form filed it, where that is not the
 * rule's (the finding as the reason), and the total the form printed. Put it first, before the
 * reviews after it: `applyLayers(rubric, r.result, [filedLayer(r), 主管部门, 财政复核])`. A leaf filed
 * above its 分值 cannot be a layer's score (`layer_invalid` names it). Throws {@link EvaluationError}
 * (`invalid_argument`) for anything that is not a review.
 * @example
 * const r = review(rubric, filed);
 * const layered = applyLayers(rubric, r.result, [filedLayer(r), { name: '财政复核', overrides: [...] }]);
 * // layered.value.layers[0]: 自评, total 94, sum 93; the last layer's total is the final score
 */
export function filedLayer(r: Review, opts: { by?: string } = {}): LayerInput {
  let made: LayerInput | undefined;
  try {
    if (isRecord(r) && Array.isArray(r.findings) && isRecord(r.filed) && isRecord(opts)) made = selfLayer(r, opts);
  } catch {
    // A getter or proxy that throws: not a review.
  }
  if (!made) throw new EvaluationError([badArgument('filedLayer', 'review', { zh: 'review 的复核结果', en: 'a review returned by review' }, r)]);
  return made;
}

function selfLayer(r: Review, opts: { by?: string }): LayerInput {
  const overrides: NonNullable<LayerInput['overrides']> = [];
  const seen = new Set<string>();
  for (const f of r.findings) {
    if (!isRecord(f)) continue;
    if ((f.class !== 'rule' && f.class !== 'level' && f.class !== 'max') || f.indicator === '总分' || f.filed === undefined || seen.has(f.indicator)) continue;
    seen.add(f.indicator);
    overrides.push({ indicator: f.indicator, score: f.filed, reason: f.message });
  }
  const layer: LayerInput = { name: '自评', overrides };
  if (r.filed.total !== undefined) layer.total = r.filed.total;
  if (typeof opts.by === 'string') layer.by = opts.by;
  return layer;
}
