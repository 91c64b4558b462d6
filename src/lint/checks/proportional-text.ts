import type { Issue } from '../../issues/issue.js';
import type { Rule } from '../../rules/index.js';
import { normalise } from '../../text/normalise.js';
import { parseStandard } from '../../text/parse.js';
import type { LintCheck, LintNode } from '../context.js';

/**
 * Words of a 评分标准 that score in proportion to completion (定量指标：未达到的按完成值与指标值的比例
 * 计分; 得分 = 分值 × 实际完成值/指标值; B/A).
 */
const PROPORTIONAL = new RegExp(
  [
    '按(?:实际)?完成(?:值与指标值的)?(?:比例|比率|程度)(?:计分|得分|折算)?',
    '按(?:实际完成值|完成值|实际值)(?:与|占)(?:年度)?(?:指标值|目标值)的?比例',
    '按比例(?:计分|得分|折算|扣分)',
    '(?:实际)?完成值/(?:年度)?(?:指标值|目标值)',
    '实际值/目标值',
    '(?<![A-Za-z])[AB]/[AB](?![A-Za-z])',
    '分值[×*](?:实际)?(?:完成率|完成比例|执行率)',
    '(?:完成率|完成比例|执行率)[×*]分值',
  ].join('|'),
);

/** True when the rule gives either the full max or nothing. */
function allOrNothing(rule: Rule, n: LintNode): boolean {
  const either = (score: { eq(x: unknown): boolean }) => score.eq(0) || score.eq(n.max);
  switch (rule.kind) {
    case 'target':
      return (rule.mode ?? 'all_or_nothing') === 'all_or_nothing';
    case 'bands':
      return rule.bands.every((b) => either(b.score)) && (rule.otherwise === undefined || either(rule.otherwise));
    case 'cases':
      return rule.cases.every((c) => either(c.score)) && (rule.otherwise === undefined || either(rule.otherwise.score));
    default:
      return false;
  }
}

/**
 * The 评分标准 says the score is proportional to completion — 按完成比例, 完成值/指标值, B/A — while
 * the rule is all-or-nothing (`standard_says_proportional`, warning): an all-or-nothing target,
 * or bands or cases that only ever give the max or 0. A partly met target would then score 0
 * where the sheet gives part of the points (`mode: proportional` on a target). Standards the
 * parser reads as a whole rule are compared by `standard-text` instead.
 */
export const proportionalText: LintCheck = {
  name: 'proportional-text',
  summary: '评分标准写明按比例计分时，规则不是全有或全无 · a proportional 评分标准 is not scored all-or-nothing',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      const rule = n.rule;
      const text = n.doc.standard;
      if (!rule || text === undefined || !allOrNothing(rule, n)) continue;
      const m = PROPORTIONAL.exec(normalise(text).replace(/[／÷]/g, '/').replace(/[Ａ-Ｂ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
      if (!m || parseStandard(text, { name: n.name })) continue;
      const hint = rule.kind === 'target' ? '可设 mode: proportional' : undefined;
      const hintEn = rule.kind === 'target' ? 'set mode: proportional' : undefined;
      out.push(ctx.issue('standard_says_proportional', { phrase: m[0], kind: rule.kind, hint, hintEn }, [...n.docPath, 'standard'], { indicator: n.path }));
    }
    return out;
  },
};
