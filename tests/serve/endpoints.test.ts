import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledRubricIds, Decimal, evaluate, loadBundledRubric } from '../../src/index.js';
import { renderSheet } from '../../src/entries/report.js';
import { bundledMonitoringIds } from '../../src/entries/monitor.js';
import { call, start, type Answer } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (f: string) => readFileSync(`${root}/${f}`, 'utf8');
const yunxi = read('examples/yunxi-2021/input.json');
const miluo = read('examples/miluo-2018-project/input.json');

let port: number;
let close: () => Promise<void>;
let logs: string[];
beforeAll(async () => {
  const s = await start();
  port = s.port;
  logs = s.logs;
  close = () => s.server.close();
});
afterAll(() => close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(port, 'POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers);
/** The issues of a failure, as code, path and place. */
const placed = (a: Answer) => (a.json.issues as { code: string; path: unknown[]; source?: { file?: string; line: number; column: number } }[]).map((i) => [i.code, i.path, i.source ? `${i.source.file}:${i.source.line}:${i.source.column}` : null]);

describe('POST /v1/score', () => {
  it('scores the Yunxi 2021 evaluation on the Hunan sheet: 99 of 100, 优秀 (the report’s own 绩效自评综合得分 99分)', async () => {
    const a = await post('/v1/score', { rubric: 'hunan-department', input: JSON.parse(yunxi) });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(a.json).toMatchObject({ success: true, warnings: [], value: { total: '99', max: '100', grade: '优秀', rubric: { id: 'hunan-department' } } });
    // The whole result is the library's, figure for figure.
    expect(a.json.value).toStrictEqual(JSON.parse(JSON.stringify(evaluate(loadBundledRubric('hunan-department'), JSON.parse(yunxi)))));
  });

  it('scores the Miluo 2018 project form (项目支出绩效自评表): 97.86, 优, as examples/miluo-2018-project works it out', async () => {
    const a = await post('/v1/score?rubric=project-self-evaluation', miluo);
    expect(a.status).toBe(200);
    expect([a.json.value.total, a.json.value.max, a.json.value.grade]).toStrictEqual(['97.86', '100', '优']);
  });

  it('totals: the same figures without the reasons (the totals path)', async () => {
    const full = await post('/v1/score?rubric=hunan-department', yunxi);
    const totals = await post('/v1/score', { rubric: 'hunan-department', input: yunxi, totals: true });
    const byQuery = await post('/v1/score?rubric=hunan-department&totals=true', yunxi);
    expect(totals.json).toStrictEqual(byQuery.json);
    expect(Object.keys(totals.json.value).sort()).toStrictEqual(['grade', 'max', 'rubric', 'scores', 'total']);
    expect([totals.json.value.total, totals.json.value.grade]).toStrictEqual(['99', '优秀']);
    // Every leaf's score is the full result's.
    const leaves = new Map<string, string>();
    const walk = (ns: { id: string; score: string; children?: unknown[] }[]) => ns.forEach((n) => (n.children ? walk(n.children as typeof ns) : leaves.set(n.id, n.score)));
    walk(full.json.value.indicators);
    for (const [id, s] of leaves) expect(totals.json.value.scores[id], id).toBe(s);
  });

  it('an inline rubric (a document, or its YAML text) scores as the bundled one does', async () => {
    const text = read('rubrics/hunan-department.yaml');
    const asText = await post('/v1/score', { rubric: text, input: JSON.parse(yunxi), totals: true });
    expect(asText.json.value.total).toBe('99');
    const asDoc = await post('/v1/score', { rubric: (await import('yaml')).parse(text), input: JSON.parse(yunxi), totals: true });
    expect(asDoc.json.value.total).toBe('99');
  });

  it('a figure that is not a number: invalid_number at its line and column in the body (the input is the body)', async () => {
    // The key "在职人数" opens at the 12th character of line 1.
    const a = await post('/v1/score?rubric=hunan-department', '{"values":{"在职人数":"三十一"}}');
    expect(a.status).toBe(422);
    expect(a.json.success).toBe(false);
    expect(placed(a)[0]).toStrictEqual(['invalid_number', ['values', '在职人数'], '<body>:1:12']);
    expect(a.json.issues[0].message).toBe('“三十一”不是有效的十进制数字');
    expect(a.json.issues[0].messageEn).toBe('"三十一" is not a decimal number');
  });

  it('an input inside the envelope: its issues at their line and column in the body, their paths in the input', async () => {
    const body = '{\n  "rubric": "hunan-department",\n  "input": {\n    "values": { "在职人数": "三十一" }\n  }\n}\n';
    const a = await post('/v1/score', body);
    expect(a.status).toBe(422);
    // Line 4: four spaces, "values": (9), a space, {, a space: the key's quote is the 17th character.
    expect(placed(a)[0]).toStrictEqual(['invalid_number', ['values', '在职人数'], '<body>:4:17']);
  });

  it('an input given as text keeps its own positions (file <input>)', async () => {
    const a = await post('/v1/score', { rubric: 'hunan-department', input: 'values:\n  在职人数: 三十一\n' });
    expect(placed(a)[0]).toStrictEqual(['invalid_number', ['values', '在职人数'], '<input>:2:3']);
  });

  it('malformed JSON: 400, yaml_syntax at the place it breaks', async () => {
    const a = await post('/v1/score', '{"rubric": "hunan-department", "input": {');
    expect(a.status).toBe(400);
    expect(a.json.issues[0].code).toBe('yaml_syntax');
    expect(a.json.issues[0].source.file).toBe('<body>');
  });

  it('an envelope without input, with an unknown key, or a rubric that is a number: 400 with the library’s codes', async () => {
    expect(placed(await post('/v1/score', { rubric: 'hunan-department' }))).toStrictEqual([['missing_key', [], '<body>:1:1']]);
    const typo = await post('/v1/score', '{"rubric": "hunan-department", "inputs": {}}');
    expect(typo.status).toBe(400);
    expect(placed(typo)).toStrictEqual([['unknown_key', ['inputs'], '<body>:1:32']]);
    // A number is read as its text (an id); a list is none of an id, a text or a rubric.
    expect((await post('/v1/score', '{"rubric": 7, "input": {}}')).json.issues[0].params.id).toBe('7');
    const n = await post('/v1/score', '{"rubric": [7], "input": {}}');
    expect(placed(n)).toStrictEqual([['invalid_type', ['rubric'], '<body>:1:2']]);
  });

  it('an unknown rubric id: 422 unknown_bundled_rubric, naming the ids there are', async () => {
    const a = await post('/v1/score?rubric=hunan-departmnt', yunxi);
    expect(a.status).toBe(422);
    expect(a.json.issues[0].code).toBe('unknown_bundled_rubric');
    expect(a.json.issues[0].message).toContain('hunan-department');
  });

  it('a rubric in a request extends a bundled one, never a file: a path is extends_not_found, even one that exists', async () => {
    const bundled = await post('/v1/score', { rubric: 'id: x\nname: x\nextends: hunan-department\n', input: JSON.parse(yunxi), totals: true });
    expect([bundled.status, bundled.json.value.total]).toStrictEqual([200, '99']);
    const file = await post('/v1/score', { rubric: 'id: x\nname: x\nextends: rubrics/hunan-department.yaml\n', input: {} });
    expect(placed(file)).toStrictEqual([['extends_not_found', ['extends'], '<rubric>:3:1']]);
  });

  it('a broken inline rubric: its issues at their place in the body', async () => {
    const body = '{"rubric": {"id": "t", "name": "t", "indicators": [{"id": "a", "name": "a", "max": 10, "children": [{"id": "b", "name": "b", "max": 5, "rule": {"kind": "judgement"}}]}]}, "input": {}}';
    const a = await post('/v1/score', body);
    expect(a.status).toBe(422);
    const [code, path, at] = placed(a)[0]!;
    expect([code, path]).toStrictEqual(['children_max_mismatch', ['indicators', 0, 'max']]);
    // At the indicator's "max" key: 52 characters up to the indicator's `{`, 24 for its id and name, then the key.
    expect(at).toBe('<body>:1:77');
  });
});

describe('POST /v1/batch', () => {
  it('writes, line for line, what jixiao batch writes for the same records', async () => {
    const records = read('examples/batch/records.ndjson');
    const a = await post('/v1/batch?rubric=hunan-department', records, { 'content-type': 'application/x-ndjson' });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const cli = spawnSync(process.execPath, [`${root}/dist/cli.cjs`, 'batch', 'hunan-department', '-', '--summary', 'none'], { input: records, encoding: 'utf8' });
    expect(cli.stdout.split('\n').length).toBe(6);
    expect(a.text).toBe(cli.stdout);
    // The first record is Yunxi 2021: 99, 优秀.
    expect(JSON.parse(a.text.split('\n')[0]!)).toMatchObject({ index: 0, line: 1, id: 'YX-2021-01', total: '99', grade: '优秀' });
  });

  it('project forms with --full’s whole result (full=true), and a record with issues in its own line', async () => {
    const lines = read('examples/batch/projects.ndjson').trimEnd().split('\n');
    const body = [lines[0], '{"values": {"全年预算数": "两百"}}', ''].join('\n');
    const a = await post('/v1/batch?rubric=project-self-evaluation&full=true', body);
    const out = a.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect([out[0].id, out[0].result.total, out[0].result.grade]).toStrictEqual(['ML-2018', '97.86', '优']);
    expect(out[1].index).toBe(1);
    expect(out[1].issues.map((i: { code: string }) => i.code)).toContain('invalid_number');
    expect(out[1].issues.find((i: { code: string }) => i.code === 'invalid_number')).toMatchObject({ line: 2, column: 13 });
  });

  it('without a rubric, 400; an unknown rubric, 422; an empty stream, 422 batch_empty', async () => {
    expect((await post('/v1/batch', '{}\n')).status).toBe(400);
    expect((await post('/v1/batch?rubric=nope', '{}\n')).json.issues[0].code).toBe('unknown_bundled_rubric');
    const empty = await post('/v1/batch?rubric=hunan-department', '');
    expect([empty.status, empty.json.issues[0].code]).toStrictEqual([422, 'batch_empty']);
  });
});

describe('POST /v1/lint, /v1/sheet, /v1/explain; GET /v1/rubrics', () => {
  it('lint: a bundled rubric is clean; a YAML body’s issues are at their lines in the body', async () => {
    const clean = await call(port, 'POST', '/v1/lint?rubric=hunan-department');
    expect(clean.status).toBe(200);
    expect([clean.json.success, clean.json.errors, clean.json.warnings]).toStrictEqual([true, 0, 0]);
    const yaml = 'id: t\nname: t\nversion: "1"\nindicators:\n  - id: a\n    name: a\n    max: 10\n    children:\n      - { id: b, name: b, max: 5, rule: { kind: judgement } }\n';
    const bad = await call(port, 'POST', '/v1/lint', yaml, { 'content-type': 'application/yaml' });
    expect(bad.json.success).toBe(false);
    const i = bad.json.issues.find((x: { code: string }) => x.code === 'children_max_mismatch');
    // At the indicator's `max: 10`, line 7.
    expect([i.path, i.source]).toStrictEqual([['indicators', 0, 'max'], { file: '<body>', line: 7, column: 5 }]);
    expect((await post('/v1/lint', { rubric: yaml })).json.issues.find((x: { code: string }) => x.code === 'children_max_mismatch').source).toStrictEqual({ file: '<rubric>', line: 7, column: 5 });
  });

  it('sheet: the 评分表 in every format, as renderSheet draws it', async () => {
    const input = JSON.parse(yunxi);
    const expected = renderSheet(evaluate(loadBundledRubric('hunan-department'), input), { input, format: 'markdown' });
    const md = await post('/v1/sheet', { rubric: 'hunan-department', input });
    expect([md.status, md.headers['content-type']]).toStrictEqual([200, 'text/markdown; charset=utf-8']);
    expect(md.text).toBe(expected);
    expect(md.text).toContain('# 湖南省部门整体支出绩效评价评分表');
    const html = await post('/v1/sheet?format=html', { rubric: 'hunan-department', input });
    expect(html.text).toMatch(/^<!DOCTYPE html>/i);
    const csv = await post('/v1/sheet', { rubric: 'hunan-department', input, format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    for (const f of ['xlsx', 'docx']) {
      const b = await post('/v1/sheet', { rubric: 'hunan-department', input, format: f });
      expect(b.status, f).toBe(200);
      expect(b.bytes.subarray(0, 4).toString('latin1'), f).toBe('PK\x03\x04');
    }
  });

  it('sheet of a stored result ({ result }: /v1/score’s value); a result that is not one, 422 result_invalid at its place', async () => {
    const scored = await post('/v1/score', { rubric: 'hunan-department', input: JSON.parse(yunxi) });
    const s = await post('/v1/sheet', { result: scored.json.value });
    expect(s.status).toBe(200);
    expect(s.text).toBe(renderSheet(scored.json.value, { format: 'markdown' }));
    const broken = { ...scored.json.value, total: 'ninety-nine' };
    const b = await post('/v1/sheet', `{"result": ${JSON.stringify(broken)}}`);
    expect(b.status).toBe(422);
    expect(b.json.issues[0].code).toBe('result_invalid');
    expect(b.json.issues[0].source.file).toBe('<body>');
    const f = await post('/v1/sheet', { result: scored.json.value, format: 'pdf' });
    expect([f.status, f.json.issues[0].code, f.json.issues[0].path]).toStrictEqual([400, 'invalid_value', ['format']]);
  });

  it('explain: every indicator, the 一级指标 adding up to the total 99', async () => {
    const a = await post('/v1/explain', { rubric: 'hunan-department', input: JSON.parse(yunxi) });
    expect(a.status).toBe(200);
    const top = (a.json.value as { level: number; score: string }[]).filter((e) => e.level === 0);
    expect(top.length).toBeGreaterThan(1);
    expect(top.reduce((s, e) => s.plus(e.score), new Decimal(0)).toString()).toBe('99');
    const lost = (a.json.value as { full: boolean; toMax?: string }[]).filter((e) => !e.full);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((e) => typeof e.toMax === 'string')).toBe(true);
    const text = await post('/v1/explain?format=text', { rubric: 'hunan-department', input: JSON.parse(yunxi) });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.text.split('\n')[0]).toBe('湖南省部门整体支出绩效评价评分表：得分说明');
  });

  it('rubrics: every bundled id with its name, the scoring rubrics (kind scoring) then the monitoring ones (kind monitoring)', async () => {
    const a = await call(port, 'GET', '/v1/rubrics');
    expect(a.json.value.map((r: { id: string }) => r.id)).toStrictEqual([...bundledRubricIds, ...bundledMonitoringIds]);
    expect(a.json.value[0]).toStrictEqual({ id: 'hunan-department', name: '湖南省部门整体支出绩效评价评分表', version: '2021', bundled: true, kind: 'scoring' });
    expect(a.json.value.map((r: { kind: string }) => r.kind)).toStrictEqual([...bundledRubricIds.map(() => 'scoring'), ...bundledMonitoringIds.map(() => 'monitoring')]);
  });

  it('healthz, readyz, 404 route_not_found, 405 method_not_allowed with Allow', async () => {
    expect((await call(port, 'GET', '/healthz')).json).toStrictEqual({ status: 'ok' });
    expect((await call(port, 'GET', '/readyz')).json).toStrictEqual({ status: 'ready' });
    const nf = await call(port, 'GET', '/v2/score');
    expect([nf.status, nf.json.issues[0].code]).toStrictEqual([404, 'route_not_found']);
    const na = await call(port, 'GET', '/v1/score');
    expect([na.status, na.headers.allow, na.json.issues[0].code]).toStrictEqual([405, 'POST', 'method_not_allowed']);
  });

  it('logs one JSON line per request, without the body', async () => {
    await post('/v1/score?rubric=hunan-department', yunxi);
    const last = JSON.parse(logs.filter((l) => l.includes('/v1/score')).at(-1)!);
    expect(Object.keys(last).sort()).toStrictEqual(['method', 'ms', 'path', 'remote', 'status', 'time']);
    expect([last.method, last.path, last.status, last.remote]).toStrictEqual(['POST', '/v1/score', 200, '127.0.0.1']);
    expect(logs.join('\n')).not.toContain('在职人数');
  });
});

describe('the bearer token', () => {
  it('without it or with another: 401 unauthorized; with it: the answer; the probes need none', async () => {
    const s = await start({ token: 'a-token-of-some-length' });
    try {
      const none = await call(s.port, 'GET', '/v1/rubrics');
      expect([none.status, none.headers['www-authenticate'], none.json.issues[0].code]).toStrictEqual([401, 'Bearer', 'unauthorized']);
      expect((await call(s.port, 'GET', '/v1/rubrics', undefined, { authorization: 'Bearer a-token-of-some-lengtX' })).status).toBe(401);
      expect((await call(s.port, 'GET', '/v1/rubrics', undefined, { authorization: 'Bearer a-token-of-some-length' })).status).toBe(200);
      expect((await call(s.port, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });
});

describe('POST /v1/review (复核)', () => {
  const jishan = read('examples/jishan-2020-peitao/filed.json');
  const huangshi = read('examples/huangshi-2022-haimian/filed.json');
  it('稷山 2020 as filed: its seven findings, the filed 94 kept beside the rules’ 99.77', async () => {
    const a = await post('/v1/review', { rubric: 'project-self-evaluation', filed: JSON.parse(jishan) });
    expect(a.status).toBe(200);
    const v = a.json.value as { clean: boolean; filed: { total: string }; result: { total: string }; findings: { class: string; message: string }[] };
    expect([v.clean, v.filed.total, v.result.total, v.findings.length]).toStrictEqual([false, '94', '99.77', 7]);
    expect(v.findings.map((f) => f.message)).toContain('全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分');
    // The library's review, finding for finding.
    const { review } = await import('../../src/entries/review.js');
    expect(v).toStrictEqual(JSON.parse(JSON.stringify(review(loadBundledRubric('project-self-evaluation'), JSON.parse(jishan)))));
  });
  it('?rubric=<id> with the filed form as the body: the same review, findings placed in the body', async () => {
    const a = await post('/v1/review?rubric=project-self-evaluation', jishan);
    const v = a.json.value as { findings: { source?: { file?: string; line: number } }[] };
    expect(a.status).toBe(200);
    expect(v.findings.length).toBe(7);
    expect(v.findings.every((f) => f.source === undefined || f.source.file === '<body>')).toBe(true);
  });
  it('黄石 2022 with its own rubric given inline as text: clean at 99.55', async () => {
    const a = await post('/v1/review', { rubric: read('examples/huangshi-2022-haimian/rubric.yaml'), filed: huangshi });
    expect(a.status).toBe(200);
    expect([a.json.value.clean, a.json.value.result.total]).toStrictEqual([true, '99.55']);
  });
  it('no filed form: 400 missing_key; a filed form that is not a mapping: 400 invalid_type at its place', async () => {
    const none = await post('/v1/review', { rubric: 'project-self-evaluation' });
    expect([none.status, placed(none)[0]![0]]).toStrictEqual([400, 'missing_key']);
    const list = await post('/v1/review', '{"rubric": "project-self-evaluation", "filed": [1]}');
    expect([list.status, placed(list)]).toStrictEqual([400, [['invalid_type', ['filed'], '<body>:1:39']]]);
  });
  it('a filed form as text with a syntax error: 422 at its line and column in that text', async () => {
    const a = await post('/v1/review', { rubric: 'project-self-evaluation', filed: '{"values": {"全年预算数": 100,}' });
    expect(a.status).toBe(422);
    expect(placed(a)[0]![2]).toMatch(/^<filed>:1:\d+$/);
  });
});
