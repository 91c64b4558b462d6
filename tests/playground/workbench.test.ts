import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadBundledRubric, loadRubric, type IndicatorResult, type ScoreResult } from '../../src/index.js';
import { importSheet } from '../../src/import/entry.js';
// @ts-expect-error: a plain ES module shared with `npm run screenshot`
import { findChromium } from '../report/chromium.mjs';
import { launch, openWorkbench } from '../../playground/drive.mjs';

// The workbench (playground/) built into a folder of its own and driven in headless Chromium from
// disk (file://), as a person with only a browser uses it. CI installs Chromium (.ci/run) and sets
// JIXIAO_REQUIRE_CHROMIUM=1, so there a missing browser fails; elsewhere the browser tests are
// skipped without one. The weight of the first load is checked with or without a browser.
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The library's own draft of the Hunan sheet (what `jixiao import tests/fixtures/hunan-sheet.csv` says): the page must say the same. */
const hunanDraft = (() => {
  const d = importSheet(readFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), 'utf8'), { format: 'csv', file: 'hunan-sheet.csv' });
  if (!d.success) throw new Error(JSON.stringify(d.issues));
  return d.value;
})();
const HUNAN_SUMMARY = `草稿：${hunanDraft.indicators} 个指标（${hunanDraft.leaves} 个末级），${hunanDraft.parsed} 个评分标准已识别为规则，${hunanDraft.todos} 处 TODO 待处理`;
const chromium = findChromium() as string | undefined;
const required = process.env.JIXIAO_REQUIRE_CHROMIUM === '1';
const out = mkdtempSync(join(tmpdir(), 'jixiao-workbench-'));
const downloads = mkdtempSync(join(tmpdir(), 'jixiao-workbench-dl-'));
const url = pathToFileURL(join(out, 'index.html')).href;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'playground/build.mjs'), '--out', out], { stdio: 'pipe' });
}, 120_000);

describe('the workbench weighs little', () => {
  it('the first load (index.html and what it loads) is under 1 MB gzipped, without the Excel and Word writers', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const loaded = [...html.matchAll(/<(?:script[^>]*src|link[^>]*href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(loaded.sort()).toEqual(['app.js', 'style.css']);
    const gzipped = [html, ...loaded.map((f) => readFileSync(join(out, f)))].reduce((n, x) => n + gzipSync(x, { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(1_000_000);
    // What esbuild put into app.js: no file of exceljs, docx or the zip libraries they write with,
    // and no Node built-in.
    const meta = JSON.parse(readFileSync(join(out, 'meta-app.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((f) => /node_modules\/(exceljs|docx|jszip|archiver|unzipper)\//.test(f))).toEqual([]);
    expect(inputs.filter((f) => f.startsWith('node:') || /^(fs|path|os|crypto|zlib|stream)$/.test(f))).toEqual([]);
    expect(inputs.some((f) => f.includes('node_modules/@codemirror/view/'))).toBe(true);
    // The writers are files of their own, loaded when a workbook or document is saved.
    const exceljs = readFileSync(join(out, 'office-exceljs.js'), 'utf8');
    const docx = readFileSync(join(out, 'office-docx.js'), 'utf8');
    expect(exceljs).toContain('xl/worksheets');
    expect(docx).toContain('word/document.xml');
    expect(readFileSync(join(out, 'app.js'), 'utf8')).not.toContain('word/document.xml');
  });
});

/** A CSV text's cells (quotes, doubled quotes and line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Every indicator's score by its path, the whole tree. */
const scores = (list: readonly IndicatorResult[], into: Record<string, string> = {}): Record<string, string> => {
  for (const n of list) {
    into[n.path] = n.score;
    scores(n.children ?? [], into);
  }
  return into;
};

describe.runIf(chromium !== undefined || required)('the workbench in headless Chromium, opened from disk', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    browser = await launch(chromium);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on Yunxi 2021 (99, 优秀); 重点支出安排率 90% → 85% scores 4 of 5: the total 98 and its reason change, and a reload keeps the work', async () => {
    const { page, context } = await openWorkbench(browser, url);
    expect(await page.locator('#total').textContent()).toBe('99');
    expect(await page.locator('#grade').textContent()).toBe('优秀');
    // 一条扣分：预算管理制度健全性 item ② (1 point).
    expect(await page.locator('#reasons li').allTextContents()).toEqual([expect.stringMatching(/^−1 /)]);
    const figure = page.locator('input[data-input="重点支出安排率"]');
    expect(await figure.inputValue()).toBe('90');
    await figure.fill('85');
    // 80%（含）-90% is 4 points of 5: one more point lost, 99 − 1 = 98, still 优秀 (≥ 90).
    await page.waitForFunction(`document.querySelector('#total')?.textContent === '98'`);
    expect(await page.locator('#grade').textContent()).toBe('优秀');
    const reasons = await page.locator('#reasons li').allTextContents();
    expect(reasons).toHaveLength(2);
    expect(reasons.find((r) => r.includes('重点支出安排率'))).toMatch(/^−1 .*85%/);
    // The sheet itself: the row of 重点支出安排率 scores 4, the 合计 98.
    const row = page.locator('#score-sheet tr.leaf', { hasText: '重点支出安排率' });
    expect(await row.locator('td.num').allTextContents()).toEqual(['5', '4']);
    expect(await page.locator('#score-sheet tr.total td').allTextContents()).toEqual(['合计', '100', '98', '']);
    // 差多少可得满分: the indicator says what 5 points would need.
    expect(await page.locator('#explain li[data-path="投入.预算配置.重点支出安排率"]').textContent()).toMatch(/^重点支出安排率 4\/5：差1分可得满分.*90%/);

    // The work is kept (after a short pause) in the browser's local storage.
    await page.waitForFunction(`(localStorage.getItem('jixiao-workbench') ?? '').includes('"重点支出安排率":"85"')`);
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    expect(await page.locator('input[data-input="重点支出安排率"]').inputValue()).toBe('85');
    expect(await page.locator('#total').textContent()).toBe('98');
    await context.close();
  }, 60_000);

  it('a broken line of the YAML is marked at that line, as you type', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.click('#tab-edit');
    expect(await page.locator('#diagnostics li.ok').count()).toBe(1);
    // The line of `precision: 2` in the bundled rubric, found in the file, not in the page.
    const lines = readFileSync(join(root, 'rubrics/hunan-department.yaml'), 'utf8').split('\n');
    const n = lines.findIndex((l) => l.startsWith('precision:')) + 1;
    expect(n).toBeGreaterThan(1);
    const line = page.locator('.cm-content .cm-line').nth(n - 1);
    expect(await line.textContent()).toBe('precision: 2');
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('x');
    const item = page.locator(`#diagnostics li.error[data-line="${n}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toMatch(/^第 \d+ 行.*“x”.*invalid_value$/);
    // The editor marks it too (the gutter of that line), and the score says the rubric is broken.
    await page.locator('.cm-lint-marker-error').first().waitFor();
    expect(await page.locator('#total').textContent()).toBe('—');
    await context.close();
  }, 60_000);

  it('the editor completes keys and values from the rubric schema and shows a key’s description in Chinese', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.click('#tab-edit');
    // Hover: the description of `precision` in the rubric schema.
    await page.locator('.cm-content .cm-line', { hasText: /^precision: 2$/ }).hover({ position: { x: 25, y: 8 } });
    expect(await page.locator('.cm-schema-hover').textContent()).toContain('小数位数');
    // A new top-level key: `notA` offers the two keys of the rubric that begin so.
    await page.locator('.cm-content .cm-line', { hasText: /^rounding: half-up$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('notA');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect((await options.allTextContents()).map((o) => o.replace(/[^\w].*$/, ''))).toEqual(['notApplicable', 'notApplicableLimit']);
    // Its value: the four policies of the schema. (The list takes a key a moment after it opens.)
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('notApplicable: ');
    await page.keyboard.press('Control+Space');
    await options.first().waitFor();
    expect((await options.allTextContents()).sort()).toEqual(['exclude', 'forbidden', 'full', 'rescale']);
    await context.close();
  }, 60_000);

  it('a filed form dropped on the page opens in the review', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.selectOption('#open-select', 'bundled:project-self-evaluation');
    const text = readFileSync(join(root, 'examples/jishan-2020-peitao/filed.json'), 'utf8');
    const drop = await page.evaluateHandle(`(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(text)}], 'filed.json', { type: 'application/json' })); return d; })()`);
    await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
    await page.locator('#findings li').first().waitFor();
    expect(await page.locator('#tab-review').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#findings li.error').count()).toBe(7);
    await context.close();
  }, 60_000);

  it('an Excel workbook of the Hunan sheet, opened, drafts the same rubric as its CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分表');
    for (const row of parseCsv(readFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), 'utf8'))) ws.addRow(row);
    const file = join(downloads, 'hunan-sheet.xlsx');
    await wb.xlsx.writeFile(file);
    const { page, context } = await openWorkbench(browser, url);
    await page.setInputFiles('#open-file', file);
    await page.locator('#import-summary', { hasText: 'TODO' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-summary').textContent()).toBe(HUNAN_SUMMARY);
    await context.close();
  }, 60_000);

  it('the Hunan sheet as CSV becomes a draft with its TODOs listed; deciding one removes it from the draft', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.setInputFiles('#open-file', join(root, 'tests/fixtures/hunan-sheet.csv'));
    await page.locator('#import-summary', { hasText: 'TODO' }).waitFor();
    // The same counts as `jixiao import tests/fixtures/hunan-sheet.csv` (docs/authoring.md).
    expect(await page.locator('#import-summary').textContent()).toBe(HUNAN_SUMMARY);
    const todos = page.locator('#todos li[data-line]');
    expect(await todos.count()).toBe(hunanDraft.todos);
    const first = await todos.first().locator('.todo').textContent();
    expect(first).toMatch(/^TODO: /);
    const text = () => page.locator('.cm-content').innerText();
    expect((await text()).split('# TODO').length - 1).toBeGreaterThanOrEqual(hunanDraft.todos);
    await todos.first().locator('button.resolve').click();
    await page.waitForFunction(`document.querySelectorAll('#todos li[data-line]').length === ${hunanDraft.todos - 1}`);
    expect(await todos.first().locator('.todo').textContent()).not.toBe(first);
    // The draft loads as it is: the edit view lists what lint says, and the form is there to fill in.
    await page.click('#tab-edit');
    expect(await page.locator('#indicators tbody tr').count()).toBe(23);
    await context.close();
  }, 60_000);

  it("a table copied from Word arrives as HTML (merged cells as rowspan, a cell's lines as paragraphs): the page reads its cells and drafts what the CSV drafts", async () => {
    const cells = parseCsv(readFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), 'utf8'));
    const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    // The level columns merged down over the empty cells below them, as Word's table has them.
    const span = (r: number, c: number) => {
      let n = 1;
      while (c < 3 && r + n < cells.length && !cells[r + n]![c] && cells.slice(r + 1, r + n + 1).every((row) => row.some((x) => x))) n++;
      return n;
    };
    const rows = cells.map((row, r) =>
      `<tr>${row.map((x, c) => (c < 3 && !x && r > 0 && cells.slice(0, r).some((above) => above[c]) ? '' : `<td${span(r, c) > 1 ? ` rowspan="${span(r, c)}"` : ''}>${x.split('\n').map((l) => `<p class="MsoNormal"><span lang="ZH-CN">${esc(l)}</span></p>`).join('')}</td>`)).join('')}</tr>`,
    );
    const html = `<html><body><!--StartFragment--><table class="MsoTableGrid" border="1">${rows.join('')}</table><!--EndFragment--></body></html>`;
    const { page, context } = await openWorkbench(browser, url);
    await page.click('#tab-import');
    // (A script in the page: the clipboard event as the browser fires it on a paste.)
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', ${JSON.stringify(html)});
      dt.setData('text/plain', 'Word 的纯文本分不清单元格内换行与行尾');
      document.getElementById('paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await page.click('#import-paste');
    await page.locator('#import-summary', { hasText: 'TODO' }).waitFor();
    expect(await page.locator('#import-summary').textContent()).toBe(HUNAN_SUMMARY);
    await context.close();
  }, 60_000);

  it('a newcomer pastes the Yunxi 评分表 copied from Word, decides nothing yet, fills in the form and gets the score the library gives the same draft and input', async () => {
    // The table as Word or Excel puts it on the clipboard: cells separated by tabs, a cell with
    // line breaks in quotes. Made here from the CSV of the same sheet.
    const cells = parseCsv(readFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), 'utf8'));
    const tsv = cells.map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n');
    const { page, context } = await openWorkbench(browser, url);
    await page.click('#tab-import');
    await page.fill('#paste', tsv);
    await page.click('#import-paste');
    await page.locator('#import-summary', { hasText: 'TODO' }).waitFor();
    expect(await page.locator('#import-summary').textContent()).toBe(HUNAN_SUMMARY);
    await page.click('#tab-score');
    // Every figure 0 (a rate of 0%, no case of misuse), every judgement its full score, every
    // checklist item met.
    for (const input of await page.locator('input[data-input]').all()) await input.fill('0');
    for (const input of await page.locator('input[data-score]').all()) await input.fill((await input.getAttribute('placeholder'))!.split('–')[1]!);
    for (const box of await page.locator('.assessment .items input[type=checkbox]').all()) await box.check();
    await page.waitForFunction(`/^\\d/.test(document.querySelector('#total')?.textContent ?? '')`);
    const total = await page.locator('#total').textContent();
    const save = async (id: string) => {
      await page.click('.save-menu summary');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      const file = join(downloads, `newcomer-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return readFileSync(file, 'utf8');
    };
    const draft = await save('#save-rubric');
    const input = await save('#save-input');
    expect(draft).toContain('# TODO');
    const expected = evaluate(loadRubric(draft, { file: 'pasted.yaml' }), input);
    expect(total).toBe(expected.total);
    const seen = JSON.parse(await save('#save-result')) as ScoreResult;
    expect(scores(seen.indicators)).toEqual(scores(expected.indicators));
    await context.close();
  }, 60_000);

  it('prints the scored sheet alone, as the HTML sheet prints', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('main').isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('#print-sheet table.sheet tr.leaf').count()).toBe(23);
    expect(await page.locator('#print-sheet tr.total td').allTextContents()).toEqual(['合计', '100', '99', '']);
    const pdf = await page.pdf({ landscape: true, format: 'A4' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await context.close();
  }, 60_000);

  it('reviews the 稷山 2020 form: 7 findings, 94 filed against 99.77 by the rules, each beside its row', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.selectOption('#open-select', 'example:jishan-2020-peitao');
    await page.click('#tab-review');
    await page.locator('#findings li').first().waitFor();
    expect(await page.locator('#findings li.error').count()).toBe(7);
    expect(await page.locator('#review-summary').textContent()).toContain('填报总分 94 · 按规则应得 99.77');
    // 15 × 8676 / 8755 = 14.8646… → 14.86, filed 13.
    const row = page.locator('#review-sheet tr', { hasText: '全县参合人数' });
    expect(await row.locator('td.review').textContent()).toContain('按规则应得14.86分，填报13分，少1.86分');
    expect(await page.locator('#review-sheet tr.total td.review').textContent()).toContain('各项填报得分之和93分，填报总分94分');
    // The funds row, in the funds table above the indicators: 10 × 65.07 / 65.66 = 9.9101… → 9.91, filed 9.
    const funds = page.locator('#review-sheet table.funds tr', { hasText: '预算执行率' });
    expect(await funds.locator('td.review').textContent()).toContain('按规则应得9.91分，填报9分，少0.91分');
    await context.close();
  }, 60_000);

  it('saves the filled-in sheet as XLSX, which reads back with the Yunxi rows and 合计 99', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.click('.save-menu summary');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('#save-filled-xlsx')]);
    expect(download.suggestedFilename()).toBe('hunan-department-scored.xlsx');
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((x) => x.text).join('') : v)))));
    expect(rows.some((r) => r.includes('湖南省部门整体支出绩效评价评分表'))).toBe(true);
    const total = rows.find((r) => r[0] === '合计');
    // exceljs reads a merged cell into each cell it covers: 合计 spans the name columns.
    expect([...new Set(total?.filter((c) => c !== ''))]).toEqual(['合计', '100', '99']);
    expect(rows.find((r) => r.includes('财政供养人员控制率'))).toBeDefined();
    await context.close();
  }, 60_000);

  it('saves the blank sheet as DOCX and HTML: a Word document with the rubric’s rows, a page with no score', async () => {
    const { page, context } = await openWorkbench(browser, url);
    const save = async (id: string) => {
      await page.click('.save-menu summary');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(id)]);
      const file = join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      return { name: download.suggestedFilename(), bytes: readFileSync(file) };
    };
    const docx = await save('#save-blank-docx');
    expect(docx.name).toBe('hunan-department-blank.docx');
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = unzipSync(new Uint8Array(docx.bytes))['word/document.xml'];
    const text = new TextDecoder().decode(xml);
    expect(text).toContain('财政供养人员控制率');
    expect(text).toContain('湖南省部门整体支出绩效评价评分表');
    const html = await save('#save-blank-html');
    expect(html.name).toBe('hunan-department-blank.html');
    expect(html.bytes.toString('utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*财政供养人员控制率/);
    await context.close();
  }, 60_000);

  it('scores every example as the library does: the total and every indicator', async () => {
    const table = JSON.parse(readFileSync(join(root, 'tests/fixtures/examples.json'), 'utf8')) as Record<string, string>;
    const { page, context } = await openWorkbench(browser, url);
    for (const [example, rubricFile] of Object.entries(table)) {
      const bundled = /^rubrics\/(.+)\.yaml$/.exec(rubricFile)?.[1];
      const rubric = bundled ? loadBundledRubric(bundled) : loadRubric(readFileSync(join(root, rubricFile), 'utf8'), { file: rubricFile });
      const expected: ScoreResult = evaluate(rubric, readFileSync(join(root, 'examples', example, 'input.json'), 'utf8'));
      await page.selectOption('#open-select', `example:${example}`);
      await page.waitForFunction(`document.querySelector('#total')?.textContent === ${JSON.stringify(expected.total)}`);
      await page.click('.save-menu summary');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-result')]);
      const file = join(downloads, `${example}.json`);
      await download.saveAs(file);
      const seen = JSON.parse(readFileSync(file, 'utf8')) as ScoreResult;
      expect({ example, total: seen.total, grade: seen.grade, fingerprint: seen.rubric.fingerprint }).toEqual({ example, total: expected.total, grade: expected.grade, fingerprint: expected.rubric.fingerprint });
      expect(scores(seen.indicators)).toEqual(scores(expected.indicators));
    }
    await context.close();
  }, 120_000);

  it('a share link carries the rubric and the input, compressed, into a fresh browser', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.locator('input[data-input="满意度"]').fill('85');
    await page.waitForFunction(`document.querySelector('#total')?.textContent !== '99'`);
    const total = await page.locator('#total').textContent();
    await page.click('#share');
    await page.waitForFunction(`document.querySelector('#share-link').value.includes('#w=')`);
    const link = await page.locator('#share-link').inputValue();
    expect(link).toMatch(/#w=[\w-]+$/);
    await context.close();
    const other = await openWorkbench(browser, link);
    expect(await other.page.locator('input[data-input="满意度"]').inputValue()).toBe('85');
    expect(await other.page.locator('#total').textContent()).toBe(total);
    await other.context.close();
  }, 60_000);

  it('switches to English and back; every control has a label; the views change by keyboard', async () => {
    const { page, context } = await openWorkbench(browser, url);
    await page.click('#lang');
    expect(await page.locator('#tab-score').textContent()).toBe('Fill in and score');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Every visible control (and every tab) has a name a screen reader says: a label, an
    // aria-label or its own text.
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
      .filter((e) => e.offsetParent !== null || e.closest('[role=tab]'))
      .filter((e) => !((e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label') || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.textContent ?? '').trim()))
      .map((e) => e.outerHTML.slice(0, 80))`);
    expect(unlabelled).toEqual([]);
    await page.click('#lang');
    expect(await page.locator('#tab-score').textContent()).toBe('填报与计分');
    // The views by keyboard: the arrow keys move along the tabs, the open one is the one in the tab order.
    await page.focus('#tab-score');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-import');
    expect(await page.locator('#view-import').isVisible()).toBe(true);
    expect(await page.locator('[role=tab][tabindex="0"]').getAttribute('id')).toBe('tab-import');
    await context.close();
  }, 60_000);
});

// A tiny guard that the build script is the one `npm run build:playground` runs.
it('npm run build:playground builds playground/ with its own build script', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; workspaces: string[]; dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  const app = JSON.parse(readFileSync(join(root, 'playground/package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
  expect(pkg.workspaces).toEqual(['playground']);
  expect(pkg.scripts['build:playground']).toBe('npm run build --workspace playground');
  expect(app.scripts.build).toBe('node build.mjs');
  // The workbench's dependencies are its own: none of them is the library's.
  for (const dep of Object.keys(app.devDependencies)) {
    expect(Object.keys(pkg.dependencies)).not.toContain(dep);
    expect(Object.keys(pkg.peerDependencies)).not.toContain(dep);
  }
  expect(spawnSync(process.execPath, ['--check', join(root, 'playground/serve.mjs')]).status).toBe(0);
  writeFileSync(join(downloads, '.done'), '');
});
