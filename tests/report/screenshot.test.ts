import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSheet } from '../../src/entries/report.js';
// @ts-expect-error: a plain ES module shared with `npm run screenshot`
import { findChromium, lookAt } from './chromium.mjs';
import { miluo, yunxi } from './examples.js';

// Looked at as a person would: the HTML sheet opened in headless Chromium. CI installs Chromium
// and the Noto CJK fonts (.ci/run) and sets JIXIAO_REQUIRE_CHROMIUM=1, so there a missing browser
// fails; elsewhere the test is skipped without one.
const chromium = findChromium() as string | undefined;
const required = process.env.JIXIAO_REQUIRE_CHROMIUM === '1';
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-look-'));
const page = (name: string, html: string) => {
  const f = join(tmp, name);
  writeFileSync(f, html);
  return f;
};

describe.runIf(chromium !== undefined || required)('the HTML sheet in headless Chromium', () => {
  it('Yunxi 2021: every row of the sheet on screen, 合计 99, 优秀, no character drawn as a missing glyph', async () => {
    const { result, input } = yunxi();
    const seen = await lookAt(page('yunxi.html', renderSheet(result, { format: 'html', input })), { chromium });
    expect(seen.title).toBe('湖南省部门整体支出绩效评价评分表');
    expect(seen.headings).toEqual(['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因和其他说明']);
    expect(seen.rows).toHaveLength(23);
    expect(seen.rows[0].slice(0, 3)).toEqual(['投入（15分）\n得15分', '预算配置（15分）\n得15分', '财政供养人员控制率']);
    expect(seen.rows.find((r: string[]) => r.includes('管理制度健全性') && r.includes('2'))?.slice(-3)).toEqual(['3', '2', '未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善']);
    expect(seen.total).toEqual(['合计', '100', '99', '']);
    expect(seen.grade).toEqual(['评价等次', '优秀']);
    expect(seen.bars).toBe(8);
    expect(seen.checkedGlyphs).toBeGreaterThan(300);
    expect(seen.missingGlyphs).toEqual([]);
    expect(seen.width).toBe(1400); // nothing wider than the page
    expect([...seen.png.subarray(1, 4)].map((c: number) => String.fromCharCode(c)).join('')).toBe('PNG');
    writeFileSync(join(tmp, 'yunxi.png'), seen.png);
  }, 60_000);

  it('汨罗 2018 project form: the funds block, 13 rows, 97.86, 优', async () => {
    const { result, input } = miluo();
    const seen = await lookAt(page('miluo.html', renderSheet(result, { format: 'html', input })), { chromium });
    expect(seen.headings).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    expect(seen.rows).toHaveLength(13);
    expect(seen.total).toEqual(['合计', '100', '97.86', '']);
    expect(seen.grade).toEqual(['评价等次', '优']);
    expect(seen.missingGlyphs).toEqual([]);
  }, 60_000);

  it('the missing-glyph check sees a character no font has', async () => {
    const seen = await lookAt(page('tofu.html', '<!DOCTYPE html><meta charset="utf-8"><body>评分表 \u0378</body>'), { chromium });
    expect(seen.missingGlyphs).toEqual(['\u0378']);
  }, 60_000);
});
