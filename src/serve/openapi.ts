/**
 * The OpenAPI 3.1 document of `jixiao serve`, served at /openapi.json. The request and result
 * shapes are the library's own zod schemas (the rubric, the evaluation input, the stored result
 * that `jixiao sheet` checks), turned into JSON Schema 2020-12 by zod — the dialect of OpenAPI
 * 3.1 — so they are written once. Each schema's `$defs` become components of their own.
 */
import * as z from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { inputDocumentSchema, messagesZh, rubricSchema } from '../index.js';
import { RESULT_DECIMAL, storedResultSchema } from '../report/stored.js';
import { filedDocumentSchema } from '../review/schema.js';
import { FINDING_CLASSES } from '../review/finding.js';
import { monitoringInputJsonSchema, monitoringRubricSchema } from '../entries/monitor.js';
import { anyMonitoringResultSchema, monitoringSummarySchema } from './monitor-schema.js';
import { MONITOR_FORMATS } from './monitor.js';

type Json = Record<string, unknown>;

/** A figure at the JSON boundary: a plain decimal string. */
const decimal = z.string().regex(RESULT_DECIMAL).describe('十进制数字文本 · a plain decimal');

/** An issue as the library gives it (src/issues/issue.ts), its code one of the library's. */
const issueSchema = z.object({
  code: z.enum(Object.keys(messagesZh) as [string, ...string[]]),
  severity: z.enum(['error', 'warning', 'info']),
  path: z.array(z.union([z.string(), z.number()])),
  indicator: z.string().optional(),
  message: z.string().describe('中文'),
  messageEn: z.string().describe('English'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  source: z.object({ file: z.string().optional(), line: z.number().int(), column: z.number().int() }).optional(),
});

/** The totals path's figures (`score`, `totals: true`). */
const totalsSchema = z.object({
  rubric: z.object({ id: z.string(), name: z.string(), version: z.string().optional(), fingerprint: z.string() }),
  total: decimal,
  max: decimal,
  grade: z.string().nullable(),
  failed: z.literal(true).optional(),
  scores: z.record(z.string(), decimal),
});

/** A review (复核): the form scored by its rules, what was filed, and each departure as a finding. */
const reviewSchema = z.object({
  result: storedResultSchema,
  filed: z.object({ total: decimal.optional(), grade: z.string().nullable().optional() }),
  clean: z.boolean(),
  findings: z.array(
    z.object({
      class: z.enum(FINDING_CLASSES as [string, ...string[]]),
      severity: z.enum(['error', 'accepted']),
      indicator: z.string(),
      name: z.string(),
      path: z.array(z.union([z.string(), z.number()])),
      source: z.object({ file: z.string().optional(), line: z.number().int(), column: z.number().int() }).optional(),
      filed: z.string().optional(),
      expected: z.string().optional(),
      difference: z.string().optional(),
      direction: z.enum(['above', 'below']).optional(),
      message: z.string().describe('中文'),
      messageEn: z.string().describe('English'),
      explanation: z.object({ zh: z.string(), en: z.string() }).optional(),
    }),
  ),
});

const explanationSchema = z.object({ path: z.string(), name: z.string(), level: z.number().int(), max: decimal, score: decimal, full: z.boolean(), how: z.string(), toMax: z.string().optional() });

const lintSchema = z.object({ success: z.boolean(), errors: z.number().int(), warnings: z.number().int(), infos: z.number().int(), issues: z.array(issueSchema) });

const rubricListSchema = z.object({
  success: z.literal(true),
  value: z.array(z.object({ id: z.string(), name: z.string(), version: z.string().nullable(), bundled: z.boolean(), kind: z.enum(['scoring', 'monitoring']).describe('scoring：评分表（/v1/score）；monitoring：监控规则（/v1/monitor）') })),
  warnings: z.array(issueSchema),
});

/**
 * A zod schema as a component: its `$defs` are moved to components named `<name>_<def>` and its
 * references rewritten, so that every `$ref` resolves within the OpenAPI document.
 */
function component(name: string, schema: z.ZodType | Json, into: Record<string, Json>, io: 'input' | 'output' = 'output'): void {
  const json = (schema instanceof z.ZodType ? z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) : structuredClone(schema)) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  delete json.$schema;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v === null || typeof v !== 'object') return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out[k] = x === '#' ? `#/components/schemas/${name}` : x.replace(/^#\/\$defs\//, `#/components/schemas/${name}_`);
      else out[k] = rewrite(x);
    }
    return out;
  };
  into[name] = rewrite(json) as Json;
  for (const [d, s] of Object.entries(defs)) into[`${name}_${d}`] = rewrite(s) as Json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: unknown) => ({ 'application/json': { schema } });

/** A failure: `{ success: false, issues }`. */
const failure = (description: string) => ({ description, content: jsonContent(ref('Failure')) });
/** The failures every endpoint may answer. */
const common = {
  '401': failure('unauthorized：缺少或错误的令牌 · missing or wrong bearer token'),
  '408': failure('request_timeout'),
  '413': failure('body_too_large'),
  '503': failure('server_busy, server_closing'),
};

/** Every operation takes `?pretty`: its JSON answer indented, for people. */
function withPretty(paths: Record<string, Record<string, Json>>): Record<string, Record<string, Json>> {
  const pretty = { name: 'pretty', in: 'query', required: false, schema: { type: 'boolean' }, description: '缩进的 JSON · indented JSON' };
  for (const ops of Object.values(paths)) for (const op of Object.values(ops)) op.parameters = [...((op.parameters as unknown[] | undefined) ?? []), pretty];
  return paths;
}

/** The OpenAPI 3.1 document of the service. */
export function openApiDocument(): Json {
  const schemas: Record<string, Json> = {};
  component('Rubric', rubricSchema, schemas, 'input');
  component('EvaluationInput', inputDocumentSchema, schemas, 'input');
  component('ScoreResult', storedResultSchema, schemas);
  component('ScoreTotals', totalsSchema, schemas);
  component('Issue', issueSchema, schemas);
  component('Explanation', explanationSchema, schemas);
  component('FiledForm', filedDocumentSchema, schemas, 'input');
  component('Review', reviewSchema, schemas);
  component('LintReport', lintSchema, schemas);
  component('RubricList', rubricListSchema, schemas);
  component('MonitoringRubric', monitoringRubricSchema, schemas, 'input');
  component('MonitoringInput', monitoringInputJsonSchema(), schemas);
  component('MonitoringResult', anyMonitoringResultSchema, schemas);
  component('MonitoringSummary', monitoringSummarySchema, schemas);
  schemas.Failure = { type: 'object', required: ['success', 'issues'], properties: { success: { const: false }, issues: { type: 'array', items: ref('Issue'), minItems: 1 } } };
  schemas.RubricRef = {
    description: '内置或启动时登记的评分表 id、评分表的 YAML/JSON 文本（问题的行列在此文本中），或评分表本身 · a rubric id, a rubric text, or a rubric document',
    oneOf: [{ type: 'string' }, ref('Rubric')],
  };
  schemas.InputRef = { description: '评价数据，或其 JSON/YAML 文本（问题的行列在此文本中）· an evaluation input, or its text', oneOf: [{ type: 'string' }, ref('EvaluationInput')] };
  schemas.ScoreRequest = { type: 'object', required: ['rubric', 'input'], additionalProperties: false, properties: { rubric: ref('RubricRef'), input: ref('InputRef'), totals: { type: 'boolean', description: '只要总分、等次和各指标得分（score 的路径）· only the figures' } } };
  schemas.ResultRequest = {
    type: 'object',
    additionalProperties: false,
    description: '{ rubric, input } 先评分；或 { result }：/v1/score 的 value · score first, or a stored result',
    properties: { rubric: ref('RubricRef'), input: ref('InputRef'), result: ref('ScoreResult'), format: { type: 'string' } },
  };
  schemas.MonitoringRubricRef = {
    description: '监控规则 id（如 project-monitoring、department-monitoring，或启动时登记的）、监控规则的 YAML/JSON 文本，或监控规则本身 · a monitoring rubric id, its text, or the rubric',
    oneOf: [{ type: 'string' }, ref('MonitoringRubric')],
  };
  schemas.MonitoringInputRef = { description: '监控数据（一个项目，或部门规则下部门的 projects），或其 JSON/YAML 文本 · a monitoring input, or its text', oneOf: [{ type: 'string' }, ref('MonitoringInput')] };
  const monitorFormat = { enum: [...MONITOR_FORMATS, 'md'], description: 'json（默认）：MonitoringResult；markdown、html、csv、xlsx、docx：监控表 · the result, or the sheet' };
  schemas.MonitorRequest = { type: 'object', required: ['rubric', 'input'], additionalProperties: false, properties: { rubric: ref('MonitoringRubricRef'), input: ref('MonitoringInputRef'), format: monitorFormat } };
  schemas.MonitorSummaryRequest = {
    type: 'object',
    additionalProperties: false,
    description: '{ rubric, inputs }：逐个监控后汇总；或 { results }：/v1/monitor 答的 value · monitor each input then sum up, or stored results',
    properties: { rubric: ref('MonitoringRubricRef'), inputs: { type: 'array', minItems: 1, items: ref('MonitoringInputRef') }, results: { type: 'array', minItems: 1, items: ref('MonitoringResult') }, format: monitorFormat },
  };
  const sheetContent = {
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' } },
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentEncoding: 'binary' } },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', contentEncoding: 'binary' } },
  };
  const success = (value: unknown) => ({ type: 'object', required: ['success', 'value', 'warnings'], properties: { success: { const: true }, value, warnings: { type: 'array', items: ref('Issue') } } });
  const rubricQuery = { name: 'rubric', in: 'query', required: false, schema: { type: 'string' }, description: '评分表 id · a rubric id' };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'jixiao — 预算绩效评价评分服务',
      version: pkg.version,
      description: 'Score Chinese government budget-performance evaluations over HTTP: the same rubrics, results and issue codes as the jixiao library. Every failure is `{ success: false, issues }`, each issue with its code, path, line and column, in Chinese and English.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    security: [{}, { bearer: [] }],
    paths: withPretty({
      '/v1/score': {
        post: {
          operationId: 'score',
          summary: '评分 · score an evaluation',
          description: 'Body `{ rubric, input, totals? }`; or `?rubric=<id>` with the evaluation input itself as the body (JSON or YAML: issues at their line and column in the body).',
          parameters: [rubricQuery, { name: 'totals', in: 'query', required: false, schema: { type: 'boolean' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('ScoreRequest'), ref('EvaluationInput')] } }, 'application/yaml': { schema: ref('EvaluationInput') } } },
          responses: {
            '200': { description: '评分结果（totals：只有各项得分）· the result (or the totals)', content: jsonContent(success({ oneOf: [ref('ScoreResult'), ref('ScoreTotals')] })) },
            '400': failure('请求体无法读取或缺少 rubric、input · the body cannot be read, or lacks rubric or input'),
            '422': failure('评分表或评价数据有问题 · issues in the rubric or the input'),
            ...common,
          },
        },
      },
      '/v1/batch': {
        post: {
          operationId: 'batch',
          summary: '批量评分（NDJSON 流）· score an NDJSON stream',
          description: 'One evaluation input a line in; one line a record out, as `jixiao batch` writes it (`{index, line, id, total, max, grade, scores}`, or with `full` the whole `result`; `issues` for a record that cannot be scored), streamed as the records arrive. A stream stopped early (timeout, shutdown) ends on a whole line: a last line `{ "issues": [...] }` without an index says why.',
          parameters: [
            { ...rubricQuery, required: true },
            { name: 'full', in: 'query', required: false, schema: { type: 'boolean' } },
            { name: 'id', in: 'query', required: false, schema: { type: 'string' }, description: 'meta 中作为记录编号的字段，逗号分隔 · meta fields naming a record' },
          ],
          requestBody: { required: true, content: { 'application/x-ndjson': { schema: ref('EvaluationInput') } } },
          responses: {
            '200': { description: '每条记录一行 · one line per record', content: { 'application/x-ndjson': { schema: { type: 'object' } } } },
            '400': failure('缺少 rubric · no rubric'),
            '422': failure('未知评分表，或输入为空、不是 UTF-8 · unknown rubric, or an empty or non-UTF-8 stream'),
            ...common,
          },
        },
      },
      '/v1/lint': {
        post: {
          operationId: 'lint',
          summary: '审查评分表 · review a rubric',
          parameters: [rubricQuery],
          description: 'A scoring rubric, or a monitoring rubric (双监控: its levels, rules and the cover of its bands), by `?rubric=<id>`, `{ rubric }` or a YAML body.',
          requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { rubric: { anyOf: [ref('RubricRef'), ref('MonitoringRubricRef')] } } } }, 'application/yaml': { schema: { anyOf: [ref('Rubric'), ref('MonitoringRubric')] } } } },
          responses: { '200': { description: 'lint 报告 · the report', content: jsonContent(ref('LintReport')) }, '400': failure('请求体无法读取 · the body cannot be read'), '422': failure('未知评分表 · unknown rubric'), ...common },
        },
      },
      '/v1/sheet': {
        post: {
          operationId: 'sheet',
          summary: '评分表（Markdown、HTML、CSV、Excel、Word）· the 评分表',
          parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['markdown', 'md', 'html', 'csv', 'xlsx', 'docx'] } }],
          requestBody: { required: true, content: jsonContent(ref('ResultRequest')) },
          responses: {
            '200': {
              description: '评分表 · the sheet',
              content: {
                'text/markdown': { schema: { type: 'string' } },
                'text/html': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentEncoding: 'binary' } },
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', contentEncoding: 'binary' } },
              },
            },
            '400': failure('请求体无法读取，或格式未知 · the body cannot be read, or an unknown format'),
            '422': failure('评分表、评价数据或评分结果有问题 · issues in the rubric, the input or the result'),
            '501': failure('dependency_missing：未安装 exceljs 或 docx · the optional package is not installed'),
            ...common,
          },
        },
      },
      '/v1/review': {
        post: {
          operationId: 'review',
          summary: '复核：按规则核对填报的自评表 · review a filed form against its rules',
          description: 'Body `{ rubric, filed }` (`filed` a filed form, or its JSON/YAML text: issues at their line and column in that text); or `?rubric=<id>` with the filed form itself as the body. A form that departs from its rules is a success whose `findings` say where.',
          parameters: [rubricQuery],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ type: 'object', required: ['rubric', 'filed'], additionalProperties: false, properties: { rubric: ref('RubricRef'), filed: { oneOf: [{ type: 'string' }, ref('FiledForm')] } } }, ref('FiledForm')] } }, 'application/yaml': { schema: ref('FiledForm') } } },
          responses: {
            '200': { description: '复核结果 · the review', content: jsonContent(success(ref('Review'))) },
            '400': failure('请求体无法读取或缺少 rubric、filed · the body cannot be read, or lacks rubric or filed'),
            '422': failure('评分表或填报的表有问题 · issues in the rubric or the filed form'),
            ...common,
          },
        },
      },
      '/v1/explain': {
        post: {
          operationId: 'explain',
          summary: '逐项说明得分 · how every score was reached',
          parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['json', 'text', 'markdown', 'md'] } }],
          requestBody: { required: true, content: jsonContent(ref('ResultRequest')) },
          responses: {
            '200': { description: '说明 · the explanation', content: { ...jsonContent(success({ type: 'array', items: ref('Explanation') })), 'text/plain': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } } } },
            '400': failure('请求体无法读取 · the body cannot be read'),
            '422': failure('评分表、评价数据或评分结果有问题 · issues'),
            ...common,
          },
        },
      },
      '/v1/monitor': {
        post: {
          operationId: 'monitor',
          summary: '绩效运行监控（双监控）：各行预警级别、预算执行、项目级别 · in-year monitoring',
          description: 'Body `{ rubric, input, format? }` (`rubric` a monitoring rubric: a scoring rubric is `rubric_wrong_endpoint`); or `?rubric=<id>` with the monitoring input itself as the body (JSON or YAML: issues at their line and column in the body). `format` json (default): the MonitoringResult, figures as decimal strings; markdown, html, csv, xlsx, docx: the 监控表.',
          parameters: [rubricQuery, { name: 'format', in: 'query', required: false, schema: monitorFormat }],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('MonitorRequest'), ref('MonitoringInput')] } }, 'application/yaml': { schema: ref('MonitoringInput') } } },
          responses: {
            '200': { description: '监控结果，或监控表 · the result, or the 监控表', content: { ...jsonContent(success(ref('MonitoringResult'))), ...sheetContent } },
            '400': failure('请求体无法读取、缺少 rubric 或 input，或格式未知 · the body cannot be read, lacks rubric or input, or an unknown format'),
            '422': failure('监控规则或监控数据有问题；评分表给了本接口（rubric_wrong_endpoint）· issues in the rubric or the input; a scoring rubric'),
            '501': failure('dependency_missing：未安装 exceljs 或 docx · the optional package is not installed'),
            ...common,
          },
        },
      },
      '/v1/monitor/summary': {
        post: {
          operationId: 'monitorSummary',
          summary: '绩效运行监控汇总：各部门各级别项目数、全部红色预警行 · many projects summed up',
          description: 'Body `{ rubric, inputs, format? }` (each input monitored, then summed up) or `{ results, format? }` (results `/v1/monitor` answered, their shape checked): projects counted by level per department (主管部门), and every row at the most severe level.',
          parameters: [{ name: 'format', in: 'query', required: false, schema: monitorFormat }],
          requestBody: { required: true, content: jsonContent(ref('MonitorSummaryRequest')) },
          responses: {
            '200': { description: '汇总，或汇总表 · the summary, or its sheet', content: { ...jsonContent(success(ref('MonitoringSummary'))), ...sheetContent } },
            '400': failure('请求体无法读取、缺少 inputs，或格式未知 · the body cannot be read, lacks inputs, or an unknown format'),
            '422': failure('监控规则、监控数据或监控结果有问题 · issues in the rubric, an input or a result'),
            '501': failure('dependency_missing'),
            ...common,
          },
        },
      },
      '/v1/rubrics': { get: { operationId: 'rubrics', summary: '评分表与监控规则列表 · the rubrics', responses: { '200': { description: 'id、名称、版本、种类 · ids, names, versions, kinds', content: jsonContent(ref('RubricList')) }, ...common } } },
      '/healthz': { get: { operationId: 'health', summary: '存活 · alive', security: [{}], responses: { '200': { description: 'ok', content: jsonContent({ type: 'object', properties: { status: { const: 'ok' } } }) } } } },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: '就绪（停止时 503）· ready (503 while shutting down)',
          security: [{}],
          responses: { '200': { description: 'ready', content: jsonContent({ type: 'object', properties: { status: { const: 'ready' } } }) }, '503': { description: 'closing', content: jsonContent({ type: 'object', properties: { status: { const: 'closing' } } }) } },
        },
      },
      '/openapi.json': { get: { operationId: 'openapi', summary: '本文档 · this document', responses: { '200': { description: 'OpenAPI 3.1', content: jsonContent({ type: 'object' }) } } } },
    }),
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'jixiao serve --token（或环境变量 JIXIAO_TOKEN）· when the server has a token' } } },
  };
}
