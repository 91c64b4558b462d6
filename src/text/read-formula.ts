/**
 * Targets, proportional and formula scores with a ceiling: 得分=执行率×20, 按完成比例计算得分，满分为止, a difference,
 * arithmetic on named figures, and the formula sentence renderStandard writes. Read by `readAs` in
 * ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import { formulaName, NUM, sanitiseName } from './normalise.js';
import { isScoring, type Span, spanOf } from './account.js';
import type { RuleInput } from '../rules/index.js';
import { parseFormula } from '../formula/parse.js';
import { type ParseOptions, type Parsed, type ParsedStandard, SIGNED, UNIT_ALT, ceilingSpans, dec, fullScoreSpans, maxOf, nameFor, typeOfUnit } from './read-common.js';

const TARGET_UNIT = `%|${UNIT_ALT}`;

// 市长热线全年交办件办结率≥97%，达到目标计1分，未达到不得分。 (the rendered form)
export function parseTargetSentence(t: string, opts: ParseOptions): Parsed {
  const m = new RegExp(`^(.*?)(≥|≤|>|<|=)${SIGNED}(${TARGET_UNIT})?，达到目标(?:计|得)${NUM}分，未达到(不得分|按完成比例计分)。?$`).exec(t);
  if (!m) return undefined;
  const [, subject, op, v, unit, full, tail] = m;
  if (isScoring(subject!)) return undefined;
  return { standard: targetOf(subject, op!, v!, unit, opts, tail === '按完成比例计分', dec(full!)), used: [spanOf(m)] };
}

const TARGET_OPS: Record<string, string> = {
  '≥': '≥', 不低于: '≥', 不少于: '≥', 至少: '≥', 达到: '≥', 达: '≥',
  '≤': '≤', 不高于: '≤', 不超过: '≤', 不多于: '≤', 控制在: '≤',
  '>': '>', 高于: '>', 超过: '>', 多于: '>',
  '<': '<', 低于: '<', 少于: '<',
  '=': '=', 等于: '=',
};
const TARGET_PHRASE = new RegExp(
  `(${[...Object.keys(TARGET_OPS), '在'].sort((a, b) => b.length - a.length).join('|')})?${SIGNED}(${TARGET_UNIT})?(?:（含）)?(及以上|以上|以下|以内)?`,
  'g',
);

// 市长热线全年交办件办结率不低于97% · 数量控制在680份以内 · 满意率达到95%以上 · 投诉率≤5%
export function parseTargetPlain(t: string, opts: ParseOptions): Parsed {
  if (new RegExp(`(?:计|得|扣)(?:减|除)?${NUM}分|不得分`).test(t)) return undefined;
  const found: { op: string; v: string; unit?: string; index: number }[] = [];
  for (const m of t.matchAll(TARGET_PHRASE)) {
    const [, word, v, unit, side] = m;
    const op = side ? (side.endsWith('以上') ? '≥' : '≤') : word && word !== '在' ? TARGET_OPS[word] : undefined;
    if (op) found.push({ op, v: v!, ...(unit ? { unit } : {}), index: m.index });
  }
  if (found.length !== 1) return undefined;
  const f = found[0]!;
  const before = t.slice(0, f.index).split(/[；。\n，]/).pop();
  // A target names no score: any scoring clause (得分=20分*执行率) means this is not a plain target.
  return { standard: targetOf(before, f.op, f.v, f.unit, opts, false), used: [] };
}

function targetOf(subject: string | undefined, op: string, v: string, unit: string | undefined, opts: ParseOptions, proportional: boolean, full?: string): ParsedStandard {
  const name = nameFor(subject, opts);
  const u = unit === '个百分点' || unit === '百分点' ? '%' : (unit ?? '');
  const rule: RuleInput = { kind: 'target', value: formulaName(name), target: `${op}${dec(v)}${u}`, ...(proportional ? { mode: 'proportional' } : {}) };
  return { rule, inputs: [{ ...typeOfUnit(u || undefined), name }], ...(full ? { full } : {}), notes: [] };
}

/**
 * 得分值=年度建设任务完成率×20 · 得分=执行率×该指标分值，最高不超过分值 · 按完成比例计算得分，满分为止 ·
 * 根据实际到位资金占计划的比重计算得分（3分）: the score is the max times a rate (in percent).
 */
export function parseProportional(t: string, opts: ParseOptions): Parsed {
  return parseDefinedRate(t, opts) ?? parseProportionalOf(t, opts);
}

/**
 * 预算执行率=全年执行数/全年预算数，得分=执行率×10分，最高10分 (the national 项目支出绩效自评表): a rate
 * defined as a quotient of two figures, then scored in proportion. The rate is a metric, in
 * percent, of the two figures; the score names it by its full name or by its end (执行率).
 */
const DEFINITION = /^([^，；。=＝\n]+?)[=＝]([^，；。=＝\n÷/×*]+?)[÷/]([^，；。=＝\n÷/×*]+?)(?:[×*]100%)?[，；。]/u;
function parseDefinedRate(t: string, opts: ParseOptions): Parsed {
  const d = DEFINITION.exec(t);
  if (!d) return undefined;
  const [rate, top, bottom] = [d[1]!, d[2]!, d[3]!].map((x) => sanitiseName(x.trim()));
  if (!rate || !top || !bottom || rate !== d[1]!.trim() || top !== d[2]!.trim() || bottom !== d[3]!.trim()) return undefined;
  if (!/率|比例|比重/.test(rate) || top === bottom || [top, bottom].some((x) => /率|比例|比重|分/.test(x!) || isScoring(x!))) return undefined;
  const rest = t.slice(d[0].length);
  const read = parseProportionalOf(rest, { ...opts, name: rate });
  if (!read || read.standard.rule.kind !== 'formula' || read.standard.inputs.length !== 1) return undefined;
  const named = read.standard.inputs[0]!.name;
  // The score names the defined rate, in full or by its end: 执行率 of 预算执行率.
  if (named !== rate && !(named.length >= 2 && rate.endsWith(named))) return undefined;
  const max = maxOf(opts)!;
  const rule: RuleInput = { kind: 'formula', score: `${max.toFixed()} * ${formulaName(rate)} / 100`, label: `${rate}×${max.toFixed()}分，最高${max.toFixed()}分` };
  const shift = d[0].length;
  return {
    standard: {
      rule,
      inputs: [{ name: top, type: 'number' }, { name: bottom, type: 'number' }],
      metrics: [{ name: rate, formula: `${formulaName(top)} / ${formulaName(bottom)} * 100`, unit: '%' }],
      full: max.toFixed(),
      notes: [],
    },
    used: [[0, shift], ...read.used.map(([a, b]) => [a + shift, b + shift] as Span)],
  };
}

function parseProportionalOf(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const times = `[×*](?:(\\d+(?:\\.\\d+)?)分?|(?:该项?|本项?)?指标分值|分值|满分)`;
  const product = new RegExp(`(?:^|[；。\\n])((?:评价指标)?得分值?(?:=|等于))?([^；。\\n=×*（）]+?)(（超过100%(?:的)?(?:以|按)100%计(?:算)?）)?${times}`).exec(t);
  // 得分=20分*执行率: the max first, the figure after.
  const reversed = product ? null : new RegExp(`(?:^|[；。\\n])(?:评价指标)?得分值?(?:=|等于)(\\d+(?:\\.\\d+)?)分?[×*]([^；。，\\n=×*（）]+?)(?=$|[；。，\\n（])`).exec(t);
  const ratio = product || reversed ? null : /(?:^|[；。\n])(?:按|根据)([^；。\n]*?)(?:比例|比重)计(?:算)?(?:得)?分/.exec(t);
  const hit = product ?? reversed ?? ratio;
  if (!hit) return undefined;
  let name: string;
  if (product) {
    if (product[4] !== undefined && !max.eq(product[4])) return undefined;
    if (!product[1] && product[4] !== undefined) return undefined; // 执行率×20 with no 得分= is no statement of the score
    const raw = product[2]!.replace(/^[，]/, '');
    if (/[\d+\-/]/.test(raw) || isScoring(raw)) return undefined;
    name = sanitiseName(raw);
    if (!name) return undefined;
  } else if (reversed) {
    if (!max.eq(reversed[1]!)) return undefined;
    const raw = reversed[2]!;
    if (/[\d+\-/]/.test(raw) || isScoring(raw)) return undefined;
    name = sanitiseName(raw);
    if (!name) return undefined;
  } else {
    // 按完成比例 names no figure: the indicator's own rate.
    name = nameFor(undefined, opts, '完成率');
  }
  const start = hit.index + (hit[0].match(/^[；。\n]/) ? 1 : 0);
  const used: Span[] = [[start, hit.index + hit[0].length], ...ceilingSpans(t, max), ...fullScoreSpans(t, max)];
  const brackets = [...t.matchAll(new RegExp(`（${NUM}分）`, 'g'))];
  for (const b of brackets) {
    if (!max.eq(b[1]!)) return undefined;
    used.push(spanOf(b));
  }
  const rule: RuleInput = { kind: 'formula', score: `${max.toFixed()} * ${formulaName(name)} / 100`, label: `${name}×${max.toFixed()}分，最高${max.toFixed()}分` };
  return { standard: { rule, inputs: [{ name, type: 'percent' }], full: max.toFixed(), notes: [] }, used };
}

/**
 * 实际完成情况与计划每相差3%，扣1分，扣完为止: off the plan either way (the figure in percent of the plan, the
 * plan 100%), the points per step taken in proportion.
 */
export function parseDifference(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const m = new RegExp(`(?:^|[，；。\n])[^，；。\n]*?(?:与|和)(?:计划|目标|预期)(?:数|值|目标)?(?:之间)?每相差${NUM}(%|个百分点)[，]?扣${NUM}分`).exec(t);
  if (!m) return undefined;
  const name = nameFor(undefined, opts, '完成率');
  const per = new Decimal(m[1]!);
  if (per.lte(0)) return undefined;
  const gap = `abs(${formulaName(name)} - 100)`;
  const score = `max(0, ${max.toFixed()} - ${dec(m[3]!)} * ${gap}${per.eq(1) ? '' : ` / ${per.toFixed()}`})`;
  const start = m.index + (m[0].match(/^[，；。\n]/) ? 1 : 0);
  return {
    standard: { rule: { kind: 'formula', score, label: `与计划每相差${per.toFixed()}%扣${dec(m[3]!)}分` }, inputs: [{ name, type: 'percent' }], full: max.toFixed(), notes: [] },
    used: [[start, m.index + m[0].length], ...fullScoreSpans(t, max)],
  };
}

/**
 * (预算资金总来源-调整取消资金)÷预算资金总来源*指标分值 · 得分=已完成项目数/计划项目数×10: a sum of amounts,
 * divided and multiplied out, times the max. The names are the sheet's figures; a rate (…率, …比例) is
 * not read, as whether it is a percent or a fraction is not said.
 */
export function parseArithmetic(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const m = /^(?:(?:该项?|本项?)?(?:评价)?(?:指标)?得分值?(?:=|等于))?([^；。，\n=]+?)[×*](?:(?:该项?|本项?)?指标分值|分值|满分|(\d+(?:\.\d+)?)分?)[；。]?$/u.exec(t);
  if (!m || (m[2] !== undefined && !max.eq(m[2]))) return undefined;
  const tokens = m[1]!.match(/[\p{Script=Han}A-Za-z“”"]+|\d+(?:\.\d+)?|[-+×*÷/（）]/gu);
  if (!tokens || tokens.join('') !== m[1]) return undefined;
  const names: string[] = [];
  let ops = 0;
  const out: string[] = [];
  for (const tok of tokens) {
    if (/^[-+×*÷/]$/.test(tok)) {
      ops++;
      out.push(tok === '×' ? '*' : tok === '÷' ? '/' : tok);
    } else if (tok === '（' || tok === '）') out.push(tok === '（' ? '(' : ')');
    else if (/^\d/.test(tok)) out.push(tok);
    else {
      const name = sanitiseName(tok);
      if (!name || name !== tok || /率|比例|比重|分/.test(name)) return undefined;
      if (!names.includes(name)) names.push(name);
      out.push(formulaName(name));
    }
  }
  // A division of figures at least: a lone name times the max is a proportional score, read elsewhere.
  if (!names.length || !tokens.some((x) => x === '÷' || x === '/')) return undefined;
  const score = `${max.toFixed()} * (${out.join(' ')})`;
  try {
    parseFormula(score);
  } catch {
    return undefined;
  }
  return {
    standard: { rule: { kind: 'formula', score, label: `${m[1]}×${max.toFixed()}分` }, inputs: names.map((name) => ({ name, type: 'number' as const })), full: max.toFixed(), notes: [] },
    used: [[0, t.length]],
  };
}

/**
 * The sentence renderStandard writes for a formula: 按公式计分：得分 = 5-max(0,率-100)*0.5，结果限定在0至5分之间. The
 * formula is read by the formula language's own parser (never run as code): what it does not parse is not read.
 */
const FORMULA_SENTENCE = new RegExp(`^(?:([^：]+?)：)?得分=(.+?)，结果限定在0至${NUM}分之间。?$`);
export function parseFormulaSentence(t: string, opts: ParseOptions): Parsed {
  const m = FORMULA_SENTENCE.exec(t);
  if (!m) return undefined;
  const max = maxOf(opts);
  if (max && !max.eq(m[3]!)) return undefined;
  const score = m[2]!
    .replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/≠/g, '!=')
    .replace(/且/g, ' and ').replace(/或/g, ' or ')
    .replace(/，/g, ', ').replace(/（/g, '(').replace(/）/g, ')');
  try {
    parseFormula(score);
  } catch {
    return undefined;
  }
  const label = m[1]?.trim();
  return { standard: { rule: { kind: 'formula', score, ...(label ? { label } : {}) }, inputs: [], full: dec(m[3]!), notes: [] }, used: [[0, t.length]] };
}

/**
 * 保持基层人员编制稳定的，得1.5分；…每增加1名人员编制的，加0.05分，加分不超过0.5分；…每减少1名人员编制的，扣0.1分，扣分不超过2分:
 * a base score for no change, points added per unit of increase up to a cap, and points taken per
 * unit of decrease up to a cap. The figure is the change (增加 positive); the base and the bonus cap
 * make up the max at most. Three sentences exactly, each one of these three.
 */
const BASE = new RegExp(`^[^；。]*?(?:保持|维持)[^；。]*?的，?(?:得|计)${NUM}分$`);
const STEP = (verb: string, sign: string, capWord: string) =>
  new RegExp(`^(?:[^；。]*?，)?[^；。，]*?每${verb}(?:一|1)(名|个|人|项|次)([^；。，]{1,12}?)的?，${sign}${NUM}分，${capWord}(?:不超过|最多|最高)${NUM}分$`);
const UP = STEP('(?:增加|增长|多)', '加', '加分');
const DOWN = STEP('(?:减少|下降|少)', '扣', '扣分');
export function parseBaseAndSteps(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const parts = t.replace(/^[。；\s]+|[。；\s]+$/gu, '').split('；');
  if (parts.length !== 3) return undefined;
  const base = BASE.exec(parts[0]!);
  const up = UP.exec(parts[1]!);
  const down = DOWN.exec(parts[2]!);
  // The same unit and the same thing counted in both directions.
  if (!base || !up || !down || up[1] !== down[1] || up[2] !== down[2]) return undefined;
  const [b, a, c, d, e] = [base[1]!, up[3]!, up[4]!, down[3]!, down[4]!].map((x) => new Decimal(x));
  if (b!.gt(max) || b!.plus(c!).gt(max) || [a, c, d, e].some((x) => x!.isZero())) return undefined;
  const name = sanitiseName(`${up[2]}增减数`) || nameFor(undefined, opts, '增减数');
  const x = formulaName(name);
  const score = `if(${x} >= 0, ${b!.toFixed()} + min(${c!.toFixed()}, ${a!.toFixed()} * ${x}), ${b!.toFixed()} - min(${e!.toFixed()}, ${d!.toFixed()} * (0 - ${x})))`;
  parseFormula(score);
  return {
    standard: { rule: { kind: 'formula', score, label: `保持不变得${b!.toFixed()}分，每增加1${up[1]}加${a!.toFixed()}分（至多${c!.toFixed()}分），每减少1${up[1]}扣${d!.toFixed()}分（至多${e!.toFixed()}分）` }, inputs: [{ name, type: 'number', unit: up[1]! }], notes: [`${name}：比上年的增减（增加为正）`] },
    used: [[0, t.length]],
  };
}
