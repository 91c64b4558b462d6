// exceljs is loaded first: bluebird, which it loads, sets Error.stackTraceLimit when it loads,
// and the cases below check that jixiao leaves that limit as it found it.
import 'exceljs';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate, safeLoadRubric, type EvaluationInput, type LoadOptions, type Rubric } from '../../src/index.js';
import fc from 'fast-check';
import { importEvaluation, importSheet, lintRubric } from '../../src/entries/authoring.js';
import * as core from '../../src/index.js';
import * as authoring from '../../src/entries/authoring.js';
import * as report from '../../src/entries/report.js';
import * as xlsx from '../../src/entries/xlsx.js';
import * as docx from '../../src/entries/docx.js';
import * as reviewing from '../../src/entries/review.js';
import * as testing from '../../src/testing/index.js';
import { auditRecord, rescore } from '../../src/entries/report.js';
import { readXlsxTable } from '../../src/entries/xlsx.js';
import { checkIssues } from '../../src/testing/index.js';
import { safeLoadBundledRubric, type Issue, type SafeResult } from '../../src/index.js';
import { DEMO, demo, expectAccepted, expectRejected, guardPrototype, LARGE, QUICK, VALUES } from './helpers.js';

// The safe… entry points and lintRubric given what a JavaScript caller can pass by mistake
// (or on purpose): they return typed issues, never throw.
guardPrototype();

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwing = () =>
  new Proxy({}, {
    get() { throw new Error('boom'); },
    ownKeys() { throw new Error('boom'); },
    getPrototypeOf() { throw new Error('boom'); },
    getOwnPropertyDescriptor() { throw new Error('boom'); },
  });
const asAny = <T>(x: unknown) => x as T;

describe('a proxy as the whole document', () => {
  it.each([
    ['a revoked proxy', revoked],
    ['a proxy whose every trap throws', throwing],
  ])('%s as the rubric, the input, or the rubric to lint: not_plain_data', (_, make) => {
    expectRejected(() => safeLoadRubric(make()), { code: 'not_plain_data' });
    expectRejected(() => safeEvaluate(demo(), asAny<EvaluationInput>(make())), { code: 'not_plain_data' });
    const report = lintRubric(make());
    expect(report.issues.map((i) => i.code)).toStrictEqual(['not_plain_data']);
  }, QUICK);

  it.each([
    ['a revoked proxy', revoked],
    ['a proxy whose every trap throws', throwing],
  ])('%s in place of the rubric given to safeEvaluate: not_a_rubric', (_, make) => {
    expectRejected(() => safeEvaluate(asAny<Rubric>(make()), { values: VALUES }), { code: 'not_a_rubric' });
  }, QUICK);
});

describe('a rubric that is not a compiled rubric', () => {
  it('a rubric sent through JSON: not_a_rubric, saying to load it again', () => {
    const copy = asAny<Rubric>(JSON.parse(JSON.stringify(demo())));
    const issue = expectRejected(() => safeEvaluate(copy, { values: VALUES }), { code: 'not_a_rubric', says: /loadRubric/ });
    expect(issue.path).toStrictEqual([]);
    expect(() => evaluate(copy, { values: VALUES })).toThrow(/loadRubric/);
  }, QUICK);

  it.each([null, undefined, 42, 'demo', [], {}, { indicators: [] }, () => 1])('%j: not_a_rubric', (value) => {
    expectRejected(() => safeEvaluate(asAny<Rubric>(value), { values: VALUES }), { code: 'not_a_rubric' });
  }, QUICK);

  it('a spread copy of a loaded rubric is still a rubric; the lint report’s rubric scores too', () => {
    const rubric = demo();
    expect(evaluate({ ...rubric }, { values: VALUES }).total).toBe('7.3');
    const linted = lintRubric(DEMO).rubric!;
    expect(evaluate(linted, { values: VALUES }).total).toBe('7.3');
  }, QUICK);
});

describe('options', () => {
  it.each([
    ['null', null],
    ['a number', 5],
    ['a string', 'demo.yaml'],
    ['a list', []],
    ['a revoked proxy', revoked()],
    ['a proxy that throws', throwing()],
  ])('options that are %s: invalid_option naming the options', (_, opts) => {
    const o = asAny<LoadOptions>(opts);
    expectRejected(() => safeLoadRubric(DEMO, o), { code: 'invalid_option', says: /options/ });
    expectRejected(() => safeEvaluate(demo(), { values: VALUES }, o), { code: 'invalid_option', says: /options/ });
    expect(lintRubric(DEMO, o).issues.map((i) => i.code)).toStrictEqual(['invalid_option']);
  }, QUICK);

  it.each([
    ['file', 42],
    ['limits', 'big'],
    ['limits', null],
    ['resolve', 'rubrics/'],
  ])('%s given as %j: invalid_option naming it', (name, value) => {
    expectRejected(() => safeLoadRubric(DEMO, asAny<LoadOptions>({ [name]: value })), { code: 'invalid_option', says: new RegExp(`“${name}”`) });
  }, QUICK);

  it('lint checks that are not a list of names: invalid_option', () => {
    expect(lintRubric(DEMO, asAny({ checks: 'bands' })).issues.map((i) => i.code)).toStrictEqual(['invalid_option']);
  }, QUICK);

  it('options left undefined are the defaults', () => {
    expectAccepted(() => safeLoadRubric(DEMO, { file: undefined, limits: undefined, resolve: undefined }));
    expectAccepted(() => safeEvaluate(demo(), { values: VALUES }, { file: undefined, limits: undefined }));
  }, QUICK);
});

describe('limits', () => {
  const laughs = (levels: number) => {
    const out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels; i++) out.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    return out.join('\n');
  };

  it('a limit given as undefined is its default, never "no limit": the alias bomb still stops', () => {
    expectRejected(() => safeLoadRubric(laughs(9), { limits: { maxNodes: undefined } }), { code: 'alias_limit', says: /30000/ });
    const all = { maxBytes: undefined, maxDepth: undefined, maxNodes: undefined, maxFormulaLength: undefined };
    expectRejected(() => safeLoadRubric(laughs(9), { limits: all }), { code: 'alias_limit' });
    expectRejected(() => safeEvaluate(demo(), `meta:\n  ${laughs(9).replace(/\n/g, '\n  ')}`, { limits: all }), { code: 'alias_limit' });
    expect(lintRubric(laughs(9), { limits: all }).issues.map((i) => i.code)).toStrictEqual(['alias_limit']);
  }, LARGE);

  it.each([
    ['NaN', NaN],
    ['negative', -1],
    ['fractional', 1.5],
    ['Infinity', Infinity],
    ['a string', '100000'],
    ['null', null],
    ['a bigint', 10n],
  ])('maxNodes %s: invalid_option naming limits.maxNodes', (_, value) => {
    const limits = asAny<LoadOptions['limits']>({ maxNodes: value });
    expectRejected(() => safeLoadRubric(DEMO, { limits }), { code: 'invalid_option', says: /limits\.maxNodes/ });
    expectRejected(() => safeEvaluate(demo(), { values: VALUES }, { limits }), { code: 'invalid_option', says: /limits\.maxNodes/ });
    expect(lintRubric(DEMO, { limits }).issues.map((i) => i.code)).toStrictEqual(['invalid_option']);
  }, QUICK);

  it('every limit is checked, and a misspelt one is not silently ignored', () => {
    for (const name of ['maxBytes', 'maxDepth', 'maxFormulaLength']) {
      expectRejected(() => safeLoadRubric(DEMO, { limits: { [name]: -5 } }), { code: 'invalid_option', says: new RegExp(`limits\\.${name}`) });
    }
    expectRejected(() => safeLoadRubric(DEMO, { limits: asAny({ maxNode: 10 }) }), { code: 'invalid_option', says: /limits\.maxNode/ });
  }, QUICK);

  it('maxDepth raised far beyond the default: a deeper rubric than the engine can walk is too_deep, not a RangeError', () => {
    for (const levels of [800, 5_000]) {
      let deep: Record<string, unknown> = { id: 'l', name: 'l', max: 5, rule: { kind: 'judgement' } };
      for (let i = 0; i < levels; i++) deep = { id: `n${i}`, name: `n${i}`, max: 5, children: [deep] };
      const limits = { maxDepth: 1_000_000, maxNodes: 10_000_000 };
      const doc = { id: 't', name: 't', indicators: [deep] };
      expectRejected(() => safeLoadRubric(doc, { limits }), { code: 'too_deep' });
      expect(lintRubric(doc, { limits }).issues.map((i) => i.code)).toStrictEqual(['too_deep']);
    }
  }, LARGE);

  it('0 is a limit like any other', () => {
    expectRejected(() => safeLoadRubric(DEMO, { limits: { maxBytes: 0 } }), { code: 'file_too_large' });
  }, QUICK);
});

describe('a resolver that misbehaves', () => {
  const variant = 'extends: base\nid: v\nname: v\n';
  it.each([
    ['a number as the source', () => ({ source: 42, file: 'base.yaml' })],
    ['null as the source', () => ({ source: null, file: 'base.yaml' })],
    ['an object as the source', () => ({ source: { id: 'x' }, file: 'base.yaml' })],
    ['no file name', () => ({ source: DEMO })],
    ['a string instead of an answer', () => DEMO],
    ['an exception', () => { throw new Error('disk on fire'); }],
    ['a revoked proxy', () => revoked()],
  ])('%s: invalid_option naming resolve', (_, resolve) => {
    const r = asAny<LoadOptions['resolve']>(resolve);
    const issue = expectRejected(() => safeLoadRubric(variant, { resolve: r, file: 'v.yaml' }), { code: 'invalid_option', says: /resolve/ });
    expect(issue.path).toStrictEqual(['extends']);
    expect(issue.source).toMatchObject({ file: 'v.yaml', line: 1 });
    expect(lintRubric(variant, { resolve: r }).issues.map((i) => i.code)).toContain('invalid_option');
  }, QUICK);

  it('a resolver returning bytes (a Buffer) is fine', () => {
    const rubric = expectAccepted(() => safeLoadRubric(variant, { resolve: () => ({ source: Buffer.from(DEMO), file: 'base.yaml' }) }));
    expect(rubric.id).toBe('v');
  }, QUICK);
});

describe('lintRubric reads an object as the loader does', () => {
  it('a cycle: not_plain_data, not a RangeError', () => {
    const node: Record<string, unknown> = { id: 'x', name: 'x', max: 5 };
    node.children = [node];
    expect(lintRubric({ id: 't', name: 't', indicators: [node] }).issues.map((i) => i.code)).toStrictEqual(['not_plain_data']);
  }, QUICK);

  it('a getter that throws: not_plain_data', () => {
    const doc = { id: 't', get name(): string { throw new Error('boom'); }, indicators: [] };
    expect(lintRubric(doc).issues.map((i) => i.code)).toStrictEqual(['not_plain_data']);
  }, QUICK);

  it('5 000 levels deep: too_deep', () => {
    let deep: Record<string, unknown> = { id: 'l', name: 'l', max: 5, rule: { kind: 'judgement' } };
    for (let i = 0; i < 5_000; i++) deep = { id: `n${i}`, name: `n${i}`, max: 5, children: [deep] };
    expect(lintRubric({ id: 't', name: 't', indicators: [deep] }).issues.map((i) => i.code)).toStrictEqual(['too_deep']);
  }, QUICK);

  it('an own __proto__ key (from JSON.parse): forbidden_key, as the loader says', () => {
    const doc = JSON.parse('{"id":"t","name":"t","inputs":{"__proto__":{"type":"number"}},"indicators":[{"id":"x","name":"x","max":1,"rule":{"kind":"judgement"}}]}');
    expectRejected(() => safeLoadRubric(doc), { code: 'forbidden_key', path: ['inputs', '__proto__'] });
    expect(lintRubric(doc).issues.map((i) => [i.code, i.path])).toStrictEqual([['forbidden_key', ['inputs', '__proto__']]]);
  }, QUICK);
});

describe('plain data from another realm (vm, iframes, workers)', () => {
  const other = <T>(code: string): T => runInNewContext(code) as T;

  it('a rubric and an input built in another realm load and score like local ones', () => {
    const local = evaluate(demo(), { values: VALUES });
    const source = other<object>(`({ id: 'demo', name: '示例评分表', grades: [{ grade: '优秀', min: 9 }, { grade: '良好', min: 8 }, { grade: '中', min: 6 }, { grade: '差', min: 0 }],
      inputs: { 在职人数: { type: 'count', unit: '人' }, 编制人数: { type: 'count', unit: '人', min: 1 }, 重点支出安排率: { type: 'percent' } },
      metrics: { 在职人员控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
      indicators: [
        { name: '财政供养人员控制率', max: 5, rule: { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 } },
        { name: '重点支出安排率', max: 5, rule: { kind: 'bands', value: '重点支出安排率', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '<80', score: 0 }] } },
      ] })`);
    const rubric = expectAccepted(() => safeLoadRubric(source));
    const input = other<EvaluationInput>(`({ values: { 在职人数: 517, 编制人数: 500, 重点支出安排率: '85.5' } })`);
    expect(evaluate(rubric, input)).toStrictEqual(local);
    expect(lintRubric(source).errors).toBe(0);
  }, QUICK);

  it.each([
    ['a Date', 'new Date(0)'],
    ['a Map', 'new Map([["a", 1]])'],
    ['a class instance', 'new (class Figure { value = 517 })()'],
    ['a boxed number', 'Object(517)'],
    ['an object whose prototype is a plain object', 'Object.create({ value: 517 })'],
  ])('%s from another realm is still not plain data', (_, code) => {
    expectRejected(() => safeEvaluate(demo(), { values: { ...VALUES, 在职人数: other<number>(code) } }), { code: 'not_plain_data', path: ['values', '在职人数'] });
  }, QUICK);
});

describe('every safe… function and every function returning a SafeResult returns, whatever it is given', () => {
  const national = core.loadBundledRubric('project-self-evaluation');
  const sheet = '一级指标,二级指标,三级指标,分值,评分标准\n投入,预算配置,重点支出安排率,5,重点支出安排率≥90%，计5分；低于90%不得分。\n';
  const form = readFileSync('tests/fixtures/miluo-2018-self-evaluation.csv', 'utf8');
  const result = () => evaluate(demo(), { values: VALUES });
  const audited = () => auditRecord(result(), { values: VALUES }, { rubricSource: DEMO }) as { success: true; value: Parameters<typeof rescore>[0] };
  const workbook = readFileSync('tests/fixtures/hunan-sheet.csv');
  const filed = () => JSON.parse(readFileSync('examples/jishan-2020-peitao/filed.json', 'utf8')) as reviewing.FiledForm;

  /** Each entry with the one argument the hostile value takes; the others are good. */
  const entries: [string, (v: unknown) => SafeResult<unknown> | Promise<SafeResult<unknown>>][] = [
    ['safeLoadRubric(v)', (v) => safeLoadRubric(asAny(v))],
    ['safeLoadRubric(rubric, v)', (v) => safeLoadRubric(DEMO, asAny(v))],
    ['safeEvaluate(v, input)', (v) => safeEvaluate(asAny(v), { values: VALUES })],
    ['safeEvaluate(rubric, v)', (v) => safeEvaluate(demo(), asAny(v))],
    ['safeEvaluate(rubric, input, v)', (v) => safeEvaluate(demo(), { values: VALUES }, asAny(v))],
    ['safeScore(v, input)', (v) => core.safeScore(asAny(v), { values: VALUES })],
    ['safeScore(rubric, v)', (v) => core.safeScore(demo(), asAny(v))],
    ['safeScore(rubric, input, v)', (v) => core.safeScore(demo(), { values: VALUES }, asAny(v))],
    ['safeLoadBundledRubric(v)', (v) => safeLoadBundledRubric(asAny(v))],
    ['importSheet(v)', (v) => importSheet(asAny(v))],
    ['safeFromYitihua(v)', (v) => authoring.safeFromYitihua(asAny(v), {})],
    ['safeFromYitihua(rows, v)', (v) => authoring.safeFromYitihua([], asAny(v))],
    ['importSheet(text, v)', (v) => importSheet(sheet, asAny(v))],
    ['importSheet(text, { columns: v })', (v) => importSheet(sheet, { columns: asAny(v) })],
    ['importEvaluation(v, rubric)', (v) => importEvaluation(asAny(v), national)],
    ['importEvaluation(text, v)', (v) => importEvaluation(form, asAny(v))],
    ['importEvaluation(text, rubric, v)', (v) => importEvaluation(form, national, asAny(v))],
    ['auditRecord(v, input)', (v) => auditRecord(asAny(v), { values: VALUES })],
    ['auditRecord(result, v)', (v) => auditRecord(result(), asAny(v))],
    ['auditRecord(result, input, v)', (v) => auditRecord(result(), { values: VALUES }, asAny(v))],
    ['safeReview(v, form)', (v) => reviewing.safeReview(asAny(v), filed())],
    ['safeReview(rubric, v)', (v) => reviewing.safeReview(national, asAny(v))],
    ['safeReview(rubric, form, v)', (v) => reviewing.safeReview(national, filed(), asAny(v))],
    ['applyLayers(v, result, layers)', (v) => reviewing.applyLayers(asAny(v), result(), [])],
    ['applyLayers(rubric, v, layers)', (v) => reviewing.applyLayers(demo(), asAny(v), [])],
    ['applyLayers(rubric, result, v)', (v) => reviewing.applyLayers(demo(), result(), asAny(v))],
    ['applyLayers(rubric, result, layers, v)', (v) => reviewing.applyLayers(demo(), result(), [], asAny(v))],
    ['rescore(v)', (v) => rescore(asAny(v))],
    ['rescore({ ...stored, audit: v })', (v) => rescore({ ...audited().value, audit: asAny(v) })],
    ['rescore(stored, v)', (v) => rescore(audited().value, asAny(v))],
    ['safeParseStoredResult(v)', (v) => report.safeParseStoredResult(v)],
    ['safeParseStoredResult(result, v)', (v) => report.safeParseStoredResult(result(), asAny(v))],
    ['safeParseStoredResult(result, file, v)', (v) => report.safeParseStoredResult(result(), 'result.json', asAny(v))],
    ['readXlsxTable(v)', (v) => readXlsxTable(asAny(v))],
    ['readXlsxTable(bytes, v)', (v) => readXlsxTable(workbook, asAny(v))],
  ];

  it('the list is every safe… export of every entry (jixiao, /authoring, /report, /xlsx, /docx, /review, /testing)', () => {
    const named = Object.entries({ core, authoring, report, xlsx, docx, reviewing, testing }).flatMap(([, m]) => Object.keys(m).filter((k) => /^safe/.test(k)));
    expect(new Set(named)).toStrictEqual(new Set(['safeLoadRubric', 'safeEvaluate', 'safeScore', 'safeLoadBundledRubric', 'safeParseStoredResult', 'safeReview', 'safeFromYitihua']));
    // …and the functions that return a SafeResult without the name (their return types say so).
    const covered = new Set(entries.map(([n]) => n.replace(/\(.*$/, '')));
    for (const f of [...named, 'importSheet', 'importEvaluation', 'auditRecord', 'rescore', 'readXlsxTable', 'applyLayers']) expect(covered.has(f), f).toBe(true);
  });

  const revokedFn = () => {
    const { proxy, revoke } = Proxy.revocable(() => 1, {});
    revoke();
    return proxy;
  };
  const cyclic = () => {
    const o: Record<string, unknown> = { values: {}, rubric: {}, id: 'demo' };
    o.self = o;
    o.audit = o;
    o.input = o;
    (o.rubric as Record<string, unknown>).back = o;
    return o;
  };
  const hostile: [string, () => unknown][] = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['a symbol', () => Symbol('评分表')],
    ['a BigInt', () => 10n],
    ['a null-prototype object', () => Object.create(null)],
    ['an object whose toString throws', () => ({ toString: () => { throw new Error('boom'); } })],
    ['an object whose valueOf and toJSON throw', () => ({ valueOf: () => { throw new Error('boom'); }, toJSON: () => { throw new Error('boom'); } })],
    ['an object whose getters throw', () => Object.defineProperties({}, Object.fromEntries(['audit', 'rubric', 'input', 'values', 'file', 'sheet', 'columns', 'rubricSource', 'id'].map((k) => [k, { get: () => { throw new Error('boom'); }, enumerable: true }])))],
    ['a revoked proxy', revoked],
    ['a revoked function proxy', revokedFn],
    ['a proxy whose every trap throws', throwing],
    ['a cyclic object', cyclic],
    ['a huge string', () => 'x'.repeat(2_000_000)],
    ['a function', () => () => 1],
    ['a BigInt deep inside', () => ({ values: { 在职人数: 10n }, rubric: { id: 'demo', fingerprint: 'x' }, audit: { input: { values: { a: 1n } }, rubric: { id: 'demo', fingerprint: 'x', source: DEMO } } })],
  ];

  const returns = async (call: () => SafeResult<unknown> | Promise<SafeResult<unknown>>): Promise<SafeResult<unknown>> => {
    let r: SafeResult<unknown>;
    try {
      r = await call();
    } catch (e) {
      throw new Error(`threw ${e instanceof Error ? e.name : typeof e}`);
    }
    expect(typeof r.success).toBe('boolean');
    if (!r.success) {
      expect(checkIssues(r.issues)).toStrictEqual([]);
      for (const i of r.issues) expect(`${i.message}${i.messageEn}`).not.toMatch(/boom|\n\s+at |\.(?:ts|js):\d+/);
    }
    return r;
  };

  it.each(entries)('%s: every hostile value gives typed issues (or a result), never a throw', async (_, call) => {
    for (const [what, make] of hostile) {
      try {
        await returns(() => call(make()));
      } catch (e) {
        throw new Error(`${what}: ${(e as Error).message}`);
      }
    }
  }, LARGE);

  it('the examples found: a symbol, a null-prototype object or a throwing toString as a bundled id; undefined, BigInt and revoked proxies in auditRecord and rescore', () => {
    const code = (r: SafeResult<unknown>) => (r.success ? 'success' : r.issues.map((i: Issue) => i.code).join());
    expect([Symbol('x'), Object.create(null), { toString: () => { throw new Error('boom'); } }].map((id) => code(safeLoadBundledRubric(asAny(id))))).toStrictEqual(['invalid_argument', 'invalid_argument', 'invalid_argument']);
    expect(safeLoadBundledRubric(asAny(Symbol('x')))).toMatchObject({ success: false, issues: [{ messageEn: 'invalid argument "id" of safeLoadBundledRubric: expected the id of a bundled rubric (a string), received a symbol' }] });
    expect(code(auditRecord(asAny(undefined), { values: VALUES }))).toBe('invalid_argument');
    expect(code(auditRecord(result(), asAny({ values: { 在职人数: 10n } })))).toBe('not_plain_data');
    expect(code(auditRecord(result(), asAny(revoked())))).toBe('not_plain_data');
    expect(code(rescore(asAny(undefined)))).toBe('invalid_argument');
    expect(code(rescore(asAny(revoked())))).toBe('invalid_argument');
    expect(code(rescore({ ...audited().value, extra: 10n } as never))).toBe('not_plain_data');
    // The good call still works: the stored result scores the same again.
    const again = rescore(audited().value);
    expect(again.success && again.value.same).toBe(true);
  }, QUICK);

  it('property: fc.anything() in any argument place, every entry returns', async () => {
    const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...entries), anything, async ([, call], v) => {
        await returns(() => call(v));
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});
