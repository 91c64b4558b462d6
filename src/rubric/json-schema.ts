import * as z from 'zod';
import { rubricSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of rubric files, generated from the same zod schema the
 * loader uses, so editors and jixiao agree on what a rubric may contain.
 * @example writeFileSync('rubric.schema.json', JSON.stringify(rubricJsonSchema(), null, 2))
 */
export function rubricJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(rubricSchema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }),
    $id: 'https://unpkg.com/jixiao/rubric.schema.json',
    title: 'jixiao 评分表 · rubric',
    // What the loader checks across keys: a rubric has indicators, a variant extends one.
    oneOf: [
      { required: ['indicators'], not: { anyOf: [{ required: ['extends'] }, { required: ['overrides'] }, { required: ['remove'] }, { required: ['add'] }] } },
      { required: ['extends'], not: { required: ['indicators'] } },
    ],
  };
}
