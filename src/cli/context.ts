import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  bundledRubricIds,
  bundledRubricSource,
  formatIssues,
  safeLoadRubric,
  type Issue,
  type Rubric,
  type SafeResult,
} from '../index.js';
import { makeIssue } from '../issues/issue.js';

export type Lang = 'zh' | 'en' | 'both';

/** What a command gets: its arguments, its options and where to write. */
export interface CommandContext {
  args: string[];
  flags: Map<string, string | true>;
  lang: Lang;
  out(s: string): void;
  err(s: string): void;
  /** Print issues like a compiler on stderr. */
  report(issues: readonly Issue[]): void;
}

/** One sub-command of `jixiao`. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Options (without --) this command accepts, and whether each takes a value. */
  options?: Record<string, 'value' | 'flag'>;
  run(ctx: CommandContext): number;
}

/**
 * The value of a `--name` option that must be one of `choices`; prints the usage error and
 * returns undefined when it is not. Absent, it is `fallback` (which may be undefined).
 */
export function choice<T extends string>(ctx: CommandContext, name: string, choices: readonly T[], fallback?: T): { value: T | undefined } | undefined {
  const v = ctx.flags.get(name);
  if (v === undefined) return { value: fallback };
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return { value: v as T };
  const zh = choices.length > 1 ? `${choices.slice(0, -1).join('、')} 或 ${choices[choices.length - 1]}` : choices.join('');
  ctx.err(`--${name} 应为 ${zh} · --${name} must be ${choices.join(' or ')}\n`);
  return undefined;
}

export function reporter(err: (s: string) => void, lang: Lang) {
  return (issues: readonly Issue[]) => {
    if (issues.length) err(`${formatIssues(issues, { style: 'compiler', language: lang })}\n`);
  };
}

export function readFile(path: string): { ok: true; bytes: Uint8Array } | { ok: false; issue: Issue } {
  try {
    if (!statSync(path).isFile()) return { ok: false, issue: makeIssue('file_not_found', { file: path }) };
    return { ok: true, bytes: readFileSync(path) };
  } catch {
    return { ok: false, issue: makeIssue('file_not_found', { file: path }) };
  }
}

export function looksLikePath(arg: string): boolean {
  return /[/\\]|\.(ya?ml|json)$/i.test(arg);
}

/**
 * A rubric named on the command line: a file path, or a bundled id. The one place both
 * `score`/`validate` (which load) and `lint` (which reviews) find its text.
 */
export function rubricArg(arg: string): { ok: true; source: string | Uint8Array; file: string } | { ok: false; issue: Issue } {
  const bundled = looksLikePath(arg) ? undefined : bundledRubricSource(arg);
  if (bundled !== undefined) return { ok: true, source: bundled, file: `rubrics/${arg}.yaml` };
  const f = readFile(arg);
  if (f.ok) return { ok: true, source: f.bytes, file: arg };
  if (looksLikePath(arg)) return { ok: false, issue: f.issue };
  return { ok: false, issue: makeIssue('unknown_bundled_rubric', { id: arg, ids: bundledRubricIds.join('、') }) };
}

/** Load a rubric named on the command line. */
export function loadRubricArg(arg: string): SafeResult<Rubric> {
  const r = rubricArg(arg);
  if (!r.ok) return { success: false, issues: [r.issue] };
  return safeLoadRubric(r.source, { file: r.file, resolve: fileResolver });
}

/** `extends:` a path is read relative to the extending file; a bundled id needs no file. */
export const fileResolver = (ref: string, from: string | undefined) => {
  if (!looksLikePath(ref)) return undefined;
  const file = from ? resolve(dirname(from), ref) : resolve(ref);
  const f = readFile(file);
  return f.ok ? { source: f.bytes, file } : undefined;
};
