import { readDocument } from './document.js';
import { DEFAULT_LIMITS } from './limits.js';

/** JSON text as a JavaScript string literal, every line terminator escaped. */
const literal = (text: string) => JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The module a bundled rubric's YAML file becomes when jixiao is built (tsup.config.ts) and
 * tested (vitest.config.ts): its text, and the document read from that text with the default
 * limits, as JSON — or null when it does not read, and loading it then reports why. Loading the
 * bundled text then skips the YAML parser (see src/rubric/sources.ts).
 */
export function yamlModule(text: string): string {
  const read = readDocument(text, DEFAULT_LIMITS);
  const prepared = read.ok ? JSON.stringify(read.doc.data()) : null;
  return `export default ${literal(text)};\nexport const prepared = ${prepared === null ? 'null' : literal(prepared)};\n`;
}
