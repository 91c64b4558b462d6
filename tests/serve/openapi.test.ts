import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesZh } from '../../src/index.js';
import { call, start } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const yunxi = readFileSync(`${root}/examples/yunxi-2021/input.json`, 'utf8');
const huangshi = readFileSync(`${root}/examples/huangshi-2019-shenyi-monitoring/input.json`, 'utf8');

let port: number;
let close: () => Promise<void>;
let doc: Record<string, any>;
beforeAll(async () => {
  const s = await start();
  port = s.port;
  close = () => s.server.close();
  doc = (await call(port, 'GET', '/openapi.json')).json;
});
afterAll(() => close());

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (the official schema, by @seriousme/openapi-schema-validator), every $ref resolving', async () => {
    const v = new Validator();
    // The validator dereferences the document it is given in place: it gets a copy.
    const r = await v.validate(structuredClone(doc));
    expect(r.errors ?? []).toStrictEqual([]);
    expect([r.valid, v.version]).toStrictEqual([true, '3.1']);
    // Dereferencing fails on a $ref that points nowhere.
    const resolved = v.resolveRefs() as Record<string, any>;
    expect(resolved.paths['/v1/score'].post.responses['422'].content['application/json'].schema.properties.issues.items.properties.code.enum).toContain('invalid_number');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toStrictEqual([]);
  });

  it('lists every endpoint, and every issue code of the library', () => {
    expect(Object.keys(doc.paths).sort()).toStrictEqual(['/healthz', '/openapi.json', '/readyz', '/v1/batch', '/v1/explain', '/v1/lint', '/v1/monitor', '/v1/monitor/summary', '/v1/review', '/v1/rubrics', '/v1/score', '/v1/sheet']);
    expect(doc.components.schemas.Issue.properties.code.enum).toStrictEqual(Object.keys(messagesZh));
  });

  describe('its schemas describe what the server answers (checked by Ajv, JSON Schema 2020-12)', () => {
    const check = (name: string, value: unknown) => {
      const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true, inlineRefs: false });
      ajv.addSchema(doc, 'openapi.json');
      const validate = ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` });
      return validate(value) ? [] : validate.errors;
    };

    it('a result, its totals, a failure, an explanation, the rubric list, the lint report', async () => {
      const full = await call(port, 'POST', '/v1/score?rubric=hunan-department', yunxi);
      expect(check('ScoreResult', full.json.value)).toStrictEqual([]);
      const totals = await call(port, 'POST', '/v1/score?rubric=hunan-department&totals=true', yunxi);
      expect(check('ScoreTotals', totals.json.value)).toStrictEqual([]);
      const bad = await call(port, 'POST', '/v1/score?rubric=hunan-department', '{"values":{"在职人数":"三十一"}}');
      expect(check('Failure', bad.json)).toStrictEqual([]);
      const ex = await call(port, 'POST', '/v1/explain', JSON.stringify({ rubric: 'hunan-department', input: JSON.parse(yunxi) }));
      for (const e of ex.json.value) expect(check('Explanation', e)).toStrictEqual([]);
      expect(check('RubricList', (await call(port, 'GET', '/v1/rubrics')).json)).toStrictEqual([]);
      expect(check('LintReport', (await call(port, 'POST', '/v1/lint?rubric=kunming-department')).json)).toStrictEqual([]);
    });

    it('a review (复核) of the 稷山 2020 form, and the filed form itself', async () => {
      const filed = readFileSync(new URL('../../examples/jishan-2020-peitao/filed.json', import.meta.url), 'utf8');
      const r = await call(port, 'POST', '/v1/review?rubric=project-self-evaluation', filed);
      expect(r.status).toBe(200);
      expect(check('Review', r.json.value)).toStrictEqual([]);
      expect(check('FiledForm', JSON.parse(filed))).toStrictEqual([]);
      expect(check('Review', { ...r.json.value, findings: [{ class: 'nonsense' }] })).not.toStrictEqual([]);
    });

    it('monitoring (双监控): the 黄石 result and input, a department result, the summary, the requests; a result with a level that is no text is not one', async () => {
      const r = await call(port, 'POST', '/v1/monitor?rubric=project-monitoring', huangshi);
      expect(r.status).toBe(200);
      expect(check('MonitoringResult', r.json.value)).toStrictEqual([]);
      expect(check('MonitoringResult', { ...r.json.value, level: 1 })).not.toStrictEqual([]);
      expect(check('MonitoringResult', { ...r.json.value, funds: { ...r.json.value.funds, progress: 79.61 } })).not.toStrictEqual([]);
      const d = await call(port, 'POST', '/v1/monitor', JSON.stringify({ rubric: 'department-monitoring', input: { projects: [JSON.parse(huangshi)] } }));
      expect(check('MonitoringResult', d.json.value)).toStrictEqual([]);
      const s = await call(port, 'POST', '/v1/monitor/summary', JSON.stringify({ rubric: 'project-monitoring', inputs: [JSON.parse(huangshi)] }));
      expect(check('MonitoringSummary', s.json.value)).toStrictEqual([]);
      const wrong = await call(port, 'POST', '/v1/monitor', JSON.stringify({ rubric: 'hunan-department', input: JSON.parse(huangshi) }));
      expect([wrong.status, check('Failure', wrong.json)]).toStrictEqual([422, []]);
      expect(check('MonitoringInput', JSON.parse(huangshi))).toStrictEqual([]);
      expect(check('MonitorRequest', { rubric: 'project-monitoring', input: JSON.parse(huangshi), format: 'xlsx' })).toStrictEqual([]);
      expect(check('MonitorRequest', { rubric: 'project-monitoring', input: JSON.parse(huangshi), format: 'pdf' })).not.toStrictEqual([]);
      expect(check('MonitorSummaryRequest', { results: [r.json.value], format: 'md' })).toStrictEqual([]);
      expect(check('RubricList', (await call(port, 'GET', '/v1/rubrics')).json)).toStrictEqual([]);
    });

    it('the requests: the Yunxi input and a bundled rubric are what the schemas take; a rubric without indicators’ names is not', () => {
      expect(check('EvaluationInput', JSON.parse(yunxi))).toStrictEqual([]);
      expect(check('ScoreRequest', { rubric: 'hunan-department', input: JSON.parse(yunxi), totals: true })).toStrictEqual([]);
      expect(check('ScoreRequest', { rubric: 'hunan-department', input: JSON.parse(yunxi), extra: 1 })).not.toStrictEqual([]);
      expect(check('Failure', { success: false, issues: [] })).not.toStrictEqual([]);
      expect(check('Rubric', { id: 'x', name: 'x', indicators: [{ max: 5, rule: { kind: 'judgement' } }] })).not.toStrictEqual([]);
    });
  });
});
