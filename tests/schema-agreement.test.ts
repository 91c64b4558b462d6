import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledRubricIds, bundledRubricSource, safeLoadRubric } from '../src/index.js';
import { rubricJsonSchema } from '../src/entries/authoring.js';

// What the shipped JSON Schema rejects, the loader rejects, and the other way round — for every
// mistake of shape (the loader's checks of meaning, such as maxima that do not add up, are beyond
// what a JSON Schema can say).
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(rubricJsonSchema());
const leaf = `{ name: 甲, max: 5, rule: { kind: judgement } }`;
const sheet = (top: string, indicator = leaf) => `id: t\nname: 测试\n${top}\nindicators:\n  - ${indicator}\n`;

const shapes: [string, string][] = [
  ['an unknown top-level key', sheet('maxscore: 100')],
  ['an unknown indicator key', sheet('', '{ name: 甲, max: 5, points: 1, rule: { kind: judgement } }')],
  ['an unknown rule key', sheet('', '{ name: 甲, max: 5, rule: { kind: judgement, points: 1 } }')],
  ['a missing id', 'name: 测试\nindicators:\n  - ' + leaf + '\n'],
  ['no indicators and no extends', 'id: t\nname: 测试\n'],
  ['a max that is not a number', sheet('', '{ name: 甲, max: 五, rule: { kind: judgement } }')],
  ['a negative max', sheet('', '{ name: 甲, max: -1, rule: { kind: judgement } }')],
  ['a max beyond 10¹⁵', sheet('', '{ name: 甲, max: 1e16, rule: { kind: judgement } }')],
  ['an unknown rule kind', sheet('', '{ name: 甲, max: 5, rule: { kind: guess } }')],
  ['a rule without kind', sheet('', '{ name: 甲, max: 5, rule: { value: a } }')],
  ['a per_unit direction that is not above/below', sheet('inputs: { a: { type: percent } }', '{ name: 甲, max: 5, rule: { kind: per_unit, value: a, standard: 100, direction: up, points: 1 } }')],
  ['per_unit points of 0 written as a negative', sheet('inputs: { a: { type: percent } }', '{ name: 甲, max: 5, rule: { kind: per_unit, value: a, standard: 100, direction: above, points: -0.5 } }')],
  ['a band without when', sheet('inputs: { a: { type: percent } }', '{ name: 甲, max: 5, rule: { kind: bands, value: a, bands: [{ score: 5 }] } }')],
  ['an empty band list', sheet('inputs: { a: { type: percent } }', '{ name: 甲, max: 5, rule: { kind: bands, value: a, bands: [] } }')],
  ['an empty checklist', sheet('', '{ name: 甲, max: 5, rule: { kind: checklist, items: [] } }')],
  ['precision 9', sheet('precision: 9')],
  ['an unknown rounding', sheet('rounding: nearest')],
  ['an unknown input type', sheet('inputs: { a: { type: money } }')],
  ['a grade without min', sheet('grades: [{ grade: 优秀 }]')],
  ['an empty indicator list', 'id: t\nname: 测试\nindicators: []\n'],
  ['empty children', sheet('', '{ name: 甲, max: 5, children: [] }')],
  ['indicators in a variant', 'extends: hunan-department\nid: v\nname: 变体\nindicators:\n  - ' + leaf + '\n'],
  ['overrides without extends', sheet('overrides: { 甲: { max: 4 } }')],
  ['a text where a mapping belongs', sheet('inputs: 在职人数')],
];

const fine: [string, string][] = [
  ...bundledRubricIds.map((id): [string, string] => [`bundled ${id}`, bundledRubricSource(id)!]),
  ['a one-leaf sheet', sheet('')],
  ['decimal strings', sheet('', '{ name: 甲, max: "5.5", rule: { kind: judgement, step: "0.5" } }')],
  ['a variant', 'extends: hunan-department\nid: v\nname: 变体\noverrides: { 资金结余: { standard: 改写 } }\n'],
];

describe('the JSON Schema and the loader agree', () => {
  it.each(shapes)('both reject %s', (_, text) => {
    expect(validate(parse(text)), 'JSON Schema').toBe(false);
    expect(safeLoadRubric(text).success, 'loader').toBe(false);
  });

  it.each(fine)('both accept %s', (_, text) => {
    expect(validate(parse(text)), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    expect(safeLoadRubric(text).success, 'loader').toBe(true);
  });

  it('only the loader can see number spellings YAML erases: 0x10 is rejected though the schema sees 16', () => {
    const text = sheet('', '{ name: 甲, max: 0x10, rule: { kind: judgement } }');
    expect(validate(parse(text))).toBe(true);
    const r = safeLoadRubric(text);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.code).toBe('invalid_number');
  });
});
