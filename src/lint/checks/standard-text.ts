import type { Issue } from '../../issues/issue.js';
import { ruleDifferences } from '../../text/compare.js';
import { parseStandard } from '../../text/parse.js';
import type { LintCheck } from '../context.js';

/** Kinds whose text states every figure that decides the score. */
const COMPARABLE = new Set(['per_unit', 'bands', 'count', 'cases', 'checklist', 'target']);

/**
 * The 评分标准 text says what the rule does (`standard_mismatch`, warning). The standard is read
 * with the same parser `jixiao import` uses; when it reads as a rule, that rule is compared with
 * the encoded one: the kind, the full score the text names (“计5分”) against the indicator's
 * max, and every figure that decides a score (standard, points per unit, band edges with their
 * inclusive/exclusive sides and scores, item points, target). Names of figures and wording are
 * not compared. A standard the parser cannot read, and judgement or formula rules (an author's
 * deliberate choice), are not findings.
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
      const parsed = parseStandard(text, { name: n.name });
      if (!parsed) continue;
      let diffs;
      try {
        diffs = ruleDifferences(parsed, rule, n.max);
      } catch {
        continue; // the text read as something the rule schema refuses: not comparable
      }
      if (diffs.length)
        out.push(ctx.issue('standard_mismatch', { detail: diffs.map((d) => d.zh).join('；'), detailEn: diffs.map((d) => d.en).join('; ') }, [...n.docPath, 'standard'], { indicator: n.path }));
    }
    return out;
  },
};
