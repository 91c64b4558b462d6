import type * as z from 'zod';
import { closest, hinter, type Hinter } from './hint.js';
import { makeIssue, type Issue } from './issue.js';

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', boolean: '布尔值（true/false）', object: '映射（键: 值）', array: '列表',
  null: '空值', undefined: '空', bigint: '整数', record: '映射（键: 值）',
};
const TYPE_EN: Record<string, string> = { object: 'a mapping', array: 'a list', record: 'a mapping' };

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

export { closest };

/**
 * A regex check's message that says, in both languages, what the text must be:
 * `.regex(/^[0-6]$/, expect('0 到 6 的整数', 'a whole number from 0 to 6'))`. zod's own
 * messages are English sentences; none of them reaches an issue's Chinese text.
 */
export const EXPECT = 'jixiao:expect:';
export const expect = (zh: string, en: string): string => `${EXPECT}${zh}\u0000${en}`;
function expectation(message: string): { expected: string; expectedEn: string } {
  const [zh = '', en = zh] = message.slice(EXPECT.length).split('\u0000');
  return { expected: zh, expectedEn: en };
}
/** What zod found wrong, when the schema gave no words of its own. */
const VALID = { expected: '有效取值', expectedEn: 'a valid value' };
function formatExpected(zi: z.core.$ZodIssue): { expected: string; expectedEn: string } {
  const { format, pattern } = zi as { format?: string; pattern?: string };
  if (format === 'regex' && pattern) return { expected: `符合格式 ${pattern} 的文本`, expectedEn: `text matching ${pattern}` };
  if (format) return { expected: `${format} 格式的文本`, expectedEn: `text in ${format} format` };
  return VALID;
}

/** True when the last key of `path` is absent from (or undefined in) the mapping that holds it. */
function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  const parent = at(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return false;
  const key = path[path.length - 1]!;
  return !Object.prototype.hasOwnProperty.call(parent, key) || (parent as Record<PropertyKey, unknown>)[key] === undefined;
}

/**
 * Turn zod's issues into jixiao issues. `root` is the raw data that was parsed, used to say
 * what was received and to tell a missing key from a wrong one. `knownKeys` lists the allowed
 * keys of an object at a path, for "did you mean" hints.
 */
export function fromZod(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: (string | number)[] = [],
  knownKeys?: (path: readonly PropertyKey[]) => readonly string[] | undefined,
): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const push = (i: Issue) => {
    const key = `${i.code}\u0000${i.message}\u0000${i.path.join('\u0000')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(i);
  };
  // A missing key, or NaN/±Infinity (a JS number that is no figure), said as such.
  const notAValue = (value: unknown, rawPath: PropertyKey[], path: (string | number)[]): boolean => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      push(makeIssue('invalid_number', { received: String(value) }, { path }));
      return true;
    }
    if (value === undefined && rawPath.length > 0) {
      push(makeIssue('missing_key', { key: String(rawPath[rawPath.length - 1]) }, { path }));
      return true;
    }
    return false;
  };
  // One hint finder per list of known keys, so hints for the whole document share one budget.
  const hinters = new Map<readonly string[], Hinter>();
  const hint = (key: string, options: readonly string[] | undefined): string | undefined => {
    if (!options) return undefined;
    let h = hinters.get(options);
    if (!h) hinters.set(options, (h = hinter(options)));
    return h(key);
  };
  const visit = (zi: z.core.$ZodIssue, base: PropertyKey[]) => {
    const rawPath = [...base, ...zi.path];
    const path = [...prefix, ...rawPath.map((p) => (typeof p === 'number' ? p : String(p)))];
    const value = at(root, rawPath);
    // A required key that is not there is missing, whatever zod found wrong with `undefined`
    // (a wrong type, not one of the allowed values, no matching branch…).
    if (zi.code !== 'unrecognized_keys' && value === undefined && isMissing(root, rawPath)) {
      push(makeIssue('missing_key', { key: String(rawPath[rawPath.length - 1]) }, { path }));
      return;
    }
    switch (zi.code) {
      case 'unrecognized_keys':
        for (const key of zi.keys) push(makeIssue('unknown_key', { key, hint: hint(key, knownKeys?.(rawPath)) }, { path: [...path, key] }));
        return;
      case 'invalid_type': {
        if (notAValue(value, rawPath, path)) return;
        const recv = typeOf(value);
        push(makeIssue('invalid_type', {
          expected: TYPE_ZH[zi.expected] ?? zi.expected, expectedEn: TYPE_EN[zi.expected] ?? zi.expected,
          received: TYPE_ZH[recv] ?? recv, receivedEn: TYPE_EN[recv] ?? recv,
        }, { path }));
        return;
      }
      case 'invalid_union': {
        if ((zi as { discriminator?: string }).discriminator) {
          const options = ((zi as { options?: unknown[] }).options ?? []).map(String);
          if (value === undefined) push(makeIssue('missing_key', { key: String(rawPath[rawPath.length - 1]) }, { path }));
          else push(makeIssue('unknown_rule_kind', { kind: String(value), kinds: options.join('、') }, { path }));
          return;
        }
        const branches = zi.errors;
        const allTypes = branches.length > 0 && branches.every((b) => b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0);
        if (allTypes) {
          if (notAValue(value, rawPath, path)) return;
          const expected = branches.map((b) => (b[0] as { expected: string }).expected);
          const numberLike = expected.includes('number') && expected.includes('string');
          const recv = typeOf(value);
          push(makeIssue('invalid_type', {
            expected: numberLike ? '数字' : expected.map((e) => TYPE_ZH[e] ?? e).join('或'),
            expectedEn: numberLike ? 'a number' : expected.join(' or '),
            received: TYPE_ZH[recv] ?? recv, receivedEn: TYPE_EN[recv] ?? recv,
          }, { path }));
          return;
        }
        // Report the branch that matched the value's type (its issue is not a type error),
        // else the one that got furthest (fewest issues).
        const typed = branches.filter((b) => b.every((i) => i.code !== 'invalid_type'));
        const best = (typed.length ? typed : [...branches]).sort((a, b) => a.length - b.length)[0];
        if (best) for (const b of best) visit(b, rawPath);
        return;
      }
      case 'invalid_value':
        push(makeIssue('invalid_value', {
          expected: zi.values.map(String).join(' | '), expectedEn: zi.values.map(String).join(' | '), received: String(value),
        }, { path }));
        return;
      case 'too_small':
      case 'too_big': {
        if (typeof value === 'number' && zi.code === 'too_big' && Math.abs(value) > 1e15) {
          push(makeIssue('invalid_number', { received: String(value), reason: 'too_large' }, { path }));
          return;
        }
        const isArr = Array.isArray(value);
        const bound = String((zi as { minimum?: unknown; maximum?: unknown }).minimum ?? (zi as { maximum?: unknown }).maximum);
        const zh = zi.code === 'too_small' ? (isArr ? `至少 ${bound} 项` : typeof value === 'string' ? '非空文本' : `不小于 ${bound}`) : isArr ? `至多 ${bound} 项` : `不大于 ${bound}`;
        const en = zi.code === 'too_small' ? (isArr ? `at least ${bound} items` : typeof value === 'string' ? 'non-empty text' : `≥ ${bound}`) : isArr ? `at most ${bound} items` : `≤ ${bound}`;
        push(makeIssue('invalid_value', { expected: zh, expectedEn: en, received: isArr ? `${(value as unknown[]).length} 项` : String(value) }, { path }));
        return;
      }
      case 'invalid_format': {
        // Tagged pattern checks of decimal fields (src/rules/fields.ts).
        const text = String(value);
        const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
        if (numeric && zi.message === 'jixiao:non_negative') {
          push(makeIssue('invalid_value', { expected: '不小于 0 的数', expectedEn: 'a number ≥ 0', received: text }, { path }));
        } else if (numeric && zi.message === 'jixiao:positive') {
          push(makeIssue('invalid_value', { expected: '大于 0 的数', expectedEn: 'a number > 0', received: text }, { path }));
        } else if (zi.message.startsWith(EXPECT)) {
          push(makeIssue('invalid_value', { ...expectation(zi.message), received: text }, { path }));
        } else if (zi.message.startsWith('jixiao:')) {
          push(makeIssue('invalid_number', { received: text }, { path }));
        } else {
          push(makeIssue('invalid_value', { ...formatExpected(zi), received: text }, { path }));
        }
        return;
      }
      case 'custom': {
        const params = ((zi as { params?: unknown }).params ?? {}) as Record<string, string>;
        if (params.jixiao === 'invalid_number') {
          push(makeIssue('invalid_number', { received: params.received ?? String(value), reason: params.reason }, { path }));
        } else {
          push(makeIssue('invalid_value', { expected: params.expected ?? VALID.expected, expectedEn: params.expectedEn ?? VALID.expectedEn, received: String(value) }, { path }));
        }
        return;
      }
      default:
        push(makeIssue('invalid_value', { ...VALID, received: String(value) }, { path }));
    }
  };
  for (const zi of issues) visit(zi, []);
  return out;
}
