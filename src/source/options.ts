import { makeIssue, type Issue } from '../issues/issue.js';
import { LIMIT_NAMES, resolveLimits, type Limits } from './limits.js';

/** What an option of an entry point may be. */
export type OptionKind = 'text' | 'function' | 'limits' | 'text list';

const EXPECTED: Record<OptionKind, { zh: string; en: string }> = {
  text: { zh: '文本', en: 'a string' },
  function: { zh: '函数', en: 'a function' },
  limits: { zh: '映射（如 { maxBytes: 1048576 }）', en: 'an object (like { maxBytes: 1048576 })' },
  'text list': { zh: '文本列表', en: 'a list of strings' },
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v;
}

const bad = (option: string, expected: string, expectedEn: string, v: unknown) =>
  makeIssue('invalid_option', { option, expected, expectedEn, received: describe(v), receivedEn: describe(v) });

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * Read the options object of a public entry point once, into a plain copy, and check it: an
 * option left out or `undefined` takes its default; anything else of the wrong kind — `null`
 * options, a limit that is NaN, negative, fractional or not a number, an unknown limit name —
 * is a usage error (`invalid_option` naming the option), never a silent default and never an
 * exception, even when the options are a proxy or have getters that throw.
 */
export function readOptions<K extends string>(
  opts: unknown,
  spec: Record<K, OptionKind>,
): { ok: true; opts: Partial<Record<K, unknown>>; limits: Limits } | { ok: false; issues: Issue[] } {
  if (opts === undefined) return { ok: true, opts: {}, limits: resolveLimits() };
  const issues: Issue[] = [];
  const out: Partial<Record<K, unknown>> = {};
  let limits: Partial<Limits> = {};
  try {
    if (!isObject(opts) || Array.isArray(opts)) {
      return { ok: false, issues: [bad('options', '映射（键: 值）或省略', 'an object, or nothing', opts)] };
    }
    for (const name of Object.keys(spec) as K[]) {
      const v = (opts as Record<string, unknown>)[name];
      if (v === undefined) continue;
      const kind = spec[name];
      const want = EXPECTED[kind];
      if (kind === 'text' && typeof v !== 'string') issues.push(bad(name, want.zh, want.en, v));
      else if (kind === 'function' && typeof v !== 'function') issues.push(bad(name, want.zh, want.en, v));
      else if (kind === 'text list' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) issues.push(bad(name, want.zh, want.en, v));
      else if (kind === 'limits') {
        if (!isObject(v) || Array.isArray(v)) issues.push(bad(name, want.zh, want.en, v));
        else limits = readLimits(v, issues);
        continue;
      } else out[name] = kind === 'text list' ? [...(v as string[])] : v;
    }
  } catch {
    const received = { received: '读取时出错的对象（getter 或 Proxy）', receivedEn: 'an object that throws when read (a getter or a proxy)' };
    return { ok: false, issues: [makeIssue('invalid_option', { option: 'options', expected: '可读取的映射', expectedEn: 'an object that can be read', ...received })] };
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, opts: out, limits: resolveLimits(limits) };
}

function readLimits(given: object, issues: Issue[]): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const key of Object.keys(given)) {
    const option = `limits.${key}`;
    if (!(LIMIT_NAMES as string[]).includes(key)) {
      issues.push(makeIssue('invalid_option', { option, expected: `已知的上限（${LIMIT_NAMES.join('、')}）`, expectedEn: `a known limit (${LIMIT_NAMES.join(', ')})`, received: '未知的名称', receivedEn: 'an unknown name' }));
      continue;
    }
    const v = (given as Record<string, unknown>)[key];
    if (v === undefined) continue; // the default, never "no limit"
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      issues.push(bad(option, '不小于 0 的整数', 'a whole number ≥ 0', v));
      continue;
    }
    out[key as keyof Limits] = v;
  }
  return out;
}
