/**
 * dist/cli.cjs runs the command line with V8's compiled code cached between runs (Node 20; Node 22
 * and later have their own). The cache must change nothing but the start-up time, live only in a
 * folder of the user's own, and be off when asked.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const builtIn = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
const run = (tmp: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['dist/cli.cjs', 'score', 'rubrics/hunan-department.yaml', 'examples/yunxi-2021/input.json', '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, ...env },
  });

describe.skipIf(builtIn)('the jixiao command keeps its compiled code between runs', () => {
  it('prints the same with and without the cache, and keeps one cache file in a folder of its own', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-launch-'));
    const first = run(tmp);
    const second = run(tmp);
    const off = run(tmp, { JIXIAO_CACHE: '0' });
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(off.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout).total).toBe('99');
    const dir = join(tmp, `jixiao-${uid}`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(1);
  });

  it('writes nothing when turned off', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-launch-'));
    expect(run(tmp, { JIXIAO_CACHE: '0' }).status).toBe(0);
    expect(run(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0);
    expect(existsSync(join(tmp, `jixiao-${uid}`))).toBe(false);
  });

  it.skipIf(typeof process.getuid !== 'function')('does not use a folder others can write to', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-launch-'));
    const dir = join(tmp, `jixiao-${uid}`);
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const r = run(tmp);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe('99');
    expect(readdirSync(dir)).toEqual([]);
  });
});
