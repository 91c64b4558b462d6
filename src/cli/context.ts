import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  bundledRubricIds,
  bundledRubricSource,
  DEFAULT_LIMITS,
  formatIssues,
  safeLoadRubric,
  type Issue,
  type Rubric,
  type SafeResult,
} from '../index.js';
import { terminalText } from '../issues/format.js';
import { makeIssue } from '../issues/issue.js';
import { isWithin } from '../rubric/load.js';
import type { RubricResolver } from '../rubric/resolve.js';

export type Lang = 'zh' | 'en' | 'both';

/** Where the command line reads and writes; tests pass their own. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input, read when a file argument is `-`: at most `limit + 1` bytes. */
  stdin?: (limit: number) => Uint8Array;
  /** Bytes to standard output (XLSX, DOCX); without it, binary output to stdout is refused. */
  outBytes?: (b: Uint8Array) => void;
  /** Standard output is a terminal: binary formats are not written to it. */
  stdoutIsTerminal?: boolean;
}

/** A file read for a command: its bytes and the name messages use for it. */
export type ReadFile = { ok: true; bytes: Uint8Array; file: string } | { ok: false; issue: Issue };

/** What a command gets: its arguments, its options and where to read and write. */
export interface CommandContext {
  args: string[];
  flags: Map<string, string | true>;
  lang: Lang;
  out(s: string): void;
  err(s: string): void;
  /** Print issues like a compiler on stderr. */
  report(issues: readonly Issue[]): void;
  /** Read a file argument (`-` is standard input), checking its size before reading it. */
  read(arg: string): ReadFile;
  /** Write `text` (or bytes) to `file` (`-` is standard output); an unwritable file is reported, false. */
  write(file: string, text: string | Uint8Array): boolean;
  /** Standard output is a terminal. */
  stdoutIsTerminal: boolean;
  /** Write bytes to standard output, when the caller can. */
  outBytes?: (b: Uint8Array) => void;
  /** Pick the line for the chosen `--lang`. */
  say(zh: string, en: string): string;
}

/** One sub-command of `jixiao`. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Options (without --) this command accepts, and whether each takes a value. */
  options?: Record<string, 'value' | 'flag'>;
  /** The exit code; commands that stream (batch), write XLSX/DOCX or read XLSX finish asynchronously. */
  run(ctx: CommandContext): number | Promise<number>;
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

/** The name messages use for standard input. */
export const STDIN = '<stdin>';

/** At most `limit + 1` bytes from a file descriptor: a pipe or device is never read to its end. */
export function readBounded(fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const chunk = Buffer.alloc(Math.min(1 << 16, limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks);
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? String(e);
const tooLarge = (file: string, size: number | string, limit: number) => makeIssue('file_too_large', { size, limit }, { source: { file, line: 1, column: 1 } });

/**
 * Read a file named on the command line. The size is checked before anything is read (a 3 GB
 * file costs a `stat`), a directory is said to be one, and a pipe or device (or `-`, standard
 * input) is read only up to the limit.
 */
export function readFileArg(path: string, stdin: Io['stdin'], limit = DEFAULT_LIMITS.maxBytes): ReadFile {
  if (path === '-') {
    if (!stdin) return { ok: false, issue: makeIssue('file_not_found', { file: STDIN }) };
    const bytes = stdin(limit);
    return bytes.length > limit ? { ok: false, issue: tooLarge(STDIN, `>${limit}`, limit) } : { ok: true, bytes, file: STDIN };
  }
  let fd: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, issue: makeIssue('file_is_directory', { file: path }) };
    if (st.isFile() && st.size > limit) return { ok: false, issue: tooLarge(path, st.size, limit) };
    fd = openSync(path, 'r');
  } catch (e) {
    const code = errno(e);
    return { ok: false, issue: code === 'ENOENT' || code === 'ENOTDIR' ? makeIssue('file_not_found', { file: path }) : makeIssue('file_unreadable', { file: path, detail: code }) };
  }
  try {
    const bytes = readBounded(fd, limit);
    if (bytes.length > limit) return { ok: false, issue: tooLarge(path, fstatSync(fd).isFile() ? fstatSync(fd).size : `>${limit}`, limit) };
    return { ok: true, bytes, file: path };
  } catch (e) {
    const code = errno(e);
    return { ok: false, issue: code === 'EISDIR' ? makeIssue('file_is_directory', { file: path }) : makeIssue('file_unreadable', { file: path, detail: code }) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a file a document names (not the command line: `extends:` in a rubric) — a regular file
 * only. A FIFO, a device or `/dev/stdin` could block for ever (nobody writes to it) or never end:
 * it is `not_a_file` before it is opened, and again after (opened without blocking, then
 * checked), so a file swapped in between is not read either. `notAFile: false`: not found, unreadable or too large.
 */
function readNamedFile(path: string, limit = DEFAULT_LIMITS.maxBytes): { ok: true; bytes: Uint8Array } | { ok: false; notAFile: boolean } {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return { ok: false, notAFile: true };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return { ok: false, notAFile: false };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, notAFile: true };
    if (st.size > limit) return { ok: false, notAFile: false };
    const bytes = readBounded(fd, limit);
    return bytes.length > limit ? { ok: false, notAFile: false } : { ok: true, bytes };
  } catch {
    return { ok: false, notAFile: false };
  } finally {
    closeSync(fd);
  }
}

/** The context a command runs in: `io` for reading and writing, issues in `lang`. */
export function commandContext(args: string[], flags: Map<string, string | true>, lang: Lang, io: Io): CommandContext {
  const report = (issues: readonly Issue[]) => {
    if (issues.length) io.err(`${formatIssues(issues, { style: 'compiler', language: lang })}\n`);
  };
  return {
    args,
    flags,
    lang,
    out: io.out,
    err: io.err,
    report,
    read: (arg) => readFileArg(arg, io.stdin),
    stdoutIsTerminal: io.stdoutIsTerminal === true,
    ...(io.outBytes ? { outBytes: io.outBytes } : {}),
    write(file, text) {
      if (file === '-') {
        if (typeof text === 'string') io.out(text);
        else if (io.outBytes) io.outBytes(text);
        else io.out(Buffer.from(text).toString('latin1'));
        return true;
      }
      try {
        writeFileSync(file, text);
        return true;
      } catch (e) {
        report([makeIssue('output_unwritable', { file, detail: errno(e) })]);
        return false;
      }
    },
    say: (zh, en) => (lang === 'zh' ? zh : lang === 'en' ? en : `${zh} · ${en}`),
  };
}

/** Text from a document (a name, a file name) made safe to print on a terminal. */
export const shown = terminalText;

export function looksLikePath(arg: string): boolean {
  return arg === '-' || /[/\\]|\.(ya?ml|json)$/i.test(arg);
}

/**
 * A rubric named on the command line: a file path (`-` for standard input), or a bundled id.
 * The one place both `score`/`validate` (which load) and `lint` (which reviews) find its text.
 */
export function rubricArg(ctx: CommandContext, arg: string): { ok: true; source: string | Uint8Array; file: string } | { ok: false; issue: Issue } {
  const bundled = looksLikePath(arg) ? undefined : bundledRubricSource(arg);
  if (bundled !== undefined) return { ok: true, source: bundled, file: `rubrics/${arg}.yaml` };
  const f = ctx.read(arg);
  if (f.ok) return { ok: true, source: f.bytes, file: f.file };
  if (looksLikePath(arg) || f.issue.code !== 'file_not_found') return { ok: false, issue: f.issue };
  return { ok: false, issue: makeIssue('unknown_bundled_rubric', { id: arg, ids: bundledRubricIds.join('、') }) };
}

/** Load a rubric named on the command line, with `extends` confined by `--extends-root`. */
export function loadRubricArg(ctx: CommandContext, arg: string): SafeResult<Rubric> {
  const r = rubricArg(ctx, arg);
  if (!r.ok) return { success: false, issues: [r.issue] };
  const files = fileResolver(ctx);
  if (!files.ok) return { success: false, issues: [files.issue] };
  return safeLoadRubric(r.source, { file: r.file, resolve: files.resolve, ...(files.root !== undefined ? { extendsRoot: files.root } : {}) });
}

/** The `--extends-root` folder, followed through symbolic links; a missing one is an issue. */
function extendsRoot(ctx: CommandContext): { ok: true; root?: string } | { ok: false; issue: Issue } {
  const dir = ctx.flags.get('extends-root');
  if (typeof dir !== 'string') return { ok: true };
  try {
    const real = realpathSync(dir);
    if (!statSync(real).isDirectory()) return { ok: false, issue: makeIssue('file_not_found', { file: dir }) };
    return { ok: true, root: real };
  } catch {
    return { ok: false, issue: makeIssue('file_not_found', { file: dir }) };
  }
}

/**
 * `extends:` a path is read relative to the extending file; a bundled id needs no file. With
 * `--extends-root DIR` a path whose real location (after symbolic links) is outside DIR is
 * declined before it is read.
 */
export function fileResolver(ctx: CommandContext): { ok: true; resolve: RubricResolver; root?: string } | { ok: false; issue: Issue } {
  const root = extendsRoot(ctx);
  if (!root.ok) return root;
  const resolveRef: RubricResolver = (ref, from) => {
    if (!looksLikePath(ref) || ref === '-') return undefined;
    let file = from && from !== STDIN ? resolve(dirname(from), ref) : resolve(ref);
    if (root.root !== undefined) {
      try {
        file = realpathSync(file);
      } catch {
        // a file that does not exist is not found below
      }
      if (!isWithin(root.root, file)) return { file, refused: 'outside_root', root: root.root };
    }
    // A path inside a document: a regular file only (a FIFO or /dev/stdin would block the command).
    const f = readNamedFile(file);
    if (!f.ok) return f.notAFile ? { file, refused: 'not_a_file' } : undefined;
    return { source: f.bytes, file };
  };
  return root.root === undefined ? { ok: true, resolve: resolveRef } : { ok: true, resolve: resolveRef, root: root.root };
}
