import { makeIssue, type Issue } from '../issues/issue.js';
import { readDocument, type SourceDocument } from './document.js';
import type { Limits } from './limits.js';
import { snapshotPlainData } from './plain.js';

/**
 * True for YAML/JSON text or its bytes (a Uint8Array or Buffer, from any realm). Never throws:
 * a proxy, even a revoked one, is not text.
 */
export function isText(source: unknown): source is string | Uint8Array {
  return typeof source === 'string' || (ArrayBuffer.isView(source) && Object.prototype.toString.call(source) === '[object Uint8Array]');
}

/**
 * A document handed to a public entry point, as plain data: text is parsed (with positions),
 * an object built in code is copied (cycles, depth, `__proto__`, getters, proxies). Never throws.
 */
export function readSource(
  source: unknown,
  limits: Limits,
  file?: string,
): { ok: true; value: unknown; doc?: SourceDocument } | { ok: false; issues: Issue[] } {
  if (isText(source)) {
    const read = readDocument(source, limits, file);
    return read.ok ? { ok: true, value: read.doc.value, doc: read.doc } : read;
  }
  const copy = snapshotPlainData(source, limits);
  return copy.ok ? { ok: true, value: copy.value } : copy;
}

/**
 * Run a stage that walks a document recursively (the schema, variants, compilation, lint).
 * With the default `maxDepth` no stage comes near the stack limit; with `maxDepth` raised far
 * beyond it, a document deep enough can exhaust the stack, and that is `too_deep`, not an
 * exception out of a `safe…` function.
 */
export function stackSafe<T>(stage: () => T, limits: Limits): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  try {
    return { ok: true, value: stage() };
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth })] };
    throw e;
  }
}
