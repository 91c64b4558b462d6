import { isScoring, unaccounted } from './account.js';
import { clauses, normalise } from './normalise.js';
import { MAX_STANDARD_LENGTH, type ParseOptions, type Parsed, type ParsedStandard, maxOf, prepare, unmarked } from './read-common.js';
import { NA_FULL } from './read-veto.js';
import { JUDGEMENT, parseJudged, parseLevels } from './read-judged.js';
import { parseArithmetic, parseBaseAndSteps, parseDifference, parseFormulaSentence, parseProportional, parseTargetPlain, parseTargetSentence } from './read-formula.js';
import { parseBinary, parseChecklist, parseInlineChecklist, parseNumbered } from './read-checklist.js';
import { DEDUCT, parseParts, parsePerUnit, parseSteps } from './read-per-unit.js';
import { parseCount, parseCounts, parseLacksAndCounts } from './read-counts.js';
import { parseBands, parseCases, parsePlaces } from './read-bands.js';

export type { ParsedInput, ParsedMetric, ParsedStandard, ParseOptions } from './read-common.js';
export { MAX_STANDARD_LENGTH } from './read-common.js';

/*
 * The reader of 评分标准 prose. Each wording family has its file (read-per-unit, read-bands,
 * read-counts, read-checklist, read-formula, read-judged, read-veto; what they share in
 * read-common); `readAs` below is the one dispatcher that picks the reading a sentence's shape calls for.
 */

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

/** The text as the readers see it, and what it says of an indicator that does not apply. */
function prepared(text: string, opts: ParseOptions): { t: string; notApplicable?: 'full' } {
  const t = normalise(text);
  const na = NA_FULL.exec(t);
  const rest = na ? t.slice(0, na.index) + '；'.repeat(na[0].length) + t.slice(na.index + na[0].length) : t;
  return { t: prepare(rest, maxOf(opts)), ...(na ? { notApplicable: 'full' as const } : {}) };
}

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
  const based = parseBaseAndSteps(t, opts);
  if (based) return based;
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
