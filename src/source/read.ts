import type { Issue } from '../issues/issue.js';
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
