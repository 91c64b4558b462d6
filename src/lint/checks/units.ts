import { parseFormula } from '../../formula/parse.js';
import { inferUnit } from '../../formula/units.js';
import type { Issue } from '../../issues/issue.js';
import { ruleFormulas, type LintCheck } from '../context.js';

/**
 * Money in a formula whose unit jixiao cannot infer: `差旅费 * 2 <= 上年结转` compares 元 with a
 * product, which may or may not be in 元. The loader refuses money in two different units
 * (`unit_mismatch`); what remains ambiguous is reported here (`unit_ambiguous`, a warning), so
 * the author can declare a metric with its `unit`.
 */
export const units: LintCheck = {
  name: 'units',
  summary: '公式中金额的单位可以确定 · money in a formula has a known unit',
  run(ctx) {
    const out: Issue[] = [];
    const unitOf = (name: string) => ctx.rubric?.metrics.get(name)?.unit || ctx.names.get(name)?.unit || '';
    const check = (text: string, path: (string | number)[], indicator?: string) => {
      let ast;
      try {
        ast = parseFormula(text);
      } catch {
        return; // the loader reports it
      }
      const r = inferUnit(ast, unitOf);
      if (r.ambiguous && !r.clash)
        out.push(ctx.issue('unit_ambiguous', { formula: text, unit: r.ambiguous.unit, column: r.ambiguous.col }, path, indicator ? { indicator, severity: 'warning' } : { severity: 'warning' }));
    };
    for (const [name, m] of Object.entries(ctx.doc.metrics ?? {})) {
      if (m === null) continue;
      check(typeof m === 'string' ? m : m.formula, ['metrics', name, ...(typeof m === 'string' ? [] : ['formula'])]);
    }
    for (const n of ctx.nodes) {
      if (!n.rule) continue;
      for (const f of ruleFormulas(n.rule)) check(f.text, [...n.docPath, 'rule', ...f.at], n.path);
    }
    return out;
  },
};
