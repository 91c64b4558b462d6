// npm run bench:batch: a province's worth of records scored end to end — read, score, write —
// through `jixiao batch` and through evaluateMany (both on the totals path: scores out, no
// reasons), beside the in-process single-thread rate of
// safeEvaluate record by record (the ratio baseline). Reports records/s and peak RSS. Nothing
// here is a test: it reports.
//
//   node bench/batch.mjs [--records 1000000] [--workers 2] [--keep]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hunanRecordStream } from './hunan-records.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('--records', 1_000_000);
const W = opt('--workers', availableParallelism());
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-batch-'));
const input = join(work, 'records.ndjson');
const DEPARTMENTS = ['教育局', '财政局', '卫生健康委', '交通运输局', '农业农村局', '住房城乡建设局', '民政局', '公安局'];

// ——— the records: seeded, written once ———
{
  const out = createWriteStream(input);
  let i = 0;
  let buf = '';
  for (const r of hunanRecordStream(N)) {
    buf += `${JSON.stringify({ meta: { id: `D${String(i).padStart(7, '0')}`, 主管部门: DEPARTMENTS[i % DEPARTMENTS.length] }, ...r })}\n`;
    i++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((res) => out.end(res));
}
const bytes = statSync(input).size;

/** Run a node program in a fresh process; its wall time and its peak RSS (kB, the kernel's count). */
function timed(argv, env = {}) {
  const rss = join(work, `rss-${Math.random().toString(36).slice(2)}`);
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, process.execPath, ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} → ${r.status}\n${r.stderr}`);
  const kb = Number(readFileSync(rss, 'utf8').trim().split('\n').pop());
  return { seconds, kb, stdout: r.stdout, stderr: r.stderr };
}

// ——— baseline: safeEvaluate record by record in this process, one thread (read and score) ———
const BASE = Math.min(N, 100_000);
const base = timed(['--input-type=module', '-e', `
  import { createReadStream } from 'node:fs';
  import { createInterface } from 'node:readline';
  import { loadBundledRubric, safeEvaluate } from './dist/index.js';
  const rubric = loadBundledRubric('hunan-department');
  let n = 0;
  const t = process.hrtime.bigint();
  for await (const line of createInterface({ input: createReadStream(${JSON.stringify(input)}), crlfDelay: Infinity })) {
    safeEvaluate(rubric, line);
    if (++n === ${BASE}) break;
  }
  console.log(n / (Number(process.hrtime.bigint() - t) / 1e9));`]);
const baseRate = Number(base.stdout.trim());

// ——— the command: jixiao batch, default NDJSON out, W workers ———
const cliOut = join(work, 'cli.ndjson');
const cli = timed(['dist/cli.cjs', 'batch', 'hunan-department', input, '--out', cliOut, '--workers', String(W), '--summary', 'json'], { JIXIAO_CACHE: '0' });
const summary = JSON.parse(cli.stderr);
const cliOneOut = join(work, 'cli-1.ndjson');
const cliOne = timed(['dist/cli.cjs', 'batch', 'hunan-department', input, '--out', cliOneOut, '--workers', '0', '--summary', 'none'], { JIXIAO_CACHE: '0' });
const same = spawnSync('cmp', ['-s', cliOut, cliOneOut]).status === 0;

// ——— the API: evaluateMany over the file's lines, one output line per record ———
const api = timed(['--input-type=module', '-e', `
  import { createReadStream, createWriteStream } from 'node:fs';
  import { createInterface } from 'node:readline';
  import { evaluateMany, loadBundledRubric } from './dist/index.js';
  const rubric = loadBundledRubric('hunan-department');
  const out = createWriteStream(${JSON.stringify(join(work, 'api.ndjson'))});
  let buf = '';
  const lines = createInterface({ input: createReadStream(${JSON.stringify(input)}), crlfDelay: Infinity });
  for await (const o of evaluateMany(rubric, lines, { totals: true })) {
    buf += 'totals' in o ? JSON.stringify({ index: o.index, id: o.id, total: o.totals.total, grade: o.totals.grade }) + '\\n' : JSON.stringify({ index: o.index, id: o.id, issues: o.issues.map((i) => i.code) }) + '\\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.end(buf);`]);

// ——— report ———
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(`jixiao batch bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${cpus().length} × ${cpu}, load average at the end ${loadavg()[0].toFixed(1)}`);
console.log(`${fmt(N)} generated Hunan records as NDJSON (${(bytes / 2 ** 20).toFixed(0)} MiB), end to end: read, score, write\n`);
console.log('| run | records/s | × one thread | peak RSS |');
console.log('| --- | --: | --: | --: |');
console.log(`| safeEvaluate record by record, one thread, in process (first ${fmt(BASE)}; the baseline) | ${fmt(baseRate)} | 1.00× | ${mb(base.kb)} |`);
console.log(`| jixiao batch --workers ${W} (NDJSON out: totals and scores, the totals path) | ${fmt(N / cli.seconds)} | ${(N / cli.seconds / baseRate).toFixed(2)}× | ${mb(cli.kb)} |`);
console.log(`| jixiao batch --workers 0 (no worker threads) | ${fmt(N / cliOne.seconds)} | ${(N / cliOne.seconds / baseRate).toFixed(2)}× | ${mb(cliOne.kb)} |`);
console.log(`| evaluateMany over the file's lines, { totals: true }, one thread | ${fmt(N / api.seconds)} | ${(N / api.seconds / baseRate).toFixed(2)}× | ${mb(api.kb)} |`);
console.log(`\n${fmt(summary.records)} records, ${fmt(summary.errors)} with errors; --workers ${W} output ${same ? 'byte-identical to' : 'DIFFERENT from'} --workers 0. Targets: ≥ 60,000 records/s on 2 cores with totals out, peak RSS < 250 MB.`);
if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
else console.log(`files kept in ${work}`);
