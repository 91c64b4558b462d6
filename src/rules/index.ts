import * as z from 'zod';
import { bands } from './bands.js';
import { cases } from './cases.js';
import { checklist } from './checklist.js';
import { count } from './count.js';
import { formula } from './formula.js';
import { judgement } from './judgement.js';
import { perUnit } from './per-unit.js';
import { target } from './target.js';
import type { RuleImpl } from './types.js';

/** The YAML schema of a `rule:` — one branch per rule kind, chosen by `kind`. */
export const ruleSchema = z.discriminatedUnion('kind', [
  perUnit.schema,
  bands.schema,
  count.schema,
  cases.schema,
  checklist.schema,
  target.schema,
  judgement.schema,
  formula.schema,
]);

export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

/** Every rule kind, by name. A kind missing here is a compile error. */
export const rules = {
  per_unit: perUnit,
  bands,
  count,
  cases,
  checklist,
  target,
  judgement,
  formula,
} satisfies { [K in RuleKind]: RuleImpl<z.ZodType<Extract<Rule, { kind: K }>, unknown>> };

export function ruleImpl<K extends RuleKind>(kind: K): RuleImpl<z.ZodType<Extract<Rule, { kind: K }>, unknown>> {
  return rules[kind] as unknown as RuleImpl<z.ZodType<Extract<Rule, { kind: K }>, unknown>>;
}
