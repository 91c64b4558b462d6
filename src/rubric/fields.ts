import * as z from 'zod';
import { parseDecimal, type Decimal } from '../decimal.js';

/**
 * A decimal figure: a YAML/JSON number (kept as its source text) or a decimal string.
 * Parses to an exact Decimal.
 */
export const decimalField = z
  .union([z.number(), z.string()])
  .transform((raw, ctx): Decimal => {
    const r = parseDecimal(raw);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: 'invalid number', params: { jixiao: 'invalid_number', received: String(raw), reason: r.reason } });
      return z.NEVER;
    }
    return r.value;
  })
  .meta({ description: '十进制数字（可写作数字或带引号的字符串）· a decimal number, as a number or a quoted string' });

/** A non-negative decimal. */
export const nonNegative = decimalField.refine((d) => !d.isNegative(), {
  params: { jixiao: 'invalid_value', expected: '不小于 0 的数', expectedEn: 'a number ≥ 0' },
});

/** A positive decimal. */
export const positive = decimalField.refine((d) => d.gt(0), {
  params: { jixiao: 'invalid_value', expected: '大于 0 的数', expectedEn: 'a number > 0' },
});

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
