import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const pct = '率: { type: percent, min: 0, max: 100 }';
const bands = (list: string, opts: { inputs?: string; otherwise?: string; max?: number } = {}) =>
  oneLeaf(`{ kind: bands, value: 率, bands: [${list}]${opts.otherwise ? `, otherwise: ${opts.otherwise}` : ''} }`, { inputs: opts.inputs ?? pct, max: opts.max ?? 5 });
const found = (doc: string) => lint(doc, 'bands').map((i) => [i.code, i.severity, i.params.band ?? i.params.gaps ?? i.params.best]);

describe('lint bands: exact gaps, overlaps and unreachable bands over the declared range', () => {
  it('重点支出安排率 as the sheet writes it (≥90 / [80,90) / [70,80) / [60,70) / <60) is clean', () => {
    expect(found(bands('{ when: "≥90", score: 5 }, { when: "[80, 90)", score: 4 }, { when: "[70, 80)", score: 3 }, { when: "[60, 70)", score: 2 }, { when: "<60", score: 0 }'))).toStrictEqual([]);
  });

  it('a missing 70%–80% band is a gap: an error naming [70, 80) and the declared range', () => {
    const doc = bands('{ when: "≥90", score: 5 }, { when: "[80, 90)", score: 4 }, { when: "<70", score: 0 }');
    const issues = lint(doc, 'bands');
    expect(found(doc)).toStrictEqual([['band_gap', 'error', '[70, 80)']]);
    expect(issues[0]!.message).toBe('分档没有覆盖 [70, 80)（取值范围 [0, 100]）：率落在其中时无法计分，请补充分档或设置 otherwise');
    expectAt(issues[0], doc, 'bands: [');
  });

  it('one wrong edge is a one-point gap: (80, 90) after ≥90 leaves 80 itself unscored', () => {
    expect(found(bands('{ when: "≥90", score: 5 }, { when: "(80, 90)", score: 4 }, { when: "<80", score: 0 }'))).toStrictEqual([['band_gap', 'error', '{80}']]);
  });

  it('otherwise covers every gap', () => {
    expect(found(bands('{ when: "≥90", score: 5 }, { when: "[80, 90)", score: 4 }', { otherwise: '0' }))).toStrictEqual([]);
  });

  it('[80, 90] after ≥90 overlaps it at 90: a warning on the second band', () => {
    const doc = bands('{ when: "≥90", score: 5 }, { when: "[80, 90]", score: 4 }, { when: "<80", score: 0 }');
    const issues = lint(doc, 'bands');
    expect(found(doc)).toStrictEqual([['band_overlap', 'warning', 2]]);
    expect(issues[0]!.message).toBe('第 2 档“[80, 90]”与第 1 档“≥90”在 {90} 重叠，重叠部分按第 1 档计分');
    expectAt(issues[0], doc, 'when: "[80, 90]"');
  });

  it('a band covered by the bands before it is never used', () => {
    expect(found(bands('{ when: "≥80", score: 5 }, { when: "≥90", score: 4 }, { when: "<80", score: 0 }'))).toStrictEqual([['band_unreachable', 'warning', 2]]);
  });

  it('a band outside the declared range [0, 100] is never used', () => {
    const doc = bands('{ when: ">100", score: 5 }, { when: "[90, 100]", score: 5 }, { when: "<90", score: 0 }');
    expect(lint(doc, 'bands').map((i) => i.message)).toStrictEqual(['第 1 档“>100”在率的取值范围 [0, 100] 之外，永远不会用到']);
  });

  it('without a declared range every number counts: ≥0 leaves the negatives uncovered', () => {
    expect(found(bands('{ when: "≥0", score: 5 }', { inputs: '率: { type: percent }' }))).toStrictEqual([['band_gap', 'error', '(-∞, 0)']]);
  });

  it('a count takes whole numbers only: =0 / [1, 2] / >2 has no gap, =0 / ≥2 misses 1', () => {
    const count = '率: { type: count }';
    expect(found(bands('{ when: "=0", score: 5 }, { when: "[1, 2]", score: 3 }, { when: ">2", score: 0 }', { inputs: count }))).toStrictEqual([]);
    expect(found(bands('{ when: "=0", score: 5 }, { when: "≥2", score: 0 }', { inputs: count }))).toStrictEqual([['band_gap', 'error', '(0, 2)']]);
  });

  it('no reachable band gives the max: max_unreachable', () => {
    expect(found(bands('{ when: "≥90", score: 4 }, { when: "<90", score: 0 }'))).toStrictEqual([['max_unreachable', 'warning', '4']]);
  });

  it('passes both bundled rubrics', () => {
    for (const id of ['hunan-department', 'kunming-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['bands'] }).issues).toStrictEqual([]);
  });
});
