import { readFileSync, statSync } from 'node:fs';
import {
  bundledRubricIds,
  formatIssues,
  renderTable,
  safeEvaluate,
  safeLoadBundledRubric,
  safeLoadRubric,
  type Issue,
  type Rubric,
  type SafeResult,
} from '../index.js';
import { makeIssue } from '../issues/issue.js';
import pkg from '../../package.json' with { type: 'json' };

const HELP = `jixiao ${pkg.version} — 预算绩效评价评分 · budget-performance scoring

用法 · usage:
  jixiao score <评分表.yaml|内置id> <评价数据.json|.yaml> [--format json|table]
  jixiao validate <评分表.yaml|内置id> [...]
  jixiao list                      列出内置评分表 · list bundled rubrics

选项 · options:
  --format json|table   score 的输出格式（默认 json）
  --lang zh|en|both     错误信息语言（默认 both）
  -h, --help            帮助
  -v, --version         版本

退出码 · exit codes: 0 成功 · 1 评分表或数据有错误 · 2 用法错误`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

type Lang = 'zh' | 'en' | 'both';

function readFile(path: string): { ok: true; bytes: Uint8Array } | { ok: false; issue: Issue } {
  try {
    if (!statSync(path).isFile()) return { ok: false, issue: makeIssue('file_not_found', { file: path }) };
    return { ok: true, bytes: readFileSync(path) };
  } catch {
    return { ok: false, issue: makeIssue('file_not_found', { file: path }) };
  }
}

function looksLikePath(arg: string): boolean {
  return /[/\\]|\.(ya?ml|json)$/i.test(arg);
}

function loadRubricArg(arg: string): SafeResult<Rubric> {
  if (!looksLikePath(arg) && bundledRubricIds.includes(arg)) return safeLoadBundledRubric(arg);
  const f = readFile(arg);
  if (!f.ok) {
    if (!looksLikePath(arg)) return safeLoadBundledRubric(arg);
    return { success: false, issues: [f.issue] };
  }
  return safeLoadRubric(f.bytes, { file: arg });
}

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string | true> } | { error: string } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') flags.set('help', true);
    else if (a === '-v' || a === '--version') flags.set('version', true);
    else if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!['format', 'lang'].includes(k)) return { error: `未知选项 --${k} · unknown option --${k}` };
      const v = inline ?? argv[++i];
      if (v === undefined) return { error: `选项 --${k} 缺少取值 · --${k} needs a value` };
      flags.set(k, v);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Run the command line; returns the exit code. Never throws. */
export function run(argv: string[], io: Io): number {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n\n${HELP}\n`);
    return 2;
  }
  const { positional, flags } = parsed;
  if (flags.has('version')) {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  const [cmd, ...args] = positional;
  if (flags.has('help') || cmd === undefined || cmd === 'help') {
    (cmd === undefined && !flags.has('help') ? io.err : io.out)(`${HELP}\n`);
    return cmd === undefined && !flags.has('help') ? 2 : 0;
  }
  const lang = (flags.get('lang') ?? 'both') as Lang;
  if (!['zh', 'en', 'both'].includes(lang)) {
    io.err(`--lang 应为 zh、en 或 both · --lang must be zh, en or both\n`);
    return 2;
  }
  const report = (issues: readonly Issue[]) => io.err(`${formatIssues(issues, { style: 'compiler', language: lang })}\n`);

  switch (cmd) {
    case 'list': {
      for (const id of bundledRubricIds) {
        const r = safeLoadBundledRubric(id);
        io.out(r.success ? `${id}\t${r.value.name}${r.value.version ? `（${r.value.version}）` : ''}\n` : `${id}\n`);
      }
      return 0;
    }
    case 'validate': {
      if (args.length === 0) {
        io.err(`用法 · usage: jixiao validate <评分表.yaml|内置id> [...]\n`);
        return 2;
      }
      let code = 0;
      for (const arg of args) {
        const r = loadRubricArg(arg);
        if (!r.success) {
          report(r.issues);
          code = 1;
          continue;
        }
        if (r.warnings.length) report(r.warnings);
        const leaves = [...r.value.byId.values()].filter((n) => n.children.length === 0).length;
        io.out(`✔ ${arg}: ${r.value.name} — ${r.value.byId.size} 个指标（${leaves} 个末级），满分 ${r.value.max.toFixed()}\n`);
      }
      return code;
    }
    case 'score': {
      if (args.length !== 2) {
        io.err(`用法 · usage: jixiao score <评分表.yaml|内置id> <评价数据.json|.yaml> [--format json|table]\n`);
        return 2;
      }
      const format = flags.get('format') ?? 'json';
      if (format !== 'json' && format !== 'table') {
        io.err(`--format 应为 json 或 table · --format must be json or table\n`);
        return 2;
      }
      const r = loadRubricArg(args[0]!);
      if (!r.success) {
        report(r.issues);
        return 1;
      }
      const f = readFile(args[1]!);
      if (!f.ok) {
        report([f.issue]);
        return 1;
      }
      const result = safeEvaluate(r.value, f.bytes, { file: args[1]! });
      if (!result.success) {
        report(result.issues);
        return 1;
      }
      io.out(format === 'table' ? renderTable(result.value) : `${JSON.stringify(result.value, null, 2)}\n`);
      return 0;
    }
    default:
      io.err(`未知命令“${cmd}” · unknown command "${cmd}"\n\n${HELP}\n`);
      return 2;
  }
}

function main(): void {
  let code: number;
  try {
    code = run(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
  } catch (e) {
    process.stderr.write(`内部错误 · internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 70;
  }
  process.exitCode = code;
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) main();
