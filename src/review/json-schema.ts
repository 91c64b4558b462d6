import * as z from 'zod';
import { filedDocumentSchema } from './schema.js';

/**
 * The JSON Schema of filed-form files (`jixiao schema filed`). Apart from the schema itself, so that
 * zod's JSON Schema writer stays out of the scoring core, as the input's does.
 */
export function filedJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(filedDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://unpkg.com/jixiao/filed.schema.json',
    title: 'jixiao 填报的自评表 · filed form',
  };
}
