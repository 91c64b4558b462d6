import { Decimal } from '../decimal.js';
import { readDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { rubricSchema } from './schema.js';

/** JSON text as a JavaScript string literal, every line terminator escaped. */
const literal = (text: string) => JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The key that marks a decimal in {@link encodeSchemaOutput}: `{ "\u0000decimal": "1.5" }`. */
const DECIMAL_KEY = '\u0000decimal';

/** The rubric schema's output as JSON: its decimals as `{ "\u0000decimal": text }`. */
export function encodeSchemaOutput(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const original = (this as Record<string, unknown>)[key];
    return original instanceof Decimal ? { [DECIMAL_KEY]: original.toFixed() } : v;
  });
}

/** The rubric schema's output back from {@link encodeSchemaOutput}. */
export function decodeSchemaOutput(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)[DECIMAL_KEY] === 'string'
      ? new Decimal((v as Record<string, string>)[DECIMAL_KEY]!)
      : v,
  );
}

/**
 * The module a bundled rubric's YAML file becomes when jixiao is built (tsup.config.ts) and
 * tested (vitest.config.ts): its text; the document read from that text with the default
 * limits, as JSON (or null when it does not read, and loading it then reports why); and, for a
 * rubric that extends none, what the rubric schema makes of it (or null). Loading the bundled
 * text then skips the YAML parser and the schema (see src/rubric/sources.ts).
 */
export function yamlModule(text: string): string {
  const read = readDocument(text, DEFAULT_LIMITS);
  const prepared = read.ok ? JSON.stringify(read.doc.data()) : null;
  let parsed: string | null = null;
  if (read.ok) {
    const r = rubricSchema.safeParse(read.doc.value);
    if (r.success && r.data.extends === undefined) parsed = encodeSchemaOutput(r.data);
  }
  const str = (x: string | null) => (x === null ? 'null' : literal(x));
  return `export default ${literal(text)};\nexport const prepared = ${str(prepared)};\nexport const parsed = ${str(parsed)};\n`;
}
