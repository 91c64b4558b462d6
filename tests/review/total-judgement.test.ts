/**
 * A filed total with nothing filed below it (汨罗 2018 prints only 98 and 优秀), against the total
 * by the rules. The difference is explained by judgement when some choice of the judgement items'
 * scores — 定性 rows inside their 档, 评价人打分 within their 分值 or on their levels — with every
 * other score by its rule gives the filed total exactly; otherwise it departs from the rules.
 *
 * 汨罗 2018 as completed (examples/miluo-2018-project/input.json): 97.86 by the rules, with three
 * judgement rows, each 达成 (the band [80%, 100%] of its 分值):
 *   第二批清单公布 6 of 6 → [4.8, 6]; 群众办事便捷度 18 of 20 → [16, 20]; 长效运行 10 of 10 → [8, 10].
 * Up, only 便捷度 can move: +2 → 99.86. Down: 1.2 + 2 + 2 = 5.2 → 92.66.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledRubric, loadRubric } from '../../src/index.js';
import { review, type FiledForm, type Finding } from '../../src/entries/review.js';
import { ITEM_LIMIT, reach, REACH_LIMIT, type FreeItem } from '../../src/review/freedom.js';

const national = loadBundledRubric('project-self-evaluation');
const miluoText = readFileSync(new URL('../../examples/miluo-2018-project/filed.json', import.meta.url), 'utf8');
const miluo = JSON.parse(miluoText) as FiledForm & { filed: Record<string, unknown> };
const withTotal = (total: string): FiledForm => ({ ...miluo, filed: { ...miluo.filed, total } });
const only = (f: FiledForm, rubric = national): Finding => {
  const fs = review(rubric, f).findings;
  expect(fs).toHaveLength(1);
  return fs[0]!;
};
const brief = (x: Finding) => `${x.class} ${x.severity} ${x.difference}`;

describe('汨罗 2018: 98 filed, 97.86 by the rules', () => {
  it('the filed form (examples/miluo-2018-project/filed.json) is explained by judgement: 便捷度 at 18.14 gives 98', () => {
    const r = review(national, miluoText, { file: 'filed.json' });
    expect([r.result.total, r.filed.total, r.filed.grade, r.clean]).toStrictEqual(['97.86', '98', '优秀', true]);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect([f.class, f.severity, f.indicator, f.filed, f.expected, f.difference, f.direction]).toStrictEqual(['judgement', 'accepted', '总分', '98', '97.86', '0.14', 'above']);
    expect(f.message).toBe('总分：按规则应得97.86分，填报98分，多0.14分（在评价人打分的幅度内，视为评价人判断）');
    expect(f.explanation!.zh).toContain('总分可在92.66至99.86分之间；填报98分可由此得到，如群众办事便捷度取18.14分');
    // 97.86 to a whole number is 98 too: said, not relied on.
    expect(f.explanation!.zh).toContain('按规则总分97.86分取整亦为98分');
    expect(f.source?.line).toBeGreaterThan(1);
  });

  it('99.86 (便捷度 at 20, all the room up) is judgement; 99.87 is 0.01 beyond it: a rule departure', () => {
    expect(brief(only(withTotal('99.86')))).toBe('judgement accepted 2');
    const beyond = only(withTotal('99.87'));
    expect(brief(beyond)).toBe('rule error 2.01');
    expect(beyond.message).toBe('总分：按规则应得97.86分，填报99.87分，多2.01分');
    expect(beyond.explanation!.zh).toContain('总分可在92.66至99.86分之间，填报99.87分不在其中');
  });

  it('92.66 (every judgement row at the foot of 达成: 4.8 + 16 + 8) is judgement; 92.65 is a rule departure', () => {
    const foot = only(withTotal('92.66'));
    expect(brief(foot)).toBe('judgement accepted -5.2');
    expect(foot.explanation!.zh).toContain('第二批“最多跑一次”服务事项清单公布取4.8分、群众办事便捷度取16分、政务服务体系长效运行取8分');
    expect(brief(only(withTotal('92.65')))).toBe('rule error -5.21');
  });

  it('98.005 is inside the range but off the 0.01 grid every score and total is on: a rule departure', () => {
    const f = only(withTotal('98.005'));
    expect(brief(f)).toBe('rule error 0.145');
    expect(f.explanation!.zh).toContain('填报98.005分不是其中任何一种取分之和');
  });

  it('97.86 filed: nothing; the grade 优秀 is 优', () => {
    expect(review(national, withTotal('97.86')).findings).toStrictEqual([]);
  });

  it('any 0.01 total from 85 to 100 is judgement exactly when it lies in [92.66, 99.86] (a property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8500, max: 10000 }), (cents) => {
        const t = (cents / 100).toFixed(2).replace(/\.?0+$/, '');
        // (The grade 优秀 is a finding of its own below 90.)
        const fs = review(national, withTotal(t)).findings.filter((f) => f.indicator === '总分');
        if (cents === 9786) return fs.length === 0;
        const inside = cents >= 9266 && cents <= 9986;
        return fs.length === 1 && fs[0]!.class === (inside ? 'judgement' : 'rule') && fs[0]!.severity === (inside ? 'accepted' : 'error');
      }),
      { numRuns: 300 },
    );
  });
});

describe('a form with no judgement item: every score is the rule’s', () => {
  it('稷山 2020 without its row scores, filed 94 against 99.77: a rule departure, 5.77 below', () => {
    const jishan = JSON.parse(readFileSync(new URL('../../examples/jishan-2020-peitao/input.json', import.meta.url), 'utf8')) as FiledForm;
    const f = only({ ...jishan, filed: { total: '94' } });
    expect([f.class, f.severity, f.difference, f.direction]).toStrictEqual(['rule', 'error', '-5.77', 'below']);
    expect(f.message).toBe('总分：按规则应得99.77分，填报94分，少5.77分');
    expect(f.explanation!.zh).toBe('表上没有评价人打分的指标（定性指标或评价人评分），总分全按规则计算');
  });
});

describe('评价人打分 on levels and on a step: the reachable totals have gaps', () => {
  // 完成 85 × 完成率; 目标相符 on levels 10 / 6 / 0; 管理规范 0–5 in steps of 0.5.
  const rubric = loadRubric(
    [
      'id: t-judgement',
      'name: 判断的幅度',
      'grades: [{ grade: 优, min: 90 }, { grade: 良, min: 80 }, { grade: 中, min: 60 }, { grade: 差, min: 0 }]',
      'inputs:',
      '  完成率: { type: percent }',
      'indicators:',
      '  - { id: 完成, name: 完成, max: 85, rule: { kind: formula, score: "85 * min(1, 完成率 / 100)" } }',
      '  - { id: 目标, name: 目标相符, max: 10, rule: { kind: judgement, levels: [{ level: 相符, points: 10 }, { level: 基本相符, points: 6 }, { level: 调整较大, points: 0 }] } }',
      '  - { id: 管理, name: 管理规范, max: 5, rule: { kind: judgement, step: 0.5 } }',
    ].join('\n'),
  );
  // By the rules: 85 × 0.8 = 68, + 6 (基本相符) + 4.5 = 78.5. The judgements give 68 + {0, 6, 10} + {0, 0.5, …, 5}:
  // [68, 73] ∪ [74, 83] in steps of 0.5.
  const filed = (total: string): FiledForm => ({
    values: { 完成率: 80 },
    assessments: { 目标: { level: '基本相符', reason: '目标调整' }, 管理: { score: 4.5, reason: '台账不全' } },
    filed: { total },
  });
  const cls = (t: string) => brief(only(filed(t), rubric));

  it('83 (相符 10, 管理 5) is judgement; 83.5 is beyond: a rule departure', () => {
    expect(cls('83')).toBe('judgement accepted 4.5');
    expect(cls('83.5')).toBe('rule error 5');
  });

  it('73 and 74 are judgement; 73.5 lies in the gap between the levels: a rule departure though inside [68, 83]', () => {
    expect(cls('73')).toBe('judgement accepted -5.5');
    expect(cls('74')).toBe('judgement accepted -4.5');
    const gap = only(filed('73.5'), rubric);
    expect(brief(gap)).toBe('rule error -5');
    expect(gap.explanation!.zh).toContain('总分可在68至83分之间，但填报73.5分不是其中任何一种取分之和');
  });

  it('78.25 is on the 0.01 grid but not on 管理规范’s 0.5 steps: a rule departure; 78 is judgement', () => {
    expect(cls('78.25')).toBe('rule error -0.25');
    expect(cls('78')).toBe('judgement accepted -0.5');
  });

  it('67.5 below the least (68): a rule departure', () => {
    expect(cls('67.5')).toBe('rule error -11');
  });
});

describe('reach: the sums of one score per item, against every choice enumerated', () => {
  it('too many to work out: a sum more than REACH_LIMIT steps up, an item with more than ITEM_LIMIT scores', () => {
    const wide: FreeItem = { assumed: 0n, runs: [{ from: 0n, to: REACH_LIMIT * 2n, stride: 1n }], tag: 0 };
    expect(reach([wide], REACH_LIMIT + 1n)).toBeUndefined();
    expect(reach([wide], 5n)).toBeUndefined();
    const fits: FreeItem = { assumed: 0n, runs: [{ from: 0n, to: ITEM_LIMIT - 1n, stride: 1n }], tag: 0 };
    expect(reach([fits], 5n)).toStrictEqual({ lo: 0n, hi: ITEM_LIMIT - 1n, reachable: true, witness: [5n] });
  });

  const run = fc.record({ from: fc.integer({ min: 0, max: 12 }), len: fc.integer({ min: 0, max: 4 }), stride: fc.integer({ min: 1, max: 3 }) }).map((r) => ({ from: BigInt(r.from), to: BigInt(r.from + r.len * r.stride), stride: BigInt(r.stride) }));
  const item = fc.array(run, { minLength: 1, maxLength: 3 });

  it('reachable exactly when some choice adds up to the sum, and the choice it gives does (a property)', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), fc.integer({ min: -2, max: 70 }), (runs, s) => {
        const points = runs.map((rs) => [...new Set(rs.flatMap((r) => Array.from({ length: Number((r.to - r.from) / r.stride) + 1 }, (_, k) => r.from + BigInt(k) * r.stride)))]);
        // The oracle: every choice, one score per item.
        let sums = new Set<bigint>([0n]);
        for (const ps of points) sums = new Set([...sums].flatMap((a) => ps.map((p) => a + p)));
        const items: FreeItem[] = runs.map((rs, i) => ({ assumed: points[i]![0]!, runs: rs, tag: i }));
        const r = reach(items, BigInt(s))!;
        const lo = points.reduce((a, ps) => a + ps.reduce((m, p) => (p < m ? p : m)), 0n);
        const hi = points.reduce((a, ps) => a + ps.reduce((m, p) => (p > m ? p : m)), 0n);
        if (r.lo !== lo || r.hi !== hi || r.reachable !== sums.has(BigInt(s))) return false;
        if (!r.reachable) return true;
        return r.witness!.every((w, i) => points[i]!.includes(w)) && r.witness!.reduce((a, w) => a + w, 0n) === BigInt(s);
      }),
      { numRuns: 400 },
    );
  });
});

describe('a 定性 row scaled with its section (weights: scaled): its scores are the band’s, doubled, on every other cent', () => {
  // 产出 (10 points) over rows of 2 + 3: each row × 2 (apportioned 4 and 6). The 定性 row's band
  // 达成 [1.6, 2] in steps of 0.01 scores 3.2, 3.22, …, 4; the met row 6. By the rules 1.8 → 3.6: 9.6.
  const rubric = loadRubric(
    [
      'id: t-scaled',
      'name: 折算的定性行',
      'grades: [{ grade: 优, min: 9 }, { grade: 差, min: 0 }]',
      'indicators:',
      '  - { id: 产出, name: 产出, max: 10, rows: { weights: scaled } }',
    ].join('\n'),
  );
  const filed = (total: string): FiledForm => ({
    rows: {
      产出: [
        { name: '按时完成', target: '按时完成', level: '达成', score: 1.8, weight: 2, reason: '略有延迟' },
        { name: '培训人次', target: '≥100人次', actual: '100人次', weight: 3 },
      ],
    },
    filed: { total },
  });
  const cls = (t: string) => brief(only(filed(t), rubric));

  it('9.62 (1.81 × 2) is judgement; 9.61 lies between two doubled cents: a rule departure', () => {
    expect(review(rubric, filed('9.6')).findings).toStrictEqual([]);
    expect(cls('9.62')).toBe('judgement accepted 0.02');
    expect(cls('9.61')).toBe('rule error 0.01');
  });

  it('10 (2 × 2) and 9.2 (1.6 × 2) are judgement; 10.02 and 9.18 are beyond', () => {
    expect(cls('10')).toBe('judgement accepted 0.4');
    expect(cls('9.2')).toBe('judgement accepted -0.4');
    expect(cls('10.02')).toBe('rule error 0.42');
    expect(cls('9.18')).toBe('rule error -0.42');
  });
});

describe('加分项 and 扣分项 judgements add into the total as they are; under 总分不超过 they do not', () => {
  const rubric = (extra: string) =>
    loadRubric(
      [
        'id: t-bonus',
        'name: 加分和扣分的判断',
        'grades: [{ grade: 优, min: 90 }, { grade: 差, min: 0 }]',
        extra,
        'inputs:',
        '  完成率: { type: percent }',
        'indicators:',
        '  - { id: 完成, name: 完成, max: 100, rule: { kind: formula, score: "100 * min(1, 完成率 / 100)" } }',
        '  - { id: 表彰, name: 获得表彰, max: 5, bonus: true, rule: { kind: judgement } }',
        '  - { id: 问题, name: 审计发现问题, max: 3, penalty: true, rule: { kind: judgement } }',
      ].join('\n'),
    );
  // 90 + 2 − 1 = 91 by the rules; the room: 90 + [0, 5] − [0, 3] = [87, 95].
  const filed = (total: string): FiledForm => ({ values: { 完成率: 90 }, assessments: { 表彰: { score: 2, reason: '市级表彰' }, 问题: { score: 1, reason: '台账不全' } }, filed: { total } });
  const plain = rubric('');

  it('95 (表彰 5, 问题 0) and 87 (表彰 0, 问题 3) are judgement; 95.01 and 86.99 are beyond', () => {
    expect(review(plain, filed('91')).findings).toStrictEqual([]);
    expect(brief(only(filed('95'), plain))).toBe('judgement accepted 4');
    expect(only(filed('95'), plain).explanation!.zh).toContain('如获得表彰取5分、审计发现问题取0分');
    expect(brief(only(filed('87'), plain))).toBe('judgement accepted -4');
    expect(brief(only(filed('95.01'), plain))).toBe('rule error 4.01');
    expect(brief(only(filed('86.99'), plain))).toBe('rule error -4.01');
  });

  it('with 总分不超过 100 the 加分项’s room is not a plain sum: a rule departure, and the explanation says why', () => {
    const f = only(filed('93'), rubric('maxTotal: 100'));
    expect([f.class, f.severity, f.difference]).toStrictEqual(['rule', 'error', '2']);
    expect(f.explanation!.zh).toBe('评价人打分的指标按权重、上限、折算、不适用或一票否决计入总分（或加分受总分上限所限），无法由其得分推算总分的幅度');
  });
});

describe('a partial form: some scores filed, a total, the rest unfiled', () => {
  // 汨罗 2018 with 群众满意率 filed at 5 (the rule gives 4.86: a rule departure of its own) and 社会公众满意度
  // filed at 5: the reference is 97.86 − 4.86 + 5 = 98 with the judgement rows (none filed) free: [92.8, 100].
  const partial = (total: string, extra: Record<string, unknown> = {}): FiledForm => {
    const rows = { ...miluo.rows!, 满意度指标: miluo.rows!['满意度指标']!.map((r) => ({ ...r, filed: 5 })), ...extra };
    return { ...miluo, rows, filed: { total } } as FiledForm;
  };
  const totals = (f: FiledForm) => review(national, f).findings.filter((x) => x.indicator === '总分');

  it('98 (the filed 10 and the rules elsewhere add up to it): no total finding; the row’s own departure stays', () => {
    const r = review(national, partial('98'));
    expect(r.findings.filter((x) => x.indicator === '总分')).toStrictEqual([]);
    expect(r.findings.map((x) => `${x.class} ${x.difference ?? ''}`)).toContain('rule 0.14');
  });

  it('100 (便捷度 at 20) is judgement, 100.01 is beyond; 92.8 (every judgement row at its foot) is judgement, 92.79 is not', () => {
    const at = (t: string) => totals(partial(t)).map((x) => `${x.class} ${x.severity} ${x.expected} ${x.difference}`);
    expect(at('100')).toStrictEqual(['judgement accepted 98 2']);
    expect(at('100.01')).toStrictEqual(['rule error 98 2.01']);
    expect(at('92.8')).toStrictEqual(['judgement accepted 98 -5.2']);
    expect(at('92.79')).toStrictEqual(['rule error 98 -5.21']);
    expect(totals(partial('100'))[0]!.message).toBe('总分：填报的各项按填报、其余按规则，应得98分，填报100分，多2分（在评价人打分的幅度内，视为评价人判断）');
  });

  it('a judgement row filed is the form’s word, not room: 便捷度 filed at 18 leaves [95.2, 98] (时效 and 长效运行 down, nothing up)', () => {
    const 效益 = miluo.rows!['效益指标']!.map((r) => (r.name === '群众办事便捷度' ? { ...r, filed: 18 } : r));
    const at = (t: string) => totals(partial(t, { 效益指标: 效益 })).map((x) => `${x.class} ${x.severity}`);
    expect(at('98.01')).toStrictEqual(['rule error']);
    expect(at('94.8')).toStrictEqual(['judgement accepted']);
    expect(at('94.79')).toStrictEqual(['rule error']);
  });
});
