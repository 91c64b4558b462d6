/**
 * The wording real sheets use, class by class: each sentence read by parseStandard with the
 * indicator's 分值, and the rule it reads scored on cases worked out by hand from the sentence
 * (edges, just beside them, x.xx5 ties). Sentences no rule can say stay unread, naming the phrase.
 */
import { describe, expect, it } from 'vitest';
import { Decimal, loadRubric, safeEvaluate, type RuleInput } from '../../src/index.js';
import { parseStandard, unreadClauses, type ParsedStandard } from '../../src/text/parse.js';

type Figures = number | number[];

/** The score the parsed rule gives each case (figures in the order the rule reads them; items met for a checklist). */
function scoreWith(p: ParsedStandard, max: number, figures: Figures): string {
  const rule: RuleInput = p.rule;
  const inputs: Record<string, { type: 'number' }> = {};
  const values: Record<string, string> = {};
  let assessments: Record<string, unknown> | undefined;
  if (rule.kind === 'checklist') {
    const met = new Set((figures as number[]).map(String));
    assessments = { 指标: { items: Object.fromEntries(rule.items.map((it, i) => [String(it.id ?? i + 1), met.has(String(i + 1))])) } };
  } else {
    const list = Array.isArray(figures) ? figures : [figures];
    expect(p.inputs.length, JSON.stringify(p.rule)).toBe(list.length);
    p.inputs.forEach((x, i) => {
      inputs[x.name] = { type: 'number' };
      values[x.name] = String(list[i]);
    });
  }
  const rubric = loadRubric({ id: 't', name: 't', inputs, indicators: [{ id: '指标', name: '指标', max, rule }] });
  const r = safeEvaluate(rubric, { values, ...(assessments ? { assessments } : {}) } as never);
  if (!r.success) throw new Error(r.issues.map((i) => i.code).join(','));
  return new Decimal(r.value.indicators[0]!.score).toFixed(2);
}

/** The sentence reads, on an indicator of `max`, to a rule that scores every case as computed by hand. */
function scores(text: string, max: number, cases: [Figures, number][], name = '指标'): ParsedStandard {
  const p = parseStandard(text, { name, max });
  expect(p, `${text}\n${unreadClauses(text, { name, max }).join('、')}`).toBeDefined();
  for (const [figures, want] of cases) expect(scoreWith(p!, max, figures), `${text} ${JSON.stringify(figures)} → ${JSON.stringify(p!.rule)}`).toBe(want.toFixed(2));
  return p!;
}

/** The sentence is not read, and the phrases that stopped it are named. */
function unread(text: string, max: number, ...phrases: string[]) {
  expect(parseStandard(text, { max }), text).toBeUndefined();
  const left = unreadClauses(text, { max });
  for (const p of phrases) expect(left.some((c) => c.includes(p)), `${text}: ${left.join('、')}`).toBe(true);
}

describe('what the max settles', () => {
  it('扣完10分为止 on a 10-point indicator is the floor every rule has; on an 8-point one it is not read', () => {
    // 99.99: 0.01 × 0.5 = 0.005 → 9.995 → 10.00
    scores('完成率100%的得10分,每减少1个百分点扣0.5分,扣完10分为止', 10, [[100, 10], [99.99, 10], [99, 9.5], [80, 0], [70, 0]], '完成率');
    unread('完成率100%的得10分,每减少1个百分点扣0.5分,扣完10分为止', 8, '扣完10分为止');
  });
  it('得满分 is the max', () =>
    scores('满意度≥90%得满分；80%（含）-90%得3分；低于80%不得分', 5, [[90, 5], [89.99, 3], [80, 3], [79.99, 0]]));
  it('100%计满分，每低于10%扣1分', () =>
    // 99.95: 0.05/10 × 1 = 0.005 → 3.995 → 4.00
    scores('100%计满分，每低于10%扣1分，扣完为止。', 4, [[100, 4], [99.95, 4], [95, 3.5], [60, 0]], '到位率'));
});

describe('per-unit steps as sheets write them', () => {
  it('a step in 例: 以0例为标准…每超过1例扣0.01分', () =>
    // 99 × 0.01 = 0.99 → 0.01; 100 → 0; 101 is past the floor
    scores('以0例为标准。例数≤0例，计1分；每超过1例扣0.01分，扣完为止。', 1, [[0, 1], [1, 0.99], [99, 0.01], [100, 0], [101, 0]], '例数'));
  it('达到95%以上的，得2分；每低1%，扣0.2分', () =>
    // 94.975: 0.025 × 0.2 = 0.005 → 1.995 → 2.00
    scores('覆盖率达到95%以上的，得2分；每低1%，扣0.2分', 2, [[95, 2], [99, 2], [94.975, 2], [94, 1.8], [85, 0]]));
  it('不低于总数的40%, with who is counted (30岁及以下) beside it', () =>
    scores('新进人员中30岁及以下的不低于总数的40%，得1分；每低1%，扣0.05分', 1, [[40, 1], [39.9, 1], [30, 0.5], [20, 0], [10, 0]]));
  it('不低于全市平均水平的: the standard is another figure', () =>
    scores('达标率不低于全市平均水平的，得3分；每低1%，扣0.5分', 3, [[[80, 78], 3], [[78, 78], 3], [[77, 78], 2.5], [[70, 78], 0]], '达标率'));
  it('每超平均年龄1岁的: the step names its figure; the standard is another figure', () =>
    scores('人均年龄不大于全省平均年龄的，得3分；每超平均年龄1岁的，扣1分', 3, [[[40, 41], 3], [[41, 41], 3], [[42.5, 41], 1.5], [[45, 41], 0]], '人均年龄'));
  it('marked parts, each a per-unit deduction from its own full score, add up', () =>
    // ①: 1 − 0.2 × (10 − x), ②: 2 − 0.1 × (50 − y); 9.975: 0.995 + 2 = 2.995 → 3.00
    scores('①干部中35岁及以下的不低于10%的，得1分。每低1%，扣0.2分。②新进人员中硕士占比不低于50%的，得2分。每低1%，扣0.1分。', 3, [
      [[10, 50], 3], [[9.975, 50], 3], [[8, 50], 2.6], [[8, 45], 2.1], [[0, 0], 0],
    ]));
  it('100%以下(含)计满分，每超出5%扣2分; 没有该类项目的单位按满分计算 is 不适用 full marks', () => {
    const p = scores('100%以下(含)计满分,每超出5%扣2分,扣完为止。没有该类项目的单位按满分计算。', 4, [[100, 4], [95, 4], [102.5, 3], [110, 0]], '控制率');
    expect(p.notApplicable).toBe('full');
  });
});

describe('counts of any noun and measure word', () => {
  it('每发现一人次 · 每查出一项 · 每少1户次 · 每一项', () => {
    scores('每发现一人次违反工作纪律扣0.5分，扣完为止。', 2, [[0, 2], [3, 0.5], [4, 0], [5, 0]]);
    scores('每查出一项违规支出扣1分。', 3, [[0, 3], [2, 1], [3, 0], [4, 0]]);
    scores('入户核查每少1户次扣0.2分，扣完为止。', 1, [[0, 1], [1, 0.8], [4, 0.2], [5, 0], [6, 0]]);
    scores('无年度计划、半年总结和年度总结的，每一项扣1分。', 3, [[0, 3], [1, 2], [3, 0]]);
  });
  it('全部要素齐全得5分，每少一处少得1分: the full score said, and 少得 for 扣', () =>
    scores('全部信息要素齐全得5分，每少一处信息少得1分。', 5, [[0, 5], [2, 3], [5, 0], [6, 0]]));
  it('每获得一项…加0.5分，最多2分 on a 2-point indicator earns from 0; a ceiling below the max is not read', () => {
    scores('每获得一项市级以上表彰加0.5分，最多2分。', 2, [[0, 0], [3, 1.5], [4, 2], [5, 2]]);
    unread('每获得一项市级以上表彰加0.5分，最多1分。', 2);
  });
  it('several priced occurrences: 每迟报一次扣0.5分，漏报一次扣1分', () =>
    scores('每迟报一次扣0.5分，漏报一次扣1分；扣完为止。', 4, [[[0, 0], 4], [[1, 1], 2.5], [[2, 0], 3], [[0, 4], 0], [[3, 3], 0]]));
  it('failures each priced per case: 未…的，每例扣0.2分；未…的，每例扣0.3分', () =>
    scores('未按时报送的，每例扣0.2分；未按规定归档的，每例扣0.3分', 1, [[[0, 0], 1], [[1, 1], 0.5], [[0, 2], 0.4], [[5, 0], 0]]));
  it('每个问题扣0.02分，直至扣完 · 超过规定5个工作日扣0.5分，10个工作日扣1分，以此类推', () => {
    scores('对审查后确需修改的问题,每个问题扣0.02分,直至扣完', 1, [[0, 1], [1, 0.98], [49, 0.02], [50, 0]]);
    // whole steps of 5 days: 4 → 0, 5 → 0.5, 14 → 1, 15 → 1.5
    scores('超过规定5个工作日扣0.5分,10个工作日扣1分,以此类推,直至扣完', 2, [[0, 2], [4, 2], [5, 1.5], [14, 1], [15, 0.5], [20, 0]]);
    unread('超过规定5个工作日扣0.5分,10个工作日扣2分,以此类推', 2, '以此类推');
  });
  it('情节严重的每例扣1分 re-prices the same cases: not read', () => unread('每出现一例违规扣0.5分，情节严重的每例扣1分。', 3, '情节严重的每例扣1分'));
  it('a count from which nothing is scored: 发现一次的，扣0.5分；发现有两次及以上的，此项不得分', () => {
    scores('工作考核（1.5分）。发现一次的，扣0.5分；发现有两次及以上的，此项不得分', 1.5, [[0, 1.5], [1, 1], [2, 0], [5, 0]]);
    // 每例扣0.3分: 3 cases lose 0.9 → 1.10; from 4 on, nothing
    scores('每出现一例扣0.3分，出现4例及以上的不得分。', 2, [[0, 2], [3, 1.1], [4, 0], [9, 0]]);
    // 以上 alone does not say whether the count itself is in: not read
    unread('每出现一例扣0.3分，出现4例以上的不得分。', 2, '出现4例以上的不得分');
  });
  it('a thing seen that scores nothing: …每发现一处扣1分…。村庄有露天焚烧垃圾现象，此项不得分', () => {
    // [垃圾处数, 焚烧现象数]: 5 − 2 = 3; any burning, 0
    scores('目视范围内有明显生活垃圾的,每发现一处扣1分,共计5分,扣完为止。村庄有露天焚烧垃圾、秸秆现象,此项不得分。', 5, [[[0, 0], 5], [[2, 0], 3], [[6, 0], 0], [[0, 1], 0]]);
    // with a cap on the count: 每处扣0.5分，最多扣2分 → 3 cases lose 1.5; 5 cases lose 2 (the cap) → 1
    scores('每发现一处扣0.5分，最多扣2分；发生安全事故的，该项不得分。', 3, [[[0, 0], 3], [[3, 0], 1.5], [[5, 0], 1], [[1, 1], 0]]);
  });
  it('发现一处扣2分 (no 每) · 每处不合格扣0.5分 · 共计10分 (the max, said)', () => {
    scores('路面整洁卫生，无暴露垃圾，得6分；发现一处扣2分，扣完为止', 6, [[0, 6], [2, 2], [3, 0], [4, 0]]);
    scores('每处不合格扣0.5分', 3, [[0, 3], [5, 0.5], [6, 0], [7, 0]]);
    scores('每有一户卫生厕所不能正常使用扣2分，共计10分，扣完为止。', 10, [[0, 10], [4, 2], [5, 0], [6, 0]]);
  });
});

describe('scores in proportion, with a ceiling', () => {
  it('得分=资金到位率×10 · 执行率*该指标分值，最高不得超过分值上限 · 按完成比例计算得分，满分为止', () => {
    // 33.335 × 0.1 = 3.3335 → 3.33
    scores('得分=资金到位率×10', 10, [[95, 9.5], [100, 10], [110, 10], [33.335, 3.33], [0, 0]]);
    // 99.9375 × 0.08 = 7.995 → 8.00
    scores('得分=执行率*该指标分值，最高不得超过分值上限', 8, [[50, 4], [99.9375, 8], [120, 8]]);
    scores('按实际完成比例计算得分，满分为止。', 6, [[50, 3], [100, 6], [150, 6]], '完成率');
  });
  it('a product that is not the max is not read: 得分=执行率×20 on a 10-point indicator', () => unread('得分=执行率×20', 10));
  it('amounts divided out, times the max: (A-B-C)÷A*指标分值 · 得分=已完成项目数/计划项目数×10', () => {
    // 1 × (300 − 1.5 − 0) / 300 = 0.995 → 1.00 (a tie rounds up); 1 × (300 − 4.5) / 300 = 0.985 → 0.99
    scores('(预算资金总来源-中期评估调整取消资金-预算结余注销资金)÷预算资金总来源*指标分值', 1, [[[300, 1.5, 0], 1], [[300, 4.5, 0], 0.99], [[100, 50, 50], 0]]);
    // 10 × 7 / 8 = 8.75; 10 × 1 / 8 = 1.25
    scores('得分=已完成项目数/计划项目数×10', 10, [[[8, 8], 10], [[7, 8], 8.75], [[1, 8], 1.25]]);
    // a rate may be a percent or a fraction: not said, not read
    unread('得分=执行率/100×10', 10, '得分=执行率/100×10');
    // the score's own clause is named when nothing else scores
    unread('(预算执行率-调整率)÷预算执行率*指标分值', 1.5, '指标分值');
  });
  it('off the plan either way: 实际完成情况与计划每相差3%，扣1分，扣满15分为止', () => {
    // 15 − |x − 100| / 3: 99.985 → 15 − 0.005 = 14.995 → 15.00; 60 → 15 − 13.333… = 1.67
    scores('实际完成情况与计划每相差3%,扣1分,扣满15分为止。', 15, [[100, 15], [97, 14], [103, 14], [98.5, 14.5], [99.985, 15], [60, 1.67], [55, 0], [145, 0]], '完成率');
  });
  it('the max first: 得分=20分*执行率', () => {
    // 99.975 × 0.2 = 19.995 → 20.00; 49.975 × 0.2 = 9.995 → 10.00
    scores('得分=20分*执行率', 20, [[100, 20], [99.975, 20], [49.975, 10], [50, 10], [105, 20]]);
    unread('得分=10分*执行率', 20);
  });
});

describe('checklists and one-condition items', () => {
  it('items with (N分) and no marks', () =>
    scores('设有目标(1分)，目标明确(1分)，目标细化(0.5分)，目标量化(0.5分)', 3, [[[1, 2, 3, 4], 3], [[1, 2], 2], [[3, 4], 1], [[], 0]]));
  it('具备要素① with a gate, 具备要素②③ sharing', () =>
    scores('①有实施方案；②方案经过论证；③方案已公开。具备要素①，得到指标分值的50%；如不具备，该指标分值为0。具备要素②③，分别得到指标分值的25%。', 4, [
      [[1, 2, 3], 4], [[2, 3], 0], [[1, 3], 3], [[1], 2],
    ]));
  it('…的得3分，不…的不得分 · 未…的扣1分 on a 1-point indicator', () => {
    scores('管理制度健全的得3分，不健全的不得分。', 3, [[[1], 3], [[], 0]]);
    scores('未建立项目台账的扣1分。', 1, [[[1], 1], [[], 0]]);
  });
  it('未…的扣0.5分 on a 2-point indicator says less than the whole: not read', () => unread('未建立项目台账的扣0.5分。', 2));
  it('未评比不得分 · 有批准文件：2分；没有批准文件：0分', () => {
    scores('未评比不得分', 4, [[[1], 4], [[], 0]]);
    scores('项目资金设立依据是否充分。有批准文件:3分;没有批准文件:0分。', 3, [[[1], 3], [[], 0]]);
  });
  it('numbered items: 1.…得2分。2.…得3分。 · a lead that only names the item: …，未落实的不得分', () => {
    scores('1.制定实施方案的，得2分。2.按期报送进度的，得3分。', 5, [[[1, 2], 5], [[1], 2], [[2], 3], [[], 0]]);
    // marks with no stop: in 2分工明确 the 2 is item 2's mark (the marks run 1, 2, 3 and the points make the max)
    scores('1按标准配足保洁员,得4分。2分工明确,责任落实,得4分。3有考核细则,得2分。', 10, [[[1, 2, 3], 10], [[2], 4], [[1, 3], 6], [[], 0]]);
    scores('各村设立保洁人员，落实报酬，未落实的不得分。', 2, [[[1], 2], [[], 0]]);
    // a lead naming the item; a second way to fail it
    scores('2.根据近三年学生数的增减情况，实行动态调整的，得1分；未实行动态调整的，或“逆向”减少中小学教职工编制的，扣1分。', 1, [[[1], 1], [[], 0]]);
    unread('按时完成的，得1分；未实行动态调整的，或超支的，扣1分。', 1);
    // the lack said mid-clause: the whole sentence is the one condition
    scores('村内人员密集场所(区间)或主要路段建筑外立面无环境卫生或垃圾分类宣传标语,扣2分。', 2, [[[1], 2], [[], 0]]);
    scores('项目未按期开工，扣3分。', 3, [[[1], 3], [[], 0]]);
    unread('项目未按期开工，扣1分。', 3, '扣1分');
    // 每… is a count, not one condition
    expect(scores('每发现一处无宣传标语，扣2分。', 4, [[0, 4], [1, 2], [2, 0], [3, 0]]).rule.kind).toBe('count');
    // a lead that scores is no one-item list
    unread('按时完成的得1分，未落实的不得分。', 2);
  });
});

describe('a deduction once for a lack, beside a deduction per item', () => {
  const 标识 = '协管办（室）无明显标识，或未公示开展的卫生监督服务项目的，扣0.5分，未公示制度的，每一项扣0.1分。';
  it(标识, () => {
    // figures: the lack (0 none, any more is the one deduction), then the items not made public.
    // 1.5 − 0.5 − 0.1 × 9 = 0.1; with 10 the deductions reach 1.5 (0); with 11 they pass it, and 0 is the floor.
    const p = scores(标识, 1.5, [[[0, 0], 1.5], [[1, 0], 1], [[2, 0], 1], [[0, 1], 1.4], [[0, 15], 0], [[1, 4], 0.6], [[1, 9], 0.1], [[1, 10], 0], [[1, 11], 0]]);
    expect(p.inputs.map((i) => i.type)).toStrictEqual(['count', 'count']);
  });
  it('two lacks and a count, each lack once: 未建立台账的，扣1分；未按时上报的，扣0.5分；缺少资料的，每缺一项扣0.2分', () =>
    // 3 − 1 − 0.5 − 0.2 × 7 = 0.1; one more item: 1.5 − 1.6 → 0
    scores('未建立台账的，扣1分；未按时上报的，扣0.5分；缺少资料的，每缺一项扣0.2分。', 3, [
      [[0, 0, 0], 3], [[1, 0, 0], 2], [[3, 0, 0], 2], [[0, 1, 0], 2.5], [[1, 1, 0], 1.5], [[0, 0, 1], 2.8], [[1, 1, 7], 0.1], [[1, 1, 8], 0], [[0, 0, 15], 0],
    ]));
  it('a condition with a figure in it is a threshold, not a lack: not read, the phrase named', () => {
    unread('完成率低于80%的，扣1分，未公示制度的，每一项扣0.1分。', 2, '扣1分');
    unread('资金到位不足80%的，扣1分，未公示制度的，每一项扣0.1分。', 2, '扣1分');
  });
  it('a one-off deduction for something that is no lack stays unread, naming it', () =>
    unread('未公示制度的，每一项扣0.1分，情节严重的扣1分。', 2, '情节严重的扣1分'));
});

describe('bands in other notations', () => {
  it('100%：4分；80-100%：2分；80%以下：0分', () =>
    scores('完成率，100%：4分；80-100%：2分；80%以下：0分', 4, [[100, 4], [99.99, 2], [80, 2], [79.99, 0]]));
  it('places take both ends: 1-2名，5分；3-5名，3分', () => scores('考核排名1-2名，5分；3-5名，3分', 5, [[1, 5], [2, 5], [3, 3], [5, 3]]));
  it('places in order: 排名1-3名的依次赋予10分、8分、6分', () => scores('在全市排名1-3名的依次赋予10分、8分、6分', 10, [[1, 10], [2, 8], [3, 6]]));
  it('a condition on another figure is a case, not a band: 执行率≥90，3分；违规次数=0，2分', () =>
    scores('执行率≥90，3分；违规次数=0，2分；其他情况，不得分。', 3, [[[90, 1], 3], [[80, 0], 2], [[80, 1], 0], [[89.99, 0], 2]]));
});

describe('what stays with a person, and what is named when nothing reads', () => {
  it('酌情扣分 · 视情况 · 综合评定 are judgements: no rule, no phrase', () => {
    for (const t of ['资料不齐全的酌情扣分。', '视情况扣1-3分。', '根据工作开展情况综合评定。']) {
      expect(parseStandard(t, { max: 5 }), t).toBeUndefined();
      expect(unreadClauses(t, { max: 5 }), t).toStrictEqual([]);
    }
  });
  it('a sentence with no rule shape names its scoring clause', () => unread('支出数与上年相比每相差3%,扣1分,扣满15分为止。', 15, '每相差3%'));
});

describe('a base score, a capped bonus per unit of increase and a capped penalty per unit of decrease', () => {
  // 机构编制评估 (区县), 2 points: 1.5 for no change, +0.05 per post gained up to +0.5, −0.1 per post lost up to −2.
  const text = '评估期内，对比上年度，保持基层人员编制稳定的，得1.5分；推动区县部门人员力量下沉的，对比上年度，每增加1名人员编制的，加0.05分，加分不超过0.5分；对比上年度，每减少1名人员编制的，扣0.1分，扣分不超过2分。';
  it('reads the change (增加 positive): the bonus cap reached at 10 posts, the penalty floor at 0', () => {
    // 9 × 0.05 = 0.45 → 1.95; 10 → 2; 11 → 2 (cap 0.5). −14 × 0.1 = 1.4 → 0.1; −15 → 0; −20 (cap 2 → −0.5) → 0.
    scores(text, 2, [[0, 1.5], [1, 1.55], [9, 1.95], [10, 2], [11, 2], [-1, 1.4], [-14, 0.1], [-15, 0], [-20, 0]]);
  });
  it('stays unread when the base and the bonus cap exceed the 分值, or the two directions count different things', () => {
    expect(parseStandard(text, { max: 1.9 })).toBeUndefined();
    expect(parseStandard(text.replace('每减少1名人员编制', '每减少1个内设机构'), { max: 2 })).toBeUndefined();
    expect(parseStandard(text, {})).toBeUndefined();
  });
});
