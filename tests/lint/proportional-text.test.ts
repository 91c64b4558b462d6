import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const INPUTS = '完成率: { type: percent, min: 0, max: 100 }';
const leaf = (standard: string, rule: string) => oneLeaf(rule, { inputs: INPUTS, standard, max: 10 });
const found = (doc: string) => lint(doc, 'proportional-text');

describe('lint proportional-text: a 评分标准 that says B/A, a rule that is all-or-nothing', () => {
  it('“未达到的按完成值与指标值的比例计分” on an all-or-nothing target: a warning at the standard', () => {
    const doc = leaf('定量指标：达到年度指标值的得满分，未达到的按完成值与指标值的比例计分。', '{ kind: target, value: 完成率, target: "≥95%" }');
    const issues = found(doc);
    expect(issues.map((i) => [i.code, i.severity, i.indicator])).toStrictEqual([['standard_says_proportional', 'warning', '指标']]);
    expect(issues[0]!.message).toBe('评分标准写明按比例计分（“按完成值与指标值的比例计分”），规则却是全有或全无（target）：未完全达到时应按完成比例得分，可设 mode: proportional');
    expectAt(issues[0], doc, 'standard:');
  });

  it('B/A, 完成值/指标值 and 分值×完成率, in full-width or half-width', () => {
    for (const standard of ['得分=B/A×分值。', '得分＝分值×实际完成值／指标值。', '得分=分值×完成率。'])
      expect(found(leaf(standard, '{ kind: target, value: 完成率, target: "≥95%" }')).map((i) => i.code), standard).toStrictEqual(['standard_says_proportional']);
  });

  it('bands that only give the max or 0 are all-or-nothing too; bands with steps between are not', () => {
    expect(found(leaf('按完成比例计分。', '{ kind: bands, value: 完成率, bands: [{ when: "≥95", score: 10 }], otherwise: 0 }')).map((i) => i.code)).toStrictEqual(['standard_says_proportional']);
    expect(found(leaf('按完成比例计分。', '{ kind: bands, value: 完成率, bands: [{ when: "≥95", score: 10 }, { when: "[80, 95)", score: 6 }], otherwise: 0 }'))).toStrictEqual([]);
  });

  it('a proportional target, a formula, and a standard that says nothing of proportion pass', () => {
    expect(found(leaf('未达到的按完成值与指标值的比例计分。', '{ kind: target, value: 完成率, target: "≥95%", mode: proportional }'))).toStrictEqual([]);
    expect(found(leaf('得分=B/A×分值。', '{ kind: formula, score: "完成率 / 100 * 10" }'))).toStrictEqual([]);
    expect(found(leaf('完成率≥95%得满分，未达到不得分。', '{ kind: target, value: 完成率, target: "≥95%" }'))).toStrictEqual([]);
  });

  it('a sentence the parser reads as a whole rule is left to standard-text (one finding, not two)', () => {
    const doc = leaf('完成率≥95%，达到目标计10分，未达到按完成比例计分。', '{ kind: target, value: 完成率, target: "≥95%" }');
    expect(found(doc)).toStrictEqual([]);
    expect(lint(doc).map((i) => i.code)).toContain('standard_mismatch');
  });

  it('the bundled rubrics pass', () => {
    for (const id of ['hunan-department', 'kunming-department', 'hunan-county-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['proportional-text'] }).issues).toStrictEqual([]);
  });
});
