import { isMainThread } from 'node:worker_threads';
import pkg from '../../package.json' with { type: 'json' };
import { runWorker } from './batch/pool.js';
import { commands } from './commands/index.js';
import { commandContext, readBounded, shown, type Io, type Lang } from './context.js';

const GLOBAL_OPTIONS: Record<string, 'value' | 'flag'> = { lang: 'value' };

function help(): string {
  return [
    `jixiao ${pkg.version} — 预算绩效评价评分 · budget-performance scoring`,
    '',
    '用法 · usage:',
    // Each command's usage, then what it does on a line of its own: readable in an 80-column terminal.
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    '通用选项 · options:',
    '  --lang zh|en|both     错误信息语言（默认 both）',
    '  --extends-root 目录   extends 只能引用此目录中的文件（score、validate、lint、types）',
    '  -                     以标准输入代替文件 · read standard input instead of a file',
    '  -h, --help            帮助',
    '  -v, --version         版本',
    '',
    '退出码 · exit codes: 0 成功 · 1 评分表或数据有错误 · 2 用法错误',
  ].join('\n');
}

/** The command: the first argument that is neither an option nor the value of a global option. */
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) return a;
    if (a.startsWith('--') && !a.includes('=') && GLOBAL_OPTIONS[a.slice(2)] === 'value') i++;
  }
  return undefined;
}

/** Run the command line; returns the exit code. Never throws for bad input. */
export function run(argv: string[], io: Io): number | Promise<number> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const first = commandName(argv);
  const command = commands.find((c) => c.name === first);
  const allowed = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') flags.set('help', true);
    else if (a === '-v' || a === '--version') flags.set('version', true);
    else if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const kind = allowed[k];
      if (!kind) {
        io.err(`未知选项 --${shown(k)} · unknown option --${shown(k)}\n\n${help()}\n`);
        return 2;
      }
      if (kind === 'flag') {
        flags.set(k, true);
        continue;
      }
      const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined) {
        io.err(`选项 --${shown(k)} 缺少取值 · --${shown(k)} needs a value\n`);
        return 2;
      }
      flags.set(k, v);
    } else positional.push(a);
  }
  if (flags.has('version')) {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  const [name, ...args] = positional;
  if (flags.has('help') || name === 'help') {
    io.out(`${help()}\n`);
    return 0;
  }
  if (name === undefined) {
    io.err(`${help()}\n`);
    return 2;
  }
  if (!command) {
    io.err(`未知命令“${shown(name)}” · unknown command "${shown(name)}"\n\n${help()}\n`);
    return 2;
  }
  const lang = (flags.get('lang') ?? 'both') as Lang;
  if (!['zh', 'en', 'both'].includes(lang)) {
    io.err(`--lang 应为 zh、en 或 both · --lang must be zh, en or both\n`);
    return 2;
  }
  return command.run(commandContext(args, flags, lang, io));
}

export function main(): void {
  const internal = (e: unknown) => {
    process.stderr.write(`内部错误 · internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  };
  let code: number | Promise<number>;
  try {
    code = run(process.argv.slice(2), {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      stdin: (limit) => readBounded(0, limit),
      outBytes: (b) => process.stdout.write(b),
      stdoutIsTerminal: process.stdout.isTTY === true,
    });
  } catch (e) {
    code = internal(e);
  }
  if (typeof code === 'number') process.exitCode = code;
  else code.then((c) => (process.exitCode = c), (e) => (process.exitCode = internal(e)));
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  // This file is also what `jixiao batch --workers` runs in its worker threads.
  if (isMainThread) main();
  else runWorker();
}
