import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call, dechunk, raw, until } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}/dist/cli.cjs`;
const records = readFileSync(`${root}/examples/batch/records.ndjson`, 'utf8').trimEnd().split('\n');
/** What `jixiao batch` writes for the five records: the lines the service must send. */
const expected = spawnSync(process.execPath, [cli, 'batch', 'hunan-department', `${root}/examples/batch/records.ndjson`, '--summary', 'none'], { encoding: 'utf8' }).stdout.trimEnd().split('\n');

/** `jixiao serve` in its own process, and the address it printed. */
async function serve(...args: string[]): Promise<{ child: ChildProcess; port: number; url: string; exited: Promise<number | null>; stderr: () => string }> {
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
  const m = /^jixiao serve: (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
  if (!m) throw new Error(`unexpected first line: ${line}`);
  return { child, port: Number(m[2]), url: m[1]!, exited, stderr: () => err };
}

const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
const batchHead = 'POST /v1/batch?rubric=hunan-department HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n';

describe('jixiao serve, the process', () => {
  it('listens on 127.0.0.1 by default, prints the address, and answers; SIGTERM when idle: exit 0', async () => {
    const s = await serve();
    expect((await call(s.port, 'GET', '/healthz')).json).toStrictEqual({ status: 'ok' });
    // The access log: JSON lines on stderr.
    await until(() => s.stderr().includes('"/healthz"'), 2000, 'the log line');
    expect(JSON.parse(s.stderr().trim().split('\n').at(-1)!)).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('SIGTERM during a batch: the stream goes on to its end within the grace period, every line whole and as jixiao batch writes it; exit 0', async () => {
    const s = await serve('--log', 'none', '--shutdown-grace', '5000');
    const c = await raw(s.port);
    const lines = () => dechunk(c.received()).body.split('\n').filter((l) => l !== '');
    c.socket.write(batchHead + chunk(`${records[0]}\n${records[1]}\n`));
    await until(() => lines().length === 2, 5000, 'two lines');
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    c.socket.write(chunk(`${records.slice(2).join('\n')}\n`) + '0\r\n\r\n');
    await c.closed;
    expect(dechunk(c.received()).body).toBe(`${expected.join('\n')}\n`);
    expect(await s.exited).toBe(0);
  });

  it('SIGTERM while a score request’s body is still arriving: it is answered (99, 优秀), then the process exits 0', async () => {
    const s = await serve('--log', 'none');
    const yunxi = Buffer.from(readFileSync(`${root}/examples/yunxi-2021/input.json`));
    const c = await raw(s.port);
    c.socket.write(`POST /v1/score?rubric=hunan-department&totals=true HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${yunxi.length}\r\n\r\n`);
    c.socket.write(yunxi.subarray(0, 100));
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    c.socket.write(yunxi.subarray(100));
    await c.closed;
    const got = c.received();
    expect(got).toMatch(/^HTTP\/1\.1 200 /);
    expect(got).toMatch(/\r\nConnection: close\r\n/i);
    const value = JSON.parse(dechunk(got).body).value;
    expect([value.total, value.grade]).toStrictEqual(['99', '优秀']);
    expect(await s.exited).toBe(0);
  });

  it('SIGTERM during a batch that does not end: after the grace period the answer ends on a whole line, a last line saying server_closing; exit 0', async () => {
    const s = await serve('--log', 'none', '--shutdown-grace', '300');
    const c = await raw(s.port);
    c.socket.write(batchHead + chunk(`${records[0]}\n${records[1]}\n${records[2]}\n`));
    await until(() => dechunk(c.received()).body.split('\n').length === 4, 5000, 'three lines');
    s.child.kill('SIGTERM');
    // Half a record: never scored, never answered.
    c.socket.write(chunk(records[3]!.slice(0, 40)));
    await c.closed;
    const body = dechunk(c.received()).body;
    expect(body.endsWith('\n')).toBe(true);
    const got = body.trimEnd().split('\n');
    expect(got.slice(0, 3)).toStrictEqual(expected.slice(0, 3));
    expect(got).toHaveLength(4);
    expect(JSON.parse(got[3]!)).toMatchObject({ issues: [{ code: 'server_closing' }] });
    // The chunked answer is complete (its last chunk was sent).
    expect(c.received().endsWith('0\r\n\r\n')).toBe(true);
    expect(await s.exited).toBe(0);
  });

  it('--rubric registers a rubric file by its id; --port and --token out of range: usage, exit 2', async () => {
    const s = await serve('--log', 'none', '--rubric', 'examples/miluo-2017/rubric.yaml');
    const list = (await call(s.port, 'GET', '/v1/rubrics')).json.value;
    expect(list[0]).toMatchObject({ bundled: false });
    const id = list[0].id as string;
    const input = readFileSync(`${root}/examples/miluo-2017/input.json`, 'utf8');
    const want = JSON.parse(readFileSync(`${root}/examples/miluo-2017/expected.json`, 'utf8'));
    const scored = await call(s.port, 'POST', `/v1/score?rubric=${encodeURIComponent(id)}`, input);
    expect([scored.json.value.total, scored.json.value.grade]).toStrictEqual([want.total, want.grade]);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    for (const args of [['--port', '70000'], ['--token', 'short'], ['--max-body', '4x'], ['--log', 'yes']]) {
      const r = spawnSync(process.execPath, [cli, 'serve', ...args], { encoding: 'utf8', timeout: 5000 });
      expect([r.status, r.stdout], args.join(' ')).toStrictEqual([2, '']);
    }
  });

  it('--rubric takes a monitoring rubric file beside a scoring one: listed as monitoring, served by /v1/monitor, refused by /v1/score', async () => {
    const s = await serve('--log', 'none', '--workers', '0', '--rubric', 'examples/miluo-2017/rubric.yaml,tests/monitor/fixtures/variant.yaml');
    try {
      const list = (await call(s.port, 'GET', '/v1/rubrics')).json.value as { id: string; bundled: boolean; kind: string }[];
      expect(list.find((r) => r.id === 'project-monitoring-variant')).toMatchObject({ bundled: false, kind: 'monitoring', name: '项目支出绩效运行监控表（正向指标另一版本）' });
      expect(list.filter((r) => !r.bundled).map((r) => r.kind)).toStrictEqual(['scoring', 'monitoring']);
      // 送戏下乡 at month 7: 0 场 done is red under the variant (零为红), as the variant's own rule says.
      const input = { monitor: { through: 7, budget: '81', spent: '37.8' }, rows: { 产出指标: [{ group: '数量指标', name: '演出场次', target: '≥120场', weight: '50', monitor: { done: '0', likelihood: '有可能', causes: ['人员保障'], measure: '下半年每月加演' } }] } };
      const m = await call(s.port, 'POST', '/v1/monitor?rubric=project-monitoring-variant', JSON.stringify(input));
      expect(m.status).toBe(200);
      expect([m.json.value.rubric.id, m.json.value.rows[0].rule, m.json.value.rows[0].levelName]).toStrictEqual(['project-monitoring-variant', '正向零红超年度蓝', '红色预警']);
      const wrong = await call(s.port, 'POST', '/v1/score?rubric=project-monitoring-variant', JSON.stringify(input));
      expect([wrong.status, wrong.json.issues[0].code, wrong.json.issues[0].params.endpoint]).toStrictEqual([422, 'rubric_wrong_endpoint', '/v1/monitor']);
    } finally {
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    }
  });
});
