import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../src/cli/commands/index.js';
import { inputDocumentSchema, rubricSchema } from '../src/index.js';

/**
 * Every fenced block in README.md and docs/*.md is one of:
 * - `console`: `$ npx jixiao …` (or `$ npx tsc …`) lines, each followed by exactly what it prints
 *   (stdout, then stderr); a line `…` stands for any number of lines; `$ curl …` lines ask a
 *   `jixiao serve` the harness starts, at the address they name (http://127.0.0.1:8080);
 * - `sh`: a synopsis; every line is `npx jixiao <command> …` naming a real command and options it takes;
 * - `ts`/`js`: a program, run against dist/; what it prints is the next block if that is `text`,
 *   else its `// → …` comments in order (none: it prints nothing);
 * - `yaml`: a rubric (it has `id` and `indicators` or `extends`), which must load and lint clean;
 *   a fragment of one (`rule:` lines, `inputs:`), checked against the rubric schema; an evaluation
 *   input (`values`/`assessments`), checked against the input schema; or an editor directive (`# …`);
 * - `json`: JSON that parses.
 * An HTML comment right before a block changes that:
 * - `<!-- file: NAME -->`: the block is a file the document's commands use (written first);
 * - `<!-- output-of: COMMAND -->`: the block is what COMMAND prints on stdout (`…` skips lines);
 * - `<!-- not-run: REASON -->`: an excerpt that cannot run (keep these rare).
 * Each document runs in its own scratch folder, where `rubrics/`, `examples/`, `tests/` and
 * `node_modules/` of the repository are linked in.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (f: string) => join(root, 'dist', f);
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The one place volatile output is normalised: content fingerprints. */
const normalise = (s: string) => s.replace(/sha256:[0-9a-f]{64}/g, 'sha256:…');

interface Block {
  doc: string;
  line: number;
  lang: string;
  text: string;
  marker?: { kind: 'file' | 'output-of' | 'not-run'; value: string };
}

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) j++;
    const text = lines.slice(i + 1, j).map((l) => l.slice(indent)).join('\n') + '\n';
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const m = k >= 0 ? /^\s*<!--\s*(file|output-of|not-run):\s*(.*?)\s*-->\s*$/.exec(lines[k]!) : null;
    out.push({ doc, line: i + 1, lang: open[2]!, text, ...(m ? { marker: { kind: m[1] as 'file', value: m[2]! } } : {}) });
    i = j;
  }
  return out;
}

/** `shown` lines against `printed` lines; `…` in `shown` matches any number of lines. */
function matchShown(shown: string[], printed: string[]): string[] {
  const out: string[] = [];
  let p = 0;
  for (let s = 0; s < shown.length; s++) {
    if (shown[s]!.trim() === '…' || /^\s*(#|\/\/) …$/.test(shown[s]!)) {
      const next = shown[s + 1];
      out.push(shown[s]!);
      if (next === undefined) return out;
      while (p < printed.length && printed[p] !== next) p++;
      continue;
    }
    out.push(printed[p++] ?? '<nothing>');
  }
  return [...out, ...printed.slice(p)];
}

// Outside the repository, so that the linked `tests/` is never collected as a second test suite.
const work = mkdtempSync(join(tmpdir(), 'jixiao-docs-'));
const scratch = (doc: string) => join(work, doc.replace(/[/.]/g, '-'));

/** The address curl commands in the docs name, and the `jixiao serve` (from dist/) that answers them. */
const SHOWN_URL = 'http://127.0.0.1:8080';
let server: { child: ChildProcess; url: string } | undefined;

/** A curl command's arguments, as a shell would split them (single and double quotes, no expansion). */
const curlArgs = (command: string) => [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? m[3])!.replaceAll(SHOWN_URL, server!.url));

function runCommand(doc: string, command: string): { stdout: string; stderr: string } {
  if (command.startsWith('curl ')) {
    const r = spawnSync('curl', curlArgs(command.slice(5)), { cwd: scratch(doc), encoding: 'utf8', timeout: 10_000 });
    if (r.error) throw new Error(`${doc}: cannot run "${command}" (${r.error.message}): install curl`);
    return { stdout: normalise(r.stdout), stderr: normalise(r.stderr) };
  }
  const [npx, tool, ...args] = command.split(' ');
  const bin = tool === 'jixiao' ? dist('cli.cjs') : tool === 'tsc' ? join(root, 'node_modules/typescript/bin/tsc') : undefined;
  if (npx !== 'npx' || !bin) throw new Error(`${doc}: cannot run "${command}"; mark the block <!-- not-run: reason -->`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: scratch(doc), encoding: 'utf8' });
  return { stdout: normalise(r.stdout), stderr: normalise(r.stderr) };
}

const lines = (s: string) => s.replace(/\n$/, '').split('\n');

function runProgram(b: Block): string {
  const code = b.text
    .replace(/from 'jixiao'/g, `from ${JSON.stringify(pathToFileURL(dist('index.js')).href)}`)
    .replace(/from 'jixiao\/(testing|authoring|report|xlsx|docx|review|monitor)'/g, (_m, entry: string) => `from ${JSON.stringify(pathToFileURL(dist(`${entry}.js`)).href)}`)
    .replace(/from 'jixiao\/embed'/g, `from ${JSON.stringify(pathToFileURL(dist('embed.mjs')).href)}`)
    .replace(/'jixiao\/embed\.iife\.js'/g, JSON.stringify(dist('embed.iife.js')));
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = join(scratch(b.doc), `block-${b.line}.mjs`);
  writeFileSync(file, js);
  const r = spawnSync(process.execPath, [file], { cwd: scratch(b.doc), encoding: 'utf8' });
  return normalise(r.stdout + r.stderr);
}

const all = docs.flatMap(blocksOf);
const where = (b: Block) => `${b.doc}:${b.line}`;

beforeAll(async () => {
  if (!existsSync(dist('cli.cjs'))) throw new Error('run `npm run build` first: the docs run against dist/');
  if (all.some((b) => b.lang === 'console' && /^\$ curl /m.test(b.text))) {
    const child = spawn(process.execPath, [dist('cli.cjs'), 'serve', '--port', '0', '--log', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', () => reject(new Error('jixiao serve did not start')));
    });
    server = { child, url: first.replace(/^jixiao serve: /, '') };
  }
  for (const doc of docs) {
    const dir = scratch(doc);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const d of ['rubrics', 'examples', 'tests', 'node_modules']) symlinkSync(join(root, d), join(dir, d));
    for (const b of all) if (b.doc === doc && b.marker?.kind === 'file') writeFileSync(join(dir, b.marker.value), b.text);
  }
});
afterAll(() => {
  server?.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

const sample = { id: 'x', name: 'x' };
const leaf = (rule: unknown) => ({ ...sample, indicators: [{ name: 'x', max: 5, rule }] });

function checkBlock(b: Block, next: Block | undefined): void {
  if (b.marker?.kind === 'not-run') {
    expect(b.marker.value, `${where(b)}: say why it does not run`).not.toBe('');
    return;
  }
  if (b.marker?.kind === 'file') {
    const used = all.some((o) => o.doc === b.doc && o.lang === 'console' && o.text.includes(b.marker!.value)) || all.some((o) => o.doc === b.doc && /^(ts|js)$/.test(o.lang) && o.text.includes(`'${b.marker!.value}'`));
    expect(used, `${where(b)}: no command or program of ${b.doc} uses ${b.marker.value}`).toBe(true);
    return;
  }
  if (b.marker?.kind === 'output-of') {
    const printed = lines(runCommand(b.doc, b.marker.value).stdout);
    const shown = lines(normalise(b.text));
    expect(matchShown(shown, printed).join('\n'), `${where(b)}: the output of ${b.marker.value} changed`).toBe(shown.join('\n'));
    return;
  }
  switch (b.lang) {
    case 'console': {
      const parts: { command: string; shown: string[] }[] = [];
      for (const l of lines(b.text)) {
        if (l.startsWith('$ ')) parts.push({ command: l.slice(2), shown: [] });
        else parts[parts.length - 1]!.shown.push(l);
      }
      expect(parts.length, `${where(b)}: a console block starts with "$ command"`).toBeGreaterThan(0);
      for (const p of parts) {
        const r = runCommand(b.doc, p.command);
        const printed = (r.stdout + r.stderr).length ? lines(r.stdout + r.stderr) : [];
        const shown = p.shown.map(normalise);
        expect(matchShown(shown, printed).join('\n'), `${where(b)}: "$ ${p.command}" prints something else now`).toBe(shown.join('\n'));
      }
      return;
    }
    case 'sh': {
      for (const l of lines(b.text).filter((l) => l.trim())) {
        const m = /^npx jixiao (\S+)(.*)$/.exec(l.replace(/\s+#.*$/, ''));
        expect(m, `${where(b)}: "${l}" is not a jixiao command (mark the block <!-- not-run: reason -->)`).not.toBeNull();
        const command = commands.find((c) => c.name === m![1]);
        expect(command, `${where(b)}: no command "${m![1]}"`).toBeDefined();
        for (const [, opt] of m![2]!.matchAll(/--([a-z-]+)/g)) expect(opt === 'lang' || Object.hasOwn(command!.options ?? {}, opt!), `${where(b)}: ${m![1]} has no --${opt}`).toBe(true);
      }
      return;
    }
    case 'ts':
    case 'js': {
      const shown = next?.lang === 'text' ? next.text : [...b.text.matchAll(/\/\/ → (.*)$/gm)].map((m) => `${m[1]}\n`).join('');
      expect(runProgram(b), `${where(b)}: the program prints something else now`).toBe(normalise(shown));
      return;
    }
    case 'text':
      expect(/^(ts|js)$/.test(all[all.indexOf(b) - 1]?.lang ?? ''), `${where(b)}: a text block shows the output of the program before it`).toBe(true);
      return;
    case 'yaml': {
      const body = lines(b.text).filter((l) => l.trim() && !l.trim().startsWith('#'));
      if (body.length === 0) return; // an editor directive
      if (body[0]!.startsWith('rule:')) {
        // One or more rules, each starting at a `rule:` line.
        const rules = b.text.split(/^(?=rule:)/m).filter((t) => t.trim());
        for (const t of rules) {
          const r = rubricSchema.safeParse(leaf(parse(t).rule));
          expect(r.success ? [] : r.error.issues, `${where(b)}: ${t}`).toStrictEqual([]);
        }
        return;
      }
      const doc = parse(b.text) as Record<string, unknown>;
      if ('values' in doc || 'assessments' in doc) {
        const r = inputDocumentSchema.safeParse(doc);
        expect(r.success ? [] : r.error.issues, where(b)).toStrictEqual([]);
        return;
      }
      if ('id' in doc && ('indicators' in doc || 'extends' in doc)) {
        const file = join(scratch(b.doc), `block-${b.line}.yaml`);
        writeFileSync(file, b.text);
        const r = spawnSync(process.execPath, [dist('cli.cjs'), 'lint', file, '--format', 'json'], { cwd: scratch(b.doc), encoding: 'utf8' });
        const issues = JSON.parse(r.stdout).files[0].issues.map((i: { code: string; message: string }) => `${i.code} ${i.message}`);
        expect(issues, `${where(b)}: a rubric in the docs loads and lints clean`).toStrictEqual([]);
        return;
      }
      const r = rubricSchema.safeParse({ ...leaf({ kind: 'judgement' }), ...doc });
      expect(r.success ? [] : r.error.issues, `${where(b)}: a rubric fragment`).toStrictEqual([]);
      return;
    }
    case 'json':
      expect(() => JSON.parse(b.text), where(b)).not.toThrow();
      return;
    default:
      throw new Error(`${where(b)}: a \`${b.lang || 'plain'}\` block is not runnable; give it a language above or <!-- not-run: reason -->`);
  }
}

describe('the docs run and print what they show', () => {
  it('finds the blocks, and marks few as not runnable', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((b) => b.marker?.kind === 'not-run').length).toBeLessThanOrEqual(5);
  });

  // Blocks of one document run in order: a command may use what an earlier one wrote.
  for (const doc of docs) {
    const blocks = all.filter((b) => b.doc === doc);
    it.each(blocks.map((b, i) => [`${where(b)} ${b.lang}${b.marker ? ` (${b.marker.kind})` : ''}`, i] as const))('%s', (_, i) => {
      checkBlock(blocks[i]!, blocks[i + 1]);
    });
  }
});
