// npm run bench:serve: `jixiao serve` on loopback, driven by keep-alive node:http requests
// (POST /v1/score?rubric=<id>, the input as the body) for two inputs — the Yunxi 2021 department
// evaluation on hunan-department, and a 40-row 项目支出绩效自评表 on project-self-evaluation built
// from the Miluo 2018 form by repeating its rows — at a few concurrency levels. For each: requests/s,
// p50 and p99 latency (wall clock, request written to answer read), and the ratio to in-process
// `evaluate` of the same input measured in the same run (a single-thread loop in this process:
// its calls/s and mean time per call), beside the service's own work without HTTP (the body's
// bytes read with positions by safeEvaluate, the answer serialised). The target (p99 under 20 ms for the project form on one
// core) is checked at concurrency 1 and reported. The server is one Node process, so it scores on
// one core; on Linux it is pinned to one CPU with `taskset` when that command is there. Bounded:
// a warm-up, then a fixed count of requests per case, each case stopped after a time limit.
// Nothing here is a test: it reports.
//
//   node bench/serve.mjs [--requests 2000] [--warmup 200] [--concurrency 1,8] [--seconds 30]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { evaluate, loadBundledRubric, safeEvaluate } from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const REQUESTS = Number(opt('--requests', '2000'));
const WARMUP = Number(opt('--warmup', '200'));
const LEVELS = String(opt('--concurrency', '1,8')).split(',').map(Number);
const SECONDS = Number(opt('--seconds', '30'));
const TARGET_MS = 20;
const root = fileURLToPath(new URL('..', import.meta.url));

// ——— the inputs ———
const yunxi = JSON.parse(readFileSync(`${root}examples/yunxi-2021/input.json`, 'utf8'));
const miluo = JSON.parse(readFileSync(`${root}examples/miluo-2018-project/input.json`, 'utf8'));

/**
 * The Miluo 2018 form grown to 40 rows with the same sections' 分值 (产出 50, 效益 30, 满意度 10):
 * each 产出 row twice at half its weight (18 rows), each 效益 row ten times at a tenth of its
 * weight and score (20 rows), the two 满意度 rows as filed (2 rows). Weights stay exact decimals.
 */
function fortyRows(form) {
  const split = (rows, times) =>
    rows.flatMap((row) =>
      Array.from({ length: times }, (_, k) => ({
        ...row,
        name: `${row.name}（${k + 1}）`,
        weight: String(Number(row.weight) / times),
        ...(row.score !== undefined ? { score: String(Number(row.score) / times) } : {}),
      })),
    );
  const rows = { 产出指标: split(form.rows['产出指标'], 2), 效益指标: split(form.rows['效益指标'], 10), 满意度指标: form.rows['满意度指标'] };
  return { ...form, meta: { ...form.meta, 说明: '40 rows for the bench' }, rows };
}
const project = fortyRows(miluo);
const rowCount = Object.values(project.rows).reduce((n, r) => n + r.length, 0);
if (rowCount !== 40) throw new Error(`the project form has ${rowCount} rows, not 40`);

const CASES = [
  { name: 'Yunxi 2021 (hunan-department)', rubricId: 'hunan-department', input: yunxi },
  { name: 'project form, 40 rows (project-self-evaluation)', rubricId: 'project-self-evaluation', input: project },
];
for (const c of CASES) {
  c.rubric = loadBundledRubric(c.rubricId);
  c.body = Buffer.from(JSON.stringify(c.input));
  const r = evaluate(c.rubric, c.input);
  c.total = r.total.toString();
  c.grade = r.grade;
}

// ——— in process, the ratio baseline ———
/** ms per call of `fn`, best of 5 rounds after a warm-up. */
function inProcess(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const n = Math.max(50, Math.floor(REQUESTS / 5));
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / n);
  }
  return best;
}
/** `evaluate` of the parsed input (the baseline); and what the service does minus HTTP: the body's bytes read with positions, scored, the answer serialised. */
const evaluateOf = (c) => () => evaluate(c.rubric, c.input);
const bodyWorkOf = (c) => () => {
  const r = safeEvaluate(c.rubric, c.body, { file: '<body>' });
  if (!r.success) throw new Error(`${c.name}: ${JSON.stringify(r.issues).slice(0, 200)}`);
  return JSON.stringify({ success: true, value: r.value, warnings: r.warnings });
};

// ——— the server ———
const cli = `${root}dist/cli.cjs`;
const pin = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;
const serverArgs = [cli, 'serve', '--port', '0', '--log', 'none', '--max-requests', '256'];
const child = pin ? spawn('taskset', ['-c', '0', process.execPath, ...serverArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(process.execPath, serverArgs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('jixiao serve did not print its address within 15 s')), 15000);
  child.stdout.on('data', (d) => {
    out += d;
    const m = /jixiao serve: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(Number(m[1]));
    }
  });
  child.once('exit', (code) => reject(new Error(`jixiao serve exited (${code}) before listening`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One keep-alive POST; resolves to ms from write to the end of the answer. */
function post(c) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/v1/score?rubric=${c.rubricId}`, agent, headers: { 'content-type': 'application/json', 'content-length': c.body.length } },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
          resolve({ ms, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(c.body);
  });
}

/** `count` requests with `concurrency` in flight, stopped after SECONDS; latencies and wall time. */
async function drive(c, count, concurrency) {
  const times = [];
  let next = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const t0 = process.hrtime.bigint();
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      next++;
      times.push((await post(c)).ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { times, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const f = (x, d = 2) => x.toFixed(d);

const rows = [];
try {
  for (const c of CASES) {
    // The service must give what the library gives.
    const answer = JSON.parse((await post(c)).text);
    if (!answer.success || answer.value.total !== c.total || answer.value.grade !== c.grade) throw new Error(`${c.name}: the service answered ${JSON.stringify(answer).slice(0, 200)}, the library ${c.total} ${c.grade}`);
    const evalMs = inProcess(evaluateOf(c));
    const bodyMs = inProcess(bodyWorkOf(c));
    for (const concurrency of LEVELS) {
      await drive(c, WARMUP, concurrency);
      const { times, wallMs } = await drive(c, REQUESTS, concurrency);
      const sorted = [...times].sort((a, b) => a - b);
      const rps = (times.length / wallMs) * 1000;
      rows.push({ c, concurrency, n: times.length, rps, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), evalMs, bodyMs, ratio: (1000 / evalMs) / rps });
    }
  }
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}

// ——— the table ———
console.log(`jixiao serve on 127.0.0.1 (${pin ? 'pinned to CPU 0 with taskset' : 'not pinned'}), keep-alive node:http, ${REQUESTS} requests per case after ${WARMUP} warm-up, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('');
console.log('| input | total, grade | concurrency | requests | requests/s | p50 ms | p99 ms | evaluate ms (in process) | body read + evaluate + JSON ms (in process) | evaluate calls/s ÷ service requests/s |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.c.name} | ${r.c.total} ${r.c.grade} | ${r.concurrency} | ${r.n} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.evalMs, 3)} | ${f(r.bodyMs, 3)} | ${f(r.ratio, 1)}× |`);
console.log('');
const projectRows = rows.filter((r) => r.c === CASES[1]);
const one = projectRows.find((r) => r.concurrency === 1) ?? projectRows[0];
if (one) console.log(`Target p99 < ${TARGET_MS} ms for the 40-row project form on one core (concurrency ${one.concurrency}): p99 ${f(one.p99)} ms — ${one.p99 < TARGET_MS ? 'holds' : 'does NOT hold'}.`);
for (const r of projectRows.filter((x) => x !== one)) console.log(`  at concurrency ${r.concurrency}: p99 ${f(r.p99)} ms (${r.p99 < TARGET_MS ? 'under' : 'over'} ${TARGET_MS} ms; requests queue on the one core).`);
