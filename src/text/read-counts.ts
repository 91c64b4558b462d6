/**
 * Counts of any noun and measure word: 每发现一例扣1分, 每查出一项, 每获得一项加0.5分, 发现两次及以上不得分, 未…的每项扣1分, with their
 * caps. Read by `readAs` in ./parse.ts, the one dispatcher.
 */
import { formulaName, NUM, sanitiseName } from './normalise.js';
import { isScoring, type Span, spanOf } from './account.js';
import type { RuleInput } from '../rules/index.js';
import { type ParseOptions, type Parsed, type ParsedInput, dec, fullScoreSpans, maxOf, nameFor } from './read-common.js';
import { CAP } from './read-per-unit.js';
import { VETO } from './read-veto.js';

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
const CN_DIGIT: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 最多10分 · 最多加10分 · 加分不超过10分 · 最高10分: the most a count earns. */
const ADD_CAP = new RegExp(`(?:最多|最高)(?:加|得|计)?${NUM}分|加分(?:最多|最高|不超过)${NUM}分`);

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
export function parseCounts(t: string, opts: ParseOptions): Parsed {
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
export function parseLacksAndCounts(t: string, opts: ParseOptions): Parsed {
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

// 每出现一个专项未按进度完成资金下达扣0.5分 · 以上情况每出现一例不符合要求的扣1分 · 每开工一个项目1分，最多10分
export function parseCount(t: string, opts: ParseOptions): Parsed {
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
