/**
 * Sentences that leave the score to a person: the judgement sentence renderStandard writes, named
 * levels (相符10分，基本相符6分), and the words that make any sentence a judgement (酌情, 视情况). Read by
 * `readAs` in ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import { NUM } from './normalise.js';
import type { RuleInput } from '../rules/index.js';
import { type ParseOptions, type Parsed, dec, maxOf } from './read-common.js';

/**
 * The sentence renderStandard writes for a person's score: 由评价人根据实际情况评分，满分5分，得分须为0.5的整数倍，
 * 低于满分须说明扣分原因 (after the author's guide, if any).
 */
const JUDGED = new RegExp(`^(?:([\\s\\S]*?)。)?由评价人根据实际情况评分，满分${NUM}分(?:，得分须为${NUM}的整数倍)?，(?:低于满分须说明扣分原因|扣分须说明原因)。?$`);
export function parseJudged(t: string, opts: ParseOptions): Parsed {
  const m = JUDGED.exec(t);
  if (!m) return undefined;
  const max = maxOf(opts);
  if (max && !max.eq(m[2]!)) return undefined;
  const guide = m[1]?.trim();
  const rule: RuleInput = { kind: 'judgement', ...(m[3] ? { step: dec(m[3]) } : {}), ...(guide ? { guide } : {}) };
  return { standard: { rule, inputs: [], full: dec(m[2]!), notes: [] }, used: [[0, t.length]] };
}

/** 相符10分，基本相符6分，调整较大不得分: a person picks one of the named levels. */
export function parseLevels(t: string, opts: ParseOptions): Parsed {
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

/** Words that leave the score to a person: such a sentence is a judgement, not an unread rule. */
export const JUDGEMENT = /酌情|视(?:具体)?情况|视情节|综合评定|专家评议|专家评审|由评价人|自行制定|根据考核情况|合理确定/;
