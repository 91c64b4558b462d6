/**
 * Accounting for every clause of a 评分标准: a reading of the sentence as a rule names the parts
 * of the text it used; what is left must not say anything about the score. A leftover clause that
 * scores (计/得/扣/加…分, 不得分, 最多扣2分, 情节严重的每例扣1分, 得分=20分*执行率) means the rule does not
 * say everything the sentence says, so the sentence is not read at all: never a guess.
 */

/** A part of the text a reading used: [start, end) offsets. */
export type Span = readonly [start: number, end: number];

/** Clauses that say nothing a rule must encode: the floor every rule already has (扣完为止); 计算编制总量项得分, naming the item scored. */
const FILLER = /(?:本项|该项|此项)?(?:分值)?扣完(?:为止|即止)|(?:直至|直到)扣完(?:为止)?|(?:扣|减)(?:至|到)(?:0|零)分(?:为止)?|(?:^|(?<=[，；。\n]))计算[^，；。\n]*?项得分(?=$|[，；。\n])/g;

/**
 * Words that make a clause decide or change a score. 扣除与… (excluding, as in 扣除与年度计划重复的项目)
 * names what is counted, not a deduction; 得分及排名 names figures, not a score.
 */
const SCORING = /扣(?!除与)|加\d|加分|减\d|减分|\d分|不得分|不计分|零分|满分|计分|得分(?!率|及|和|与|排名|情况)/;

/** True when a piece of text decides or changes a score. */
export function isScoring(text: string): boolean {
  return SCORING.test(text);
}

/** The span a regular-expression match covers. */
export function spanOf(m: RegExpExecArray | RegExpMatchArray): Span {
  return [m.index!, m.index! + m[0].length];
}

/**
 * The scoring clauses of `text` that none of `used` covers (after known filler is dropped),
 * split on ，；。、 and line breaks. Empty when the reading accounts for the whole sentence.
 */
export function unaccounted(text: string, used: readonly Span[]): string[] {
  const chars = Array.from({ length: text.length }, (_, i) => text[i]!);
  for (const [a, b] of used) for (let i = a; i < b; i++) chars[i] = '；';
  const rest = chars.join('').replace(FILLER, '；');
  return rest.split(/[，；。、\n]/).filter((piece) => isScoring(piece));
}
