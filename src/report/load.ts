import { JixiaoError } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';

declare const __JIXIAO_CLI__: boolean | undefined;
/**
 * Inside the jixiao command (one CommonJS file run from V8's code cache, where `import()` has no
 * loader) optional packages are required; everywhere else they are imported.
 */
export const CLI_BUNDLE = typeof __JIXIAO_CLI__ !== 'undefined' && __JIXIAO_CLI__ === true;

/**
 * An optional dependency (exceljs, docx), loaded when it is first needed; not installed, it is
 * `dependency_missing` naming the package to install, never a module-resolution stack trace.
 */
export async function optional<T>(name: string, format: string, load: () => Promise<unknown>): Promise<T> {
  let mod: unknown;
  try {
    mod = await load();
  } catch (e) {
    const code = (e as { code?: string } | undefined)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new JixiaoError([makeIssue('dependency_missing', { package: name, format })]);
    throw e;
  }
  // A CommonJS package imported from ESM is its `default`.
  const m = mod as { default?: unknown };
  return (m.default && typeof m.default === 'object' && !('Document' in (mod as object)) && !('Workbook' in (mod as object)) ? m.default : mod) as T;
}
