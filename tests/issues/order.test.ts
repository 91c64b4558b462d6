/**
 * Issues come with the likely cause first: an unknown name near a declared one (a typo) before
 * the rest, and what is missing — often the same typo seen from the other side — last; within
 * each, in document order. Deterministic and stable.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate, safeLoadRubric, type EvaluationInput } from '../../src/index.js';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const rubric = loadRubric(read('examples/miluo-2017/rubric.yaml'));
const valid = JSON.parse(read('examples/miluo-2017/input.json')) as { values: Record<string, unknown>; assessments: Record<string, unknown> };
const issues = (input: EvaluationInput | string) => {
  const r = safeEvaluate(rubric, input);
  if (r.success) throw new Error('expected issues');
  return r.issues;
};
/** The same record with one key renamed, in its place. */
const renamed = (record: Record<string, unknown>, from: string, to: string) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));

describe('a typo and a missing block: the typo first', () => {
  // 编制人数 written 编制人教, and no assessments at all.
  const input = { values: renamed(valid.values, '编制人数', '编制人教') } as EvaluationInput;
  it('the input as an object: input_unknown 编制人教 (是否应为“编制人数”？) first, input_missing 编制人数 last', () => {
    const all = issues(input);
    expect(valid.values['编制人数']).toBeDefined();
    expect(all.length).toBeGreaterThan(10);
    expect([all[0]!.code, all[0]!.path, all[0]!.params.hint]).toEqual(['input_unknown', ['values', '编制人教'], '编制人数']);
    expect(all[0]!.message).toBe('评分表未声明输入数据“编制人教”，是否应为“编制人数”？');
    // What is missing comes after everything else.
    const firstMissing = all.findIndex((i) => i.code.endsWith('_missing'));
    expect(all.slice(firstMissing).every((i) => i.code.endsWith('_missing'))).toBe(true);
    expect(all.slice(firstMissing).map((i) => i.path)).toContainEqual(['values', '编制人数']);
  });
  it('the input as JSON text (issues with line and column): the same order', () => {
    const text = JSON.stringify(input, null, 2);
    expect(issues(text).map((i) => [i.code, i.path])).toEqual(issues(input).map((i) => [i.code, i.path]));
  });
  it('deterministic: the same list every time', () => expect(issues(input)).toStrictEqual(issues(structuredClone(input))));
});

describe('within each rank, document order; the rest keep the order they were found in', () => {
  it('two typos, 编制人教 then 在职人树: both first, in the order they stand', () => {
    const values = renamed(renamed(valid.values, '编制人数', '编制人教'), '在职人数', '在职人树');
    const all = issues({ values, assessments: valid.assessments } as EvaluationInput);
    expect(all.slice(0, 2).map((i) => i.path)).toEqual([['values', '在职人树'], ['values', '编制人教']]);
  });
  it('an unknown name far from every declared one is no typo: it stays with the rest, before what is missing', () => {
    const values = { ...renamed(valid.values, '编制人数', '编制人教'), 完全无关的名称: 1 };
    const all = issues({ values, assessments: valid.assessments } as EvaluationInput);
    expect(all.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['input_unknown', '编制人教'],
      ['input_unknown', '完全无关的名称'],
      ['input_missing', '编制人数'],
    ]);
  });
});

describe('rubrics: a misspelt key before the key it leaves missing', () => {
  it('name written nmae (line 2): unknown_key (did you mean name?) before missing_key name (line 1)', () => {
    const r = safeLoadRubric('id: t\nnmae: 测试\nindicators:\n  - { id: 甲, name: 甲, max: 100, rule: { kind: judgement } }\n');
    if (r.success) throw new Error('expected issues');
    expect(r.issues.map((i) => [i.code, i.params.hint ?? i.params.key, i.source?.line])).toEqual([
      ['unknown_key', 'name', 2],
      ['missing_key', 'name', 1],
    ]);
  });
});

describe('property: any single misspelling of a known key in a valid input is the first issue', () => {
  const misspell = (word: string, kind: number, at: number, ch: string): string => {
    const cs = [...word];
    const i = at % cs.length;
    if (kind === 0) cs[i] = ch; // a character replaced
    else if (kind === 1) cs.splice(i, 1); // one left out
    else if (kind === 2) cs.splice(i, 0, ch); // one too many
    else if (i + 1 < cs.length) [cs[i], cs[i + 1]] = [cs[i + 1]!, cs[i]!]; // two swapped
    return cs.join('');
  };
  const valueKeys = Object.keys(valid.values);
  const assessmentKeys = Object.keys(valid.assessments);
  it('values and assessments, as an object or as text', () =>
    fc.assert(
      fc.property(
        fc.constantFrom('values' as const, 'assessments' as const),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.constantFrom('数', '人', 'a', '率', '的', 'x', '1'),
        fc.boolean(),
        (section, pick, kind, at, ch, asText) => {
          const keys = section === 'values' ? valueKeys : assessmentKeys;
          const key = keys[pick % keys.length]!;
          const typo = misspell(key, kind, at, ch);
          fc.pre(typo !== '' && typo !== key && !rubric.inputs.has(typo) && !keys.includes(typo) && !rubric.byId.has(typo));
          const input = { values: valid.values, assessments: valid.assessments, [section]: renamed(valid[section], key, typo) };
          const first = issues(asText ? JSON.stringify(input) : (input as EvaluationInput))[0]!;
          expect([first.code, first.path]).toEqual([section === 'values' ? 'input_unknown' : 'assessment_unknown', [section, typo]]);
          expect(typeof first.params.hint).toBe('string');
        },
      ),
      { numRuns: 300 },
    ));
});
