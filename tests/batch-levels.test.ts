/**
 * Judgement levels and rated checklist items in a batch table (CSV or Excel): `指标.level` (or
 * `.档次`) names a judgement's level (相符 / 基本相符 / 调整较大), and a rated checklist's item column
 * holds the item's level (优 / 良 / …) rather than 是/否. Scores worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/index.js';
import { planColumns } from '../src/cli/batch/columns.js';
import { scoreRecords, type ScoreSetup } from '../src/cli/batch/score.js';

const rubric = loadRubric({
  id: 'levels',
  name: '档次',
  indicators: [
    { id: '预算调整', name: '预算调整', max: 10, rule: { kind: 'judgement', levels: [{ level: '相符', points: 10 }, { level: '基本相符', points: 6 }, { level: '调整较大', points: 0 }] } },
    {
      id: '制度建设',
      name: '制度建设',
      max: 5,
      rule: { kind: 'checklist', items: [{ id: '1', text: '制度健全', points: 3 }, { id: '2', text: '执行有效', points: 2 }], scale: [{ level: '优', share: 100 }, { level: '良', share: 80 }, { level: '差', share: 0 }] },
    },
  ],
});

function score(header: string[], rows: string[][]): { lines: Record<string, unknown>[]; issues?: unknown } {
  const planned = planColumns(rubric, header, ['id'], 'in.csv');
  if ('issues' in planned) return { lines: [], issues: planned.issues.map((i) => [i.code, i.params]) };
  const setup: ScoreSetup = { rubric, file: 'in.csv', format: 'ndjson', full: false, idFields: ['id'], columns: planned.plan };
  const out = scoreRecords(setup, rows.map((cells, i) => ({ line: i + 2, cells })), 0);
  return { lines: out.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('levels in a batch table', () => {
  const header = ['id', '预算调整.档次', '预算调整.reason', '制度建设.1', '制度建设.2'];
  it('基本相符 is 6 of 10; items 优 and 良 are 3 + 2 × 80% = 4.6 of 5; 总分 10.6', () => {
    const { lines } = score(header, [['A', '基本相符', '年中调整一次', '优', '良']]);
    expect(lines[0]).toMatchObject({ total: '10.6', scores: { 预算调整: '6', 制度建设: '4.6' } });
  });
  it('相符 and 优 优: full marks; `.level` reads as `.档次`', () => {
    const { lines } = score(['id', '预算调整.level', '制度建设.1', '制度建设.2'], [['B', ' 相符 ', '优', '优']]);
    expect(lines[0]).toMatchObject({ total: '15', scores: { 预算调整: '10', 制度建设: '5' } });
  });
  it('a level the rubric does not list is an issue at that row and column, not a silent 0', () => {
    const { lines } = score(header, [['C', '基本符合', '原因', '优', '优']]);
    const issues = lines[0]!.issues as { line: number; column: number; code: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect([issues[0]!.line, issues[0]!.column]).toStrictEqual([2, 2]);
  });
  it('an item level not on the scale is an issue at its column', () => {
    const { lines } = score(header, [['D', '相符', '', '优', '很好']]);
    const issues = lines[0]!.issues as { line: number; column: number }[];
    expect([issues[0]!.line, issues[0]!.column]).toStrictEqual([2, 5]);
  });
  it('a judgement with levels needs a score or a level column', () => {
    const r = score(['id', '制度建设.1', '制度建设.2'], []);
    expect(JSON.stringify(r.issues)).toContain('column_missing');
  });
});
