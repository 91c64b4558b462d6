/**
 * Per-unit deductions from a standard: 每低于一个百分点扣1分, with steps, caps, started or whole units and a
 * zero line, and marked parts each deducting from its own full score. Read by `readAs` in
 * ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import { clauses, formulaName, NUM, sanitiseName } from './normalise.js';
import type { RuleInput } from '../rules/index.js';
import { spanOf, unaccounted } from './account.js';
import { MARKS, type ParseOptions, type Parsed, type ParsedInput, SIGNED, UNIT_ALT, dec, maxOf, nameFor, typeOfUnit } from './read-common.js';

export const DEDUCT = new RegExp(
  `每(?<side>超过|超出|高于|增加|多于|减少|低于|下降|降低|少于|超|高|低|降|多|少)(?:标准|(?<noun>\\p{Script=Han}{2,8}?))?(?:(?<std>${NUM.slice(1, -1)})%(?=一|\\d))?(?<n>一|${NUM.slice(1, -1)})?个?(?<unit>百分点|单位|%|${UNIT_ALT})的?[，]?(?:扣(?:减|除)?|减)(?<points>${NUM.slice(1, -1)})分`,
  'u',
);
/** ≤100% · 不低于80% · 达到95% · 完成100% · 不低于总数的20%: the standard a clause names. */
const CMP_PREFIX = new RegExp(`(≤|≥|<|>|=|等于|不超过|不高于|不低于|不少于|达到|达|完成)(?:总数的|总量的)?${SIGNED}`, 'g');
/** 35岁及以下的 · 35周岁以下: who is counted, not a standard. */
const AGE = /\d+周?岁(?:及以下|以下|及以上|以上)?/g;
const CMP_SUFFIX = new RegExp(`${SIGNED}(?:%|${UNIT_ALT})?(?:（含）)?(?:及以上|以上|以下|以内)(?:（含）)?`, 'g');
/** 执行率100%的得10分: a rate and its figure, with no word between, name the standard. */
const CMP_RATE = new RegExp(`(?<=率|度)${SIGNED}%`, 'g');
/** 100%计满分，每低于5%扣2分: a figure standing alone before the full score is the standard. */
const CMP_BARE = new RegExp(`(?:^|(?<=[，；]))${SIGNED}(?:%|${UNIT_ALT})?的?(?=$|[，；])`, 'g');
/** 不低于平均值的得2分 · 不大于市级部门人员平均年龄的，得2分: the standard is another figure, named. */
const CMP_NAMED = new RegExp(`(不低于|不少于|不小于|达到|高于|不大于|不高于|不超过|低于)([^\\d%，；。（）]{2,40}?)的?[，]?(?:计|得)${NUM}分`);
const FULL = new RegExp(`(?<!扣)(?:计|得)${NUM}分`);
/** 不足一个百分点的按一个百分点计 (any started unit counts) · 不足一个百分点的不扣分 (whole units only). */
const MODE_STARTED = /不足[^，；。]*?按[^，；。]*?计/;
const MODE_WHOLE = /不足[^，；。]*?不扣分/;
/** 最多扣3分 · 扣分最多3分 · 扣分不超过3分 · 最高扣减3分. */
export const CAP = new RegExp(`(?:最多|最高)扣(?:减|除)?${NUM}分|扣分(?:最多|最高|不超过|不超出)${NUM}分`);
/** 未完成80%则不得分 · 低于80%的，不得分 · 超过130%不得分: the line past which nothing is scored. */
const ZERO_LINE = new RegExp(
  `(?<side>未完成|未达到|低于|不足|少于|高于|超过|超出)${SIGNED}(?<unit>%|${UNIT_ALT})?(?:（不含）)?的?[，]?(?:则|的)?(?:该项|本项|此项|该指标)?(?:不得分|不计分|计0分|得0分)`,
);
const STANDARD_OF = new RegExp(`以${SIGNED}(?:%|${UNIT_ALT})?为(?:标准|基准)`, 'g');

// 以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。
export function parsePerUnit(t: string, opts: ParseOptions): Parsed {
  const d = DEDUCT.exec(t);
  if (!d) return undefined;
  const g = d.groups!;
  // A no-score line (低于80%计0分) is read apart: masked, the rest reads as before.
  const zero = ZERO_LINE.exec(t);
  const cap = CAP.exec(t);
  const masked = [zero, cap].reduce((x, m) => (m ? x.slice(0, m.index) + '；'.repeat(m[0].length) + x.slice(m.index! + m[0].length) : x), t);
  const above = /超|高|增加|多/.test(g.side!);
  const standards: string[] = [];
  if (g.std) standards.push(dec(g.std));
  for (const m of t.matchAll(STANDARD_OF)) standards.push(dec(m[1]!));
  let subject: string | undefined;
  const left: string[] = [];
  for (const c of clauses(masked)) {
    const scoring = FULL.test(c) || DEDUCT.test(c);
    if (!scoring) continue;
    const before = standards.length;
    const rest = c.replace(DEDUCT, '').replace(new RegExp(FULL.source, 'g'), '').replace(AGE, '');
    for (const m of rest.matchAll(CMP_PREFIX)) {
      standards.push(dec(m[2]!));
      subject ??= rest.slice(0, m.index);
    }
    for (const m of rest.matchAll(CMP_SUFFIX)) {
      standards.push(dec(m[1]!));
      subject ??= rest.slice(0, m.index);
    }
    for (const m of rest.replace(CMP_PREFIX, '').replace(CMP_SUFFIX, '').matchAll(CMP_RATE)) {
      standards.push(dec(m[1]!));
      subject ??= rest.replace(CMP_PREFIX, '').replace(CMP_SUFFIX, '').slice(0, m.index);
    }
    for (const m of rest.replace(CMP_PREFIX, '').replace(CMP_SUFFIX, '').matchAll(CMP_BARE)) standards.push(dec(m[1]!));
    // Every figure of a scoring clause is the standard: a range (90%（含）-100%，得3分) is a band,
    // which a per-unit rule does not encode.
    const figures = rest.replace(STANDARD_OF, '').replace(CMP_PREFIX, '').replace(CMP_SUFFIX, '').replace(CMP_RATE, '').replace(CMP_BARE, '').replace(MODE_STARTED, '').replace(MODE_WHOLE, '');
    if (/\d/.test(figures)) left.push(c);
    // The deduction names its own standard (每低于90%一个百分点): a clause that names another is not part of this rule.
    else if (g.std && standards.slice(before).some((x) => x !== dec(g.std!))) left.push(c);
  }
  if (g.std) standards.splice(0, standards.length, dec(g.std));
  if (standards.some((s) => s !== standards[0])) return undefined;
  // No figure for the standard, but another figure named as it (不低于平均值的得2分；每低1%，扣0.1分):
  // the rule reads the difference of the two, against 0.
  const named = standards.length ? null : CMP_NAMED.exec(masked);
  if (named) {
    const below = /不低于|不少于|不小于|达到|高于/.test(named[1]!);
    if (below === above) return undefined;
    const x = nameFor(masked.slice(0, named.index).split(/[；。\n]/).pop(), opts);
    const y = sanitiseName(named[2]!);
    if (!y || x === y) return undefined;
    const rule: RuleInput = {
      kind: 'per_unit', value: `${formulaName(x)} - ${formulaName(y)}`, standard: '0', direction: above ? 'above' : 'below', points: dec(g.points!),
      ...(g.n && g.n !== '一' && !new Decimal(g.n).eq(1) ? { per: dec(g.n) } : {}),
      ...(cap ? { maxDeduction: dec(cap[1] ?? cap[2]!) } : {}),
    };
    const input = { ...typeOfUnit(g.unit), name: '' };
    return {
      standard: { rule, inputs: [{ ...input, name: x }, { ...input, name: y }], full: dec(named[3]!), notes: [] },
      used: [spanOf(d), spanOf(named), ...(cap ? [spanOf(cap)] : [])],
      left: zero ? [zero[0]] : [],
    };
  }
  const name = nameFor(subject, opts);
  const per = !g.n || g.n === '一' ? undefined : dec(g.n);
  const started = MODE_STARTED.exec(t);
  const whole = started ? null : MODE_WHOLE.exec(t);
  const mode = started ? 'started' : whole ? 'whole' : undefined;
  // The line must lie on the losing side: 低于 for a deduction below the standard, 高于 above it.
  if (zero && /高于|超过|超出/.test(zero.groups!.side!) !== above) return undefined;
  const rule: RuleInput = {
    kind: 'per_unit',
    value: formulaName(name),
    standard: standards[0] ?? '0',
    direction: above ? 'above' : 'below',
    points: dec(g.points!),
    ...(per && per !== '1' ? { per } : {}),
    ...(mode ? { mode } : {}),
    ...(cap ? { maxDeduction: dec(cap[1] ?? cap[2]!) } : {}),
    ...(zero ? { zeroBeyond: dec(zero[2]!) } : {}),
  };
  const full = FULL.exec(masked);
  // The deduction, the one full score, the mode phrase, a cap and a no-score line are the rule; a
  // second score is not.
  const used = [spanOf(d), ...[full, started ?? whole, cap, zero].filter((x) => x !== null).map(spanOf)];
  const unstated = standards.length ? {} : { unstated: ['standard' as const] };
  return { standard: { rule, inputs: [{ ...typeOfUnit(g.unit), name }], ...(full ? { full: dec(full[1]!) } : {}), notes: [], ...unstated }, used, left };
}

/**
 * ①…不低于20%的，得1分。每低1%，扣0.1分。②…不低于30%的，得1分。每低1%，扣0.1分。: marked parts, each a per-unit
 * deduction from its own full score, the parts' full scores making up the max. The score is their sum.
 */
export function parseParts(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  const at = [...t.matchAll(new RegExp(`[${MARKS}]`, 'gu'))].map((m) => m.index!);
  if (!max || at.length < 2 || at[0] !== 0) return undefined;
  const terms: string[] = [];
  const inputs: ParsedInput[] = [];
  let total = new Decimal(0);
  for (let k = 0; k < at.length; k++) {
    const seg = t.slice(at[k]! + 1, at[k + 1] ?? t.length);
    const part = parsePerUnit(seg, {});
    if (!part || part.left?.length || unaccounted(seg, part.used).length || part.standard.unstated) return undefined;
    const r = part.standard.rule;
    const full = part.standard.full;
    if (r.kind !== 'per_unit' || !full || r.mode || r.maxDeduction !== undefined || r.zeroBeyond !== undefined) return undefined;
    total = total.plus(full);
    // The parts are figures of their own, named after the indicator: the sentence's subjects are phrases.
    const name = sanitiseName(`${opts.name ?? '指标'}${k + 1}`);
    const gap = r.direction === 'below' ? `${r.standard} - ${formulaName(name)}` : `${formulaName(name)} - ${r.standard}`;
    terms.push(`max(0, ${full} - ${r.points} * max(0, ${gap})${r.per && !new Decimal(r.per).eq(1) ? ` / ${r.per}` : ''})`);
    inputs.push({ ...part.standard.inputs[0]!, name });
  }
  if (!total.eq(max)) return undefined;
  return { standard: { rule: { kind: 'formula', score: terms.join(' + ') }, inputs, full: max.toFixed(), notes: [] }, used: [[0, t.length]] };
}

/**
 * 超过规定5个工作日扣0.5分，10个工作日扣1分，以此类推: every full step of the figure past 0 costs the points
 * (a per-unit deduction of whole steps). The second step must be twice the first, and its points twice too.
 */
const STEPS = new RegExp(`超过(?:规定)?${NUM}(个工作日|个月|工作日|天|日|周|次|%)扣${NUM}分[，；]${NUM}\\2扣${NUM}分[，；]以此类推`);
export function parseSteps(t: string, opts: ParseOptions): Parsed {
  const m = STEPS.exec(t);
  if (!m) return undefined;
  const [, a, unit, p, b, q] = m;
  if (!new Decimal(b!).eq(new Decimal(a!).times(2)) || !new Decimal(q!).eq(new Decimal(p!).times(2))) return undefined;
  const name = nameFor(undefined, opts, unit === '%' ? '超出比例' : '超出天数');
  const rule: RuleInput = { kind: 'per_unit', value: formulaName(name), standard: '0', direction: 'above', per: dec(a!), points: dec(p!), mode: 'whole' };
  return { standard: { rule, inputs: [{ name, type: unit === '%' ? 'percent' : 'number' }], notes: [] }, used: [spanOf(m)] };
}
