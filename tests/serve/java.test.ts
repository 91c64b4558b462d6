import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './helpers.js';

// The Java client of examples/java, compiled with javac and run with java against a service on a
// free loopback port. It needs a JDK 17+ and Jackson from Debian's libjackson2-databind-java
// (/usr/share/java). CI installs both (.ci/run) and sets JIXIAO_REQUIRE_JAVA=1, so there a missing
// JDK or jar fails; elsewhere the test is skipped and says why.
const root = fileURLToPath(new URL('../..', import.meta.url));
const JARS = ['jackson-databind.jar', 'jackson-core.jar', 'jackson-annotations.jar'].map((j) => join('/usr/share/java', j));
const required = process.env.JIXIAO_REQUIRE_JAVA === '1';

function missing(): string | undefined {
  for (const tool of ['javac', 'java']) if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).status !== 0) return `no ${tool} on PATH (apt-get install default-jdk-headless)`;
  const absent = JARS.filter((j) => !existsSync(j));
  if (absent.length > 0) return `no ${absent.join(', ')} (apt-get install libjackson2-databind-java)`;
  return undefined;
}
const why = missing();
if (why !== undefined && !required) console.warn(`tests/serve/java.test.ts skipped: ${why}`);

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: root, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.runIf(why === undefined || required)('the Java client (examples/java) against jixiao serve', () => {
  let out = '';
  let s: Awaited<ReturnType<typeof start>>;
  let classpath = '';

  beforeAll(async () => {
    expect(why, 'JIXIAO_REQUIRE_JAVA=1: the JDK and the Jackson jars must be present').toBeUndefined();
    out = mkdtempSync(join(tmpdir(), 'jixiao-java-'));
    classpath = [out, ...JARS].join(delimiter);
    const javac = await run('javac', ['--release', '17', '-d', out, '-cp', JARS.join(delimiter), 'examples/java/JixiaoClient.java']);
    expect(javac.code, javac.stderr).toBe(0);
    s = await start();
  }, 30_000);

  afterAll(async () => {
    await s?.server.close();
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  it('scores Yunxi 2021 and the Miluo 2018 project form: totals, grades and the deductions with their reasons', async () => {
    const r = await run('java', ['-cp', classpath, 'JixiaoClient', s.url]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // Yunxi: the report's own 绩效自评综合得分 99分, 优秀; the one point lost is 预算管理制度健全性 (②).
    expect(lines[0]).toBe('examples/yunxi-2021/input.json on hunan-department: total 99 of 100, grade 优秀');
    expect(lines[1]).toBe('  -1 过程.预算管理.预算管理制度健全性: 未达到第②项“相关管理制度合法、合规、完整”，扣1分');
    // Miluo 2018: 群众便捷度 filed 18 of 20 (−2); 群众满意率 92.4 against ≥95: 92.4/95 = 97.26%,
    // 5 × 0.972631… = 4.86 (−0.14); 100 − 2 − 0.14 = 97.86, 优 (90 and over).
    expect(lines[2]).toBe('examples/miluo-2018-project/input.json on project-self-evaluation: total 97.86 of 100, grade 优');
    expect(lines.slice(3)).toEqual([
      '  -2 效益指标.社会效益指标.1: 达成年度指标，得18分，扣2分',
      '  -0.14 满意度指标.服务对象满意度指标.2: 完成值92.4%，指标值≥95%，完成比例97.26%，得4.86分，扣0.14分',
    ]);
  }, 25_000);

  it('a refused input prints the service issues with their line and column, and exits 1', async () => {
    const bad = join(out, 'bad.json');
    writeFileSync(bad, '{"values":{"全年预算数":"x","全年执行数":"1"}}');
    const r = await run('java', ['-cp', classpath, 'JixiaoClient', s.url, 'project-self-evaluation', bad]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${bad} on project-self-evaluation: refused (HTTP 422)`);
    // "x" starts at column 12 of line 1: {"values":{"全年预算数": is 11 characters before the string.
    expect(lines).toContain('  invalid_number at <body>:1:12 (values.全年预算数): “x”不是有效的十进制数字');
  }, 25_000);
});
