import { Decimal } from '../decimal.js';
import type { RuleInput } from '../rules/index.js';
import { isScoring, spanOf, unaccounted, type Span } from './account.js';
import { clauses, clauseSpans, COUNT_UNITS, formulaName, normalise, NUM, sanitiseName, UNITS } from './normalise.js';
import { parseFormula } from '../formula/parse.js';

/** A figure a parsed rule reads: its (placeholder) name and what the text says about it. */
export interface ParsedInput {
  name: string;
  type: 'number' | 'percent' | 'count';
  unit?: string;
}

/** A 评分标准 sentence read as a rule. */
export interface ParsedStandard {
  /** A valid `rule:` document (decimals as exact decimal strings). */
  rule: RuleInput;
  /** The figures the rule reads. Their names come from the text or the indicator's name. */
  inputs: ParsedInput[];
  /** The full score the text names (“计5分”, “得3分”), when it names one. */
  full?: string;
  /** What a person should check (placeholder names, assumptions). */
  notes: string[];
  /** 没有楼堂馆所项目的部门按满分计算: the text says an indicator that does not apply scores its max. */
  notApplicable?: 'full';
  /**
   * Figures of the rule the text does not state (`每减少1个百分点扣1分` names no standard): the
   * rule holds a placeholder there. Only {@link readStandard} returns such a reading.
   */
  unstated?: 'standard'[];
}

export interface ParseOptions {
  /** The indicator's name: the figure's name when the sentence does not name it. */
  name?: string;
  /**
   * The indicator's 分值. With it, a phrase that names the max (得满分, 扣完20分为止 on a 20-point
   * indicator, 最多10分 on a 10-point one) is read as what it is; without it such a phrase is not read.
   */
  max?: string | number;
}

/** A reading of the sentence and the parts of its text the rule accounts for. */
type Parsed = { standard: ParsedStandard; used: Span[]; left?: string[] } | undefined;

/** Longest 评分标准 the parser reads. */
export const MAX_STANDARD_LENGTH = 2000;

const dec = (s: string) => new Decimal(s).toFixed();

/** The indicator's 分值, when the caller gave one that is a number. */
function maxOf(opts: ParseOptions): Decimal | undefined {
  if (opts.max === undefined) return undefined;
  try {
    const d = new Decimal(opts.max);
    return d.isFinite() && d.gt(0) ? d : undefined;
  } catch {
    return undefined;
  }
}
const UNIT_ALT = UNITS.join('|');
const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const SIGNED = String.raw`(-?\d+(?:\.\d+)?)`;

/** The figure's name: the sentence's subject if it has one, else the indicator's name. */
function nameFor(subject: string | undefined, opts: ParseOptions, fallback = '数值'): string {
  const plain = (subject ?? '').replace(/（[^（）]*）/g, '');
  const last = (plain.split(/[，（、：]/).pop() ?? '').replace(/^\d+年度?/, '');
  return sanitiseName(last) || sanitiseName(opts.name ?? '') || fallback;
}

function typeOfUnit(unit: string | undefined): ParsedInput {
  if (!unit || unit === '单位') return { name: '', type: 'number' };
  if (unit === '%' || unit.endsWith('百分点')) return { name: '', type: 'percent' };
  if (COUNT_UNITS.has(unit)) return { name: '', type: 'count', unit };
  return { name: '', type: 'number', unit };
}

/** 每少一项扣1分 · 每缺一项扣0.5分 · 缺少一项扣1分. */
const PER_MISSING = new RegExp(`(?:每少|每缺少?|缺少?|每缺失)一(?:项|个)(?:要素)?(?:的)?[，]?扣(?:减|除)?${NUM}分`);
/** 具备一个得分要素，得到指标分值的20% · 每符合一项得指标分值的25%. */
const SHARE_EACH = new RegExp(`(?:具备|符合|满足|达到)?(?:每)?(?:一个|一项|每项|每个)(?:得分)?(?:要素|条件|要点)?(?:的)?[，]?得(?:到)?(?:该|本)?指标分值的${NUM}%`);

// ①…；②…；③…。每少一项扣1分，扣完为止 · ①…②…，具备一个得分要素，得到指标分值的20%
function parseChecklistEach(t: string, at: number[]): Parsed {
  const per = PER_MISSING.exec(t);
  const share = per ? null : SHARE_EACH.exec(t);
  const rule = per ?? share;
  if (!rule) return undefined;
  // The items are the marked segments; the clause may stand before the first or after the last.
  const masked = t.slice(0, rule.index) + '；'.repeat(rule[0].length) + t.slice(rule.index! + rule[0].length);
  const items: { text: string; share?: string }[] = [];
  for (let k = 0; k < at.length; k++) {
    const seg = masked.slice(at[k]! + 1, at[k + 1] ?? masked.length).split(/[；。\n]/)[0]!.replace(/[，：、]+$/, '').trim();
    if (!seg || isScoring(seg)) return undefined;
    items.push(share ? { text: seg, share: dec(share[1]!) } : { text: seg });
  }
  const r: RuleInput = per ? { kind: 'checklist', perMissing: dec(per[1]!), items } : { kind: 'checklist', items };
  return { standard: { rule: r, inputs: [], notes: [] }, used: [spanOf(rule)] };
}

// ①…，1分；②…，0.5分
/** 各项按优100%、良80%、中60%、差0%计分: each item rated, worth that share of its points. */
const SCALE = new RegExp(`各项按((?:[^、，；。\\d%]+${NUM}%、)+[^、，；。\\d%]+${NUM}%)计分`);

function parseChecklist(text: string): Parsed {
  if (text.includes('具备要素')) return parseChecklistElements(text);
  const scale = SCALE.exec(text);
  // The scale is read apart; the items are the text without it.
  const t = scale ? text.slice(0, scale.index) + '；'.repeat(scale[0].length) + text.slice(scale.index + scale[0].length) : text;
  const at = [...t.matchAll(new RegExp(`[${MARKS}]`, 'gu'))].map((m) => m.index!);
  if (!at.length) return undefined;
  if (scale) {
    const read = parseChecklistItems(t, at);
    if (!read || read.standard.rule.kind !== 'checklist' || read.standard.rule.items.some((it) => it.points === undefined)) return undefined;
    const levels = scale[1]!.split('、').map((x) => new RegExp(`^(.+?)${NUM}%$`).exec(x)!);
    const rule: RuleInput = { ...read.standard.rule, scale: levels.map((l) => ({ level: l[1]!, share: dec(l[2]!) })) };
    return { standard: { ...read.standard, rule }, used: [...read.used, spanOf(scale)] };
  }
  if (PER_MISSING.test(t) || SHARE_EACH.test(t)) return parseChecklistEach(t, at);
  return parseChecklistItems(t, at);
}

// ①…，1分；②…，0.5分 · ①…，得到指标分值的40%，如不具备，该指标分值为0
function parseChecklistItems(t: string, at: number[]): Parsed {
  const items: { text: string; points?: string; share?: string; gate?: boolean }[] = [];
  const used: Span[] = [];
  for (let k = 0; k < at.length; k++) {
    const start = at[k]! + 1;
    const seg = t.slice(start, at[k + 1] ?? t.length).replace(/[；。\n，]+$/, '');
    // …，1分 · …（得1分） · …，得到指标分值的40%，如不具备，该指标分值为0
    const m = new RegExp(`^([\\s\\S]*?)[，：]?(?:（(?:计|得)?${NUM}分）|(?:计|得)?${NUM}分|得(?:到)?(?:该|本)?指标分值的${NUM}%(，如不具备，?(?:该|本)?指标(?:分值为0|不得分))?)$`).exec(seg);
    if (!m) return undefined;
    const text = m[1]!.replace(/\n/g, '').replace(/[，；。]+$/, '');
    const points = m[2] ?? m[3];
    const share = m[4];
    if (!text || new Decimal(points ?? share!).isZero()) return undefined;
    items.push(points !== undefined ? { text, points: dec(points) } : { text, share: dec(share!), ...(m[5] ? { gate: true } : {}) });
    // The points are the rule's; the item's text stays in view (it must not score anything itself).
    used.push([start + m[1]!.length, start + seg.length]);
  }
  return { standard: { rule: { kind: 'checklist', items }, inputs: [], notes: [] }, used };
}

/** Measure words of a count: 每发现一人次 · 每查出一项 · 每少1户次 · 每滞后一年. */
const COUNT_WORD = '人次|户次|个|例|项|次|处|起|条|件|人|户|篇|份|家|名|年|笔|批|所';
/** What happens once per occurrence, when it is said: 出现 · 发现 · 查出 · 少 · 缺 · 迟报 · 滞后. */
const COUNT_VERB = '出现|发现|存在|有|查出|查处|发生|少|缺少|缺失|缺|迟报|漏报|瞒报|滞后';
/** 每出现一例…扣1分 · 每发现1次…扣0.5分 · 每一项扣1分 · 每少一处信息少得1分: points off per occurrence. */
const COUNT_DEDUCT = new RegExp(
  `(以上情况|以上各项|上述情况)?(?:每(?:${COUNT_VERB})?(?:一|1)|(?<=^|[，；。\n])(?:${COUNT_VERB})(?:一|1)|每(?=[个项次处]))(${COUNT_WORD})(?!百分点|单位|%)((?:(?!扣|减|少得)[^，；。\n])*?)[，]?(?:扣(?:减|除)?|减|少得)${NUM}分`,
);
/** 每开工一个项目1分 · 每获得一项加0.5分: points earned per occurrence. */
const COUNT_ADD = new RegExp(`每(\\p{Script=Han}{1,4}?)(?:一|1)(${COUNT_WORD})(?!百分点|单位|%)((?:(?!扣|减|少得|\\d)[^，；。\n])*?)[，]?(?:得|加|计)?${NUM}分`, 'u');
/** 发现有两次及以上的，此项不得分 · 出现3例及以上的不得分: the count from which nothing is scored (及以上: that count included). */
const ZERO_COUNT = new RegExp(`(?:发现|出现|查出)?有?([两二三四五六七八九]|\\d+)(?:${COUNT_WORD})(?:及|或)以上的?[，]?(?:则)?(?:此项|该项|本项|该指标)?(?:不得分|得0分|计0分)`);
/** 村庄有露天焚烧垃圾、秸秆、落叶现象，此项不得分 · 发生安全事故的，该项不得分: a thing whose presence scores nothing. */
const VETO = /(?<=^|[，；。\n])([^，；。\n]*?)(有|存在|发生|出现)([^，；。\n]+?(?:现象|情况|事故|问题|行为))的?[，]?(?:则)?(?:此项|该项|本项|该指标)(?:不得分|得0分|计0分)/;
const CN_DIGIT: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 最多10分 · 最多加10分 · 加分不超过10分 · 最高10分: the most a count earns. */
const ADD_CAP = new RegExp(`(?:最多|最高)(?:加|得|计)?${NUM}分|加分(?:最多|最高|不超过)${NUM}分`);

/** Every 计N分 / 得N分 of the text that names the indicator's max: the full score, said. */
function fullScoreSpans(t: string, max: Decimal | undefined): Span[] {
  if (!max) return [];
  return [...t.matchAll(new RegExp(`(?<!扣)(?:计|得)${NUM}分|（${NUM}分）`, 'g'))].filter((m) => max.eq(m[1] ?? m[2]!)).map(spanOf);
}

/** 未发生突发公共卫生事件的不扣分 · 辖区未创建的不扣分: nothing happened, nothing is lost (the count is 0). */
const NOTHING_LOST = /[^，；。\n]*(?:未|没有|无)[^，；。\n]*的不扣分/g;
/**
 * 每迟报一次扣0.5分 · 漏报一次扣1分 · 每缺一个行业扣1分 · 未及时维护实名制系统的，每例扣0.1分: one of several priced
 * occurrences, each named by what happens (a failure, 未…的, names its kind; 情节严重的每例 does not).
 */
const EACH = new RegExp(
  `(?:每(${COUNT_VERB})(?:一|1)|(?<![\\p{Script=Han}])(${COUNT_VERB})(?:一|1)|(?<=[，；。\\n])(${COUNT_VERB})(?:一|1))(${COUNT_WORD})(?!百分点|单位|%)((?:(?!扣|减|少得)[^，；。\\n])*?)[，]?(?:扣(?:减|除)?|减|少得)${NUM}分`,
  'gu',
);

// 每迟报一次扣0.5分，漏报一次扣1分；扣完为止 · 宣传培训每少一次扣0.5分，每缺一个行业扣1分: several counts, one score.
const EACH_FAILURE = new RegExp(`(?<=^|[，；。\\n])((?:未|无|没有)[^，；。\\n]*?)的，?每(${COUNT_WORD})()扣${NUM}分`, 'g');
function parseCounts(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  const failures = [...t.matchAll(EACH_FAILURE)].map((m) => Object.assign([m[0], undefined, m[1], undefined, m[2], m[3], m[4]], { index: m.index }) as unknown as RegExpMatchArray);
  const each = [...t.matchAll(EACH), ...failures].sort((a, b) => a.index! - b.index!);
  if (each.length < 2 || !max) return undefined;
  const names: string[] = [];
  const terms: string[] = [];
  for (const m of each) {
    const verb = m[1] ?? m[2] ?? m[3]!;
    let name = sanitiseName(`${verb}${m[5]!.replace(/的$/, '')}${m[4]}数`);
    for (let k = 2; names.includes(name); k++) name = `${name}${k}`;
    names.push(name);
    terms.push(`${dec(m[6]!)} * ${formulaName(name)}`);
  }
  const used: Span[] = [...each.map(spanOf), ...fullScoreSpans(t, max), ...[...t.matchAll(NOTHING_LOST)].map(spanOf)];
  const rule: RuleInput = { kind: 'formula', score: `${max.toFixed()} - ${terms.join(' - ')}` };
  return { standard: { rule, inputs: names.map((name) => ({ name, type: 'count' })), full: max.toFixed(), notes: [] }, used };
}

/**
 * 无明显标识，或未公示服务项目的，扣0.5分，未公示制度的，每一项扣0.1分: one-off deductions for a lack (once,
 * whatever its extent) beside deductions per item, all taken off the max. Every piece must be one of
 * the two, each lack a condition with no figure in it (a threshold is another rule), or nothing is read.
 */
const PIECE = new RegExp(`[^；。\\n]*?扣${NUM}分`, 'g');
const PER_ITEM = new RegExp(`^(?:([^；。\\n]+?)的?，)?每(?:(${COUNT_VERB})?(?:一|1))?(${COUNT_WORD})(?!百分点|单位|%)[，]?扣${NUM}分$`);
const LACK = new RegExp(`^([^；。\\n]*?(?:未|无|没有|不)[^；。\\n]*?)的?，?扣${NUM}分$`);
function parseLacksAndCounts(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const names: string[] = [];
  const inputs: ParsedInput[] = [];
  const terms: string[] = [];
  const labels: string[] = [];
  const used: Span[] = [];
  let lacks = 0;
  let counts = 0;
  const named = (raw: string) => {
    let name = sanitiseName(raw);
    for (let k = 2; names.includes(name); k++) name = `${sanitiseName(raw)}${k}`;
    names.push(name);
    return name;
  };
  let end = 0;
  for (const m of t.matchAll(PIECE)) {
    const lead = /^[，；。\n]*/.exec(m[0])![0].length;
    const piece = m[0].slice(lead);
    end = m.index + m[0].length;
    const each = PER_ITEM.exec(piece);
    if (each) {
      const [, cond, verb, word, points] = each;
      if (cond && (isScoring(cond) || /\d|每|根据/.test(cond))) return undefined;
      if (!cond && !verb) return undefined;
      const name = named(`${cond ?? verb}${word}数`);
      inputs.push({ name, type: 'count', unit: word === '个' ? '个' : '例' });
      terms.push(`${dec(points!)} * ${formulaName(name)}`);
      labels.push(`${cond ?? verb}的每${word}扣${dec(points!)}分`);
      counts++;
    } else {
      const lack = LACK.exec(piece);
      if (!lack) return undefined;
      const [, cond, points] = lack;
      // 不足/不超过/不低于 compare a figure; a lack names no figure.
      if (isScoring(cond!) || /\d|每|根据|不足|不超|不低|不高|不少|不大|不小|以上|以下|超过|低于|高于/.test(cond!)) return undefined;
      const name = named(`${cond}情况数`);
      inputs.push({ name, type: 'count', unit: '例' });
      terms.push(`if(${formulaName(name)} > 0, ${dec(points!)}, 0)`);
      labels.push(`${cond!.replace(/[，]/g, '')}的扣${dec(points!)}分`);
      lacks++;
    }
    used.push([m.index + lead, end]);
  }
  if (!lacks || !counts) return undefined;
  used.push(...fullScoreSpans(t, max));
  return {
    standard: {
      rule: { kind: 'formula', score: `max(0, ${max.toFixed()} - ${terms.join(' - ')})`, label: labels.join('；') },
      inputs,
      full: max.toFixed(),
      notes: ['一次性扣分的情况数填 0（没有）或 1 及以上（有）。'],
    },
    used,
  };
}

/**
 * ①项目有绩效目标；②…；③…；④…。具备要素①，得到指标分值的40%；如不具备，该指标分值为0。具备要素②③④，分别得到指标
 * 分值的20%: the marked items, and then what each group of them is worth.
 */
const ELEMENTS = new RegExp(`具备要素([${MARKS}]+)，?(?:分别)?得到(?:该|本)?指标分值的${NUM}%(；?如不具备，?(?:该|本)?指标(?:分值为0|不得分))?`, 'gu');
function parseChecklistElements(t: string): Parsed {
  const groups = [...t.matchAll(ELEMENTS)];
  if (!groups.length) return undefined;
  const first = groups[0]!.index;
  const at = [...t.slice(0, first).matchAll(new RegExp(`[${MARKS}]`, 'gu'))].map((m) => m.index);
  if (at.length < 2) return undefined;
  const items: { text: string; share?: string; gate?: boolean }[] = [];
  for (let k = 0; k < at.length; k++) {
    const seg = t.slice(at[k]! + 1, at[k + 1] ?? first).replace(/[；。，\n]+$/, '').trim();
    if (!seg || isScoring(seg) || seg[0] !== undefined && MARKS.indexOf(t[at[k]!]!) !== k) return undefined;
    items.push({ text: seg });
  }
  for (const g of groups) {
    for (const mark of Array.from(g[1]!)) {
      const it = items[MARKS.indexOf(mark)];
      if (!it || it.share !== undefined) return undefined;
      it.share = dec(g[2]!);
      if (g[3]) it.gate = true;
    }
  }
  if (items.some((it) => it.share === undefined)) return undefined;
  return { standard: { rule: { kind: 'checklist', items: items as { text: string; share: string; gate?: boolean }[] }, inputs: [], notes: [] }, used: groups.map(spanOf) };
}

// 每出现一个专项未按进度完成资金下达扣0.5分 · 以上情况每出现一例不符合要求的扣1分 · 每开工一个项目1分，最多10分
function parseCount(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  const m = COUNT_DEDUCT.exec(t);
  const a = m ? null : COUNT_ADD.exec(t);
  const hit = m ?? a;
  if (!hit) return undefined;
  const [lead, unit, rawItem, points] = m ? [m[1], m[2], m[3], m[4]] : [undefined, hit[2], hit[3], hit[4]];
  let item = rawItem!.replace(/的$/, '');
  if (lead && item) item = `${item}的情况`;
  const name = item ? `${sanitiseName(item)}数` : `${nameFor(undefined, opts, '')}例数`;
  const used: Span[] = [spanOf(hit), ...fullScoreSpans(t, max)];
  let rule: RuleInput;
  if (m) {
    used.push(...[...t.matchAll(NOTHING_LOST)].map(spanOf));
    const cap = CAP.exec(t);
    if (cap) used.push(spanOf(cap));
    rule = { kind: 'count', value: formulaName(name), points: dec(points!), ...(item ? { item } : {}), ...(cap ? { maxDeduction: dec(cap[1] ?? cap[2]!) } : {}) };
    // 村庄有露天焚烧垃圾、秸秆、落叶现象，此项不得分: one thing seen, and nothing is scored.
    const veto = VETO.exec(t);
    if (veto) {
      if (!max || ZERO_COUNT.test(t)) return undefined;
      const what = sanitiseName(`${veto[1]}${veto[2]}${veto[3]}`);
      if (!what || isScoring(what)) return undefined;
      const y = `${what}数`;
      used.push(spanOf(veto));
      const x = formulaName(name);
      const lost = cap ? `min(${dec(cap[1] ?? cap[2]!)}, ${dec(points!)} * ${x})` : `${dec(points!)} * ${x}`;
      return {
        standard: {
          rule: { kind: 'formula', score: `if(${formulaName(y)} > 0, 0, max(0, ${max.toFixed()} - ${lost}))`, label: `每例扣${dec(points!)}分；${what}的，不得分` },
          inputs: [{ name, type: 'count', unit: unit === '个' ? '个' : '例' }, { name: y, type: 'count', unit: '例' }],
          notes: [],
        },
        used,
      };
    }
    // 发现一次的，扣0.5分；发现有两次及以上的，此项不得分: from that many on, nothing.
    const zero = ZERO_COUNT.exec(t);
    if (zero) {
      const n = zero[1]! in CN_DIGIT ? CN_DIGIT[zero[1]!]! : Number(zero[1]);
      if (!max || cap || !Number.isInteger(n) || n < 1) return undefined;
      used.push(spanOf(zero));
      const x = formulaName(name);
      rule = { kind: 'formula', score: `if(${x} >= ${n}, 0, max(0, ${max.toFixed()} - ${dec(points!)} * ${x}))`, label: `每例扣${dec(points!)}分，${n}例及以上不得分` };
    }
  } else {
    // Earned per occurrence: the indicator's max is the most it earns; a cap below it is no count rule.
    // Earned per occurrence up to a stated ceiling, the indicator's max (每开工一个项目1分，最多10分).
    const cap = ADD_CAP.exec(t);
    if (!cap || !max || !max.eq(cap[1] ?? cap[2]!)) return undefined;
    used.push(spanOf(cap));
    rule = { kind: 'count', value: formulaName(name), points: dec(points!), effect: 'add', ...(item ? { item } : {}) };
  }
  return { standard: { rule, inputs: [{ name, type: 'count', unit: unit === '个' ? '个' : '例' }], notes: [] }, used };
}

const DEDUCT = new RegExp(
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
const CAP = new RegExp(`(?:最多|最高)扣(?:减|除)?${NUM}分|扣分(?:最多|最高|不超过|不超出)${NUM}分`);
/** 未完成80%则不得分 · 低于80%的，不得分 · 超过130%不得分: the line past which nothing is scored. */
const ZERO_LINE = new RegExp(
  `(?<side>未完成|未达到|低于|不足|少于|高于|超过|超出)${SIGNED}(?<unit>%|${UNIT_ALT})?(?:（不含）)?的?[，]?(?:则|的)?(?:该项|本项|此项|该指标)?(?:不得分|不计分|计0分|得0分)`,
);
const STANDARD_OF = new RegExp(`以${SIGNED}(?:%|${UNIT_ALT})?为(?:标准|基准)`, 'g');

// 以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。
function parsePerUnit(t: string, opts: ParseOptions): Parsed {
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

interface Condition {
  subject: string;
  when: string;
  percent: boolean;
}

const OP_PREFIX: Record<string, '≥' | '>' | '≤' | '<' | '='> = {
  '≥': '≥', 不低于: '≥', 不少于: '≥', 不小于: '≥', 达到: '≥', 达: '≥',
  '≤': '≤', 不高于: '≤', 不超过: '≤', 不大于: '≤', 不多于: '≤',
  '>': '>', 大于: '>', 高于: '>', 超过: '>', 多于: '>',
  '<': '<', 小于: '<', 低于: '<', 少于: '<', 不足: '<', 未达到: '<', 未满: '<',
  '=': '=', 等于: '=', 为: '=',
};
const PREFIX_ALT = Object.keys(OP_PREFIX).sort((a, b) => b.length - a.length).join('|');

/** `[80, 90)`, `≥90`, `=0` — the canonical `when` of a band. */
function whenOf(lo: string | undefined, loInc: boolean, hi: string | undefined, hiInc: boolean): string {
  if (lo !== undefined && hi !== undefined) return lo === hi ? `=${lo}` : `${loInc ? '[' : '('}${lo}, ${hi}${hiInc ? ']' : ')'}`;
  if (lo !== undefined) return `${loInc ? '≥' : '>'}${lo}`;
  if (hi !== undefined) return `${hiInc ? '≤' : '<'}${hi}`;
  return '(-∞, +∞)';
}

/** A band condition: 重点支出安排率≥90% · 80%（含）-90% · 0-10%（含） · 低于60% · 95%（含）以上. */
function parseCondition(raw: string, colon = false): Condition | 'otherwise' | undefined {
  const c = conditionOf(raw, colon);
  // A subject that compares (执行率>50且完成率≤50) is two conditions, not the figure of one band.
  return typeof c === 'object' && /[≤≥<>=≠!]/.test(c.subject) ? undefined : c;
}

function conditionOf(raw: string, colon: boolean): Condition | 'otherwise' | undefined {
  // 90-100%符合：3分 — in the 条件：N分 notation, the word after the figures says what they measure.
  const c = raw.replace(/(的|时)$/, '').replace(/(介于|在)(?=-?\d)/, '').replace(colon ? /(?<=%)(?:符合|完成|达标)$/ : /$^/, '');
  if (/^(其他|其它|其余)(情况|情形)?$/.test(c)) return 'otherwise';
  const percent = c.includes('%');
  let m = /^(.*?)任意值$/.exec(c);
  if (m) return { subject: m[1]!, when: '(-∞, +∞)', percent };
  m = new RegExp(`^(.*?)${SIGNED}(?:%|${UNIT_ALT})?(（含）|（不含）)?(?:-|至|到)${SIGNED}(%|${UNIT_ALT})?(（含）|（不含）)?(?:之间)?$`).exec(c);
  if (m) {
    const [, subject, a, ma, b, unit, mb] = m;
    const lo = dec(a!);
    const hi = dec(b!);
    if (new Decimal(lo).gte(hi)) return undefined;
    // 1-3名: places are whole, and a range of places takes both ends.
    if (unit === '名' && ma === undefined && mb === undefined) return { subject: subject!, when: whenOf(lo, true, hi, true), percent };
    const loInc = ma === '（含）' || (ma === undefined && mb !== '（含）');
    return { subject: subject!, when: whenOf(lo, loInc, hi, mb === '（含）'), percent };
  }
  m = new RegExp(`^${SIGNED}(?:%|${UNIT_ALT})?(≤|<)(.+?)(≤|<)${SIGNED}(?:%|${UNIT_ALT})?$`).exec(c);
  if (m) {
    const [, a, opA, subject, opB, b] = m;
    if (new Decimal(a!).gte(b!)) return undefined;
    return { subject: subject!, when: whenOf(dec(a!), opA === '≤', dec(b!), opB === '≤'), percent };
  }
  m = new RegExp(`^(.*?)${SIGNED}(?:%|${UNIT_ALT})?(（含）|（不含）)?(及以上|以上|及以下|以下|以内)$`).exec(c);
  if (m) {
    const [, subject, a, mark, side] = m;
    const v = dec(a!);
    const inc = mark !== '（不含）';
    return { subject: subject!, when: side!.endsWith('以上') ? whenOf(v, inc, undefined, false) : whenOf(undefined, false, v, inc), percent };
  }
  m = new RegExp(`^(.*?)(${PREFIX_ALT})${SIGNED}(?:%|${UNIT_ALT})?(（含）)?$`).exec(c);
  if (m) {
    const [, subject, word, a] = m;
    const v = dec(a!);
    const op = OP_PREFIX[word!]!;
    const when = op === '=' ? `=${v}` : op === '≥' ? `≥${v}` : op === '>' ? `>${v}` : op === '≤' ? `≤${v}` : `<${v}`;
    return { subject: subject!, when, percent };
  }
  // 100%：5分 — in the 条件：N分 notation, a figure alone is the band of that figure.
  m = colon ? new RegExp(`^(?:(.*?)，)?${SIGNED}(%|${UNIT_ALT})?$`).exec(c) : null;
  if (m) return { subject: m[1] ?? '', when: `=${dec(m[2]!)}`, percent };
  return undefined;
}

const SCORED = new RegExp(`^([\\s\\S]*?)([，：])?(?:(?:计|得)?${NUM}分|(不得分|不计分))$`);

/** Sentences with a score: [condition, score, span, written 条件：N分]; sentences without one are returned as null. */
function scoredClauses(t: string): ([string, string, Span, boolean] | null)[] {
  return clauseSpans(t).map((c) => {
    const m = SCORED.exec(c.text);
    return m ? [m[1]!.replace(/，$/, ''), m[4] ? '0' : dec(m[3]!), [c.start, c.start + c.text.length], m[2] === '：'] : null;
  });
}

/** 在全市排名1-5名的依次赋予60分、57分、54分、51分、48分: one score per place, in order. */
const PLACES = new RegExp(`排名(\\d+)-(\\d+)名的?依次(?:赋予|赋|计|得)((?:${NUM}分、)*${NUM}分)`);
function parsePlaces(t: string, opts: ParseOptions): Parsed {
  const m = PLACES.exec(t);
  if (!m) return undefined;
  const first = Number(m[1]);
  const scores = [...m[3]!.matchAll(new RegExp(NUM, 'g'))].map((x) => dec(x[1]!));
  if (Number(m[2]) - first + 1 !== scores.length) return undefined;
  const name = `${nameFor(undefined, opts)}名次`;
  const bands = scores.map((score, i) => ({ when: `=${first + i}`, score }));
  return { standard: { rule: { kind: 'bands', value: formulaName(name), bands }, inputs: [{ name, type: 'number' }], notes: [] }, used: [spanOf(m)] };
}

// 重点支出安排率≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分。
function parseBands(t: string, opts: ParseOptions): Parsed {
  const bands: { when: string; score: string }[] = [];
  let otherwise: string | undefined;
  let subject: string | undefined;
  let percent = false;
  const used: Span[] = [];
  for (const sc of scoredClauses(t)) {
    if (!sc) continue;
    const [cond, score, span, colon] = sc;
    if (isScoring(cond)) return undefined; // a condition that itself scores is not one band
    used.push(span);
    if (otherwise !== undefined) return undefined;
    const p = parseCondition(cond, colon);
    if (!p) return undefined;
    if (p === 'otherwise') {
      otherwise = score;
      continue;
    }
    // Every band is of one figure: a condition on another (违规次数=0 after 执行率≥90) is not a band of it.
    if (p.subject && subject !== undefined && sanitiseName(p.subject) !== sanitiseName(subject)) return undefined;
    if (p.subject && subject === undefined) subject = p.subject;
    percent ||= p.percent;
    bands.push({ when: p.when, score });
  }
  if (!bands.length) return undefined;
  const notes: string[] = [];
  if (bands.length === 1 && otherwise === undefined) {
    otherwise = '0';
    notes.push('评分标准只列出一档，其他情况按 0 分计（otherwise: 0），请核对');
  }
  const name = nameFor(subject, opts);
  const rule: RuleInput = { kind: 'bands', value: formulaName(name), bands, ...(otherwise !== undefined ? { otherwise } : {}) };
  return { standard: { rule, inputs: [{ name, type: percent ? 'percent' : 'number' }], notes }, used };
}

/**
 * A condition written as a formula in sheet signs (执行率≥90且完成率≤50, 资金结余≤上年结转): the formula,
 * read by the formula language's parser, and the names it reads. Undefined for words (结余超过上年结转).
 */
function conditionFormula(cond: string): { text: string; names: string[] } | undefined {
  if (!/[≤≥<>=≠]/.test(cond) || /[，；、%]/.test(cond)) return undefined;
  const text = cond
    .replace(/≤/g, ' <= ').replace(/≥/g, ' >= ').replace(/≠/g, ' != ')
    .replace(/(?<![<>!=])([<>])(?!=)/g, ' $1 ').replace(/(?<![<>!=])=(?!=)/g, ' = ')
    .replace(/且/g, ' and ').replace(/或/g, ' or ').replace(/（/g, '(').replace(/）/g, ')')
    .replace(/\s+/g, ' ').trim();
  try {
    parseFormula(text);
  } catch {
    return undefined;
  }
  const words = new Set(['and', 'or', 'not', 'min', 'max', 'abs', 'round', 'floor', 'ceil', 'clamp', 'if']);
  const names = [...new Set([...text.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)].map((m) => m[0]).filter((w) => !words.has(w)))];
  return names.length ? { text, names } : undefined;
}

// 无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。
function parseCases(t: string, opts: ParseOptions): Parsed {
  const scored = scoredClauses(t);
  if (scored.length < 2 || scored.some((s) => s === null)) return undefined;
  const own = sanitiseName(opts.name ?? '');
  const used: string[] = [];
  const ref = (text: string): string | undefined => {
    if (new RegExp(`^${SIGNED}%?$`).test(text)) return dec(text.replace('%', ''));
    const s = sanitiseName(text);
    if (!s) return undefined;
    const name = own && own !== s && own.endsWith(s) ? own : s;
    if (!used.includes(name)) used.push(name);
    return formulaName(name);
  };
  const list: { when: string; score: string; label: string }[] = [];
  let otherwise: { score: string; label: string } | undefined;
  for (let i = 0; i < scored.length; i++) {
    const [cond, score] = scored[i]!;
    if (isScoring(cond)) return undefined; // a condition that itself scores (…计2分，…) is not one case
    const last = i === scored.length - 1;
    if (otherwise) return undefined;
    let m: RegExpExecArray | null;
    const f = /^(其他|其它|其余)/.test(cond) ? undefined : conditionFormula(cond);
    if (f) {
      for (const name of f.names) if (!used.includes(name)) used.push(name);
      list.push({ when: f.text, score, label: cond });
    } else if ((m = /^无(.+)$/.exec(cond))) {
      const x = ref(m[1]!);
      if (!x) return undefined;
      list.push({ when: `${x} = 0`, score, label: cond });
    } else if ((m = /^有(.+?)，?但?(不超过|未超过|不高于|不大于|不多于|低于|少于|小于|未达到)(.+)$/.exec(cond))) {
      const x = ref(m[1]!);
      const y = ref(m[3]!);
      if (!x || !y) return undefined;
      list.push({ when: `${x} ${/低于|少于|小于|未达到/.test(m[2]!) ? '<' : '<='} ${y}`, score, label: cond });
    } else if (/^(其他|其它|其余)(情况|情形)?$/.test(cond)) {
      otherwise = { score, label: cond };
    } else if ((m = /^(.+?)(超过|高于|大于|多于)(.+)$/.exec(cond)) && last) {
      ref(m[1]!);
      ref(m[3]!);
      otherwise = { score, label: cond };
    } else if ((m = /^(.+?)(≤|≥|<|>|=|≠|超过|高于|大于|多于|不超过|低于|少于|小于)(.+)$/.exec(cond))) {
      const x = ref(m[1]!);
      const y = ref(m[3]!);
      if (!x || !y || (!/\p{L}/u.test(x) && !/\p{L}/u.test(y))) return undefined;
      const op = ({ '≤': '<=', '≥': '>=', '≠': '!=', 超过: '>', 高于: '>', 大于: '>', 多于: '>', 不超过: '<=', 低于: '<', 少于: '<', 小于: '<' } as Record<string, string>)[m[2]!] ?? m[2]!;
      list.push({ when: `${x} ${op} ${y}`, score, label: cond });
    } else return undefined;
  }
  if (!list.length || !used.length) return undefined;
  const rule: RuleInput = { kind: 'cases', cases: list, ...(otherwise ? { otherwise } : {}) };
  return {
    standard: {
      rule,
      inputs: used.map((name) => ({ name, type: 'number' })),
      notes: [`条件中的数据名称（${used.join('、')}）是按评分标准文字拟定的占位名称，请核对后改为实际的输入数据或派生指标`],
    },
    used: scored.map((s) => s![2]),
  };
}

const TARGET_UNIT = `%|${UNIT_ALT}`;

// 市长热线全年交办件办结率≥97%，达到目标计1分，未达到不得分。 (the rendered form)
function parseTargetSentence(t: string, opts: ParseOptions): Parsed {
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
function parseTargetPlain(t: string, opts: ParseOptions): Parsed {
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
 * The sentence in one spelling, with what the indicator's max settles read as such: 扣完20分为止 on a
 * 20-point indicator is 扣完为止, 得满分 is 得20分.
 */
function prepare(t: string, max: Decimal | undefined): string {
  let s = t.replace(/扣(?:完|满)(\d+(?:\.\d+)?)分(?=为止|即止)/g, (m, n: string) => (max?.eq(n) ? '扣完' : m));
  if (max) s = s.replace(/(计|得)满分/g, `$1${max.toFixed()}分`);
  return s;
}

/** The text without the mark of a list of one (①… · 2.…), in its place a separator of the same length. */
function unmarked(t: string): string {
  const marks = [...t.matchAll(new RegExp(`[${MARKS}]`, 'gu'))];
  if (marks.length === 1 && marks[0]!.index === 0) return `；${t.slice(1)}`;
  return t.replace(/^\d{1,2}[.、．](?!\d)/, (m) => '；'.repeat(m.length));
}

/** A ceiling said beside a score that already stops at the max: 最高不超过分值 · 满分为止 · 以10分为限. */
function ceilingSpans(t: string, max: Decimal): Span[] {
  const n = `(?:${max.toFixed().replace('.', '\\.')}分)`;
  const re = new RegExp(`最高(?:不(?:得)?超过)?(?:该项?指标|本项?指标)?(?:分值(?:上限)?|满分|${n})|(?:以)?满分为(?:止|限)|以(?:分值|满分|${n})为限`, 'g');
  return [...t.matchAll(re)].map(spanOf);
}

/**
 * 得分值=年度建设任务完成率×20 · 得分=执行率×该指标分值，最高不超过分值 · 按完成比例计算得分，满分为止 ·
 * 根据实际到位资金占计划的比重计算得分（3分）: the score is the max times a rate (in percent).
 */
function parseProportional(t: string, opts: ParseOptions): Parsed {
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
function parseDifference(t: string, opts: ParseOptions): Parsed {
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
function parseArithmetic(t: string, opts: ParseOptions): Parsed {
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
 * One condition met or not: 项目档案资料齐全的得2分，不齐全的扣2分 · 建立前述机制，得10分；未建立前述机制，不得分 ·
 * 未公示的扣0.5分 (on a 0.5-point indicator). A one-item checklist worth the max.
 */
function parseBinary(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const lost = `(?:扣${NUM}分|不得分|不计分|得0分|计0分|0分)`;
  // 根据…情况，实行动态调整的，得1分；未实行动态调整的，或“逆向”减少编制的，扣1分: a lead naming the item, a second way to fail it.
  const both = new RegExp(`(?:^|[；。\\n])((?:(?!扣|分)[^；。\\n])*?，)??([^；。\\n，]+?)的?[，：]?(?:得|计)?${NUM}分[，；]((?:不|未|没有|无)[^；。\\n，]+?)的?(?:，或([^；。\\n，]+?)的?)?[，：]?${lost}[；。]?$`).exec(t);
  // 未公示的扣0.5分 (on a 0.5-point indicator) · 未评比不得分 · 各村设立保洁人员，落实报酬，未落实的不得分
  const only = both ? null : new RegExp(`(?:^|[，；。\\n])((?:未|没有|无)[^；。\\n，]+?)的?[，]?(?:扣${NUM}分|不得分)[；。]?$`).exec(t);
  // 村内…建筑外立面无环境卫生或垃圾分类宣传标语，扣2分: the lack said mid-clause, the whole sentence one condition.
  const inner = both || only ? null : new RegExp(`^([^；。\\n，]*?)(未|没有|无)(?!害|偿|人机|线|息|形|纸|障碍|公害|论)([^；。\\n，]+?)的?[，]?扣${NUM}分[；。]?$`).exec(t);
  if (inner) {
    if (!max.eq(inner[4]!) || !inner[1] || /每|按|根据/.test(inner[1]) || isScoring(inner[1]) || isScoring(inner[3]!)) return undefined;
    const text = `${inner[1]}${inner[2] === '未' ? '已' : '有'}${inner[3]}`;
    return { standard: { rule: { kind: 'checklist', items: [{ text, points: max.toFixed() }] }, inputs: [], full: max.toFixed(), notes: [] }, used: [[0, t.length]] };
  }
  const hit = both ?? only;
  if (!hit) return undefined;
  let text: string;
  if (both) {
    const [, lead, yes, full, no, also, minus] = both;
    if (!max.eq(full!) || (minus !== undefined && !max.eq(minus))) return undefined;
    if (lead && isScoring(lead)) return undefined;
    text = yes!.replace(/^[，]/, '');
    const neg = no!.replace(/^(?:不|未|没有|无)/, '');
    if (!neg || !text.endsWith(neg) || (also && isScoring(also))) return undefined;
    if (also) text = `${text}，未${also}`;
  } else {
    // What stands before it only says what the item is; a clause that scores makes it no one-item list.
    if (isScoring(t.slice(0, only!.index)) || (only![2] !== undefined && !max.eq(only![2]))) return undefined;
    text = only![1]!.replace(/^(?:未|没有|无)/, '');
  }
  if (!text || isScoring(text)) return undefined;
  const start = hit.index + (hit[0].match(/^[，；。\n]/) ? 1 : 0);
  return { standard: { rule: { kind: 'checklist', items: [{ text, points: max.toFixed() }] }, inputs: [], full: max.toFixed(), notes: [] }, used: [[start, t.length]] };
}

/** 目标明确(1分)，目标细化(1.5分)，目标量化(1.5分): items each with its points in brackets, no marks. */
function parseInlineChecklist(t: string): Parsed {
  const pieces = clauseSpans(t.replace(/，/g, '；'));
  if (pieces.length < 2) return undefined;
  const items: { text: string; points: string }[] = [];
  const used: Span[] = [];
  for (const p of pieces) {
    const m = new RegExp(`^(.+?)（${NUM}分）$`).exec(p.text);
    if (!m) {
      if (isScoring(p.text)) return undefined;
      continue; // context (以上需提供佐证资料)
    }
    if (isScoring(m[1]!) || new Decimal(m[2]!).isZero()) return undefined;
    items.push({ text: m[1]!, points: dec(m[2]!) });
    used.push([p.start + m[1]!.length, p.start + p.text.length]);
  }
  if (items.length < 2) return undefined;
  return { standard: { rule: { kind: 'checklist', items }, inputs: [], notes: [] }, used };
}

/**
 * The sentence renderStandard writes for a person's score: 由评价人根据实际情况评分，满分5分，得分须为0.5的整数倍，
 * 低于满分须说明扣分原因 (after the author's guide, if any).
 */
const JUDGED = new RegExp(`^(?:([\\s\\S]*?)。)?由评价人根据实际情况评分，满分${NUM}分(?:，得分须为${NUM}的整数倍)?，(?:低于满分须说明扣分原因|扣分须说明原因)。?$`);
function parseJudged(t: string, opts: ParseOptions): Parsed {
  const m = JUDGED.exec(t);
  if (!m) return undefined;
  const max = maxOf(opts);
  if (max && !max.eq(m[2]!)) return undefined;
  const guide = m[1]?.trim();
  const rule: RuleInput = { kind: 'judgement', ...(m[3] ? { step: dec(m[3]) } : {}), ...(guide ? { guide } : {}) };
  return { standard: { rule, inputs: [], full: dec(m[2]!), notes: [] }, used: [[0, t.length]] };
}

/** 相符10分，基本相符6分，调整较大不得分: a person picks one of the named levels. */
function parseLevels(t: string, opts: ParseOptions): Parsed {
  const m = /^(?:([\s\S]*?)。)?([^。]+?)。?$/.exec(t);
  if (!m) return undefined;
  const parts = m[2]!.split('，');
  if (parts.length < 2) return undefined;
  const max = maxOf(opts);
  const levels: { level: string; points: string }[] = [];
  for (const part of parts) {
    const l = new RegExp(`^([^\\d%，；。：:（）]+?)(?:${NUM}分|(不得分))$`).exec(part);
    if (!l || /得|计|扣|加|每|以上|以下|低于|高于|超过/.test(l[1]!)) return undefined;
    const points = l[3] ? '0' : dec(l[2]!);
    if ((max && new Decimal(points).gt(max)) || levels.some((x) => x.level === l[1] || new Decimal(x.points).eq(points))) return undefined;
    levels.push({ level: l[1]!, points });
  }
  const guide = m[1]?.trim();
  return { standard: { rule: { kind: 'judgement', levels, ...(guide ? { guide } : {}) }, inputs: [], notes: [] }, used: [[0, t.length]] };
}

/**
 * The sentence renderStandard writes for a formula: 按公式计分：得分 = 5-max(0,率-100)*0.5，结果限定在0至5分之间. The
 * formula is read by the formula language's own parser (never run as code): what it does not parse is not read.
 */
const FORMULA_SENTENCE = new RegExp(`^(?:([^：]+?)：)?得分=(.+?)，结果限定在0至${NUM}分之间。?$`);
function parseFormulaSentence(t: string, opts: ParseOptions): Parsed {
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
 * ①…不低于20%的，得1分。每低1%，扣0.1分。②…不低于30%的，得1分。每低1%，扣0.1分。: marked parts, each a per-unit
 * deduction from its own full score, the parts' full scores making up the max. The score is their sum.
 */
function parseParts(t: string, opts: ParseOptions): Parsed {
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
function parseSteps(t: string, opts: ParseOptions): Parsed {
  const m = STEPS.exec(t);
  if (!m) return undefined;
  const [, a, unit, p, b, q] = m;
  if (!new Decimal(b!).eq(new Decimal(a!).times(2)) || !new Decimal(q!).eq(new Decimal(p!).times(2))) return undefined;
  const name = nameFor(undefined, opts, unit === '%' ? '超出比例' : '超出天数');
  const rule: RuleInput = { kind: 'per_unit', value: formulaName(name), standard: '0', direction: 'above', per: dec(a!), points: dec(p!), mode: 'whole' };
  return { standard: { rule, inputs: [{ name, type: unit === '%' ? 'percent' : 'number' }], notes: [] }, used: [spanOf(m)] };
}

/**
 * 1有工作领导小组…，得2分。2有专项卫生经费，得5分。: items numbered 1, 2, 3… (with or without 、 or .),
 * each ending in its points, the points making up the max.
 */
function parseNumbered(t: string, opts: ParseOptions): Parsed {
  const max = maxOf(opts);
  if (!max) return undefined;
  const items: { text: string; points: string }[] = [];
  const used: Span[] = [];
  let at = 0;
  let total = new Decimal(0);
  for (let k = 1; at < t.length; k++) {
    const head = new RegExp(`^${k}[.、．]?(?![\\d.])`).exec(t.slice(at));
    if (!head) return undefined;
    const start = at + head[0].length;
    const next = t.slice(start).search(new RegExp(`[。；\\n]${k + 1}[.、．]?(?![\\d.])`));
    const end = next < 0 ? t.length : start + next + 1;
    const seg = t.slice(start, end).replace(/[。；\n]+$/, '');
    const m = new RegExp(`^(.+?)[，]?(?:得|计)${NUM}分$`).exec(seg);
    if (!m || isScoring(m[1]!)) return undefined;
    items.push({ text: m[1]!, points: dec(m[2]!) });
    total = total.plus(m[2]!);
    // The mark is read too: in 2分工明确 the 2 is item 2's mark, the marks running 1, 2, 3 and the points making the max.
    used.push([at, start], [start + m[1]!.length, start + seg.length]);
    at = end;
  }
  if (items.length < 2 || !total.eq(max)) return undefined;
  return { standard: { rule: { kind: 'checklist', items }, inputs: [], notes: [] }, used };
}

/**
 * Read a 评分标准 sentence as a rule. Knows the sentences of the Hunan sheet and their usual
 * variants: per-unit deductions (每超过/每减少/每低于一个百分点扣X分，扣完为止; 每低于100%一个百分点扣0.1分),
 * bands (≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分; 0-10%（含）; 95%（含）以上), counts
 * (每出现一个…扣X分; 以上情况每出现一例不符合要求的扣1分), checklists (①…，1分；②…，0.5分),
 * comparisons (无结余，3分；有结余，但不超过上年结转，2分；…) and plain targets (不低于97%;
 * 控制在680份以内). Text it does not recognise gives `undefined` — never a guess; so does text longer
 * than {@link MAX_STANDARD_LENGTH} characters. Every clause that scores (计/得/扣/加…分, 不得分) must be
 * part of the rule read; one left over (最多扣2分, 未完成80%则不得分, a band before a deduction) leaves
 * the whole sentence unread. Only known filler (扣完为止, 以100%为标准) may stand outside the rule.
 *
 * Names of figures are placeholders taken from the sentence (在职人员控制率≦100% → 在职人员控制率)
 * or from `opts.name`.
 * @example parseStandard('每低于100%一个百分点扣0.1分，扣完为止。', { name: '固定资产利用率' })
 * // → { rule: { kind: 'per_unit', value: '固定资产利用率', standard: '100', direction: 'below', points: '0.1' }, … }
 */
export function parseStandard(text: string, opts: ParseOptions = {}): ParsedStandard | undefined {
  const r = readStandard(text, opts);
  return r && !r.unstated ? r : undefined;
}

/**
 * {@link parseStandard}, and also a sentence that states the rule but not every figure of it
 * (`每减少1个百分点扣1分` says the points and the unit, not the standard): the reading then lists
 * what is `unstated`, and those figures of its rule are placeholders. Enough to compare a text
 * with an encoded rule (`jixiao lint`), not to write a rule from it.
 * @example readStandard('每减少1个百分点扣1分')?.unstated // → ['standard']
 */
export function readStandard(text: string, opts: ParseOptions = {}): ParsedStandard | undefined {
  // Real 评分标准 are a few hundred characters; longer text is not read (and cannot slow a lint down).
  if (text.length > MAX_STANDARD_LENGTH) return undefined;
  const { t, notApplicable } = prepared(text, opts);
  if (!t) return undefined;
  const reading = readAs(t, opts);
  // Every clause that scores must be part of the rule; one left over means the rule would say less
  // than the sentence (最多扣2分, 未完成80%则不得分, a second band or deduction): not read.
  if (!reading || reading.left?.length || unaccounted(t, reading.used).length) return undefined;
  return notApplicable ? { ...reading.standard, notApplicable } : reading.standard;
}

/** 没有楼堂馆所项目的部门按满分计算 · 不适用的按满分计算: an indicator that does not apply scores its max. */
const NA_FULL = /[^，；。\n]*(?:没有|无)[^，；。\n]*?的?(?:部门|单位)?按满分计(?:算)?|不适用的?(?:按|计)满分(?:计算)?/;

/** The text as the readers see it, and what it says of an indicator that does not apply. */
function prepared(text: string, opts: ParseOptions): { t: string; notApplicable?: 'full' } {
  const t = normalise(text);
  const na = NA_FULL.exec(t);
  const rest = na ? t.slice(0, na.index) + '；'.repeat(na[0].length) + t.slice(na.index + na[0].length) : t;
  return { t: prepare(rest, maxOf(opts)), ...(na ? { notApplicable: 'full' as const } : {}) };
}

/** Words that leave the score to a person: such a sentence is a judgement, not an unread rule. */
const JUDGEMENT = /酌情|视(?:具体)?情况|视情节|综合评定|专家评议|专家评审|由评价人|自行制定|根据考核情况|合理确定/;

/**
 * The phrases that kept a 评分标准 from being read: the scoring clauses left over by the rule its
 * shape calls for (`['最多扣2分']`), or, when it has no rule's shape at all, its scoring clauses
 * (`['实际完成情况与计划每相差3%，扣1分，扣满15分为止']`). Empty when the sentence reads, when it
 * says nothing about a score, and when it leaves the score to a person (酌情扣分, 视情况, 综合评定):
 * that is a judgement, which no phrase keeps from being read.
 * @example unreadClauses('每出现一例扣0.5分，最多扣2分。') // → ['最多扣2分']
 */
export function unreadClauses(text: string, opts: ParseOptions = {}): string[] {
  if (text.length > MAX_STANDARD_LENGTH) return [];
  const { t } = prepared(text, opts);
  const reading = t ? readAs(t, opts) : undefined;
  if (!reading) {
    if (JUDGEMENT.test(t)) return [];
    const scoring = clauses(t).filter(isScoring);
    // A sentence about the score with no clause that scores (…÷…*指标分值): its clauses that speak of it.
    return scoring.length ? scoring : clauses(t).filter((c) => /分值|得分|满分/.test(c));
  }
  const left = [...(reading.left ?? []), ...unaccounted(t, reading.used)];
  return left.filter((c, i) => !left.slice(0, i).some((o) => o.includes(c)));
}

/** The one reading the sentence's shape calls for, with the text it used. */
function readAs(t: string, opts: ParseOptions): Parsed {
  const written = parseJudged(t, opts) ?? parseFormulaSentence(t, opts);
  if (written) return written;
  if (JUDGEMENT.test(t)) return undefined;
  const marked = parseChecklist(t);
  if (marked && !unaccounted(t, marked.used).length) return marked;
  const parts = parseParts(t, opts);
  if (parts) return parts;
  if (marked && !/^[①-⑳][^①-⑳]*$/u.test(t)) return marked;
  const numbered = parseNumbered(t, opts);
  if (numbered) return numbered;
  // A list of one is its item: ①新进人员…不低于95%的，得2分；每低1%，扣0.2分.
  t = unmarked(t);
  const lacks = parseLacksAndCounts(t, opts);
  if (lacks) return lacks;
  const checklist = parseInlineChecklist(t) ?? parseBinary(t, opts);
  if (checklist) return checklist;
  const count = parseCounts(t, opts) ?? parseCount(t, opts) ?? parseSteps(t, opts) ?? parseDifference(t, opts);
  if (count) return count;
  // A per-unit deduction that does not read cleanly is not some other rule.
  if (DEDUCT.test(t)) return parsePerUnit(t, opts);
  const proportional = parseProportional(t, opts) ?? parseArithmetic(t, opts);
  if (proportional) return proportional;
  if (/扣(?:减|除)?\d/.test(t)) return undefined;
  return (
    parsePerUnit(t, opts) ??
    parseTargetSentence(t, opts) ??
    parsePlaces(t, opts) ??
    parseBands(t, opts) ??
    parseCases(t, opts) ??
    parseTargetPlain(t, opts) ??
    parseLevels(t, opts)
  );
}
