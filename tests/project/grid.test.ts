/**
 * A 项目支出绩效自评表 stays on its own grid: the rows' 分值 and the 定性 scores a person gives are
 * figures the sheet can write (two decimals), the 定性 档 edges are the figures the check and the
 * message both use, `times_actual` scores only 正向 rows, and an unmet row rounds as the rubric
 * says. Expected scores are computed by hand or by the Fraction oracle (tests/oracle), never by
 * the code under test.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledRubric, loadRubric, safeEvaluate, type EvaluationInput, type Rubric } from '../../src/index.js';
import { Fraction } from '../oracle/fraction.js';

const fixture = readFileSync(new URL('../fixtures/project-national.yaml', import.meta.url), 'utf8');
/** The national layout with the library's defaults (unmetRounding: below_full). */
const national = loadRubric(fixture, { file: 'project-national.yaml' });
/** The bundled national form: unmetRounding as_rounded, as the 一体化 module. */
const bundled = loadBundledRubric('project-self-evaluation');
const hubei = loadBundledRubric('project-self-evaluation-hubei');

type Row = Record<string, unknown>;
const FULL = { 全年预算数: 100, 全年执行数: 100 };
const 效益 = [{ group: '社会效益指标', name: '群众知晓率', target: '≥90%', actual: '95', weight: 30 }];
const 满意度 = [{ group: '服务对象满意度指标', name: '服务对象满意度', target: '≥90%', actual: '95', weight: 10 }];
const run = (rubric: Rubric, rows: Record<string, Row[]>) => safeEvaluate(rubric, { values: FULL, rows } as unknown as EvaluationInput);
const codes = (rubric: Rubric, rows: Record<string, Row[]>) => {
  const r = run(rubric, rows);
  return r.success ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}`);
};
const section = (rubric: Rubric, rows: Record<string, Row[]>, id: string) => {
  const r = run(rubric, rows);
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.indicators.find((n) => n.id === id)!;
};
const met = (name: string, weight: string | number): Row => ({ group: '数量指标', name, target: '≥50个', actual: '50', weight });

describe('a row 分值 is a figure the sheet can write (as an indicator max is)', () => {
  it('33.335 + 16.665 (both met, 产出 50.01 of 50 before) is refused row by row, as invalid_value at the 分值', () => {
    const rows = { 产出指标: [met('培训场次', '33.335'), met('宣传场次', '16.665')], 效益指标: 效益, 满意度指标: 满意度 };
    expect(codes(national, rows)).toEqual(['invalid_value rows.产出指标.0.weight', 'invalid_value rows.产出指标.1.weight']);
    const r = run(bundled, rows);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.message).toBe('取值无效：应为最多 2 位小数的分值（评分表的 precision），实际为“33.335”');
  });

  it('33.33 + 16.67, and 8.50 written with a trailing zero, are on the grid', () => {
    expect(section(national, { 产出指标: [met('培训场次', '33.33'), met('宣传场次', '16.67')], 效益指标: 效益, 满意度指标: 满意度 }, '产出指标').score).toBe('50');
    expect(section(national, { 产出指标: [met('培训场次', '41.50'), met('宣传场次', '8.50')], 效益指标: 效益, 满意度指标: 满意度 }, '产出指标').score).toBe('50');
  });

  it('one step finer than the precision is refused at every precision: 0.1 at 0, 0.001 at 2', () => {
    const whole = loadRubric(fixture.replace('id: project-national-test', 'id: project-national-test\nprecision: 0'));
    expect(codes(whole, { 产出指标: [met('a', '49.5'), met('b', '0.5')], 效益指标: 效益, 满意度指标: 满意度 })).toEqual(['invalid_value rows.产出指标.0.weight', 'invalid_value rows.产出指标.1.weight']);
    expect(codes(whole, { 产出指标: [met('a', 49), met('b', 1)], 效益指标: 效益, 满意度指标: 满意度 })).toEqual([]);
    expect(codes(national, { 产出指标: [met('a', '49.999'), met('b', '0.001')], 效益指标: 效益, 满意度指标: 满意度 })).toEqual(['invalid_value rows.产出指标.0.weight', 'invalid_value rows.产出指标.1.weight']);
    const three = loadRubric(fixture.replace('id: project-national-test', 'id: project-national-test\nprecision: 3'));
    expect(section(three, { 产出指标: [met('培训场次', '33.335'), met('宣传场次', '16.665')], 效益指标: 效益, 满意度指标: 满意度 }, '产出指标').score).toBe('50');
  });

  it('a row 不适用 (empty 指标值) has its 分值 checked too: it is still printed', () => {
    const na = loadRubric(fixture.replace(/    max: 50\n    rows: \{\}/, '    max: 50\n    rows: { emptyTarget: not_applicable }'));
    expect(codes(na, { 产出指标: [met('a', '49.995'), { name: 'b', target: '', weight: '0.005' }], 效益指标: 效益, 满意度指标: 满意度 })).toEqual([
      'invalid_value rows.产出指标.0.weight', 'invalid_value rows.产出指标.1.weight',
    ]);
  });

  // Rows of every kind, 分值 with up to four decimals adding up to each section's max.
  const cents = (x: number, places: number) => Fraction.of(x, 10 ** places);
  const rowOf = (kind: number, w: Fraction, pick: number): Row => {
    const weight = w.toString();
    switch (kind) {
      case 0: return { name: '正向', target: '≥50个', actual: String(pick % 60), weight, reason: '未完成' };
      case 1: return { name: '反向', target: '≤90万元', actual: String(80 + (pick % 120)), weight, reason: '超支' };
      case 2: return { name: '等于0', target: '0', actual: String(pick % 2), weight, reason: '有投诉' };
      default: {
        // A 定性 row in its 档, the score on the grid: oracle edges round(w × 80%), round(w × 60%).
        const hi = w.times('0.8').round(2);
        const s = hi.minus(Fraction.of(pick % 100, 100));
        return s.gte(0) && w.gte(s) && s.fitsIn(2) && w.fitsIn(2) ? { name: '定性', target: '达成预期指标', level: '达成', score: hi.toString(), weight, reason: '—' } : { name: '定性', target: '达成预期指标', level: '达成', score: w.fitsIn(2) ? w.toString() : '0', weight, reason: '—' };
      }
    }
  };
  const sectionRows = (max: number, exact = true) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4000 }), fc.constantFrom(2, 2, 2, 2, 2, 3, 4), fc.nat(1000)), { minLength: 1, maxLength: 4 }).map((parts) => {
      const ws = parts.map(([, x, places]) => cents(x, places));
      // `weights: scaled`: any 分值, scaled to the section's max.
      if (!exact) return ws.map((w, i) => rowOf(parts[i]![0], w, parts[i]![3]));
      const head = ws.slice(0, -1);
      const rest = Fraction.of(max).minus(head.reduce((a, w) => a.plus(w), Fraction.ZERO));
      const weights = rest.gte(0) ? [...head, rest] : [Fraction.of(max)];
      return weights.map((w, i) => rowOf(parts[i]![0], w, parts[i]![3]));
    });
  const onGrid = (rows: Row[]) => rows.every((r) => Fraction.parse(String(r.weight)).fitsIn(2));

  const scaled = loadRubric(fixture.replace(/    max: 30\n    rows: \{\}/, '    max: 30\n    rows: { weights: scaled }'));
  it('for any rows whose 分值 are accepted, each section ≤ its max and the total ≤ 100; 分值 off the grid are exactly those refused (property)', () => {
    fc.assert(
      fc.property(sectionRows(50), sectionRows(30), sectionRows(30, false), sectionRows(10), fc.constantFrom(0, 1, 2), fc.boolean(), (a, b0, b1, c0, which, 满意度空) => {
        // 满意度 left empty now and then: its 10 points move to 产出 and 效益 (empty: redistribute).
        const c = 满意度空 ? [] : c0;
        const b = which === 2 ? b1 : b0;
        const rows = { 产出指标: a, 效益指标: b, 满意度指标: c };
        const r = run([national, bundled, scaled][which]!, rows);
        const offGrid = ![a, b, c].every(onGrid);
        if (!r.success) {
          const weightIssues = r.issues.filter((i) => i.code === 'invalid_value' && i.path.at(-1) === 'weight');
          expect(offGrid, r.issues.map((i) => i.message).join('; ')).toBe(true);
          expect(weightIssues.length).toBe([a, b, c].flat().filter((x) => !Fraction.parse(String(x.weight)).fitsIn(2)).length);
          return;
        }
        expect(offGrid).toBe(false);
        // With 满意度 empty, 产出 and 效益 share its 10 points: 56.25 and 33.75.
        const max = 满意度空 ? { 预算执行率: 10, 产出指标: '56.25', 效益指标: '33.75', 满意度指标: 0 } : { 预算执行率: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 };
        for (const n of r.value.indicators) {
          expect(n.max).toBe(String(max[n.id as keyof typeof max]));
          expect(Fraction.parse(n.score).lte(Fraction.parse(n.max)), `${n.id} ${n.score}`).toBe(true);
        }
        expect(Fraction.parse(r.value.total).lte(100)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a 定性 row’s score is a figure the sheet can write (as a judgement’s is)', () => {
  const 产出 = (level: string, score: string) => ({ 产出指标: [met('培训场次', 40), { group: '质量指标', name: '培训质量', target: '达成预期指标', level, score, weight: 10, reason: '部分课程未开展' }], 效益指标: 效益, 满意度指标: 满意度 });
  it('7.995 in 部分达成 [6, 8) is assessment_invalid (it would print as 8, the 达成 floor); 7.99 scores 7.99', () => {
    expect(codes(national, 产出('部分达成', '7.995'))).toEqual(['assessment_invalid rows.产出指标.1.score']);
    const r = run(national, 产出('部分达成', '7.995'));
    if (!r.success) expect(r.issues[0]!.message).toBe('指标“产出指标”的评价数据无效：第2行“培训质量”得分 7.995 的小数位数超过评分表的精度（2 位小数）');
    expect(section(national, 产出('部分达成', '7.99'), '产出指标').score).toBe('47.99');
  });
  it('the same code as a judgement score with too many decimals; 8.000 is 8', () => {
    expect(codes(bundled, 产出('达成', '9.999'))).toEqual(['assessment_invalid rows.产出指标.1.score']);
    expect(section(bundled, 产出('达成', '8.000'), '产出指标').score).toBe('48');
  });
});

describe('定性 档 edges: round(w × 80%) and round(w × 60%) at the sheet’s precision, checked and printed alike', () => {
  const one = (level: string, score: string, weight = '3.33', rubric = national) => {
    const rows = { 产出指标: [met('培训场次', Fraction.of(50).minus(weight).toString()), { group: '质量指标', name: '培训质量', target: '达成预期指标', level, score, weight, reason: '—' }], 效益指标: 效益, 满意度指标: 满意度 };
    const r = run(rubric, rows);
    return r.success ? 'ok' : r.issues.map((i) => i.message).join('; ');
  };
  it('分值 3.33: 达成 [2.66, 3.33] (3.33 × 0.8 = 2.664), so 2.66 is 达成 and 2.65 is not', () => {
    expect(one('达成', '2.66')).toBe('ok');
    expect(one('达成', '3.33')).toBe('ok');
    expect(one('达成', '2.65')).toBe('第2行“培训质量”选择“达成”，得分 2.65 应在 [2.66, 3.33] 之间');
    expect(one('达成', '3.34')).toBe('第2行“培训质量”选择“达成”，得分 3.34 应在 [2.66, 3.33] 之间');
  });
  it('分值 3.33: 部分达成 [2, 2.66) (3.33 × 0.6 = 1.998), 未达成 [0, 2)', () => {
    expect(one('部分达成', '2')).toBe('ok');
    expect(one('部分达成', '2.65')).toBe('ok');
    expect(one('部分达成', '2.66')).toBe('第2行“培训质量”选择“部分达成”，得分 2.66 应在 [2, 2.66) 之间');
    expect(one('部分达成', '1.99')).toBe('第2行“培训质量”选择“部分达成”，得分 1.99 应在 [2, 2.66) 之间');
    expect(one('未达成', '1.99')).toBe('ok');
    expect(one('未达成', '0')).toBe('ok');
    expect(one('未达成', '2')).toBe('第2行“培训质量”选择“未达成”，得分 2 应在 [0, 2) 之间');
  });
  it('an exact tie rounds half-up: 湖北 80/50 on 分值 3.33, 3.33 × 0.5 = 1.665 → 部分达成 from 1.67', () => {
    const rows = (score: string) => ({
      年度绩效目标1: [met('a', '36.67'), { group: '质量指标', name: '培训质量', target: '达成预期指标', level: '部分达成', score, weight: '3.33', reason: '—' }],
      年度绩效目标2: [met('b', 40)],
    });
    expect(run(hubei, rows('1.67')).success).toBe(true);
    const r = run(hubei, rows('1.66'));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.message).toBe('第2行“培训质量”选择“部分达成”，得分 1.66 应在 [1.67, 2.66) 之间');
  });
  it('for any 分值 and score on the grid, accepted exactly when the oracle’s 档 holds it, and the message prints the oracle’s edges (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4999 }), fc.nat(10000), fc.constantFrom('达成', '部分达成', '未达成'), (wc, sc, level) => {
        const w = Fraction.of(wc, 100);
        const s = Fraction.of(sc % (wc + 2), 100);
        const hi80 = w.times('0.8').round(2), lo60 = w.times('0.6').round(2);
        const [lo, hi, closed] = level === '达成' ? [hi80, w, true] : level === '部分达成' ? [lo60, hi80, false] : [Fraction.ZERO, lo60, false];
        const inside = s.gte(lo) && (closed ? s.lte(hi) : s.lt(hi));
        const got = one(level, s.toString(), w.toString());
        expect(got).toBe(inside ? 'ok' : `第2行“培训质量”选择“${level}”，得分 ${s.toString()} 应在 [${lo.toString()}, ${hi.toString()}${closed ? ']' : ')'} 之间`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('method: times_actual scores 正向 percentage rows only', () => {
  const huanggang = loadRubric(fixture.replace('rows: { empty: redistribute }', 'rows: { empty: redistribute, method: times_actual }'));
  const 产出 = [met('培训场次', 50)];
  const rowsOf = (rows: Row[]) => ({ 产出指标: 产出, 效益指标: 效益, 满意度指标: rows });
  it('有效投诉率 target 0%, actual 0: 4 of 4 (等于0, met), not 4 × 0% = 0', () => {
    const s = section(huanggang, rowsOf([{ name: '服务对象满意度', target: '≥90%', actual: '100', weight: 6 }, { name: '有效投诉率', target: '0%', actual: '0', weight: 4 }]), '满意度指标');
    expect(s.children!.map((c) => [c.name, c.score])).toEqual([['服务对象满意度', '6'], ['有效投诉率', '4']]);
  });
  it('反向 投诉率≤5%: 3% met is 4; 8% is 4 × 5/8 = 2.5 by target, not 4 × 8%', () => {
    const at = (actual: string) => section(huanggang, rowsOf([{ name: '服务对象满意度', target: '≥90%', actual: '100', weight: 6 }, { name: '投诉率', target: '≤5%', actual, weight: 4, reason: '投诉增加' }]), '满意度指标').children![1]!.score;
    expect(at('3')).toBe('4');
    expect(at('8')).toBe('2.5');
  });
  it('等于 =100% and a range 90%-100% by their target; 正向 ≥90% and >90% as w × B%', () => {
    const scores = (target: string, actual: string) => section(huanggang, rowsOf([{ name: '满意度', target, actual, weight: 10, reason: '—' }]), '满意度指标').score;
    expect(scores('=100%', '100')).toBe('10');
    expect(scores('90%-100%', '95')).toBe('10');
    expect(scores('≥90%', '95')).toBe('9.5');
    expect(scores('>90%', '95')).toBe('9.5');
    expect(scores('90%', '95')).toBe('9.5');
  });
});

describe('unmetRounding: 49.99 against ≥50 on 分值 8 (8 × 49.99/50 = 7.9984)', () => {
  const rows = (actual: string, reason?: string) => ({ 产出指标: [met('培训场次', 42), { group: '数量指标', name: '发放手册', target: '≥50本', actual, weight: 8, ...(reason ? { reason } : {}) }], 效益指标: 效益, 满意度指标: 满意度 });
  const leaf = (rubric: Rubric, actual: string) => section(rubric, rows(actual, '印刷延期'), '产出指标').children![0]!.children![1]!;
  it('the bundled national form scores 8.00, as the 一体化 module (round(8 × 0.9998, 2)); no deduction, 偏差原因 still required', () => {
    expect(leaf(bundled, '49.99').score).toBe('8');
    expect(leaf(bundled, '49.99').deductions).toEqual([]);
    expect(codes(bundled, rows('49.99'))).toEqual(['row_reason_required rows.产出指标.1.reason']);
  });
  it('the default (below_full) scores 7.99: an unmet target never reaches the 分值', () => {
    expect(leaf(national, '49.99').score).toBe('7.99');
    expect(leaf(national, '49.99').deductions[0]!.reason).toBe('完成值49.99本，指标值≥50本，完成比例99.98%，得7.99分，扣0.01分');
  });
  it('both sides of the rounding edge: 49.97 (7.9952 → 8) and 49.96 (7.9936 → 7.99)', () => {
    expect(leaf(bundled, '49.97').score).toBe('8');
    expect(leaf(national, '49.97').score).toBe('7.99');
    expect(leaf(bundled, '49.96').score).toBe('7.99');
    expect(leaf(national, '49.96').score).toBe('7.99');
  });
  it('湖北 and 四川 layouts use the same rule', () => {
    expect(hubei.project.unmetRounding).toBe('as_rounded');
    expect(loadBundledRubric('project-self-evaluation-sichuan').project.unmetRounding).toBe('as_rounded');
    expect(national.project.unmetRounding).toBe('below_full');
  });
});
