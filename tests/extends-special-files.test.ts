/**
 * `extends:` names a path inside a document, which the command line then reads: only a regular
 * file is read. A FIFO nobody writes to, `/dev/stdin` left open, a device: each would block the
 * command for ever (or never end), so each is `extends_not_a_file`, naming the path and the line,
 * with or without --extends-root. The commands run as processes, bounded by a timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../src/index.js';

const bin = resolve('dist/cli.cjs');
const tmp = resolve('tests/.tmp/extends-special-files');
const base = `id: base\nname: 基础\nversion: '1'\nindicators: [{ id: 一, name: 一, max: 100, standard: 评价人评分, rule: { kind: judgement } }]\n`;
const variant = (ref: string) => `id: v\nname: 变体\nversion: '1'\nextends: ${JSON.stringify(ref)}\n`;
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const fifo = () => join(tmp, 'base.fifo');
const hasMkfifo = spawnSync('mkfifo', ['--help']).status === 0;

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  file('base.yaml', base);
  if (hasMkfifo) expect(spawnSync('mkfifo', [fifo()]).status).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the CLI with standard input a pipe that stays open; killed after `ms`. */
function cli(args: string[], ms = 15_000): Promise<{ code: number | null; err: string; timedOut: boolean }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [bin, ...args, '--lang', 'en'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    let timedOut = false;
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, ms);
    p.on('close', (code) => {
      clearTimeout(timer);
      p.stdin.destroy();
      done({ code, err, timedOut });
    });
  });
}

describe('the library: a resolver may decline a file that is not a regular file', () => {
  it('{ refused: not_a_file } is extends_not_a_file at the extends line, naming the path and the file', () => {
    const r = safeLoadRubric(variant('./base.fifo'), { file: 'v.yaml', resolve: (ref) => ({ file: `/srv/${ref.slice(2)}`, refused: 'not_a_file' }) });
    expect(!r.success && r.issues.map((i) => [i.code, i.path, i.source?.line, i.params])).toStrictEqual([['extends_not_a_file', ['extends'], 4, { ref: './base.fifo', file: '/srv/base.fifo' }]]);
    expect(!r.success && r.issues[0]!.message).toBe('所继承的评分表“./base.fifo”（/srv/base.fifo）不是普通文件（是管道、设备或标准输入），不予读取');
  });
});

describe.runIf(existsSync(bin))('jixiao validate/lint/score with extends naming a FIFO, /dev/stdin or a device', () => {
  it.runIf(hasMkfifo)('a FIFO nobody writes to, without --extends-root: refused at once, not waited on', async () => {
    const v = file('v-fifo.yaml', variant('./base.fifo'));
    const r = await cli(['validate', v]);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${v}:4:1 error extends_not_a_file the rubric to extend, "./base.fifo" (${fifo()}), is not a regular file (a pipe, a device or standard input); it is not read\n`);
    const l = await cli(['lint', v]);
    expect([l.timedOut, l.code]).toStrictEqual([false, 1]);
  }, 40_000);

  it.runIf(hasMkfifo)('the same FIFO inside --extends-root', async () => {
    const v = file('v-fifo-root.yaml', variant('./base.fifo'));
    const r = await cli(['score', v, resolve('examples/yunxi-2021/input.json'), '--extends-root', tmp]);
    expect(r.timedOut).toBe(false);
    expect(r.err).toMatch(/:4:1 error extends_not_a_file /);
  }, 20_000);

  it('/dev/stdin with standard input open, and /dev/null: not regular files', async () => {
    for (const dev of ['/dev/stdin', '/dev/null']) {
      if (!existsSync(dev)) continue;
      const r = await cli(['validate', file('v-dev.yaml', variant(dev))]);
      expect(r.timedOut).toBe(false);
      expect(r.err).toMatch(new RegExp(`:4:1 error extends_not_a_file the rubric to extend, "${dev}"`));
    }
  }, 40_000);

  it('a regular file next to them still loads', async () => {
    const r = await cli(['validate', file('v-ok.yaml', variant('./base.yaml'))]);
    expect([r.timedOut, r.code, r.err]).toStrictEqual([false, 0, '']);
  }, 20_000);
});
