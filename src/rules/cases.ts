import * as z from 'zod';
import { formulaField, nonNegative } from './fields.js';
import type { CompiledFormula } from '../formula/compile.js';
import { comparedEdges, Exact, pts } from './common.js';
import type { RuleImpl } from './types.js';

const outcome = { score: nonNegative, label: z.string().min(1).optional() };
const schema = z
  .strictObject({
    kind: z.literal('cases'),
    cases: z.array(z.strictObject({ when: formulaField, ...outcome })).min(1),
    otherwise: z.strictObject(outcome).optional(),
  })
  .meta({ title: 'cases', description: '按条件（如两个数据的比较）计分 · the first true condition gives the score' });

/** 无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分. */
export const cases: RuleImpl<typeof schema> = {
  kind: 'cases',
  schema,
  summary: '按条件计分（如两个数据比较），取第一个成立的条件',
  compile(rule, ctx) {
    const conds: { when: CompiledFormula; score: Exact; label: string }[] = [];
    let ok = true;
    rule.cases.forEach((c, i) => {
      const when = ctx.formula(c.when, ['cases', i, 'when'], 'boolean');
      if (c.score.gt(ctx.max)) {
        ctx.issue('score_above_max', { score: pts(c.score), max: pts(ctx.max) }, ['cases', i, 'score']);
        ok = false;
      }
      if (when) conds.push({ when, score: Exact.fromDecimal(c.score), label: c.label ?? c.when });
      else ok = false;
    });
    if (rule.otherwise && rule.otherwise.score.gt(ctx.max)) {
      ctx.issue('score_above_max', { score: pts(rule.otherwise.score), max: pts(ctx.max) }, ['otherwise', 'score']);
      ok = false;
    }
    if (!ok) return undefined;
    const names = [...new Set(conds.flatMap((c) => c.when.refs))];
    // The edges the conditions compare each figure with: printed on its side of each of them.
    const edges = new Map<string, Exact[]>();
    for (const c of conds)
      for (const [name, list] of comparedEdges(c.when)) {
        const all = edges.get(name) ?? [];
        for (const x of list) if (!all.some((e) => e.eq(x))) all.push(x);
        edges.set(name, all);
      }
    const otherwise = rule.otherwise ? Exact.fromDecimal(rule.otherwise.score) : undefined;
    return {
      score(s) {
        const figures = () => names.map((n) => s.figure(n, edges.get(n))).join('、');
        const hit = conds.find((c) => s.test(c.when));
        const chosen = hit ?? (otherwise ? { score: otherwise, label: rule.otherwise!.label ?? '其他情形' } : undefined);
        if (!chosen) s.fail('no_case_matched', { figures: figures() });
        const score = s.round(chosen!.score);
        const lost = s.max.minus(score);
        if (!lost.isPositive()) return { score, deductions: [] };
        const got = score.isZero() ? '不得分' : `计${pts(score)}分`;
        return { score, deductions: [{ points: lost, reason: `${figures()}，${chosen!.label}，${got}，扣${pts(lost)}分` }] };
      },
    };
  },
  describe(rule) {
    const when = (f: string) => f.replace(/\s+and\s+/g, '且').replace(/\s+or\s+/g, '或');
    const parts = rule.cases.map((c) => `${c.label ?? when(c.when)}，${c.score.isZero() ? '不得分' : `${pts(c.score)}分`}`);
    if (rule.otherwise) parts.push(`${rule.otherwise.label ?? '其他情形'}，${rule.otherwise.score.isZero() ? '不得分' : `${pts(rule.otherwise.score)}分`}`);
    return `${parts.join('；')}。`;
  },
};
