/**
 * `jixiao serve --workers N`: `/v1/batch` chunks scored in worker threads shared by the server.
 * The lines are the ones `jixiao batch` writes, byte for byte, whichever thread scored them; a
 * client that goes stops the work; SIGTERM ends the stream on a whole line, exit 0; the main
 * thread answers /healthz while a batch is scored.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledRubric, loadRubric } from '../../src/index.js';
import { arbitraryInput } from '../../src/testing/index.js';
import { workerPool } from '../../src/cli/commands/serve.js';
import { call, dechunk, raw, start, until } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}/dist/cli.cjs`;
const tmp = `${root}/.tmp-serve-workers`;
const SEED = process.env.JIXIAO_SEED !== undefined ? Number(process.env.JIXIAO_SEED) : Math.floor(Math.random() * 2 ** 31);
console.log(`serve workers seed ${SEED}`);

const hunan = loadBundledRubric('hunan-department');
const miluoFile = 'examples/miluo-2017/rubric.yaml';
const miluo = loadRubric(readFileSync(`${root}/${miluoFile}`, 'utf8'));
/** Generated records (300 Hunan, a few broken the ways files break; 100 on the registered Miluo rubric). */
const hunanRecords = fc.sample(arbitraryInput(hunan), { numRuns: 300, seed: SEED }).map((r, i) => JSON.stringify({ meta: { id: `R${i}` }, ...r }));
hunanRecords[17] = '{"values": {"在职人数": 31,';
hunanRecords[150] = 'not json at all';
const miluoRecords = fc.sample(arbitraryInput(miluo), { numRuns: 100, seed: SEED + 1 }).map((r, i) => JSON.stringify({ meta: { id: `M${i}` }, ...r }));
const body = (recs: string[]) => `${recs.join('\n')}\n`;

/** What `jixiao batch` writes (in the main thread, `--workers 0`) for these records. */
function batchOut(rubric: string, recs: string[], ...flags: string[]): string {
  const file = `${tmp}/${rubric.replace(/\W/g, '_')}-${recs.length}.ndjson`;
  writeFileSync(file, body(recs));
  const r = spawnSync(process.execPath, [cli, 'batch', rubric, file, '--summary', 'none', '--workers', '0', ...flags], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return r.stdout;
}

/** `jixiao serve` in its own process. */
async function serve(...args: string[]): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`serve exited: ${err}`)));
  });
  const m = /^jixiao serve: http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
  if (!m) throw new Error(`unexpected first line: ${line}`);
  return { child, port: Number(m[1]), exited, stderr: () => err };
}

const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
const head = (q: string) => `POST /v1/batch?${q} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n`;

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('jixiao serve --workers', () => {
  it('the lines are byte for byte what jixiao batch writes, with --workers 0 and with --workers 2 (bundled and registered rubrics, --full)', async () => {
    const want = { hunan: batchOut('hunan-department', hunanRecords), full: batchOut('hunan-department', hunanRecords, '--full'), miluo: batchOut(miluoFile, miluoRecords) };
    // The broken records are lines of their own, with their issues.
    expect(JSON.parse(want.hunan.split('\n')[17]!)).toMatchObject({ index: 17, line: 18 });
    expect(want.hunan.split('\n').filter((l) => l !== '')).toHaveLength(300);
    for (const workers of ['0', '2']) {
      const s = await serve('--log', 'none', '--workers', workers, '--rubric', miluoFile);
      try {
        const got = await call(s.port, 'POST', '/v1/batch?rubric=hunan-department', body(hunanRecords), { 'content-type': 'application/x-ndjson' });
        expect(got.status).toBe(200);
        expect(got.bytes.equals(Buffer.from(want.hunan)), `--workers ${workers}`).toBe(true);
        const full = await call(s.port, 'POST', '/v1/batch?rubric=hunan-department&full=true', body(hunanRecords), { 'content-type': 'application/x-ndjson' });
        expect(full.bytes.equals(Buffer.from(want.full)), `--workers ${workers} --full`).toBe(true);
        const registered = await call(s.port, 'POST', `/v1/batch?rubric=${encodeURIComponent(miluo.id)}`, body(miluoRecords), { 'content-type': 'application/x-ndjson' });
        expect(registered.bytes.equals(Buffer.from(want.miluo)), `--workers ${workers} registered`).toBe(true);
      } finally {
        s.child.kill('SIGTERM');
      }
      expect(await s.exited).toBe(0);
    }
  }, 30_000);

  it('answers /healthz promptly while the workers score a batch (900 records, --full)', async () => {
    const s = await serve('--log', 'none', '--workers', '2');
    try {
      const recs = Array.from({ length: 3 }, (_, k) => hunanRecords.map((r) => r.replace('"id":"R', `"id":"B${k}-`))).flat();
      const c = await raw(s.port);
      c.socket.write(head('rubric=hunan-department&full=true') + chunk(body(recs)) + '0\r\n\r\n');
      await until(() => dechunk(c.received()).body.split('\n').length > 10, 10_000, 'the first lines');
      const t0 = Date.now();
      const h = await call(s.port, 'GET', '/healthz');
      const ms = Date.now() - t0;
      const linesThen = dechunk(c.received()).body.split('\n').length - 1;
      expect(h.json).toStrictEqual({ status: 'ok' });
      // Answered while the batch was still being scored, and within a fraction of a second.
      expect(linesThen).toBeLessThan(recs.length);
      expect(ms).toBeLessThan(1000);
      await c.closed.then(
        () => {},
        () => {},
      );
      await until(() => c.received().endsWith('0\r\n\r\n'), 20_000, 'the end of the answer');
      expect(dechunk(c.received()).body.split('\n').filter((l) => l !== '')).toHaveLength(recs.length);
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exited).toBe(0);
  }, 30_000);

  it('SIGTERM during a batch scored by workers: the stream ends on a whole line after the grace period, the lines jixiao batch writes, then server_closing; exit 0', async () => {
    const want = batchOut('hunan-department', hunanRecords).split('\n');
    const s = await serve('--log', 'none', '--workers', '2', '--shutdown-grace', '300');
    const c = await raw(s.port);
    c.socket.write(head('rubric=hunan-department') + chunk(body(hunanRecords.slice(0, 200))));
    await until(() => dechunk(c.received()).body.split('\n').length > 200, 10_000, '200 lines');
    s.child.kill('SIGTERM');
    // Half a record: never scored, never answered.
    c.socket.write(chunk(hunanRecords[200]!.slice(0, 40)));
    await c.closed;
    const got = dechunk(c.received()).body;
    expect(got.endsWith('\n')).toBe(true);
    const lines = got.trimEnd().split('\n');
    expect(lines).toHaveLength(201);
    expect(lines.slice(0, 200)).toStrictEqual(want.slice(0, 200));
    expect(JSON.parse(lines[200]!)).toMatchObject({ issues: [{ code: 'server_closing' }] });
    expect(c.received().endsWith('0\r\n\r\n')).toBe(true);
    expect(await s.exited).toBe(0);
  }, 20_000);

  it('a client that goes mid-stream stops the work: no chunk is handed to a worker after it, and the shared workers serve the next batch', async () => {
    let handed = 0;
    const pool = workerPool(`${root}/dist/cli-main.cjs`, 2, [], [], new Map());
    const scorer = { ...pool, score: (...a: Parameters<typeof pool.score>) => (handed++, pool.score(...a)) };
    const s = await start({ maxRequests: 1, scorer });
    try {
      // 2,400 records: 19 chunks of 128 (fewer if more arrive at once), all sent; the client reads a few lines, then goes.
      const recs = Array.from({ length: 8 }, (_, k) => hunanRecords.map((r) => r.replace('"id":"R', `"id":"G${k}-`))).flat();
      const c = await raw(s.port);
      c.socket.write(head('rubric=hunan-department&full=true') + chunk(body(recs)));
      await until(() => dechunk(c.received()).body.split('\n').length > 5, 10_000, 'the first lines');
      c.socket.destroy();
      await until(() => s.logs.some((l) => l.includes('/v1/batch')), 5000, 'the log line');
      expect(JSON.parse(s.logs.find((l) => l.includes('/v1/batch'))!)).toMatchObject({ aborted: true });
      const atClose = handed;
      await new Promise((r) => setTimeout(r, 500));
      expect(handed).toBe(atClose);
      // Reading runs at most `ahead` chunks past the writing: far from the whole body.
      expect(handed).toBeLessThan(2400 / 128);
      // The slot and the workers are free: the next batch is scored, as jixiao batch writes it.
      const next = await call(s.port, 'POST', '/v1/batch?rubric=hunan-department', body(hunanRecords.slice(0, 50)), { 'content-type': 'application/x-ndjson' });
      expect(next.text).toBe(batchOut('hunan-department', hunanRecords.slice(0, 50)));
      // Scored by the workers, not in the main thread.
      expect(handed).toBeGreaterThan(atClose);
    } finally {
      await s.server.close();
    }
  }, 20_000);
});
