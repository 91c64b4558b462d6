import type { Decimal } from '../decimal.js';
import type { Rubric } from '../rubric/types.js';
import type { ResolvedDocument } from '../rubric/resolve.js';
import type { Rule } from '../rules/index.js';
import { parseInterval, type Interval } from '../rules/interval.js';
import { parseTarget } from '../rules/target-spec.js';

/** How a figure is printed: its label and its unit (`%` for a percent). */
export interface FigureInfo {
  label: string;
  unit: string;
}

/** Looks up the figure a formula names (a bare input or metric name); undefined otherwise. */
export type FigureNames = (formula: string) => FigureInfo | undefined;

const bare = (formula: string) => formula.trim().replace(/^`([^`]*)`$/, '$1').trim();

/** Figure names from a compiled rubric. */
export function figureNamesOf(rubric: Rubric): FigureNames {
  return (formula) => {
    const name = bare(formula);
    const i = rubric.inputs.get(name);
    if (i) return { label: i.label, unit: i.unit };
    const m = rubric.metrics.get(name);
    return m ? { label: m.label, unit: m.unit } : undefined;
  };
}

/** Figure names from a rubric document (compiled or not). */
export function figureNamesOfDocument(doc: ResolvedDocument): FigureNames {
  return (formula) => {
    const name = bare(formula);
    const i = doc.inputs?.[name];
    if (i) return { label: i.label ?? name, unit: i.type === 'percent' ? '%' : (i.unit ?? '') };
    const m = doc.metrics?.[name];
    if (m === undefined) return undefined;
    if (typeof m === 'string') return { label: name, unit: '' };
    return { label: m.label ?? name, unit: m.unit === '％' ? '%' : (m.unit ?? '') };
  };
}

const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const n = (d: Decimal) => d.toFixed();
const score = (d: Decimal) => (d.isZero() ? '不得分' : `计${n(d)}分`);

/** A condition formula in sheet words: `资金结余 <= 上年结转` → `资金结余≤上年结转`. */
export function formulaText(formula: string): string {
  return formula
    .replace(/`/g, '')
    .replace(/\s*(<=|>=|!=|==|=|<|>)\s*/g, (_, op: string) => ({ '<=': '≤', '>=': '≥', '!=': '≠', '==': '=' } as Record<string, string>)[op] ?? op)
    .replace(/\s+and\s+/g, '且')
    .replace(/\s+or\s+/g, '或')
    .replace(/\s+/g, '');
}

/** A band's interval as a sheet writes it: `≥90%`, `80%（含）-90%`, `0-10%（含）`, `低于60%`, `=0%`. */
export function intervalText(iv: Interval, unit: string): string {
  const f = (d: Decimal) => `${n(d)}${unit}`;
  if (iv.lo && iv.hi) {
    if (iv.lo.eq(iv.hi)) return `=${f(iv.lo)}`;
    const lo = `${f(iv.lo)}${iv.loInclusive ? '（含）' : iv.hiInclusive ? '' : '（不含）'}`;
    return `${lo}-${f(iv.hi)}${iv.hiInclusive ? '（含）' : ''}`;
  }
  if (iv.lo) return iv.loInclusive ? `≥${f(iv.lo)}` : `大于${f(iv.lo)}`;
  if (iv.hi) return iv.hiInclusive ? `≤${f(iv.hi)}` : `低于${f(iv.hi)}`;
  return '任意值';
}

/**
 * The rule as the standard 评分标准 sentence of a sheet, in the words the sheets use, so that
 * a rubric without hand-written text still prints a proper sheet — and the sentence reads back
 * as the same rule with {@link parseStandard}.
 * @param rule a rule as loaded (decimals as Decimal)
 * @param max the indicator's 分值
 * @param names labels and units of the figures (from {@link figureNamesOf}); without it the
 *   formula text is printed and no unit is assumed
 * @example
 * renderStandard(rubric.byId.get('财政供养人员控制率')!.rule!, new Decimal(5), figureNamesOf(rubric))
 * // → '以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。'
 */
export function renderStandard(rule: Rule, max: Decimal, names: FigureNames = () => undefined): string {
  const fig = (formula: string): FigureInfo => names(formula) ?? { label: formulaText(formula), unit: '' };
  switch (rule.kind) {
    case 'per_unit': {
      const { label, unit } = fig(rule.value);
      const std = `${n(rule.standard)}${unit}`;
      const per = rule.per;
      const one = !per || per.eq(1);
      const step = unit === '%' ? `${one ? '一' : n(per!)}个百分点` : unit === '' ? `${one ? '一' : n(per!)}个单位` : `${one ? '1' : n(per!)}${unit}`;
      const above = rule.direction === 'above';
      const mode = rule.mode === 'whole' ? `（不足${step}的部分不扣分）` : rule.mode === 'started' ? `（不足${step}的按${step}计）` : '';
      const stop = rule.maxDeduction ? `最多扣${n(rule.maxDeduction)}分` : '扣完为止';
      const zero = rule.zeroBeyond !== undefined ? `；${label}${above ? '高于' : '低于'}${n(rule.zeroBeyond)}${unit}的，不得分` : '';
      return `以${std}为标准。${label}${above ? '≤' : '≥'}${std}，计${n(max)}分；每${above ? '超过' : '低于'}${step}扣${n(rule.points)}分，${stop}${mode}${zero}。`;
    }
    case 'bands': {
      const { label, unit } = fig(rule.value);
      const parts = rule.bands.map((b, i) => {
        const iv = parseInterval(b.when);
        return `${i === 0 ? label : ''}${iv ? intervalText(iv, unit) : b.when}${b.score.isZero() ? '' : '，'}${score(b.score)}`;
      });
      if (rule.otherwise !== undefined) parts.push(`其他情况${rule.otherwise.isZero() ? '' : '，'}${score(rule.otherwise)}`);
      return `${parts.join('；')}。`;
    }
    case 'count':
      // Earned per occurrence (effect: add), up to the max; else taken off, 扣完为止 or up to a cap.
      if (rule.effect === 'add') return `每出现一例${rule.item ?? ''}得${n(rule.points)}分，最多${n(max)}分。`;
      return `每出现一例${rule.item ?? ''}扣${n(rule.points)}分，${rule.maxDeduction ? `最多扣${n(rule.maxDeduction)}分` : '扣完为止'}。`;
    case 'cases': {
      const pts = (d: Decimal) => (d.isZero() ? '不得分' : `${n(d)}分`);
      const parts = rule.cases.map((c) => `${c.label ?? formulaText(c.when)}，${pts(c.score)}`);
      if (rule.otherwise) parts.push(`${rule.otherwise.label ?? '其他情况'}，${pts(rule.otherwise.score)}`);
      return `${parts.join('；')}。`;
    }
    case 'checklist': {
      const mark = (i: number) => MARKS[i] ?? `（${i + 1}）`;
      if (rule.perMissing) return `${rule.items.map((it, i) => `${mark(i)}${it.text}`).join('；')}。每少一项扣${n(rule.perMissing)}分，扣完为止。`;
      // The same share for every item, no gate: as the framework writes it, once.
      const same = rule.items[0]!.share;
      if (same !== undefined && rule.items.every((it) => it.share?.eq(same) && !it.gate) && !rule.scale)
        return `${rule.items.map((it, i) => `${mark(i)}${it.text}`).join('；')}。具备一个得分要素，得到指标分值的${n(same)}%。`;
      const worth = (it: (typeof rule.items)[number]) => (it.share !== undefined ? `得到指标分值的${n(it.share)}%` : `${n(it.points!)}分`);
      const body = rule.items.map((it, i) => `${mark(i)}${it.text}，${worth(it)}${it.gate ? '，如不具备，该指标分值为0' : ''}`).join('；');
      return `${body}${rule.scale ? `。各项按${rule.scale.map((x) => `${x.level}${n(x.share)}%`).join('、')}计分` : ''}。`;
    }
    case 'target': {
      const { label } = fig(rule.value);
      const spec = parseTarget(rule.target);
      const op = spec ? ({ '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' } as const)[spec.op] : '';
      const target = spec ? `${op}${n(spec.value)}${spec.unit}` : rule.target;
      const otherwise = rule.mode === 'proportional' ? '按完成比例计分' : '不得分';
      return `${label}${target}，达到目标计${n(max)}分，未达到${otherwise}。`;
    }
    case 'judgement': {
      // The guide is the author's own words; the levels or the step follow it, as they decide the score.
      const guide = rule.guide?.trim() ? `${rule.guide.trim().replace(/[。；，\s]+$/, '')}。` : '';
      if (rule.levels) return `${guide}${rule.levels.map((l) => (l.points.isZero() ? `${l.level}不得分` : `${l.level}${n(l.points)}分`)).join('，')}。`;
      const step = rule.step ? `，得分须为${n(rule.step)}的整数倍` : '';
      return `${guide}由评价人根据实际情况评分，满分${n(max)}分${step}，低于满分须说明扣分原因。`;
    }
    case 'formula':
      return `${rule.label ? `${rule.label}：` : ''}得分 = ${formulaText(rule.score)}，结果限定在0至${n(max)}分之间。`;
  }
}
