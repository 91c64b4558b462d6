/**
 * Checklists in any numbering: ①…1分；②…, 1.…得2分 2.…, …(1分)…(1分), 具备要素①②得到指标分值的50%, 每少一项扣1分, and the
 * one-item checklist of a condition met or not. Read by `readAs` in ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import { clauseSpans, NUM } from './normalise.js';
import { isScoring, type Span, spanOf } from './account.js';
import type { RuleInput } from '../rules/index.js';
import { MARKS, type ParseOptions, type Parsed, dec, maxOf } from './read-common.js';

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

export function parseChecklist(text: string): Parsed {
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

/**
 * One condition met or not: 项目档案资料齐全的得2分，不齐全的扣2分 · 建立前述机制，得10分；未建立前述机制，不得分 ·
 * 未公示的扣0.5分 (on a 0.5-point indicator). A one-item checklist worth the max.
 */
export function parseBinary(t: string, opts: ParseOptions): Parsed {
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
export function parseInlineChecklist(t: string): Parsed {
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
 * 1有工作领导小组…，得2分。2有专项卫生经费，得5分。: items numbered 1, 2, 3… (with or without 、 or .),
 * each ending in its points, the points making up the max.
 */
export function parseNumbered(t: string, opts: ParseOptions): Parsed {
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
