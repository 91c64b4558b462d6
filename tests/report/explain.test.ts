import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { evaluate, loadBundledRubric, type ScoreResult } from '../../src/index.js';
import { auditRecord, compareResults, explain, renderExplanation, renderSheet, rescore, type AuditedResult } from '../../src/entries/report.js';
import { miluo, yunxi } from './examples.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hunan = loadBundledRubric('hunan-department');
const { result, input } = yunxi();
const byName = (list: ReturnType<typeof explain>, name: string) => list.find((e) => e.name === name)!;

describe('explain: how every score was reached, full-score ones too', () => {
  const list = explain(result, { rubric: hunan });

  it('Yunxi 2021: 31 在职 of 34 编制 is 91.18% ≤ 100%, 5 points; every indicator explained', () => {
    expect(list).toHaveLength(4 + 6 + 23);
    expect(byName(list, '财政供养人员控制率')).toEqual({ path: '投入.预算配置.财政供养人员控制率', name: '财政供养人员控制率', level: 2, max: '5', score: '5', full: true, how: '在职人员控制率91.18%≤100%，计5分' });
    // 5 270 元 against 12 098 元 the year before: −56.44%, at or below 0.
    expect(byName(list, '“三公经费”变动率').how).toBe('“三公经费”变动率-56.44%≤0%，计5分');
    expect(byName(list, '重点支出安排率').how).toBe('重点支出安排率90%，属于“≥90”档，计5分');
    expect(byName(list, '支付进度').how).toBe('专项未按进度完成资金下达0例，计3分');
    expect(byName(list, '资金结余').how).toMatch(/符合“无结余”，计3分$/);
    const rule = list.find((e) => e.path === '过程.预算管理.预算管理制度健全性')!;
    expect([rule.full, rule.how, rule.toMax]).toEqual([false, '未达到第②项“相关管理制度合法、合规、完整”，扣1分（相关管理制度需进一步健全完善）', '差1分可得满分：各项均需达到']);
    expect(byName(list, '过程')).toMatchObject({ how: '下级指标合计39分（满分40分），失分：预算管理1分', toMax: '差1分可得满分' });
    expect(list.filter((e) => e.toMax).map((e) => e.name)).toEqual(['过程', '预算管理', '管理制度健全性']);
  });

  it('a figure beside its verdict stays on its side: 30001 在职 of 30000 is 100.00333…%, never “现为100%”; 89.99997% in the [80, 90) band never 90%', () => {
    const close = evaluate(hunan, { ...input, values: { ...input.values, 在职人数: 30001, 编制人数: 30000, 重点支出安排率: '89.99997' } });
    const l = explain(close, { rubric: hunan });
    // 30001/30000 × 100 = 100.003333…: 0.0033 points over × 0.5 = 0.00167 → 0 lost at two decimals, so full; the figure beside ≤100 must not read 100.
    const control = byName(l, '财政供养人员控制率');
    expect(control.how).not.toMatch(/100%≤100%/);
    const m = /在职人员控制率(\d+(?:\.\d+)?)%/.exec(control.toMax ?? control.how);
    expect(m && Number(m[1]) > 100).toBe(true);
    const band = byName(l, '重点支出安排率');
    expect(band.toMax).toBe('差1分可得满分：重点支出安排率需达到“≥90”档（现为89.99997%）');
  });

  it('what would have earned the max: 35 在职 of 34 is 102.94%, 1.47 lost; 85% is the 4-point band', () => {
    const worse = evaluate(hunan, { ...input, values: { ...input.values, 在职人数: 35, 重点支出安排率: 85 } });
    const l = explain(worse, { rubric: hunan });
    // 35/34 = 102.941…%: 2.941… points over, × 0.5 = 1.47 (rounded once), 5 − 1.47 = 3.53.
    expect(byName(l, '财政供养人员控制率')).toMatchObject({ score: '3.53', full: false, toMax: '差1.47分可得满分：在职人员控制率需不超过100%（现为102.94%）' });
    expect(byName(l, '重点支出安排率')).toMatchObject({ score: '4', toMax: '差1分可得满分：重点支出安排率需达到“≥90”档（现为85%）' });
  });

  it('without the rubric at hand, the bundled one of the same fingerprint is used; another fingerprint falls back to the figures', () => {
    expect(explain(result)).toEqual(list);
    const other: ScoreResult = { ...result, rubric: { ...result.rubric, fingerprint: 'sha256:0' } };
    expect(byName(explain(other), '财政供养人员控制率').how).toBe('在职人员控制率91.18%，按“以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。”，计5分');
  });

  it('the project form: a row met, a row short of its target', () => {
    const m = miluo();
    const l = explain(m.result);
    expect(byName(l, '社会公众满意度').how).toBe('实际完成值95%，年度指标值≥95%，计5分');
    expect(byName(l, '群众满意率')).toMatchObject({ score: '4.86', toMax: '差0.14分可得满分：实际完成值需达到年度指标值≥95%' });
  });

  it('renderExplanation: one line an indicator, → under those that lost points', () => {
    const text = renderExplanation(list, result);
    expect(text.split('\n').slice(0, 5)).toEqual([
      '湖南省部门整体支出绩效评价评分表：得分说明',
      '',
      '投入 15/15：下级指标合计15分（满分15分），各项均得满分',
      '  预算配置 15/15：下级指标合计15分（满分15分），各项均得满分',
      '    财政供养人员控制率 5/5：在职人员控制率91.18%≤100%，计5分',
    ]);
    expect(text).toContain('      → 差1分可得满分：各项均需达到\n');
    expect(text.endsWith('总分 99/100，优秀\n')).toBe(true);
    expect(renderExplanation(list, result, { format: 'markdown' })).toContain('    - **财政供养人员控制率** 5/5：在职人员控制率91.18%≤100%，计5分');
  });
});

describe('auditRecord and rescore: a stored result that stands on its own', () => {
  it('is opt-in: evaluate returns no audit; the audited result is the result plus `audit`', () => {
    expect('audit' in result).toBe(false);
    const a = auditRecord(result, input);
    expect(a.success).toBe(true);
    if (!a.success) return;
    const { audit, ...rest } = a.value;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(result));
    expect(audit.rubric).toEqual(result.rubric);
    expect(audit.input.values?.['在职人数']).toBe(31);
    expect(audit.input.meta?.['单位']).toBe('中共岳阳市云溪区委办公室');
  });

  it('stored as JSON, it is rendered with its meta, compared, explained and re-scored to the same bytes', () => {
    const a = auditRecord(result, readFileSync(join(root, 'examples/yunxi-2021/input.json')));
    const stored = JSON.parse(JSON.stringify(a.success && a.value)) as AuditedResult;
    expect(stored.audit.input.values?.['固定资产总额']).toBe('226.71');
    expect(renderSheet(stored)).toContain('单位：中共岳阳市云溪区委办公室');
    expect(compareResults(stored, result).changed).toBe(0);
    expect(byName(explain(stored), '财政供养人员控制率').how).toBe('在职人员控制率91.18%≤100%，计5分');
    const again = rescore(stored);
    expect(again.success && again.value.same).toBe(true);
    // A stored total edited by hand is caught.
    const edited = rescore({ ...stored, total: '100' });
    expect(edited.success && edited.value.same).toBe(false);
  });

  it('a rubric text in the trail is used and checked against the fingerprint', () => {
    const source = readFileSync(join(root, 'rubrics/hunan-department.yaml'), 'utf8');
    const a = auditRecord(result, input, { rubricSource: source });
    expect(a.success && rescore(a.value).success).toBe(true);
    const changed = auditRecord(result, input, { rubricSource: source.replace('name: 湖南省部门整体支出绩效评价评分表', 'name: 改过的评分表') });
    const r = changed.success ? rescore(changed.value) : undefined;
    expect(r?.success).toBe(false);
    expect(r && !r.success && r.issues[0]!.code).toBe('result_invalid');
    expect(r && !r.success && r.issues[0]!.message).toMatch(/评分表指纹不一致/);
  });
});

describe('jixiao score --audit, jixiao sheet, jixiao explain', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-explain-'));
  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  it('a stored audited result is rendered and explained on its own', async () => {
    const f = join(tmp, 'result.json');
    const s = await cli('score', 'hunan-department', join(root, 'examples/yunxi-2021/input.json'), '--audit', '--out', f);
    expect(s.code).toBe(0);
    const stored = JSON.parse(readFileSync(f, 'utf8'));
    expect(Object.keys(stored).at(-1)).toBe('audit');
    expect(stored.audit.rubric.source).toBeUndefined(); // bundled: its id and fingerprint suffice
    const md = await cli('sheet', f);
    expect(md.out).toContain('单位：中共岳阳市云溪区委办公室');
    expect(md.out).toContain('| **合计** |  |  |  | 100 | 99 |  |');
    const e = await cli('explain', f);
    expect(e.out).toContain('    财政供养人员控制率 5/5：在职人员控制率91.18%≤100%，计5分\n');
    const direct = await cli('explain', 'hunan-department', join(root, 'examples/yunxi-2021/input.json'));
    expect(direct.out).toBe(e.out);
    const json = JSON.parse((await cli('explain', f, '--format', 'json')).out);
    expect(json).toHaveLength(33);
  });

  it('a rubric file travels with the result', async () => {
    const f = join(tmp, 'result-file.json');
    await cli('score', join(root, 'rubrics/hunan-department.yaml'), join(root, 'examples/yunxi-2021/input.json'), '--audit', '--out', f);
    const stored = JSON.parse(readFileSync(f, 'utf8')) as AuditedResult;
    expect(stored.audit.rubric.source).toBe(readFileSync(join(root, 'rubrics/hunan-department.yaml'), 'utf8'));
    const r = rescore(stored);
    expect(r.success && r.value.same).toBe(true);
    writeFileSync(join(tmp, 'x.json'), '{"total": 1}');
    expect((await cli('sheet', join(tmp, 'x.json'))).code).toBe(1);
  });
});
