import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const pct = '在职人员控制率: { type: percent }';
const STANDARD = '以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。';

describe('lint standard-text: the 评分标准 says what the rule does', () => {
  it('the Hunan sentence and its rule agree', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', { inputs: pct, standard: STANDARD });
    expect(lint(doc, 'standard-text')).toStrictEqual([]);
  });

  it('扣0.5分 in the text, 1 in the rule: a warning at the standard naming both figures', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 1 }', { inputs: pct, standard: STANDARD });
    const issues = lint(doc, 'standard-text');
    expect(issues.map((i) => [i.code, i.severity, i.message])).toStrictEqual([
      ['standard_mismatch', 'warning', '评分标准与评分规则不一致：每单位扣分：评分标准为 0.5，规则为 1'],
    ]);
    expectAt(issues[0], doc, 'standard:');
  });

  it('计5分 in the text on an indicator of 6 points', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', { inputs: pct, standard: STANDARD, max: 6 });
    expect(lint(doc, 'standard-text').map((i) => i.params.detail)).toStrictEqual(['满分：评分标准为 5，规则为 6']);
  });

  it('80%（含）-90% in the text, (80, 90] in the rule: the inclusive edge matters', () => {
    const doc = oneLeaf('{ kind: bands, value: 率, bands: [{ when: "≥90", score: 5 }, { when: "(80, 90)", score: 4 }, { when: "≤80", score: 0 }] }', {
      inputs: '率: { type: percent }', standard: '率≥90%，计5分；80%（含）-90%，计4分；低于80%不得分。',
    });
    expect(lint(doc, 'standard-text').map((i) => i.params.detail)).toStrictEqual([
      '分档：评分标准为 ≥90 5；80（含）-90 4；低于80 0，规则为 ≥90 5；80（不含）-90 4；≤80 0',
    ]);
  });

  it('a standard the parser cannot read, and judgement rules, are not findings', () => {
    const vague = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 1 }', { inputs: pct, standard: '按实际情况酌情扣分。' });
    expect(lint(vague, 'standard-text')).toStrictEqual([]);
    const judged = oneLeaf('{ kind: judgement }', { standard: STANDARD });
    expect(lint(judged, 'standard-text')).toStrictEqual([]);
  });

  it('passes both bundled rubrics: every Hunan standard that reads as a rule agrees with it, and every Kunming target', () => {
    for (const id of ['hunan-department', 'kunming-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['standard-text'] }).issues).toStrictEqual([]);
  });
});
