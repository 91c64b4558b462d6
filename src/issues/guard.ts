/**
 * The promise of every `safe…` function and every function that returns a SafeResult: it
 * returns, whatever it is given. An argument of the wrong kind is `invalid_argument`, said
 * without reading the value (no `toString`, `valueOf`, getter or proxy trap is called); anything
 * that throws inside — a getter, a revoked proxy, a BigInt met by JSON.stringify deep in a
 * value — is `not_plain_data`, never the exception (whose message a hostile value may write).
 */
import type { SafeResult } from './errors.js';
import { makeIssue, type Issue } from './issue.js';

/** What a value is, in both languages, read by `typeof` alone (and `Array.isArray`, guarded). */
function kindOf(v: unknown): { zh: string; en: string } {
  switch (typeof v) {
    case 'undefined':
      return { zh: 'undefined', en: 'undefined' };
    case 'symbol':
      return { zh: '符号（symbol）', en: 'a symbol' };
    case 'bigint':
      return { zh: 'BigInt', en: 'a BigInt' };
    case 'function':
      return { zh: '函数', en: 'a function' };
    case 'boolean':
      return { zh: v ? 'true' : 'false', en: v ? 'true' : 'false' };
    case 'number':
      return { zh: `数字 ${String(v)}`, en: `the number ${String(v)}` };
    case 'string':
      return { zh: `${v.length} 个字符的文本`, en: `a string of ${v.length} characters` };
    default: {
      if (v === null) return { zh: 'null', en: 'null' };
      let list = false;
      try {
        list = Array.isArray(v);
      } catch {
        return { zh: '已撤销的 Proxy', en: 'a revoked proxy' };
      }
      return list ? { zh: '列表', en: 'an array' } : { zh: '对象', en: 'an object' };
    }
  }
}

/** `invalid_argument`: `argument` of `fn` should be `expected`; it is said what it was, by {@link kindOf}. */
export function badArgument(fn: string, argument: string, expected: { zh: string; en: string }, v: unknown): Issue {
  const k = kindOf(v);
  return makeIssue('invalid_argument', { function: fn, argument, expected: expected.zh, expectedEn: expected.en, received: k.zh, receivedEn: k.en });
}

/** The failed result of a call that threw: `not_plain_data`, naming the function, not the exception. */
export function thrown<T>(fn: string): SafeResult<T> {
  return {
    success: false,
    issues: [makeIssue('not_plain_data', { received: `${fn} 的参数中读取时出错的值（getter、Proxy、BigInt 或循环引用）`, receivedEn: `a value in the arguments of ${fn} that throws when read (a getter, a proxy, a BigInt or a reference cycle)` })],
  };
}

/** Run the body of a SafeResult function: whatever it throws is {@link thrown}. */
export function neverThrows<T>(fn: string, body: () => SafeResult<T>): SafeResult<T> {
  try {
    return body();
  } catch {
    return thrown(fn);
  }
}

/** {@link neverThrows} for an async body: the promise always resolves. */
export async function neverRejects<T>(fn: string, body: () => Promise<SafeResult<T>>): Promise<SafeResult<T>> {
  try {
    return await body();
  } catch {
    return thrown(fn);
  }
}

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** Whether options are absent or an object (not an array): anything else is `invalid_argument` of `fn`. */
export function badOptions(fn: string, opts: unknown): Issue | undefined {
  if (opts === undefined) return undefined;
  let list = false;
  try {
    list = Array.isArray(opts);
  } catch {
    list = true;
  }
  return isObject(opts) && typeof opts !== 'function' && !list ? undefined : badArgument(fn, 'options', { zh: '映射（键: 值）或省略', en: 'an object, or nothing' }, opts);
}
