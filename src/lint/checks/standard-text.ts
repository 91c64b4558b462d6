import type { Issue } from '../../issues/issue.js';
import { ruleDifferences } from '../../text/compare.js';
import { readStandard, unreadClauses } from '../../text/parse.js';
import type { LintCheck } from '../context.js';

/** Kinds whose text states every figure that decides the score. */
const COMPARABLE = new Set(['per_unit', 'bands', 'count', 'cases', 'checklist', 'target']);

/**
 * The 评分标准 text says what the rule does (`standard_mismatch`, warning). The standard is read
 * with the parser `jixiao import` uses ({@link readStandard}: a sentence that leaves a figure
 * unsaid, such as 每减少1个百分点扣1分 without its standard, is read for what it does say); when
 * it reads as a rule, that rule is compared with the encoded one: the kind, the full score the
 * text names (“计5分”) against the indicator's max, and every figure that decides a score
 * (standard, points per unit, band edges with their inclusive/exclusive sides and scores, item
 * points, target). Names of figures and wording are not compared. A standard of a comparable rule
 * that the parser cannot read is `standard_unread` (info, naming the sentence): "no problems"
 * then says that every text was compared. Judgement and formula rules (an author's deliberate
 * choice) are not compared.
 */
export const standardText: LintCheck = {
  name: 'standard-text',
  summary: '评分标准文字与评分规则一致 · the 评分标准 says what the rule does',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      const rule = n.rule;
      const text = n.doc.standard;
      if (!rule || text === undefined || !COMPARABLE.has(rule.kind)) continue;
      const path = [...n.docPath, 'standard'];
      const unread = (detail?: string, detailEn?: string) =>
        out.push(ctx.issue('standard_unread', { text: shorten(text), detail, detailEn }, path, { indicator: n.path, severity: 'info' }));
      // The 分值 settles phrases that name it (扣完20分为止, 得满分, 最多10分).
      const opts = { name: n.name, max: n.max.toFixed() };
      const parsed = readStandard(text, opts);
      if (!parsed) {
        const left = unreadClauses(text, opts);
        if (left.length) unread(`${left.map((c) => `“${c}”`).join('、')}不在能识别的规则之内`, `${left.map((c) => `"${c}"`).join(', ')} is not part of a rule the reader knows`);
        else unread();
        continue;
      }
      let diffs;
      try {
        diffs = ruleDifferences(parsed, rule, n.max);
      } catch {
        unread('读作的规则无效', 'it reads as an invalid rule');
        continue;
      }
      if (diffs.length)
        out.push(ctx.issue('standard_mismatch', { detail: diffs.map((d) => d.zh).join('；'), detailEn: diffs.map((d) => d.en).join('; ') }, path, { indicator: n.path }));
    }
    return out;
  },
};

/** The sentence on one line, cut at 60 characters. */
function shorten(text: string): string {
  const one = text.replace(/\s*\n\s*/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 60)}…` : one;
}
