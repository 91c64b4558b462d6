import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate, type EvaluationInput } from '../../src/index.js';
import { demo, expectRejected, guardPrototype, QUICK, VALUES } from './helpers.js';

// Evaluation inputs handed over as JavaScript values, not text: what `JSON.parse` or a caller's
// own code can build. Each is copied into fresh plain data before anything reads it.
guardPrototype();

const asInput = (x: unknown) => x as EvaluationInput;

describe('__proto__ keys created by JSON.parse (own properties, unlike object literals)', () => {
  it.each([
    ['values', '{"values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5, "__proto__": {"polluted": true}}}', ['values', '__proto__']],
    ['the top level', '{"__proto__": {"polluted": true}, "values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5}}', ['__proto__']],
    ['assessments', '{"values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5}, "assessments": {"__proto__": {"score": 1}}}', ['assessments', '__proto__']],
    ['meta', '{"values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5}, "meta": {"a": {"__proto__": {"polluted": true}}}}', ['meta', 'a', '__proto__']],
    ['vetoes', '{"values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5}, "vetoes": {"__proto__": "x"}}', ['vetoes', '__proto__']],
    ['checklist items', '{"assessments": {"x": {"items": {"__proto__": true}}}}', ['assessments', 'x', 'items', '__proto__']],
  ])('in %s: forbidden_key, never silently dropped', (_, json, path) => {
    expectRejected(() => safeEvaluate(demo(), asInput(JSON.parse(json))), { code: 'forbidden_key', path });
  }, QUICK);

  it('constructor and prototype keys are ordinary unknown keys', () => {
    const input = JSON.parse('{"values": {"在职人数": 517, "编制人数": 500, "重点支出安排率": 85.5, "constructor": {"prototype": {"polluted": true}}}}');
    expectRejected(() => safeEvaluate(demo(), asInput(input)), { code: 'invalid_type', path: ['values', 'constructor'] });
  }, QUICK);

  it('an object with a null prototype is plain data', () => {
    const values = Object.assign(Object.create(null) as Record<string, unknown>, VALUES);
    expect(evaluate(demo(), asInput({ values })).total).toBe('7.3');
  }, QUICK);
});

describe('values that are not JSON data', () => {
  it('a cycle: not_plain_data', () => {
    const input: Record<string, unknown> = { values: { ...VALUES } };
    input.meta = { self: input };
    expectRejected(() => safeEvaluate(demo(), asInput(input)), { code: 'not_plain_data', path: ['meta', 'self'] });
  }, QUICK);

  it('a shared sub-object is fine (it is not a cycle)', () => {
    const note = { by: '评价组' };
    expect(evaluate(demo(), asInput({ values: VALUES, meta: { a: note, b: note } })).total).toBe('7.3');
  }, QUICK);

  it.each([
    ['a Date', new Date(0)],
    ['a Map', new Map([['在职人数', 517]])],
    ['a function', () => 517],
    ['a symbol', Symbol('517')],
    ['a class instance', new (class Figure { value = 517 })()],
    ['a boxed number', Object(517)],
    ['a typed array', new Uint8Array([5, 1, 7])],
  ])('%s where a figure belongs: not_plain_data', (_, value) => {
    expectRejected(() => safeEvaluate(demo(), asInput({ values: { ...VALUES, 在职人数: value } })), { code: 'not_plain_data', path: ['values', '在职人数'] });
  }, QUICK);

  it('a getter that throws, a proxy that throws: not_plain_data, not an exception', () => {
    const getter = { get values(): never { throw new Error('boom'); } };
    expectRejected(() => safeEvaluate(demo(), asInput(getter)), { code: 'not_plain_data' });
    const proxy = new Proxy({}, { ownKeys() { throw new Error('boom'); } });
    expectRejected(() => safeEvaluate(demo(), asInput(proxy)), { code: 'not_plain_data' });
  }, QUICK);

  it('a getter is read once, so the figure cannot change between validation and scoring', () => {
    let reads = 0;
    const values = { ...VALUES, get 在职人数() { reads++; return reads === 1 ? 517 : 'not a number'; } };
    expect(evaluate(demo(), asInput({ values })).total).toBe('7.3');
    expect(reads).toBe(1);
  }, QUICK);

  it('a billion laughs made of shared arrays: too_many_nodes', () => {
    let bomb: unknown = ['lol'];
    for (let i = 0; i < 30; i++) bomb = [bomb, bomb];
    expectRejected(() => safeEvaluate(demo(), asInput({ values: VALUES, meta: { bomb } })), { code: 'too_many_nodes' });
  }, QUICK);

  it('very deep nesting: too_deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { deep };
    expectRejected(() => safeEvaluate(demo(), asInput({ values: VALUES, meta: { deep } })), { code: 'too_deep' });
  }, QUICK);

  it('not an object at all', () => {
    for (const x of [null, undefined, 42, 'values', true, [], () => 1]) {
      const r = safeEvaluate(demo(), asInput(x));
      expect(r.success).toBe(false);
    }
  }, QUICK);
});
