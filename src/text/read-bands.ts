/**
 * Bands in any notation (≥90%，计5分；80%（含）-90%，计4分 · 100%:5分), places in a ranking, and cases compared
 * with another figure. Read by `readAs` in ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import { clauseSpans, formulaName, NUM, sanitiseName } from './normalise.js';
import { isScoring, type Span, spanOf } from './account.js';
import type { RuleInput } from '../rules/index.js';
import { parseFormula } from '../formula/parse.js';
import { type ParseOptions, type Parsed, SIGNED, UNIT_ALT, dec, nameFor } from './read-common.js';

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
export function parsePlaces(t: string, opts: ParseOptions): Parsed {
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
export function parseBands(t: string, opts: ParseOptions): Parsed {
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
export function parseCases(t: string, opts: ParseOptions): Parsed {
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
