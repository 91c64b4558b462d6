import * as z from 'zod';
import { MAX_MAGNITUDE, parseDecimal, type Decimal } from '../decimal.js';

/**
 * Decimal figures in rubric files. YAML numbers reach the schema as their source text, so the
 * string branch is what a rubric file exercises; the number branch serves objects built in code.
 * Both branches carry their bounds, so the generated JSON Schema says what the loader says.
 */
const DECIMAL = '^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$';
const NON_NEGATIVE = '^\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$';
const LIMIT = MAX_MAGNITUDE.toNumber();
// The message tags the check so the issue mapper reports it with jixiao's own code and words.
const NOT_A_NUMBER = { message: 'jixiao:invalid_number' };
const NOT_NON_NEGATIVE = { message: 'jixiao:non_negative' };
const NOT_POSITIVE = { message: 'jixiao:positive' };

function exact(raw: string | number, ctx: z.core.$RefinementCtx): Decimal {
  const r = parseDecimal(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: 'invalid number', params: { jixiao: 'invalid_number', received: String(raw), reason: r.reason } });
    return z.NEVER;
  }
  return r.value;
}

const described = { description: '十进制数字（可写作数字或带引号的字符串）· a decimal number, as a number or a quoted string' };

/** Any decimal figure. */
export const decimalField = z
  .union([z.number().min(-LIMIT).max(LIMIT), z.string().regex(new RegExp(DECIMAL), NOT_A_NUMBER)])
  .transform(exact)
  .meta(described);

/** A decimal ≥ 0. */
export const nonNegative = z
  .union([z.number().min(0).max(LIMIT), z.string().regex(new RegExp(NON_NEGATIVE), NOT_NON_NEGATIVE)])
  .transform(exact)
  .meta(described);

/** A decimal > 0. */
export const positive = z
  .union([z.number().gt(0).max(LIMIT), z.string().regex(new RegExp(NON_NEGATIVE), NOT_POSITIVE)])
  .transform(exact)
  .refine((d) => d.gt(0), { params: { jixiao: 'invalid_value', expected: '大于 0 的数', expectedEn: 'a number > 0' } })
  .meta(described);

/** Formula text. YAML numbers arrive as their source text, so `value: 100` is the formula `100`. */
export const formulaField = z
  .union([z.string().min(1), z.number()])
  .transform((v) => String(v))
  .meta({ description: '公式：输入数据或派生指标的名称，或由它们组成的算式 · a formula over inputs and metrics' });

/** Non-empty text; numbers written in YAML are read as their text. */
export const textField = z
  .union([z.string().trim().min(1), z.number()])
  .transform((v) => String(v));

export const optionalText = z.union([z.string(), z.number()]).transform((v) => String(v)).optional();
