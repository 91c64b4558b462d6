import { availableParallelism } from 'node:os';
import { createJixiaoServer, SERVE_DEFAULTS, type ServeOptions } from '../../serve/server.js';
import { BODY, RubricCatalogue, type RegisteredMonitoring, type RegisteredRubric } from '../../serve/routes.js';
import type { ChunkScorer, ChunkSetup } from '../../serve/batch.js';
import { Pool } from '../batch/pool.js';
import { scoreRecords, type RawRecord } from '../batch/score.js';
import { loadRubricArg, rubricArg, shown, type Command, type CommandContext } from '../context.js';
import { monitoringArg } from './monitor.js';

const USAGE = 'jixiao serve [--port 8080] [--host 127.0.0.1] [--token 令牌] [--rubric 评分表.yaml,…] [--max-body 4m] [--timeout 30000] [--header-timeout 10000] [--max-requests 64] [--max-connections 512] [--shutdown-grace 10000] [--workers N] [--log json|none]';

/** The script that worker threads run: this bundle (dist/cli-main.cjs), when it is one. */
function workerScript(): string | undefined {
  return typeof __filename === 'string' && /\.c?js$/.test(__filename) ? __filename : undefined;
}

/**
 * The worker threads that score `/v1/batch` chunks: one pool for the server. Each worker loads
 * the registered rubrics from their files (with the same `--extends-root`) and bundled ones by id;
 * a chunk a worker cannot score (it ran out of memory, it stopped) is scored in the main thread
 * by the same function, so the lines are the same whichever thread wrote them.
 */
export function workerPool(script: string, size: number, registered: [string, string][], extendsRoot: [string, string | true][], rubrics: ReadonlyMap<string, RegisteredRubric>): ChunkScorer {
  const catalogue = new RubricCatalogue(rubrics);
  const fallback = (index: number, records: RawRecord[], setup?: ChunkSetup) => {
    const rubric = catalogue.byId(setup!.rubric);
    if (!rubric.success) throw new Error(`rubric ${setup!.rubric} is not known`);
    return scoreRecords({ rubric: rubric.value, file: BODY, format: 'ndjson', full: setup!.full, idFields: setup!.idFields }, records, index);
  };
  const pool = new Pool(script, size, { jixiaoServe: true, registered, flags: extendsRoot, file: BODY }, { fallback });
  let seq = 0;
  return {
    ahead: size * 2,
    score(index, records, setup) {
      // A worker that stopped (not for memory) leaves the pool failed: its chunks, and the rest, are scored here.
      return pool.run(seq++, index, records, setup).catch(() => fallback(index, records, setup));
    },
    close: () => pool.close(),
  };
}

/** The whole-number limits, their flags and the largest value each takes. */
const NUMBERS: { flag: string; key: keyof typeof SERVE_DEFAULTS; max: number; bytes?: true }[] = [
  { flag: 'max-body', key: 'maxBody', max: 1 << 30, bytes: true },
  { flag: 'timeout', key: 'timeout', max: 3_600_000 },
  { flag: 'header-timeout', key: 'headerTimeout', max: 600_000 },
  { flag: 'max-requests', key: 'maxRequests', max: 100_000 },
  { flag: 'max-connections', key: 'maxConnections', max: 1_000_000 },
  { flag: 'shutdown-grace', key: 'shutdownGrace', max: 3_600_000 },
];

/** A whole number from a flag (`4m`, `512k` for sizes), within 1…max; undefined (and the usage said) when it is not. */
function whole(ctx: CommandContext, flag: string, max: number, bytes = false, min = 1): number | undefined | null {
  const v = ctx.flags.get(flag);
  if (v === undefined) return null;
  const m = typeof v === 'string' ? /^(\d{1,10})([kKmM]?)$/.exec(v.trim()) : null;
  const n = m ? Number(m[1]) * (m[2] === '' ? 1 : bytes ? (/k/i.test(m[2]!) ? 1024 : 1024 * 1024) : NaN) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    ctx.err(ctx.say(`--${flag} 应为 ${min} 到 ${max} 的整数${bytes ? '（字节，可写 512k、4m）' : ''}`, `--${flag} must be a whole number from ${min} to ${max}${bytes ? ' (bytes; 512k and 4m are read as KiB and MiB)' : ''}`) + '\n');
    return undefined;
  }
  return n;
}

export const serve: Command = {
  name: 'serve',
  usage: USAGE,
  summary: 'HTTP 服务：评分、批量、审查、评分表、说明、运行监控（默认只监听本机）· serve scoring and monitoring over HTTP (loopback unless --host)',
  options: { port: 'value', host: 'value', token: 'value', rubric: 'value', 'max-body': 'value', timeout: 'value', 'header-timeout': 'value', 'max-requests': 'value', 'max-connections': 'value', 'shutdown-grace': 'value', workers: 'value', log: 'value', 'extends-root': 'value' },
  run(ctx) {
    if (ctx.args.length) {
      ctx.err(`用法 · usage: ${USAGE}\n`);
      return 2;
    }
    const port = whole(ctx, 'port', 65535, false, 0);
    if (port === undefined) return 2;
    const host = ctx.flags.get('host') ?? '127.0.0.1';
    if (typeof host !== 'string' || host === '') {
      ctx.err(ctx.say('--host 应为要监听的地址（如 0.0.0.0）', '--host names the address to listen on (such as 0.0.0.0)') + '\n');
      return 2;
    }
    const options: Partial<ServeOptions> = {};
    for (const n of NUMBERS) {
      const v = whole(ctx, n.flag, n.max, n.bytes === true);
      if (v === undefined) return 2;
      if (v !== null) options[n.key] = v;
    }
    const workers = whole(ctx, 'workers', 999, false, 0);
    if (workers === undefined) return 2;
    const logFlag = ctx.flags.get('log') ?? 'json';
    if (logFlag !== 'json' && logFlag !== 'none') {
      ctx.err('--log 应为 json 或 none · --log must be json or none\n');
      return 2;
    }
    if (logFlag === 'json') options.log = (line) => ctx.err(`${line}\n`);
    const token = ctx.flags.get('token') ?? process.env.JIXIAO_TOKEN;
    if (token !== undefined) {
      if (typeof token !== 'string' || !/^[\x21-\x7e]{16,}$/.test(token)) {
        ctx.err(ctx.say('访问令牌应为至少 16 个可见 ASCII 字符（--token 或环境变量 JIXIAO_TOKEN）', 'the token must be at least 16 visible ASCII characters (--token or JIXIAO_TOKEN)') + '\n');
        return 2;
      }
      options.token = token;
    }
    // Rubrics registered by id at start: loaded (and checked) once, before the port opens.
    const files = ctx.flags.get('rubric');
    const registered: [string, string][] = [];
    if (files !== undefined) {
      const rubrics = new Map<string, RegisteredRubric>();
      const monitoring = new Map<string, RegisteredMonitoring>();
      for (const file of typeof files === 'string' ? files.split(',').filter((f) => f !== '') : []) {
        // A monitoring rubric (双监控, a file with `monitoring`): served by /v1/monitor.
        const m = monitoringArg(ctx, file);
        if (typeof m === 'number') return m;
        if (m !== undefined) {
          const src = rubricArg(ctx, file);
          if (src.ok) monitoring.set(m.id, { rubric: m, source: src.source, file: src.file });
          continue;
        }
        const r = loadRubricArg(ctx, file);
        const src = rubricArg(ctx, file);
        if (!r.success || !src.ok) {
          ctx.report(r.success ? [] : r.issues);
          return 1;
        }
        rubrics.set(r.value.id, { rubric: r.value, source: src.source, file: src.file });
        registered.push([r.value.id, file]);
      }
      options.rubrics = rubrics;
      if (monitoring.size) options.monitoring = monitoring;
    }
    // Worker threads for /v1/batch: default one per core; 0 scores in the main thread.
    const size = workers ?? Math.max(1, typeof availableParallelism === 'function' ? availableParallelism() : 1);
    const script = workerScript();
    if (size > 0 && script !== undefined) {
      options.scorer = workerPool(script, size, registered, [...ctx.flags].filter(([k]) => k === 'extends-root'), options.rubrics ?? new Map());
    }
    const server = createJixiaoServer(options);
    return server.listen(port ?? 8080, host).then(
      (a) => {
        ctx.out(`jixiao serve: ${a.url}\n`);
        return new Promise<number>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            void server.close().then(() => resolve(0));
          };
          process.on('SIGTERM', stop);
          process.on('SIGINT', stop);
        });
      },
      (e: NodeJS.ErrnoException) => {
        ctx.err(ctx.say(`无法监听 ${shown(host)}:${port ?? 8080}（${e.code ?? e.message}）`, `cannot listen on ${shown(host)}:${port ?? 8080} (${e.code ?? e.message})`) + '\n');
        return 1;
      },
    );
  },
};
