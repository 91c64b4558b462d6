import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { bundledMonitoringSource, lintMonitoringRubric, loadBundledMonitoring, renderMonitoringSheet, safeMonitor, summarizeMonitoring } from '../../src/entries/monitor.js';
import { call, start, type Answer } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (f: string) => readFileSync(`${root}/${f}`, 'utf8');
/** 黄石市 申遗经费, 1–6月 2019: budget 220, executed 87.57 (the published 监控表). */
const huangshi = read('examples/huangshi-2019-shenyi-monitoring/input.json');
/** docs/monitoring.md's project at month 7: budget 81, executed 37.8. */
const month7 = {
  meta: { 项目名称: '乡村文化活动', 主管部门: '县文旅局' },
  monitor: { through: 7, budget: '81', spent: '37.8' },
  rows: {
    产出指标: [
      { group: '数量指标', name: '送戏下乡场次', target: '≥120场', weight: '30', monitor: { done: '42', likelihood: '有可能', causes: ['人员保障'], reason: '演出队伍上半年外出集训', measure: '下半年每月加演4场' } },
      { group: '质量指标', name: '群众投诉次数', target: '≤5次', weight: '20', monitor: { done: '1', likelihood: '确定能' } },
    ],
  },
};
const projectMonitoring = loadBundledMonitoring('project-monitoring');
/** The in-process answer, as JSON carries it: the oracle the HTTP answers are held to. */
const inProcess = (input: unknown) => JSON.parse(JSON.stringify(safeMonitor(projectMonitoring, input)));

let port: number;
let close: () => Promise<void>;
beforeAll(async () => {
  const s = await start();
  port = s.port;
  close = () => s.server.close();
});
afterAll(() => close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(port, 'POST', path, typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body), headers);
const codes = (a: Answer) => (a.json.issues as { code: string }[]).map((i) => i.code);

describe('POST /v1/monitor (绩效运行监控)', () => {
  it('黄石 申遗经费 1–6月: what safeMonitor gives in process — 预算执行进度 87.57 ÷ 220 ÷ (6 ÷ 12) = 79.61%, 黄色预警', async () => {
    const byBody = await post('/v1/monitor', { rubric: 'project-monitoring', input: JSON.parse(huangshi) });
    expect([byBody.status, byBody.headers['content-type']]).toStrictEqual([200, 'application/json; charset=utf-8']);
    expect(byBody.json).toStrictEqual(inProcess(JSON.parse(huangshi)));
    const byQuery = await post('/v1/monitor?rubric=project-monitoring', huangshi);
    expect(byQuery.json).toStrictEqual(byBody.json);
    const asText = await post('/v1/monitor', { rubric: 'project-monitoring', input: huangshi });
    expect(asText.json).toStrictEqual(byBody.json);
    // By hand: 执行率 87.57 ÷ 220 = 39.80…%, over the 6 of 12 months elapsed: 79.609…%, printed 79.61.
    const progress = new Decimal('87.57').div('220').times(100).div(new Decimal(6).div(12));
    expect(progress.toFixed(2)).toBe('79.61');
    expect(byBody.json.value.funds.progress).toBe(progress.toDecimalPlaces(2).toString());
    expect(byBody.json.value.funds.levelName).toBe('黄色预警');
    expect(byBody.json.value.funds.reason).toContain('预算执行进度79.61%');
  });

  it('budget 81, executed 37.8, month 7: 37.8 × 12 × 100 ÷ (81 × 7) = 45360 ÷ 567 = exactly 80, green — not the 79.99999999999999 of doubles', async () => {
    expect((37.8 / 81 / (7 / 12)) * 100).toBeLessThan(80);
    expect(new Decimal(45360).div(567).toString()).toBe('80');
    const a = await post('/v1/monitor', { rubric: 'project-monitoring', input: month7 });
    expect(a.status).toBe(200);
    expect(a.json).toStrictEqual(inProcess(month7));
    expect([a.json.value.funds.progress, a.json.value.funds.levelName]).toStrictEqual(['80', '绿色']);
    // Either side of the edge: 37.79 is under 80 (yellow), 37.81 over (green).
    const under = await post('/v1/monitor', { rubric: 'project-monitoring', input: { ...month7, monitor: { ...month7.monitor, spent: '37.79' } } });
    const over = await post('/v1/monitor', { rubric: 'project-monitoring', input: { ...month7, monitor: { ...month7.monitor, spent: '37.81' } } });
    expect(under.json.value.funds.levelName).toBe(inProcess({ ...month7, monitor: { ...month7.monitor, spent: '37.79' } }).value.funds.levelName);
    expect(under.json.value.funds.levelName).not.toBe('绿色');
    expect(over.json.value.funds.levelName).toBe('绿色');
  });

  it('every format: the 监控表 as renderMonitoringSheet draws it, with its media type; XLSX and DOCX are zip files', async () => {
    const result = safeMonitor(projectMonitoring, JSON.parse(huangshi));
    if (!result.success) throw new Error('the example monitors');
    const types = { markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;
    for (const [format, type] of Object.entries(types) as [keyof typeof types, string][]) {
      const a = await post('/v1/monitor', { rubric: 'project-monitoring', input: huangshi, format });
      expect([a.status, a.headers['content-type']], format).toStrictEqual([200, type]);
      expect(a.text, format).toBe(renderMonitoringSheet(result.value, { format }));
    }
    expect((await post('/v1/monitor?rubric=project-monitoring&format=md', huangshi)).text).toBe(renderMonitoringSheet(result.value, { format: 'markdown' }));
    expect((await post('/v1/monitor?rubric=project-monitoring&format=md', huangshi)).text).toContain('预算执行进度');
    for (const [format, type] of [['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']]) {
      const b = await post('/v1/monitor', { rubric: 'project-monitoring', input: huangshi, format });
      expect([b.status, b.headers['content-type']], format).toStrictEqual([200, type]);
      expect(b.bytes.subarray(0, 4).toString('latin1'), format).toBe('PK\x03\x04');
    }
    const pdf = await post('/v1/monitor', { rubric: 'project-monitoring', input: huangshi, format: 'pdf' });
    expect([pdf.status, codes(pdf), pdf.json.issues[0].path]).toStrictEqual([400, ['invalid_value'], ['format']]);
  });

  it('a department (department-monitoring): its projects, as in process', async () => {
    const department = { meta: { 说明: '两个项目' }, projects: [month7, JSON.parse(huangshi)] };
    const a = await post('/v1/monitor', { rubric: 'department-monitoring', input: department });
    expect(a.status).toBe(200);
    expect(a.json).toStrictEqual(JSON.parse(JSON.stringify(safeMonitor(loadBundledMonitoring('department-monitoring'), department))));
    expect(a.json.value.kind).toBe('department-monitoring');
  });

  it('an inline monitoring rubric (its YAML text, or the document) monitors as the bundled one does', async () => {
    const text = bundledMonitoringSource('project-monitoring')!;
    const expected = await post('/v1/monitor', { rubric: 'project-monitoring', input: month7 });
    const byText = await post('/v1/monitor', { rubric: text, input: month7 });
    expect(byText.json.value.rows).toStrictEqual(expected.json.value.rows);
    const extending = await post('/v1/monitor', { rubric: { id: 'mine', name: '本县监控', extends: 'project-monitoring' }, input: month7 });
    expect(extending.status).toBe(200);
    expect(extending.json.value.funds).toStrictEqual(expected.json.value.funds);
  });

  it('issues in the input: 422, each at its line and column in the body (or in the input text)', async () => {
    const body = '{"rubric": "project-monitoring",\n "input": {"monitor": {"through": 7, "budget": "八十一", "spent": "37.8"}, "rows": {}}}';
    const a = await post('/v1/monitor', body);
    expect(a.status).toBe(422);
    expect(a.json.success).toBe(false);
    // Paths within the input, as /v1/score gives them; places in the body.
    const budget = a.json.issues.find((i: { path: unknown[] }) => i.path.join('.') === 'monitor.budget');
    expect(budget.source).toMatchObject({ file: '<body>', line: 2 });
    const q = await post('/v1/monitor?rubric=project-monitoring', '{"monitor": {"through": 7,\n  "budget": "八十一", "spent": "37.8"}, "rows": {}}');
    expect(q.status).toBe(422);
    expect(q.json.issues.find((i: { path: unknown[] }) => i.path.join('.') === 'monitor.budget').source).toMatchObject({ file: '<body>', line: 2, column: 3 });
  });
});

describe('a rubric of the other kind, an unknown one, a hostile body: typed issues, never a 500', () => {
  it('a scoring rubric given to /v1/monitor: rubric_wrong_endpoint naming /v1/score (an id, its text, its document)', async () => {
    for (const rubric of ['hunan-department', read('rubrics/hunan-department.yaml')]) {
      const a = await post('/v1/monitor', { rubric, input: month7 });
      expect([a.status, codes(a)]).toStrictEqual([422, ['rubric_wrong_endpoint']]);
      expect(a.json.issues[0].params).toMatchObject({ id: 'hunan-department', kind: 'scoring', endpoint: '/v1/score' });
      expect(a.json.issues[0].message).toContain('评分表');
    }
    const extending = await post('/v1/monitor', { rubric: { id: 'mine', name: '本县评分表', extends: 'hunan-department' }, input: month7 });
    expect([extending.status, codes(extending), extending.json.issues[0].path, extending.json.issues[0].source.file]).toStrictEqual([422, ['rubric_wrong_endpoint'], ['rubric'], '<body>']);
    const q = await post('/v1/monitor?rubric=project-self-evaluation', month7);
    expect([q.status, codes(q), q.json.issues[0].params.endpoint]).toStrictEqual([422, ['rubric_wrong_endpoint'], '/v1/score']);
  });

  it('a monitoring rubric given to /v1/score (or /v1/sheet): rubric_wrong_endpoint naming /v1/monitor', async () => {
    const byQuery = await post('/v1/score?rubric=project-monitoring', month7);
    expect([byQuery.status, codes(byQuery), byQuery.json.issues[0].params.endpoint]).toStrictEqual([422, ['rubric_wrong_endpoint'], '/v1/monitor']);
    expect(byQuery.json.issues[0].message).toContain('监控规则');
    for (const rubric of ['department-monitoring', bundledMonitoringSource('project-monitoring')!, { id: 'mine', name: '本县监控', extends: 'project-monitoring' }]) {
      const a = await post('/v1/score', { rubric, input: month7 });
      expect([a.status, codes(a), a.json.issues[0].params.kind]).toStrictEqual([422, ['rubric_wrong_endpoint'], 'monitoring']);
    }
    const sheet = await post('/v1/sheet', { rubric: 'project-monitoring', input: month7 });
    expect([sheet.status, codes(sheet)]).toStrictEqual([422, ['rubric_wrong_endpoint']]);
    const batch = await call(port, 'POST', '/v1/batch?rubric=project-monitoring', `${JSON.stringify(month7)}\n`, { 'content-type': 'application/x-ndjson' });
    expect([batch.status, codes(batch)]).toStrictEqual([422, ['rubric_wrong_endpoint']]);
  });

  it('an unknown rubric: 422 unknown_bundled_rubric listing the monitoring rubrics', async () => {
    const a = await post('/v1/monitor', { rubric: 'no-such-monitoring', input: month7 });
    expect([a.status, codes(a)]).toStrictEqual([422, ['unknown_bundled_rubric']]);
    expect(a.json.issues[0].params.ids).toBe('project-monitoring、department-monitoring');
  });

  it('wrong types, a missing field, an unknown key, not a mapping: 400 with the place', async () => {
    const cases: [unknown, string, unknown[]][] = [
      [{ rubric: ['project-monitoring'], input: month7 }, 'invalid_type', ['rubric']],
      [{ rubric: 'project-monitoring', input: [1, 2] }, 'invalid_type', ['input']],
      [{ rubric: 'project-monitoring', input: null }, 'invalid_type', ['input']],
      [{ rubric: 'project-monitoring' }, 'missing_key', []],
      [{ input: month7 }, 'missing_key', []],
      [{ rubric: 'project-monitoring', input: month7, totals: true }, 'unknown_key', ['totals']],
      [[month7], 'invalid_type', []],
      ['{"rubric": "project-monitoring", "input": ', 'yaml_syntax', []],
    ];
    for (const [body, code, path] of cases) {
      const a = await post('/v1/monitor', body);
      expect([a.status, a.json.success, a.json.issues[0].code, a.json.issues[0].path], JSON.stringify(body).slice(0, 80)).toStrictEqual([400, false, code, path]);
    }
  });

  it('a body that is not UTF-8, one nested too deep, one over --max-body: typed issues', async () => {
    // 申遗 in GBK (C9EA D2C5): the first byte that is not UTF-8 named, at its column and offset.
    const prefix = '{"rubric": "project-monitoring", "input": {"meta": {"项目名称": "';
    const gbk = Buffer.concat([Buffer.from(prefix), Buffer.from([0xc9, 0xea, 0xd2, 0xc5]), Buffer.from('"}}}')]);
    const a = await post('/v1/monitor', gbk);
    expect([a.status, codes(a), a.json.issues[0].source, a.json.issues[0].params]).toStrictEqual([400, ['encoding_invalid'], { file: '<body>', line: 1, column: prefix.length + 1 }, { byte: '0xC9', line: 1, column: prefix.length + 1, offset: Buffer.byteLength(prefix) }]);
    const q = await post('/v1/monitor?rubric=project-monitoring', Buffer.concat([Buffer.from('{"meta": {"项目名称": "'), Buffer.from([0xc9, 0xea])]));
    expect([q.status, codes(q)]).toStrictEqual([422, ['encoding_invalid']]);
    // Nested past the limit: refused before it is parsed, at the place it went too deep.
    const deep = await post('/v1/monitor', `{"rubric": "project-monitoring", "input": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect([deep.status, codes(deep), deep.json.issues[0].source.file]).toStrictEqual([400, ['too_deep'], '<body>']);
    const deepQuery = await post('/v1/monitor?rubric=project-monitoring', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`);
    expect([deepQuery.status, codes(deepQuery)]).toStrictEqual([422, ['too_deep']]);
    const s = await start({ maxBody: 2000 });
    try {
      const big = JSON.stringify({ rubric: 'project-monitoring', input: { ...month7, meta: { 说明: '长'.repeat(2000) } } });
      const b = await call(s.port, 'POST', '/v1/monitor', big);
      expect([b.status, b.json.issues[0].code, b.json.issues[0].params.limit]).toStrictEqual([413, 'body_too_large', 2000]);
    } finally {
      await s.server.close();
    }
  });

  it('property: any JSON body to /v1/monitor is answered 2xx or 4xx in the { success … } shape, never 5xx', async () => {
    const value = fc.oneof(fc.constantFrom('project-monitoring', 'department-monitoring', 'hunan-department', 'nope', 'id: x\nmonitoring: {}'), fc.jsonValue({ maxDepth: 3 }));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ rubric: value, input: fc.oneof(fc.constant(month7), fc.jsonValue({ maxDepth: 4 })), format: fc.constantFrom('json', 'md', 'csv', 'html', 'pdf', 5) }, { requiredKeys: [] }),
      fc.record({ monitor: fc.record({ through: fc.oneof(fc.integer({ min: -2, max: 400 }), fc.string()), budget: fc.oneof(fc.constantFrom('0', '81', '-1', '1e3'), fc.double()), spent: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }), rows: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, byQuery) => {
        const a = await post(byQuery ? '/v1/monitor?rubric=project-monitoring' : '/v1/monitor', JSON.stringify(b) ?? 'null');
        expect(a.status).toBeGreaterThanOrEqual(200);
        expect(a.status).toBeLessThan(500);
        if (a.headers['content-type']?.toString().startsWith('application/json')) {
          expect(typeof a.json.success).toBe('boolean');
          if (a.json.success) expect(Array.isArray(a.json.warnings)).toBe(true);
          else {
            expect(a.status).toBeGreaterThanOrEqual(400);
            expect(a.json.issues.length).toBeGreaterThan(0);
            for (const i of a.json.issues) expect(i.code).toMatch(/^[a-z_]+$/);
          }
        } else expect(a.status).toBe(200);
      }),
      { numRuns: 150 },
    );
  });
});

describe('POST /v1/monitor/summary (绩效运行监控汇总)', () => {
  const other = { meta: { 项目名称: '老旧小区改造', 主管部门: '县住建局' }, monitor: { through: 7, budget: '500', spent: '150' }, rows: { 产出指标: [{ group: '数量指标', name: '改造小区', target: '≥12个', weight: '50', monitor: { done: '5', likelihood: '有可能', causes: ['经费保障'], measure: '申请调整预算' } }] } };

  it('inputs monitored then summed up: what summarizeMonitoring gives of the in-process results; and the same from the stored results', async () => {
    const results = [month7, JSON.parse(huangshi), other].map((i) => {
      const r = safeMonitor(projectMonitoring, i);
      if (!r.success) throw new Error('monitors');
      return r.value;
    });
    const expected = JSON.parse(JSON.stringify(summarizeMonitoring(results, projectMonitoring.levels)));
    const a = await post('/v1/monitor/summary', { rubric: 'project-monitoring', inputs: [month7, huangshi, other] });
    expect(a.status).toBe(200);
    expect(a.json).toStrictEqual({ success: true, value: expected, warnings: [] });
    // 县文旅局 one project, 黄石市文化和旅游局 one, 县住建局 one.
    expect(a.json.value.departments.map((d: { department: string; projects: number }) => [d.department, d.projects])).toStrictEqual([['县文旅局', 1], ['黄石市文化和旅游局', 1], ['县住建局', 1]]);
    const stored = await post('/v1/monitor/summary', { results: results.map((r) => JSON.parse(JSON.stringify(r))) });
    expect(stored.json.value).toStrictEqual(expected);
    const md = await post('/v1/monitor/summary', { results, format: 'md' });
    expect([md.status, md.headers['content-type']]).toStrictEqual([200, 'text/markdown; charset=utf-8']);
    expect(md.text).toBe(renderMonitoringSheet(summarizeMonitoring(results), { format: 'markdown' }));
    const x = await post('/v1/monitor/summary?format=xlsx', { results });
    expect(x.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });

  it('an input with issues: 422 at its index; a stored result that is not one: 422 at its place; no inputs: 400', async () => {
    const bad = await post('/v1/monitor/summary', { rubric: 'project-monitoring', inputs: [month7, { ...month7, monitor: { ...month7.monitor, through: 13 } }] });
    expect(bad.status).toBe(422);
    expect(bad.json.issues[0].path.slice(0, 2)).toStrictEqual(['inputs', 1]);
    const r = safeMonitor(projectMonitoring, month7);
    if (!r.success) throw new Error('monitors');
    const broken = await post('/v1/monitor/summary', { results: [r.value, { ...r.value, level: ['红'] }] });
    expect(broken.status).toBe(422);
    expect(broken.json.issues[0].path).toStrictEqual(['results', 1, 'level']);
    expect(broken.json.issues[0].source).toMatchObject({ file: '<body>' });
    for (const body of [{ rubric: 'project-monitoring' }, { rubric: 'project-monitoring', inputs: [] }, { results: [], rubric: 'x' }]) {
      const a = await post('/v1/monitor/summary', body);
      expect([a.status, a.json.success], JSON.stringify(body)).toStrictEqual([400, false]);
    }
  });
});

describe('POST /v1/lint of a monitoring rubric: its levels, rules and bands reviewed as jixiao lint reviews them', () => {
  const asServed = (r: ReturnType<typeof lintMonitoringRubric>) => JSON.parse(JSON.stringify({ success: r.errors === 0, errors: r.errors, warnings: r.warnings, infos: r.infos, issues: r.issues }));

  it('by id, as its YAML body, as its text: lintMonitoringRubric’s report', async () => {
    const text = bundledMonitoringSource('project-monitoring')!;
    const byId = await post('/v1/lint?rubric=project-monitoring', '');
    expect([byId.status, byId.json]).toStrictEqual([200, asServed(lintMonitoringRubric(text, { file: 'rubrics/project-monitoring.yaml' }))]);
    const yaml = await post('/v1/lint', text, { 'content-type': 'application/yaml' });
    expect(yaml.json).toStrictEqual(asServed(lintMonitoringRubric(text, { file: '<body>' })));
    expect((await post('/v1/lint', { rubric: 'department-monitoring' })).json.success).toBe(true);
  });

  it('a level no band declares: the issue, at its line in the text and at its place in the body', async () => {
    const text = 'id: mine\nname: 本县监控\nextends: project-monitoring\nmonitoring:\n  order: [紫, 红]\n';
    const own = lintMonitoringRubric(text, { file: '<rubric>' });
    expect(own.errors).toBeGreaterThan(0);
    const a = await post('/v1/lint', { rubric: text });
    expect(a.json).toStrictEqual(asServed(own));
    const body = '{"rubric": {"id": "mine", "name": "本县监控", "extends": "project-monitoring",\n  "monitoring": {"order": ["紫", "红"]}}}';
    const d = await post('/v1/lint', body);
    expect([d.json.success, d.json.issues.map((i: { code: string }) => i.code)]).toStrictEqual([false, own.issues.map((i) => i.code)]);
    expect(d.json.issues[0].source).toMatchObject({ file: '<body>', line: 2 });
  });
});

describe('GET /v1/rubrics, and monitoring rubrics registered at start', () => {
  it('lists the monitoring rubrics, kind monitoring, after the scoring ones (kind scoring)', async () => {
    const a = await call(port, 'GET', '/v1/rubrics');
    const list = a.json.value as { id: string; kind: string; bundled: boolean }[];
    expect(list.filter((r) => r.kind === 'monitoring').map((r) => r.id)).toStrictEqual(['project-monitoring', 'department-monitoring']);
    expect(list.find((r) => r.id === 'project-monitoring')).toStrictEqual({ id: 'project-monitoring', name: projectMonitoring.name, version: projectMonitoring.version ?? null, bundled: true, kind: 'monitoring' });
    expect(list.find((r) => r.id === 'hunan-department')!.kind).toBe('scoring');
  });
});
