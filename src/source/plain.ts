import { makeIssue, type Issue } from '../issues/issue.js';
import type { Limits } from './limits.js';
import type { Path } from './document.js';

const describe = (v: unknown): { received: string; receivedEn: string } => {
  if (typeof v === 'function') return { received: '函数', receivedEn: 'a function' };
  if (typeof v === 'symbol') return { received: '符号（symbol）', receivedEn: 'a symbol' };
  const name = (v as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  const kind = typeof name === 'string' && name ? name : 'object';
  return { received: `${kind} 对象`, receivedEn: `a ${kind} object` };
};

/**
 * A plain object: its prototype is null or `Object.prototype` — of this realm or of another one
 * (an object made by `vm.runInNewContext`, or in an iframe or a worker's message). Another
 * realm's `Object.prototype` is recognised by what it is, an object with no prototype of its own
 * that is the prototype of its own `Object` constructor; class instances, Maps, Dates, boxed
 * numbers (of any realm) have some other prototype and are not plain.
 */
export function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype) return true;
  if (typeof proto !== 'object' || Object.getPrototypeOf(proto) !== null) return false;
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  if (typeof ctor !== 'function') return false;
  return Object.getOwnPropertyDescriptor(ctor, 'prototype')?.value === proto && Object.getOwnPropertyDescriptor(ctor, 'name')?.value === 'Object';
}

/**
 * Copy an evaluation input (or a rubric) given as a JavaScript value into fresh plain data,
 * reading every property exactly once, so that nothing the caller built can reach the engine:
 *
 * - `__proto__` own keys (which `JSON.parse` creates) are `forbidden_key`, as in YAML files;
 * - cycles, functions, symbols, class instances (`Date`, `Map`, …), accessors or proxies that
 *   throw are `not_plain_data`; plain objects and arrays from another realm (`vm`) are plain;
 * - nesting beyond `limits.maxDepth` is `too_deep`, and more than `limits.maxNodes` values
 *   (shared sub-objects counted each time they are reached, like YAML aliases) is
 *   `too_many_nodes`.
 *
 * Keys named `constructor`, `prototype`, `toString`… are ordinary keys: the copy is made with
 * `Object.defineProperty`, never by assignment through a prototype.
 */
export function snapshotPlainData(value: unknown, limits: Limits): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const ancestors = new Set<object>();
  let nodes = 0;
  let stopped = false;
  const stop = (issue: Issue) => {
    issues.push(issue);
    stopped = true;
    return undefined;
  };

  const copy = (v: unknown, path: Path, depth: number): unknown => {
    if (stopped) return undefined;
    if (++nodes > limits.maxNodes) return stop(makeIssue('too_many_nodes', { limit: limits.maxNodes }, { path }));
    if (depth > limits.maxDepth) return stop(makeIssue('too_deep', { limit: limits.maxDepth }, { path }));
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
    if (typeof v !== 'object') {
      issues.push(makeIssue('not_plain_data', describe(v), { path }));
      return undefined;
    }
    if (ancestors.has(v)) {
      issues.push(makeIssue('not_plain_data', { received: '循环引用', receivedEn: 'a reference cycle' }, { path }));
      return undefined;
    }
    if (Array.isArray(v)) {
      ancestors.add(v);
      const out: unknown[] = [];
      for (let i = 0; i < v.length && !stopped; i++) out.push(copy(v[i], [...path, i], depth + 1));
      ancestors.delete(v);
      return out;
    }
    if (!isPlainObject(v)) {
      issues.push(makeIssue('not_plain_data', describe(v), { path }));
      return undefined;
    }
    ancestors.add(v);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (stopped) break;
      if (key === '__proto__') {
        issues.push(makeIssue('forbidden_key', { key }, { path: [...path, key] }));
        continue;
      }
      const item = copy((v as Record<string, unknown>)[key], [...path, key], depth + 1);
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    ancestors.delete(v);
    return out;
  };

  let out: unknown;
  try {
    out = copy(value, [], 0);
  } catch (e) {
    // A getter or a proxy trap that throws, or (with limits raised far beyond the defaults)
    // the copy itself running out of stack.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth })] };
    const what = { received: '读取时出错的对象（getter 或 Proxy）', receivedEn: 'an object that throws when read (a getter or a proxy)' };
    return { ok: false, issues: [makeIssue('not_plain_data', what)] };
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, 100) };
  return { ok: true, value: out };
}
