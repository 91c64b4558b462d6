import type { Issue } from '../../issues/issue.js';
import { ruleFormulas, type LintCheck } from '../context.js';

/**
 * Names in formulas exist, and every declared figure is used.
 * - `unknown_name` (error): a metric or rule formula reads a name that is neither an input nor a
 *   metric (every unknown name is listed, not only the first).
 * - `unused_input` (warning): a required input that no rule, metric, weight or 一票否决 condition reads — every
 *   evaluation must supply a figure that changes nothing. An `optional: true` input is a
 *   record-only field and is not reported.
 * - `unused_metric` (warning): a metric that no rule and no metric reads. It is still computed
 *   and printed in the result's `metrics`, so a metric kept for display is accepted when its
 *   `description` says so.
 */
export const references: LintCheck = {
  name: 'references',
  summary: '公式中的名称都已声明，声明的输入数据和派生指标都被使用 · unknown and unused names',
  run(ctx) {
    const out: Issue[] = [];
    const read = new Set<string>();
    const visit = (text: string, path: (string | number)[], indicator?: string) => {
      const refs = ctx.refsOf(text);
      if (!refs) return; // a syntax error is the loader's formula_syntax
      for (const name of refs) {
        if (ctx.names.has(name)) read.add(name);
        else out.push(ctx.issue('unknown_name', { name, formula: text }, path, { severity: 'error', ...(indicator ? { indicator } : {}) }));
      }
    };
    for (const d of ctx.names.values()) if (d.source === 'metric' && d.formula !== undefined) visit(d.formula, d.path);
    for (const n of ctx.nodes) {
      // A weight computed from the inputs (以资金额度为权重) reads them too.
      if (typeof n.doc.weight === 'string') visit(n.doc.weight, [...n.docPath, 'weight'], n.path);
      if (!n.rule) continue;
      for (const f of ruleFormulas(n.rule)) visit(f.text, [...n.docPath, 'rule', ...f.at], n.path);
    }
    // So does the condition of a 一票否决 (重大违规例数 > 0).
    (ctx.doc.vetoes ?? []).forEach((v, i) => {
      if (v.when !== undefined) visit(v.when, ['vetoes', i, 'when']);
    });
    for (const d of ctx.names.values()) {
      if (read.has(d.name)) continue;
      if (d.source === 'input' && !d.optional) out.push(ctx.issue('unused_input', { name: d.name }, ['inputs', d.name]));
      if (d.source === 'metric' && d.description === undefined) out.push(ctx.issue('unused_metric', { name: d.name }, ['metrics', d.name]));
    }
    return out;
  },
};
