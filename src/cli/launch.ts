/**
 * The `jixiao` command's entry (dist/cli.cjs): it runs the command line (dist/cli-main.cjs, one
 * bundled file) with V8's compiled code cached between runs, because compiling that megabyte of
 * JavaScript is a third of a cold start. Node 22 and later have this built in
 * (`module.enableCompileCache`), and it is used there; on Node 20 the cache is kept here.
 *
 * The cache is only a copy of what V8 would compile anyway: V8 checks it against the source and
 * its own version and flags and ignores it when anything differs. It lives in a folder of the
 * user's own (`jixiao-<uid>` in the temporary folder, mode 0700; a folder that is not theirs,
 * or that others can write, is not used) and is written once, after a run, by rename. Turn it
 * off with JIXIAO_CACHE=0 or NODE_DISABLE_COMPILE_CACHE=1. Any failure to read or write it
 * only means a slower start.
 */
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const MAIN = join(__dirname, 'cli-main.cjs');

interface Cli {
  main(): void;
}

function cacheFolder(): string | undefined {
  if (process.env.JIXIAO_CACHE === '0' || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `jixiao-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    // Ours, a real folder, and writable by nobody else: a cache someone else can plant is no cache.
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function load(): Cli {
  const builtIn = (Module as unknown as { enableCompileCache?: () => unknown }).enableCompileCache;
  const dir = builtIn ? undefined : cacheFolder();
  if (builtIn) {
    if (process.env.JIXIAO_CACHE !== '0') {
      try {
        builtIn();
      } catch {
        // No cache: a slower start.
      }
    }
    return createRequire(__filename)(MAIN) as Cli;
  }
  if (dir === undefined) return createRequire(__filename)(MAIN) as Cli;

  const source = readFileSync(MAIN, 'utf8');
  const st = statSync(MAIN);
  const file = join(dir, `cli-${process.versions.v8}-${st.size}-${Math.floor(st.mtimeMs)}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: MAIN, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too.
    process.once('exit', () => {
      try {
        const data = script.createCachedData();
        const part = `${file}.${process.pid}`;
        const fd = openSync(part, 'wx', 0o600);
        try {
          writeSync(fd, data);
        } finally {
          closeSync(fd);
        }
        renameSync(part, file);
        // Caches of earlier builds or Node versions are of no more use.
        for (const old of readdirSync(dir)) if (old.startsWith('cli-') && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
      } catch {
        // Not written: the next run compiles again.
      }
    });
  }
  const m = new Module(MAIN, module);
  m.filename = MAIN;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(MAIN));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(m.exports, m.exports, createRequire(MAIN), m, MAIN, dirname(MAIN));
  m.loaded = true;
  return m.exports as Cli;
}

load().main();
