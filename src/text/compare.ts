import { Decimal } from '../decimal.js';
import { ruleSchema, type Rule, type RuleInput } from '../rules/index.js';
import { parseInterval, type Interval } from '../rules/interval.js';
import { parseTarget } from '../rules/target-spec.js';
import type { ParsedStandard } from './parse.js';
import { intervalText } from './render.js';

/** A rule document (decimals as text or numbers) as a loaded rule (decimals as Decimal). */
export function toRule(input: RuleInput): Rule {
  return ruleSchema.parse(input);
}

function whenKey(when: string): string {
  const iv = parseInterval(when);
  if (!iv) return when;
  return `${iv.loInclusive ? '[' : '('}${iv.lo ? iv.lo.toFixed() : '-∞'},${iv.hi ? iv.hi.toFixed() : '+∞'}${iv.hiInclusive ? ']' : ')'}`;
}

const formulaKey = (f: string) => f.replace(/\s+/g, ' ').trim();

/**
 * A rule as plain JSON in one canonical spelling: decimals as exact decimal strings, defaults
 * left out (per 1, proportional, all_or_nothing, item ids 1, 2, …), band edges and targets in
 * one notation. Two rules score alike when their canonical forms are equal.
 */
export function canonicalRule(rule: Rule | RuleInput): unknown {
  const r = loaded(rule);
  const d = (x: Decimal) => x.toFixed();
  switch (r.kind) {
    case 'per_unit':
      return {
        kind: r.kind, value: formulaKey(r.value), standard: d(r.standard), direction: r.direction, points: d(r.points),
        ...(r.per && !r.per.eq(1) ? { per: d(r.per) } : {}),
        ...(r.mode && r.mode !== 'proportional' ? { mode: r.mode } : {}),
      };
    case 'bands':
      return {
        kind: r.kind, value: formulaKey(r.value),
        bands: r.bands.map((b) => ({ when: whenKey(b.when), score: d(b.score), ...(b.label !== undefined ? { label: b.label } : {}) })),
        ...(r.otherwise !== undefined ? { otherwise: d(r.otherwise) } : {}),
      };
    case 'count':
      return { kind: r.kind, value: formulaKey(r.value), points: d(r.points), ...(r.item !== undefined ? { item: r.item } : {}) };
    case 'cases':
      return {
        kind: r.kind,
        cases: r.cases.map((c) => ({ when: formulaKey(c.when), score: d(c.score), ...(c.label !== undefined ? { label: c.label } : {}) })),
        ...(r.otherwise ? { otherwise: { score: d(r.otherwise.score), ...(r.otherwise.label !== undefined ? { label: r.otherwise.label } : {}) } } : {}),
      };
    case 'checklist':
      return {
        kind: r.kind,
        items: r.items.map((it, i) => ({
          ...(it.id !== undefined && it.id !== String(i + 1) ? { id: it.id } : {}),
          text: it.text,
          ...(it.points !== undefined ? { points: d(it.points) } : {}),
          ...(it.share !== undefined ? { share: d(it.share) } : {}),
          ...(it.gate ? { gate: true } : {}),
        })),
        ...(r.perMissing !== undefined ? { perMissing: d(r.perMissing) } : {}),
        ...(r.scale ? { scale: r.scale.map((x) => ({ level: x.level, share: d(x.share) })) } : {}),
      };
    case 'target': {
      const spec = parseTarget(r.target);
      return {
        kind: r.kind, value: formulaKey(r.value),
        target: spec ? `${spec.op}${spec.value.toFixed()}${spec.unit}` : r.target,
        ...(r.mode && r.mode !== 'all_or_nothing' ? { mode: r.mode } : {}),
      };
    }
    case 'judgement':
      return { kind: r.kind, ...(r.step ? { step: d(r.step) } : {}), ...(r.guide !== undefined ? { guide: r.guide } : {}) };
    case 'formula':
      return { kind: r.kind, score: formulaKey(r.score), ...(r.label !== undefined ? { label: r.label } : {}) };
  }
}

/** A rule in either form: a document parses with the schema; a loaded rule (Decimals) does not need to. */
function loaded(rule: Rule | RuleInput): Rule {
  const r = ruleSchema.safeParse(rule);
  return r.success ? r.data : (rule as Rule);
}

/** True when two rules are the same rule (see {@link canonicalRule}). */
export function sameRule(a: Rule | RuleInput, b: Rule | RuleInput): boolean {
  return JSON.stringify(canonicalRule(a)) === JSON.stringify(canonicalRule(b));
}

const KIND_ZH: Record<Rule['kind'], string> = {
  per_unit: '按单位扣分（per_unit）', bands: '分档计分（bands）', count: '按例扣分（count）', cases: '条件计分（cases）',
  checklist: '逐项计分（checklist）', target: '目标值（target）', judgement: '评价人评分（judgement）', formula: '公式（formula）',
};

export interface Difference {
  zh: string;
  en: string;
}

const ivText = (when: string) => {
  const iv: Interval | undefined = parseInterval(when);
  return iv ? intervalText(iv, '') : when;
};

/**
 * What a parsed 评分标准 says differently from the encoded rule, ignoring the names of figures
 * (the parser's names are placeholders) and the wording of labels and items: the kind, the
 * full score the text names versus the indicator's max, and every figure that decides a score.
 */
export function ruleDifferences(parsed: ParsedStandard, rule: Rule, max: Decimal): Difference[] {
  const out: Difference[] = [];
  const p = toRule(parsed.rule);
  const num = (zh: string, en: string, text: Decimal, encoded: Decimal) => {
    if (!text.eq(encoded)) out.push({ zh: `${zh}：评分标准为 ${text.toFixed()}，规则为 ${encoded.toFixed()}`, en: `${en}: the text says ${text.toFixed()}, the rule ${encoded.toFixed()}` });
  };
  const optNum = (zh: string, en: string, text: Decimal | undefined, encoded: Decimal | undefined) => {
    if (text === undefined && encoded === undefined) return;
    if (text !== undefined && encoded !== undefined) return num(zh, en, text, encoded);
    out.push({ zh: `${zh}：评分标准为 ${text?.toFixed() ?? '未写'}，规则为 ${encoded?.toFixed() ?? '未设置'}`, en: `${en}: the text says ${text?.toFixed() ?? 'nothing'}, the rule ${encoded?.toFixed() ?? 'nothing'}` });
  };
  if (parsed.full !== undefined) num('满分', 'full score', new Decimal(parsed.full), max);
  if (p.kind !== rule.kind) {
    out.push({ zh: `评分标准读作${KIND_ZH[p.kind]}，规则为${KIND_ZH[rule.kind]}`, en: `the text reads as a ${p.kind} rule, the rule is ${rule.kind}` });
    return out;
  }
  switch (p.kind) {
    case 'per_unit': {
      const r = rule as Extract<Rule, { kind: 'per_unit' }>;
      if (p.direction !== r.direction)
        out.push({ zh: `评分标准为${p.direction === 'above' ? '超过' : '低于'}标准扣分，规则为${r.direction === 'above' ? '超过' : '低于'}标准扣分`, en: `the text deducts ${p.direction} the standard, the rule ${r.direction}` });
      if (!parsed.unstated?.includes('standard')) num('标准值', 'standard', p.standard, r.standard);
      num('每单位扣分', 'points per unit', p.points, r.points);
      num('单位大小', 'unit size', p.per ?? new Decimal(1), r.per ?? new Decimal(1));
      optNum('最多扣分', 'deduction cap', p.maxDeduction, r.maxDeduction);
      optNum('不得分的界限', 'no-score line', p.zeroBeyond, r.zeroBeyond);
      if (p.mode && p.mode !== (r.mode ?? 'proportional'))
        out.push({ zh: `不足一个单位的计法：评分标准为 ${p.mode}，规则为 ${r.mode ?? 'proportional'}`, en: `partial units: the text says ${p.mode}, the rule ${r.mode ?? 'proportional'}` });
      break;
    }
    case 'bands': {
      const r = rule as Extract<Rule, { kind: 'bands' }>;
      const a = p.bands.map((b) => `${ivText(b.when)} ${b.score.toFixed()}`);
      const b = r.bands.map((x) => `${ivText(x.when)} ${x.score.toFixed()}`);
      const same = p.bands.length === r.bands.length && p.bands.every((x, i) => whenKey(x.when) === whenKey(r.bands[i]!.when) && x.score.eq(r.bands[i]!.score));
      if (!same) out.push({ zh: `分档：评分标准为 ${a.join('；')}，规则为 ${b.join('；')}`, en: `bands: the text says ${a.join('; ')}, the rule ${b.join('; ')}` });
      if (p.otherwise !== undefined && !(r.otherwise !== undefined && p.otherwise.eq(r.otherwise)) && !(r.otherwise === undefined && p.otherwise.isZero() && parsed.notes.length))
        out.push({ zh: `其他情况：评分标准为 ${p.otherwise.toFixed()} 分，规则为 ${r.otherwise?.toFixed() ?? '未设置'}`, en: `otherwise: the text says ${p.otherwise.toFixed()}, the rule ${r.otherwise?.toFixed() ?? 'none'}` });
      break;
    }
    case 'count':
      num('每例扣分', 'points per occurrence', p.points, (rule as Extract<Rule, { kind: 'count' }>).points);
      optNum('最多扣分', 'deduction cap', p.maxDeduction, (rule as Extract<Rule, { kind: 'count' }>).maxDeduction);
      break;
    case 'cases': {
      const r = rule as Extract<Rule, { kind: 'cases' }>;
      const a = [...p.cases.map((c) => c.score.toFixed()), p.otherwise ? p.otherwise.score.toFixed() : '-'];
      const b = [...r.cases.map((c) => c.score.toFixed()), r.otherwise ? r.otherwise.score.toFixed() : '-'];
      if (a.join('/') !== b.join('/')) out.push({ zh: `各情形得分：评分标准为 ${a.join(' / ')}，规则为 ${b.join(' / ')}`, en: `case scores: the text says ${a.join(' / ')}, the rule ${b.join(' / ')}` });
      break;
    }
    case 'checklist': {
      const r = rule as Extract<Rule, { kind: 'checklist' }>;
      const worth = (it: { points?: Decimal; share?: Decimal }) => (it.points !== undefined ? it.points.toFixed() : it.share !== undefined ? `${it.share.toFixed()}%` : '-');
      const a = p.items.map(worth);
      const b = r.items.map(worth);
      if (a.join('/') !== b.join('/')) out.push({ zh: `检查项分值：评分标准为 ${a.join(' / ')}，规则为 ${b.join(' / ')}`, en: `item points: the text says ${a.join(' / ')}, the rule ${b.join(' / ')}` });
      break;
    }
    case 'target': {
      const r = rule as Extract<Rule, { kind: 'target' }>;
      const a = parseTarget(p.target);
      const b = parseTarget(r.target);
      if (a && b && (a.op !== b.op || !a.value.eq(b.value) || (a.unit && b.unit && a.unit !== b.unit)))
        out.push({ zh: `目标值：评分标准为 ${p.target}，规则为 ${r.target}`, en: `target: the text says ${p.target}, the rule ${r.target}` });
      if (p.mode === 'proportional' && r.mode !== 'proportional')
        out.push({ zh: '评分标准按完成比例计分，规则为达到目标才得分', en: 'the text scores by completion, the rule all or nothing' });
      break;
    }
    default:
      break;
  }
  return out;
}
