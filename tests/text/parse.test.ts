import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type RuleInput } from '../../src/index.js';
import { parseStandard, renderStandard } from '../../src/entries/authoring.js';
import { sameRule, toRule } from '../../src/text/compare.js';

/** The sentence reads as exactly this rule (decimals compared exactly, defaults ignored). */
function reads(text: string, rule: RuleInput, name?: string) {
  const p = parseStandard(text, name ? { name } : {});
  expect(p, text).toBeDefined();
  expect(sameRule(p!.rule, rule), `${JSON.stringify(p!.rule)}`).toBe(true);
  return p!;
}

// Every 评分标准 of the Hunan sheet, examples/yunxi-2021/source.md lines 437–721, verbatim.
describe('the Hunan sheet (examples/yunxi-2021/source.md), sentence by sentence', () => {
  it('以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。', () => {
    const p = reads('以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。', { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 });
    expect(p.full).toBe('5');
    expect(p.inputs).toStrictEqual([{ name: '在职人员控制率', type: 'percent' }]);
  });

  it('“三公经费”变动率≦0,计5分；“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。 (≦0 variant)', () => {
    reads('“三公经费”变动率≦0,计5分；\n“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。', { kind: 'per_unit', value: '三公经费变动率', standard: 0, direction: 'above', points: 0.5 });
  });

  it('重点支出安排率≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分。 ((含) on the left: [80, 90))', () => {
    reads('重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。', {
      kind: 'bands', value: '重点支出安排率',
      bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '[70, 80)', score: 3 }, { when: '[60, 70)', score: 2 }, { when: '<60', score: 0 }],
    });
  });

  it('预算调整率=0，计3分；0-10%（含），计2分；…大于30%不得分。 ((含) on the right: (0, 10])', () => {
    reads('预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。', {
      kind: 'bands', value: '预算调整率',
      bands: [{ when: '=0', score: 3 }, { when: '(0, 10]', score: 2 }, { when: '(10, 20]', score: 1 }, { when: '(20, 30]', score: 0.5 }, { when: '>30', score: 0 }],
    });
  });

  it('春节前下达…；每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。 (the preamble is context)', () => {
    reads('春节前下达全部专项资金的50%；6月底前所有专项资金指标全部下达完。\n每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。', {
      kind: 'count', value: '专项未按进度完成资金下达数', points: 0.5, item: '专项未按进度完成资金下达',
    });
  });

  it('无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。 (cases with placeholder names and a TODO note)', () => {
    const p = reads('无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。', {
      kind: 'cases',
      cases: [{ when: '资金结余 = 0', score: 3, label: '无结余' }, { when: '资金结余 <= 上年结转', score: 2, label: '有结余，但不超过上年结转' }],
      otherwise: { score: 0, label: '结余超过上年结转' },
    }, '资金结余');
    expect(p.inputs.map((i) => i.name)).toStrictEqual(['资金结余', '上年结转']);
    expect(p.notes[0]).toContain('占位名称');
  });

  it('以100%为标准。三公经费控制率≦100%，计6分；每超过一个百分点扣1分，扣完为止。', () => {
    expect(reads('以100%为标准。三公经费控制率≦100%，计6分；\n每超过一个百分点扣1分，扣完为止。', { kind: 'per_unit', value: '三公经费控制率', standard: 100, direction: 'above', points: 1 }).full).toBe('6');
  });

  it('①已制定或具有预算资金管理办法…，1分；②…，1分；③…，1分。', () => {
    reads('①已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，1分；\n②相关管理制度合法、合规、完整，1分；\n③相关管理制度得到有效执行，1分。', {
      kind: 'checklist',
      items: [{ text: '已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度', points: 1 }, { text: '相关管理制度合法、合规、完整', points: 1 }, { text: '相关管理制度得到有效执行', points: 1 }],
    });
  });

  it('①…⑤ 以上情况每出现一例不符合要求的扣1分，扣完为止。 (a list without points is a count)', () => {
    reads('①支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定；\n②资金拨付有完整的审批程序和手续；\n③项目支出按规定经过评估论证；\n④支出符合部门预算批复的用途；\n⑤资金使用无截留、挤占、挪用、虚列支出等情况。\n以上情况每出现一例不符合要求的扣1分，扣完为止。', {
      kind: 'count', value: '不符合要求的情况数', points: 1, item: '不符合要求的情况',
    });
  });

  it('①按规定内容公开预决算信息，1分；②…，0.5分；… (0.5-point items, trailing spaces)', () => {
    reads('①按规定内容公开预决算信息，1分；\n②按规定时限公开预决算信息，0.5分；\n③基础数据信息和会计信息资料真实，0.5分；\n④基础数据信息和会计信息资料完整，0.5分；\n⑤基础数据信息和汇集信息资料准确，0.5分。                                            ', {
      kind: 'checklist',
      items: [{ text: '按规定内容公开预决算信息', points: 1 }, { text: '按规定时限公开预决算信息', points: 0.5 }, { text: '基础数据信息和会计信息资料真实', points: 0.5 }, { text: '基础数据信息和会计信息资料完整', points: 0.5 }, { text: '基础数据信息和汇集信息资料准确', points: 0.5 }],
    });
  });

  it('政府采购执行率等于100%的，得3分；每减少一个百分点，扣0.2分，扣完为止。', () => {
    reads('政府采购执行率等于100%的，得3分；\n每减少一个百分点，扣0.2分，扣完为止。', { kind: 'per_unit', value: '政府采购执行率', standard: 100, direction: 'below', points: 0.2 });
  });

  it('公务卡刷卡率达50％以上的，得3分。每减少一个百分点，扣0.2分，扣完为止。 (full-width ％)', () => {
    reads('公务卡刷卡率达50％以上的，得3分。\n每减少一个百分点，扣0.2分，扣完为止。                                            ', { kind: 'per_unit', value: '公务卡刷卡率', standard: 50, direction: 'below', points: 0.2 });
  });

  it('①已制定或具有资产管理制度，且…，2分；②相关资产管理制度得到有效执行，1分。', () => {
    reads('①已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整，2分；\n②相关资产管理制度得到有效执行，1分。', {
      kind: 'checklist', items: [{ text: '已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整', points: 2 }, { text: '相关资产管理制度得到有效执行', points: 1 }],
    });
  });

  it('①资产保存完整；…⑤…；以上情况每出现一例不符合有关要求的扣1分，扣完为止。', () => {
    reads('①资产保存完整；\n②资产配置合理；\n③资产处置规范； \n④资产账务管理合规，帐实相符；\n⑤资产有偿使用及处置收入及时足额上缴；\n以上情况每出现一例不符合有关要求的扣1分，扣完为止。', {
      kind: 'count', value: '不符合有关要求的情况数', points: 1, item: '不符合有关要求的情况',
    });
  });

  it('每低于100%一个百分点扣0.1分，扣完为止。 (the standard inside the deduction; the name from the indicator)', () => {
    reads('每低于100%一个百分点扣0.1分，扣完为止。', { kind: 'per_unit', value: '固定资产利用率', standard: 100, direction: 'below', points: 0.1 }, '固定资产利用率');
  });

  it('95%（含）以上计5分；85%（含）-95%，计3分；75%（含）-85%，计1分；低于75%计0分。 (blank lines, 计0分)', () => {
    reads('95%（含）以上计5分；\n\n85%（含）-95%，计3分；\n\n75%（含）-85%，计1分；\n\n低于75%计0分。', {
      kind: 'bands', value: '社会公众或服务对象满意度',
      bands: [{ when: '≥95', score: 5 }, { when: '[85, 95)', score: 3 }, { when: '[75, 85)', score: 1 }, { when: '<75', score: 0 }],
    }, '社会公众或服务对象满意度');
  });

  it('此项指标根据《…》考核内容设置… and 1.奋力推动… do not read as rules (judgement items)', () => {
    expect(parseStandard('此项指标根据《中共岳阳市云溪区委 岳阳市云溪区人民政府 关于做好岳阳市云溪区2021年度综合绩效考核工作的通知》）考核内容设置。\n\n部门单位应根据部门实际进行调整，并将其细化成相应的个性化指标')).toBeUndefined();
    expect(parseStandard('1.奋力推动办公室工作上水平、争一流、作贡献，不断开创办公室工作新局面。\n\n2.围绕项目兴区、融合发展等主题，深入开展调研，撰写有分量的调研报告，深化改革突出难点热点，为全区经济发展作出应有贡献。')).toBeUndefined();
    expect(parseStandard('')).toBeUndefined();
  });
});

describe('the usual variants', () => {
  it('每超过一个百分点扣X分，扣完为止, with the standard in a ≤ clause', () =>
    reads('执行率≤100%，计5分；每超过一个百分点扣1分，扣完为止。', { kind: 'per_unit', value: '执行率', standard: 100, direction: 'above', points: 1 }));
  it('每低于一个百分点扣X分 after ≥95%', () =>
    reads('执行率≥95%，计5分；每低于一个百分点扣0.5分，扣完为止。', { kind: 'per_unit', value: '执行率', standard: 95, direction: 'below', points: 0.5 }));
  it('每减少一个百分点 after 达到100%', () =>
    reads('刷卡率达到100%的，得3分；每减少一个百分点，扣0.2分，扣完为止。', { kind: 'per_unit', value: '刷卡率', standard: 100, direction: 'below', points: 0.2 }));
  it('每超过5个百分点扣1分: one unit is 5 points', () =>
    reads('以0为标准，每超过5个百分点扣1分，扣完为止。', { kind: 'per_unit', value: '变动率', standard: 0, direction: 'above', points: 1, per: 5 }, '变动率'));
  it('不足一个百分点的不扣分: whole units; 不足…按一个百分点计: started units', () => {
    reads('以100%为标准，每超过一个百分点扣0.5分，扣完为止（不足一个百分点的不扣分）。', { kind: 'per_unit', value: 'x', standard: 100, direction: 'above', points: 0.5, mode: 'whole' }, 'x');
    reads('以100%为标准，每超过一个百分点扣0.5分，扣完为止（不足一个百分点的按一个百分点计）。', { kind: 'per_unit', value: 'x', standard: 100, direction: 'above', points: 0.5, mode: 'started' }, 'x');
  });
  it('a standard stated twice with different figures is not guessed', () =>
    expect(parseStandard('以100%为标准。控制率≤90%，计5分；每超过一个百分点扣0.5分，扣完为止。')).toBeUndefined());
  it('≥X%计N分 alone: one band, other values 0 (with a note)', () => {
    const p = reads('满意度≥90%计2分。', { kind: 'bands', value: '满意度', bands: [{ when: '≥90', score: 2 }], otherwise: 0 });
    expect(p.notes).toHaveLength(1);
  });
  it('X%（含）-Y%计N分 and X%（含）-Y%（含）', () =>
    reads('完成率90%（含）-100%（含）计3分；80%（含）-90%计2分；其他情况不得分。', {
      kind: 'bands', value: '完成率', bands: [{ when: '[90, 100]', score: 3 }, { when: '[80, 90)', score: 2 }], otherwise: 0,
    }));
  it('a-b without 含: [a, b); 至 as the dash', () =>
    reads('得分率80%-90%，计2分；90%至100%，计3分；低于80%不得分。', { kind: 'bands', value: '得分率', bands: [{ when: '[80, 90)', score: 2 }, { when: '[90, 100)', score: 3 }, { when: '<80', score: 0 }] }));
  it('每出现一例扣X分 without an item', () =>
    reads('每出现一例扣1分，扣完为止。', { kind: 'count', value: '信息报送例数', points: 1 }, '信息报送'));
  it('①…1分②…0.5分 without separators', () =>
    reads('①按时报送1分②资料完整0.5分', { kind: 'checklist', items: [{ text: '按时报送', points: 1 }, { text: '资料完整', points: 0.5 }] }));
  it('plain targets: 不低于97% · 控制在680份以内 · 达到95%以上 · ≤5%', () => {
    reads('市长热线全年交办件办结率不低于97%。', { kind: 'target', value: '市长热线全年交办件办结率', target: '≥97%' });
    reads('2017年正式下发文件（下行文和平行文）数量控制在680份以内。', { kind: 'target', value: '正式下发文件数量', target: '≤680份' });
    reads('社会公众和服务对象对应急管理办公室工作满意率达到90%以上。', { kind: 'target', value: '社会公众和服务对象对应急管理办公室工作满意率', target: '≥90%' });
    reads('“12345”平台服务态度投诉率≤5%。', { kind: 'target', value: '数据12345平台服务态度投诉率', target: '≤5%' });
  });
  it('a sentence with two figures to reach is not a target (确保交办率100%、催办率100% has none; two limits are ambiguous)', () => {
    expect(parseStandard('抓好市领导批示件的督查督办工作，确保交办率100%、催办率100%。')).toBeUndefined();
    expect(parseStandard('交办率不低于95%，催办率不低于90%。')).toBeUndefined();
  });
});

describe('untrusted text', () => {
  it('a standard longer than 2,000 characters is not read (the parser is never asked to scan a huge cell)', () => {
    expect(parseStandard('①' + '1'.repeat(2_000_000))).toBeUndefined();
    expect(parseStandard(`每超过一个百分点扣0.5分，扣完为止。${'　'.repeat(2000)}`)).toBeUndefined();
    expect(parseStandard(`每超过一个百分点扣0.5分，扣完为止。${'　'.repeat(1900)}`, { name: 'x' })).toBeUndefined(); // no standard named
    expect(parseStandard(`以100%为标准，每超过一个百分点扣0.5分，扣完为止。${'　'.repeat(1900)}`, { name: 'x' })?.rule.kind).toBe('per_unit');
  });
});

describe('every scoring clause is part of the rule, or the sentence is not read', () => {
  const unread = (text: string) => expect(parseStandard(text, { name: '执行率' }), text).toBeUndefined();

  it('“出现重大问题的不得分” after a count: a condition no rule kind encodes', () => unread('每出现一例扣0.5分，出现重大问题的不得分。'));
  it('a band stated before a per-unit clause (执行率100%，得5分；90%（含）-100%，得3分；每低于90%…)', () => {
    unread('执行率100%，得5分；90%（含）-100%，得3分；每低于90%一个百分点扣0.5分，扣完为止。');
    unread('90%（含）-100%，得3分；每低于90%一个百分点扣0.5分，扣完为止。');
  });
  it('“未完成80%则不得分” after a target, and on the wrong side of a per-unit deduction', () => {
    unread('完成率达到100%得满分，未完成80%则不得分。');
    unread('以100%为标准，每超过一个百分点扣0.5分，扣完为止；未完成80%则不得分。');
  });
  it('“情节严重的每例扣1分” after a count', () => unread('每出现一例违规扣0.5分，情节严重的每例扣1分。'));
  it('“得分=20分*执行率” is not a target on an input named 得分', () => unread('得分=20分*执行率'));
  it('known filler is accounted for: 扣完为止, 以100%为标准, 不足一个百分点的不扣分', () => {
    reads('以100%为标准，每超过一个百分点扣0.5分，扣完为止（不足一个百分点的不扣分）。', { kind: 'per_unit', value: 'x', standard: 100, direction: 'above', points: 0.5, mode: 'whole' }, 'x');
    reads('每出现一例扣1分，扣至0分为止。', { kind: 'count', value: '信息报送例数', points: 1 }, '信息报送');
  });

  // Sentences the parser reads, one or more of every kind.
  const readable: [string, string][] = [
    ['以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。', '在职人员控制率'],
    ['政府采购执行率等于100%的，得3分；每减少一个百分点，扣0.2分，扣完为止。', '政府采购执行率'],
    ['以100%为标准，每超过一个百分点扣0.5分，扣完为止（不足一个百分点的按一个百分点计）。', 'x'],
    ['重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。', '重点支出安排率'],
    ['预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。', '预算调整率'],
    ['春节前下达全部专项资金的50%。\n每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。', '资金下达'],
    ['①支出符合规定；\n②资金拨付有完整的审批程序和手续；\n以上情况每出现一例不符合要求的扣1分，扣完为止。', '资金使用合规性'],
    ['无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。', '资金结余'],
    ['①按规定内容公开预决算信息，1分；\n②按规定时限公开预决算信息，0.5分。', '信息公开'],
    ['市长热线全年交办件办结率≥97%，达到目标计1分，未达到不得分。', '办结率'],
    ['市长热线全年交办件办结率不低于97%。', '办结率'],
    ['满意度≥90%计2分。', '满意度'],
  ];
  const n = fc.integer({ min: 1, max: 20 }).map(String);
  const pct = fc.integer({ min: 1, max: 99 });
  // A clause that scores and that none of the rule kinds can take into the rule it reads.
  const extra = fc.oneof(
    n.map((x) => `最高加${x}分`),
    n.map((x) => `情节严重的每例扣${x}分`),
    n.map((x) => `每出现一次加${x}分`),
    n.map((x) => `得分=${x}分*执行率`),
    n.map((x) => `另加${x}分`),
    n.map((x) => `发现重大问题扣${x}分`),
    fc.constant('出现重大问题的不得分'),
    n.map((x) => `满分${x}分`),
  );

  it('a readable sentence plus any extra scoring clause, anywhere, is never read as a rule (fast-check)', () => {
    for (const [text, name] of readable) expect(parseStandard(text, { name }), text).toBeDefined();
    fc.assert(
      fc.property(fc.constantFrom(...readable), extra, fc.nat(), fc.constantFrom('；', '，', '。', '\n'), ([text, name], clause, at, joint) => {
        // Insert the clause at a clause boundary (the start, after any ；。 or line break, or the end).
        const cuts = [0, ...[...text.matchAll(/[；。\n]/g)].map((m) => m.index! + 1), text.length];
        const cut = cuts[at % cuts.length]!;
        const sentence = cut === text.length ? `${text}${clause}${joint}` : `${text.slice(0, cut)}${clause}${joint}${text.slice(cut)}`;
        expect(parseStandard(sentence, { name }), sentence).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  // 最多扣N分 and 未完成P%则不得分 are part of a per-unit rule (and 最多扣N分 of a count), on its losing side.
  it('a cap or a no-score line, anywhere: read into a per-unit or count rule where it belongs, else never read (fast-check)', () => {
    const clause = fc.oneof(
      n.map((x): { text: string; cap?: string; zero?: string } => ({ text: `最多扣${x}分`, cap: x })),
      pct.map((p): { text: string; cap?: string; zero?: string } => ({ text: `未完成${p}%则不得分`, zero: String(p) })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...readable), clause, fc.nat(), fc.constantFrom('；', '，', '。', '\n'), ([text, name], c, at, joint) => {
        const cuts = [0, ...[...text.matchAll(/[；。\n]/g)].map((m) => m.index! + 1), text.length];
        const cut = cuts[at % cuts.length]!;
        const sentence = cut === text.length ? `${text}${c.text}${joint}` : `${text.slice(0, cut)}${c.text}${joint}${text.slice(cut)}`;
        const base = parseStandard(text, { name })!.rule;
        const got = parseStandard(sentence, { name });
        const takes = (base.kind === 'per_unit' && (c.cap !== undefined || base.direction === 'below')) || (base.kind === 'count' && c.cap !== undefined);
        if (!takes) {
          expect(got, sentence).toBeUndefined();
          return;
        }
        expect(got, sentence).toBeDefined();
        const want = c.cap !== undefined ? { ...base, maxDeduction: c.cap } : { ...base, zeroBeyond: c.zero };
        expect(sameRule(got!.rule, want as RuleInput), `${sentence} → ${JSON.stringify(got!.rule)}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('per-unit deductions as sheets write them (#10): a cap, a no-score line, a step', () => {
  it('以100%为标准…每超过一个百分点扣0.5分，最多扣3分。', () =>
    reads('以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，最多扣3分。', { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5, maxDeduction: 3 }));
  it('项目完成率达到100%的，得5分；每低于5%扣2分，扣完为止；未完成80%则不得分。', () =>
    reads('项目完成率达到100%的，得5分；每低于5%扣2分，扣完为止；未完成80%则不得分。', { kind: 'per_unit', value: '项目完成率', standard: 100, direction: 'below', per: 5, points: 2, zeroBeyond: 80 }));
  it('…每低于一个百分点扣0.2分，完成率低于80%的，不得分 / 低于80%计0分', () => {
    reads('完成率达到100%的，得5分；每低于一个百分点扣0.2分，完成率低于80%的，不得分。', { kind: 'per_unit', value: '完成率', standard: 100, direction: 'below', points: 0.2, zeroBeyond: 80 });
    reads('完成率达到100%的，得5分；每低于一个百分点扣0.2分，低于80%计0分。', { kind: 'per_unit', value: '完成率', standard: 100, direction: 'below', points: 0.2, zeroBeyond: 80 });
  });
  it('超过130%不得分 on a deduction above the standard', () =>
    reads('以100%为标准，每超过一个百分点扣0.5分；超过130%不得分。', { kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', points: 0.5, zeroBeyond: 130 }, '控制率'));
  it('每出现一例扣0.5分，最多扣2分 · 扣分不超过2分', () => {
    reads('每出现一例扣0.5分，最多扣2分。', { kind: 'count', value: '信息报送例数', points: 0.5, maxDeduction: 2 }, '信息报送');
    reads('每出现一例扣0.5分，扣分不超过2分。', { kind: 'count', value: '信息报送例数', points: 0.5, maxDeduction: 2 }, '信息报送');
  });
});

describe('checklists as the project framework writes them (#10)', () => {
  it('①…②…③…④…。每少一项扣1分，扣完为止。', () =>
    reads('①遵守相关法律法规和管理规定；②调整及支出调整手续完备；③资料齐全并及时归档；④人员条件落实到位。每少一项扣1分，扣完为止。', {
      kind: 'checklist', perMissing: 1,
      items: [{ text: '遵守相关法律法规和管理规定' }, { text: '调整及支出调整手续完备' }, { text: '资料齐全并及时归档' }, { text: '人员条件落实到位' }],
    }));
  it('具备一个得分要素，得到指标分值的20%。①…②…', () =>
    reads('具备一个得分要素，得到指标分值的20%。①符合法律法规；②符合行业发展规划；③与部门职责范围相符；④属于公共财政支持范围；⑤与同类项目不重复。', {
      kind: 'checklist',
      items: ['符合法律法规', '符合行业发展规划', '与部门职责范围相符', '属于公共财政支持范围', '与同类项目不重复'].map((text) => ({ text, share: 20 })),
    }));
  it('a second scoring clause beside it is not read (每少一项扣1分 and 最多扣2分 does not say which wins)', () =>
    expect(parseStandard('①甲；②乙；③丙。每少一项扣1分，另扣2分。')).toBeUndefined());
  it('rendered and read back: perMissing, shares, gates and scales survive renderStandard', () => {
    const rules: RuleInput[] = [
      { kind: 'checklist', perMissing: 0.5, items: [{ text: '甲' }, { text: '乙' }] },
      { kind: 'checklist', items: [{ text: '甲', share: 50 }, { text: '乙', share: 50 }] },
    ];
    for (const r of rules) {
      const text = renderStandard(toRule(r), new Decimal(2));
      const p = parseStandard(text);
      expect(p, text).toBeDefined();
      expect(sameRule(p!.rule, r), `${text} → ${JSON.stringify(p!.rule)}`).toBe(true);
    }
  });
});

describe('items worth a share, one of them a gate', () => {
  it('①项目有绩效目标，得到指标分值的40%，如不具备，该指标分值为0；②…，得到指标分值的20%…', () =>
    reads('①项目有绩效目标，得到指标分值的40%，如不具备，该指标分值为0；②绩效目标与实际工作内容具有相关性，得到指标分值的20%；③预期产出效益和效果符合正常的业绩水平，得到指标分值的20%；④与预算确定的投资额或资金量相匹配，得到指标分值的20%。', {
      kind: 'checklist',
      items: [
        { text: '项目有绩效目标', share: 40, gate: true },
        { text: '绩效目标与实际工作内容具有相关性', share: 20 },
        { text: '预期产出效益和效果符合正常的业绩水平', share: 20 },
        { text: '与预算确定的投资额或资金量相匹配', share: 20 },
      ],
    }));
  it('rendered and read back', () => {
    const r: RuleInput = { kind: 'checklist', items: [{ text: '甲', share: 40, gate: true }, { text: '乙', share: 60 }] };
    const text = renderStandard(toRule(r), new Decimal(5));
    expect(sameRule(parseStandard(text)!.rule, r), text).toBe(true);
  });
});
