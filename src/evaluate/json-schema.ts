import * as z from 'zod';
import { inputDocumentSchema } from './input.js';

/** The JSON Schema of evaluation input files (values, assessments, vetoes). */
export function inputJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(inputDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://unpkg.com/jixiao/input.schema.json',
    title: 'jixiao 评价数据 · evaluation input',
  };
}
