import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledRubricIds, bundledRubricSource } from '../src/index.js';
import { inputJsonSchema, rubricJsonSchema } from '../src/entries/authoring.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('the shipped JSON Schemas', () => {
  it('rubric.schema.json is generated from the loader’s own schema (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(read('rubric.schema.json'))).toStrictEqual(rubricJsonSchema());
    expect(JSON.parse(read('input.schema.json'))).toStrictEqual(inputJsonSchema());
  });

  it('accepts every bundled rubric and example input', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const rubric = ajv.compile(rubricJsonSchema());
    for (const id of bundledRubricIds) expect(rubric(parse(bundledRubricSource(id)!)), id).toBe(true);
    const input = ajv.compile(inputJsonSchema());
    for (const ex of ['yunxi-2021', 'kunming-2017', 'miluo-2017', 'ezhou-2018', 'miluo-2018-project']) expect(input(JSON.parse(read(`examples/${ex}/input.json`))), ex).toBe(true);
  });
});
