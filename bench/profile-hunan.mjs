// Where an evaluation's time goes: `evaluate` in a loop over generated Hunan records under
// `node --cpu-prof` (dist/ as built by `npm run build`), then the functions with the most self
// time, and the share of each source file (by the `// src/…` marks esbuild leaves in the bundle).
// Nothing here is a test.
//
//   node bench/profile-hunan.mjs [--records 5000] [--seconds 8] [--top 25] [--score]
//   (--score: the totals path, `score`, instead of `evaluate`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('--records', 5000);
const seconds = opt('--seconds', 8);
const top = opt('--top', 25);
const root = fileURLToPath(new URL('..', import.meta.url));

if (args.includes('--loop')) {
  const { evaluate, score, loadBundledRubric } = await import('../dist/index.js');
  const f = args.includes('--score') ? score : evaluate;
  const { hunanRecords } = await import('./hunan-records.mjs');
  const rubric = loadBundledRubric('hunan-department');
  const records = hunanRecords(N);
  const t0 = Date.now();
  let n = 0;
  while (Date.now() - t0 < seconds * 1000) for (const r of records) f(rubric, r), n++;
  console.log(`${n} evaluations in ${seconds} s`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-prof-'));
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, self, '--loop', '--records', String(N), '--seconds', String(seconds), ...(args.includes('--score') ? ['--score'] : [])], { cwd: root, encoding: 'utf8' }));
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self_ = new Map();
  let total = 0;
  samples.forEach((id, i) => {
    const dt = timeDeltas[i] ?? 0;
    total += dt;
    self_.set(id, (self_.get(id) ?? 0) + dt);
  });
  const fns = new Map();
  for (const [id, t] of self_) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  console.log(`profile ${file}\n| self % | function |\n| --: | --- |`);
  for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${((100 * t) / total).toFixed(1)} | ${k} |`);

  // Source files: esbuild marks where each begins in a bundle with a `// src/…` line.
  const markers = new Map();
  const sourceOf = (url, line) => {
    if (!url.startsWith('file://')) return undefined;
    if (!markers.has(url)) {
      const list = [];
      readFileSync(fileURLToPath(url), 'utf8').split('\n').forEach((text, i) => {
        const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(text);
        if (m) list.push([i, m[1].startsWith('node_modules/') ? m[1].split('/').slice(0, 2).join('/') : m[1]]);
      });
      markers.set(url, list);
    }
    let found;
    for (const [at, name] of markers.get(url)) if (at <= line) found = name;
    return found;
  };
  const files = new Map();
  for (const [id, t] of self_) {
    const { url, lineNumber } = byId.get(id).callFrame;
    const name = sourceOf(url, lineNumber) ?? (url ? url.replace(/^.*\//, '') : '(native, GC, idle)');
    files.set(name, (files.get(name) ?? 0) + t);
  }
  console.log(`\n| self % | source file |\n| --: | --- |`);
  for (const [k, t] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${((100 * t) / total).toFixed(1)} | ${k} |`);
}
