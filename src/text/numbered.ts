import { Decimal } from '../decimal.js';
import { isScoring } from './account.js';

/**
 * A 评分标准 whose numbered parts are indicators of their own: `①资金使用合规（4分）：……；②……（3分）：……`,
 * `1.预算执行率（2分）。……2.……`, `①资金使用合规：支出符合规定的得4分…（4分）`. Each part names an
 * indicator, gives its 分值 in brackets and its own 评分标准 — a sentence that scores, when the 分值
 * comes last. A numbered list whose parts only state a point and its score (`①已制定管理办法，1分；
 * ②……（1分）`) is not this: it is one indicator's checklist, which `parseStandard` reads.
 */

/** One numbered part read as an indicator. */
export interface NumberedPart {
  /** The mark as written: `①`, `1.`, `（1）`. */
  mark: string;
  name: string;
  /** Its 分值, a decimal string. */
  max: string;
  /** Its own 评分标准. */
  standard: string;
}

export interface NumberedIndicators {
  /** Text before the first mark (a sentence on the whole), or ''. */
  preamble: string;
  parts: NumberedPart[];
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
/** Where a mark may stand: at the start, at a line's start, after a sentence or clause ends, or after a closing bracket. */
const BEFORE = /(?:^|[。；;，,：:）)])[^\S\n]*$|\n\s*$/u;

/**
 * The marks of the k-th part (k from 1), in each numbering style, and whether a mark must stand
 * where a sentence ends ({@link BEFORE}): a bare `2.` may be a figure's, `②` and `（2）` are marks.
 */
const styles: { mark: (k: number) => RegExp; bare: boolean }[] = [
  { mark: (k) => new RegExp(`${CIRCLED[k - 1] ?? '\u0000'}`, 'gu'), bare: false },
  { mark: (k) => new RegExp(`(?<![\\d.．])${k}[.、．](?![\\d])`, 'gu'), bare: true },
  { mark: (k) => new RegExp(`[（(]${k}[）)]`, 'gu'), bare: false },
];

/** The positions of marks 1, 2, 3 … in order in one style, each where a mark may stand. */
function marksOf(t: string, style: (typeof styles)[number]): { at: number; end: number; mark: string }[] {
  const out: { at: number; end: number; mark: string }[] = [];
  let from = 0;
  for (let k = 1; k <= 20; k++) {
    const re = style.mark(k);
    re.lastIndex = from;
    let hit: RegExpExecArray | null;
    let found: { at: number; end: number; mark: string } | undefined;
    while ((hit = re.exec(t))) {
      if (!style.bare || BEFORE.test(t.slice(0, hit.index))) {
        found = { at: hit.index, end: hit.index + hit[0].length, mark: hit[0] };
        break;
      }
    }
    if (!found) break;
    out.push(found);
    from = found.end;
  }
  return out;
}

/** `资金使用合规（4分）：……` → the name, its 分值 and its own standard. */
const PART = /^([^，,。；;：:（()）\n]{2,30}?)[（(](\d+(?:\.\d+)?)分[）)][：:。，,]?([\s\S]*)$/u;
/**
 * `资金使用合规：支出符合规定的得4分，每发现一例扣1分（4分）` → the name before a colon, its own standard,
 * its 分值 last. Only a standard that scores is one: `明确性：目标指向明确（1分）` is a point of a checklist.
 */
const PART_LAST = /^([^，,。；;：:（()）\n]{2,30}?)[：:]([\s\S]+?)[，,；;。]?[（(](\d+(?:\.\d+)?)分[）)]$/u;

/** A part as an indicator: its name, 分值 and own standard, or undefined. */
function partOf(seg: string): { name: string; max: string; standard: string } | undefined {
  const trim = (x: string) => x.replace(/^[\s，,。；;：:]+|[\s；;，,。]+$/gu, '');
  const first = PART.exec(seg);
  if (first) return { name: first[1]!.trim(), max: first[2]!, standard: trim(first[3]!) };
  const last = PART_LAST.exec(seg.replace(/[\s；;，,。]+$/u, ''));
  if (last && isScoring(last[2]!)) return { name: last[1]!.trim(), max: last[3]!, standard: trim(last[2]!) };
  return undefined;
}

/**
 * The numbered parts of a 评分标准 as indicators, when every part is one — a name, its 分值 in
 * brackets, and a standard of its own after it — and there are two or more; otherwise undefined
 * (the text is one indicator's standard).
 * @example numberedIndicators('①资金使用合规（4分）：支出符合规定的得4分；②会计核算规范（3分）：……')
 */
export function numberedIndicators(text: string): NumberedIndicators | undefined {
  // As written: each part's standard keeps its own wording.
  const t = text.replace(/\r\n?/g, '\n').trim();
  for (const style of styles) {
    const marks = marksOf(t, style);
    if (marks.length < 2) continue;
    const parts: NumberedPart[] = [];
    for (let i = 0; i < marks.length; i++) {
      const seg = t.slice(marks[i]!.end, i + 1 < marks.length ? marks[i + 1]!.at : t.length).trim();
      const p = partOf(seg);
      if (!p || !/\p{Script=Han}/u.test(p.standard)) return undefined;
      const max = new Decimal(p.max);
      if (max.isZero()) return undefined;
      parts.push({ mark: marks[i]!.mark, name: p.name, max: max.toFixed(), standard: p.standard });
    }
    return { preamble: t.slice(0, marks[0]!.at).replace(/[\s：:，,；;。]+$/u, '').trim(), parts };
  }
  return undefined;
}

/** Whether a 评分标准 is a numbered list (①… ②…, 1.… 2.…, （1）…（2）…). */
export function isNumbered(text: string): boolean {
  const t = text.replace(/\r\n?/g, '\n').trim();
  return styles.some((s) => marksOf(t, s).length >= 2);
}
